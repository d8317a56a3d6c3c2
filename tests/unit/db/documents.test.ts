import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { listAudit } from '$lib/db/audit';
import { saveModelCardEdits } from '$lib/db/modelCards';
import { changeDocumentStatus, documentLine, saveDocumentText, startDocument } from '$lib/db/documents';
import { documentFacts } from '$lib/db/documentFacts';
import { datasetVersionFacts, modelVersionFacts } from '$lib/db/governanceFacts';
import { sectionFacts } from '$lib/core/documents/governed/catalog';
import { EMPTY_MODEL_CARD_EDITS } from '$lib/core/registry/modelCardEdits';
import { evaluateEvidence } from '$lib/core/governance/evidenceCatalog';
import { everyRecord, expectRefused, freshDbsPerTest, seedEveryTable, type SeededIds } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;
let ids: SeededIds;

const ANA = { personId: 'p-ana', name: 'Ana' };
const BEN = { personId: 'p-ben', name: 'Ben' };
const FILLED = { motivation: 'Route tickets.', composition: 'One ticket per row.', collection: 'Exported from the helpdesk.', uses: 'Routing only.' };

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Docs' })).id;
  ids = await seedEveryTable(db, projectId, 'd');
});

const floor = { metric: 'accuracy', min: 0.8, minExamples: 30 } as const;

describe('governed documents in the database', () => {
  it('generates a datasheet’s facts from the data stage and refuses review until the required sections are written', async () => {
    const doc = await startDocument(db, { projectId, kind: 'datasheet', subjectId: ids.datasetVersionId, by: ANA });
    expect(doc).toMatchObject({ version: 1, status: 'draft', parentId: null });
    const { subject, facts } = await documentFacts(db, doc);
    expect(subject).toBe('dataset v1');
    const lines = sectionFacts(facts);
    expect(lines.composition[0].text).toMatch(/^6 rows in v1/);
    expect(lines.collection[0].text).toMatch(/^d\.csv: 6 rows/);
    expect(lines.preprocessing.at(-1)?.text).toBe('1 label change by you.');
    const before = await everyRecord(db);
    await expectRefused(db, () => changeDocumentStatus(db, { id: doc.id, action: 'submit', by: ANA }), /Required sections are empty: Motivation, Composition, Collection, Uses/);
    expect(await everyRecord(db)).toEqual(before);
  });

  it('approves with a second person, keeps the approved version unchanged, edits into a v2 draft, and counts as gate evidence', async () => {
    const doc = await startDocument(db, { projectId, kind: 'datasheet', subjectId: ids.datasetVersionId, by: ANA });
    await saveDocumentText(db, { id: doc.id, fields: FILLED, by: ANA });
    await changeDocumentStatus(db, { id: doc.id, action: 'submit', by: ANA });
    const inReview = await everyRecord(db);
    await expectRefused(db, () => changeDocumentStatus(db, { id: doc.id, action: 'approve', by: ANA }), 'Ana edited v1 last: another person must approve it.');
    await expectRefused(db, () => changeDocumentStatus(db, { id: doc.id, action: 'return', by: BEN, note: ' ' }), 'Say what to change when returning a document to Draft.');
    expect(await everyRecord(db)).toEqual(inReview);
    const evidence = async () => evaluateEvidence(['datasheet-approved'], { kind: 'dataset-version', facts: await datasetVersionFacts(db, ids.datasetVersionId) }, floor)[0];
    expect((await evidence()).status).toBe('not-yet');
    const approved = await changeDocumentStatus(db, { id: doc.id, action: 'approve', by: BEN });
    expect(approved.status).toBe('approved');
    expect(await evidence()).toMatchObject({ status: 'pass', reason: 'v1 approved by Ben.' });

    const v2 = await saveDocumentText(db, { id: doc.id, fields: { ...FILLED, uses: 'Routing and reporting.' }, by: ANA });
    expect(v2).toMatchObject({ version: 2, status: 'draft', parentId: doc.id, fields: { uses: 'Routing and reporting.' } });
    expect((await db.documents.get(doc.id))?.fields.uses).toBe('Routing only.');
    await expectRefused(db, () => saveDocumentText(db, { id: doc.id, fields: FILLED, by: ANA }), 'v2 is newer than v1: edit that one.');
    await changeDocumentStatus(db, { id: v2.id, action: 'submit', by: ANA });
    await changeDocumentStatus(db, { id: v2.id, action: 'approve', by: BEN });
    const line = await documentLine(db, projectId, 'datasheet', ids.datasetVersionId);
    expect(line.map((d) => [d.version, d.status])).toEqual([[1, 'archived'], [2, 'approved']]);
    expect(line[0].transitions.at(-1)?.note).toBe('Superseded by v2');
    const actions = (await listAudit(db, projectId)).map((e) => e.action).filter((a) => a.startsWith('document.'));
    expect(actions.sort()).toEqual(['document.approve', 'document.approve', 'document.edit', 'document.edit', 'document.start', 'document.submit', 'document.submit'].sort());
  });

  it('makes a model card a document from the text already written, then edits it only as a document', async () => {
    await saveModelCardEdits(db, { modelVersionId: ids.modelVersionId, edits: { ...EMPTY_MODEL_CARD_EDITS, overview: 'Routes tickets.' }, by: 'Ana' });
    const doc = await startDocument(db, { projectId, kind: 'model-card', subjectId: ids.modelVersionId, by: ANA });
    expect(doc.fields.overview).toBe('Routes tickets.');
    await expectRefused(db, () => saveModelCardEdits(db, { modelVersionId: ids.modelVersionId, edits: { ...EMPTY_MODEL_CARD_EDITS, overview: 'Other' }, by: 'Ana' }), /is a governed document: edit it under Govern → Documents/);
    await saveDocumentText(db, { id: doc.id, fields: { ...doc.fields, owners: 'Support tooling team' }, by: ANA });
    expect((await db.modelCards.get(ids.modelVersionId))?.edits).toMatchObject({ overview: 'Routes tickets.', owners: 'Support tooling team' });
    const judged = async () => evaluateEvidence(['model-card-approved'], { kind: 'model-version', facts: await modelVersionFacts(db, ids.modelVersionId) }, floor)[0].status;
    expect(await judged()).toBe('not-yet');
  });

  it('refuses a subject from another project, and a change with nobody acting, writing nothing', async () => {
    const other = (await createProject(db, { name: 'Other' })).id;
    await expectRefused(db, () => startDocument(db, { projectId: other, kind: 'datasheet', subjectId: ids.datasetVersionId, by: ANA }), 'That dataset version does not exist in this project.');
    await expectRefused(db, () => startDocument(db, { projectId, kind: 'annex-iv', subjectId: projectId, by: null }), /^Choose who is acting/);
    const annex = await startDocument(db, { projectId, kind: 'annex-iv', subjectId: projectId, by: ANA });
    const facts = sectionFacts((await documentFacts(db, annex)).facts);
    expect(facts['intended-purpose'][0].text).toBe('Risk tier: not assessed.');
    expect(facts['design-training'][0].text).toBe('1 training run (softmax-regression).');
  });
});
