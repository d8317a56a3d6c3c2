import { describe, expect, it } from 'vitest';
import { decideEdit, decideTransition, isImmutable, lastEditor, type DocumentVersion } from '$lib/core/documents/governed/flow';

const ANA = { personId: 'p-ana', name: 'Ana' };
const BEN = { personId: 'p-ben', name: 'Ben' };

function version(over: Partial<DocumentVersion> = {}): DocumentVersion {
  return {
    id: 'd1', projectId: 'p', kind: 'datasheet', subjectId: 'dv1', version: 1, status: 'draft', fields: {}, parentId: null, createdAt: '2026-12-01T00:00:00.000Z',
    transitions: [{ status: 'draft', at: '2026-12-01T00:00:00.000Z', by: ANA, note: 'Started' }],
    ...over,
  };
}
const ctx = (by = ANA, missing: string[] = [], note = '') => ({ by, missing, note });

describe('document state machine', () => {
  it('goes Draft → In review → Approved → Archived, and In review back to Draft with a reason', () => {
    expect(decideTransition(version(), 'submit', ctx())).toMatchObject({ ok: true, to: 'in-review' });
    expect(decideTransition(version({ status: 'in-review' }), 'approve', ctx(BEN))).toMatchObject({ ok: true, to: 'approved' });
    expect(decideTransition(version({ status: 'approved' }), 'archive', ctx(BEN))).toMatchObject({ ok: true, to: 'archived' });
    expect(decideTransition(version({ status: 'in-review' }), 'return', ctx(BEN, [], 'Name the sources'))).toMatchObject({ ok: true, to: 'draft' });
    expect(decideTransition(version({ status: 'in-review' }), 'return', ctx(BEN, [], '  '))).toEqual({ ok: false, reason: 'Say what to change when returning a document to Draft.' });
  });

  it('refuses transitions from the wrong status, and any without an acting person', () => {
    expect(decideTransition(version(), 'approve', ctx(BEN))).toEqual({ ok: false, reason: 'v1 is Draft: it cannot be approved (only from In review).' });
    expect(decideTransition(version({ status: 'archived' }), 'submit', ctx())).toMatchObject({ ok: false });
    expect(decideTransition(version({ status: 'in-review' }), 'archive', ctx())).toMatchObject({ ok: false });
    expect(decideTransition(version(), 'submit', { by: null, missing: [], note: '' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^Choose who is acting/) });
  });

  it('keeps a document with required sections empty in Draft', () => {
    expect(decideTransition(version(), 'submit', ctx(ANA, ['Motivation', 'Uses']))).toEqual({
      ok: false,
      reason: 'Required sections are empty: Motivation, Uses. The document stays in Draft until they are written.',
    });
  });

  it('lets nobody approve a version they edited last', () => {
    const edited = version({ status: 'in-review', transitions: [...version().transitions, { status: 'draft', at: 't', by: BEN, note: 'Edited' }, { status: 'in-review', at: 't', by: ANA, note: '' }] });
    expect(lastEditor(edited)).toEqual(BEN);
    expect(decideTransition(edited, 'approve', ctx(BEN))).toEqual({ ok: false, reason: 'Ben edited v1 last: another person must approve it.' });
    expect(decideTransition(edited, 'approve', ctx(ANA))).toMatchObject({ ok: true });
  });
});

describe('immutability', () => {
  it('edits a Draft in place, makes a new Draft version of an in-review or approved one, and keeps an archived one', () => {
    expect(decideEdit(version(), version(), ANA)).toEqual({ ok: true, mode: 'in-place' });
    const approved = version({ status: 'approved' });
    expect(decideEdit(approved, approved, ANA)).toEqual({ ok: true, mode: 'new-version' });
    expect(decideEdit(version({ status: 'in-review' }), version({ status: 'in-review' }), ANA)).toEqual({ ok: true, mode: 'new-version' });
    expect(decideEdit(version({ status: 'archived' }), version({ status: 'archived' }), ANA)).toEqual({ ok: false, reason: 'v1 is archived: it is kept as it is.' });
    expect(isImmutable('approved') && isImmutable('in-review') && isImmutable('archived') && !isImmutable('draft')).toBe(true);
  });

  it('edits only the newest version of a document', () => {
    expect(decideEdit(version({ status: 'approved' }), version({ id: 'd2', version: 2 }), ANA)).toEqual({ ok: false, reason: 'v2 is newer than v1: edit that one.' });
    expect(decideEdit(version(), version(), null)).toMatchObject({ ok: false });
  });
});
