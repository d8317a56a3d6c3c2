import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject, getProject } from '$lib/db/projects';
import {
  classBalanceOf, countRows, createDatasetVersion, getRows, listDatasetVersions, writeDatasetVersion, type NewDatasetVersion, type NewRow,
} from '$lib/db/datasets';
import { listAudit } from '$lib/db/audit';
import { freshDb, makeRows, storedRowCount } from './testDb';

let db: LifecycleDatabase;
let project: ProjectRecord;

beforeEach(async () => {
  db = freshDb();
  project = await createProject(db, { name: 'Data' });
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

function input(rows: readonly NewRow[], overrides: Partial<NewDatasetVersion> = {}): NewDatasetVersion {
  return {
    projectId: project.id,
    source: { name: 'tickets.csv' },
    message: 'first import',
    schema: [
      { name: 'text', type: 'text' },
      { name: 'label', type: 'label' },
    ],
    rows,
    ...overrides,
  };
}

async function tableCounts(): Promise<Record<string, number>> {
  return {
    imports: await db.imports.count(),
    datasetVersions: await db.datasetVersions.count(),
    rows: await storedRowCount(db),
    auditLog: await db.auditLog.count(),
  };
}

describe('createDatasetVersion', () => {
  it('writes the version and its rows in order with 0-based indices', async () => {
    const rows: NewRow[] = [
      { key: 'k-b', text: 'second alphabetically, first in file', label: 'Billing', meta: { channel: 'email' } },
      { key: 'k-a', text: 'first alphabetically', label: null, timestamp: '2026-01-02T00:00:00.000Z', meta: {} },
      { key: 'k-c', text: 'third', label: 'Technical Issue', split: 'test', meta: { tier: 'pro', n: 3, x: null } },
    ];
    const version = await createDatasetVersion(db, input(rows));
    expect(version).toMatchObject({
      projectId: project.id,
      parentId: null,
      number: 1,
      message: 'first import',
      rowCount: 3,
      classBalance: { Billing: 1, '': 1, 'Technical Issue': 1 },
    });
    expect(version.contentHash).toMatch(/^[0-9a-f]{32}$/);
    expect(await db.datasetVersions.get(version.id)).toEqual(version);

    const stored = await getRows(db, version.id, { offset: 0, limit: 10 });
    expect(stored).toEqual(rows);
    expect(await countRows(db, version.id)).toBe(3);
  });

  it('records the import (with its seed), audits the version and bumps the project', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-05-05T05:05:05.000Z'));
    const version = await createDatasetVersion(
      db,
      input(makeRows(4), { source: { name: 'generator:tickets', seed: 42 }, message: 'generated' }),
    );
    const imports = await db.imports.toArray();
    expect(imports).toEqual([
      {
        id: version.importId,
        projectId: project.id,
        source: 'generator:tickets',
        createdAt: '2030-05-05T05:05:05.000Z',
        rowCount: 4,
        seed: 42,
      },
    ]);
    const [entry] = await listAudit(db, project.id);
    expect(entry.action).toBe('data.version');
    expect(entry.refs).toEqual({ datasetVersionId: version.id, importId: version.importId });
    expect(entry.detail).toContain('4 rows');
    expect((await getProject(db, project.id))?.updatedAt).toBe('2030-05-05T05:05:05.000Z');
  });

  it('reuses an existing import instead of writing a new one', async () => {
    const first = await createDatasetVersion(db, input(makeRows(3)));
    const second = await createDatasetVersion(
      db,
      input(makeRows(2), { source: { importId: first.importId }, parentId: first.id, message: 'relabelled' }),
    );
    expect(second.importId).toBe(first.importId);
    expect(second.parentId).toBe(first.id);
    expect(await db.imports.count()).toBe(1);
  });

  it("follows the project's newest version read inside the write, so writes at the same moment chain", async () => {
    const first = await createDatasetVersion(db, input(makeRows(1), { parentId: 'newest' }));
    expect(first.parentId).toBeNull();
    const written = await Promise.all([1, 2, 3].map((n) => createDatasetVersion(db, input(makeRows(n), { parentId: 'newest', message: `import ${n}` }))));
    const chain = (await listDatasetVersions(db, project.id)).reverse();
    expect(chain.map((v) => v.parentId)).toEqual([null, ...chain.slice(0, -1).map((v) => v.id)]);
    expect(written.map((v) => v.number).sort()).toEqual([2, 3, 4]);
  });

  it('numbers versions 1, 2, 3 per project and lists them newest first', async () => {
    const other = await createProject(db, { name: 'Other' });
    const v1 = await createDatasetVersion(db, input(makeRows(1)));
    const o1 = await createDatasetVersion(db, input(makeRows(1), { projectId: other.id }));
    const v2 = await createDatasetVersion(db, input(makeRows(2)));
    const v3 = await createDatasetVersion(db, input(makeRows(3)));
    expect([v1.number, v2.number, v3.number]).toEqual([1, 2, 3]);
    expect(o1.number).toBe(1);
    expect((await listDatasetVersions(db, project.id)).map((v) => v.id)).toEqual([v3.id, v2.id, v1.id]);
    expect((await listDatasetVersions(db, other.id)).map((v) => v.id)).toEqual([o1.id]);
  });

  it('reports progress per batch of blocks up to the total', async () => {
    const progress: [number, number][] = [];
    await createDatasetVersion(db, input(makeRows(20001)), (written, total) => progress.push([written, total]));
    // Blocks of 2,000 rows, written 8 blocks per request.
    expect(progress).toEqual([
      [16000, 20001],
      [20001, 20001],
    ]);
    expect(await storedRowCount(db)).toBe(20001);
    expect(await db.rowBlocks.count()).toBe(11);
  }, 30_000);
});

describe('content hash', () => {
  it('is deterministic and ignores the order of meta keys', async () => {
    const a: NewRow[] = [{ key: '1', text: 'refund please', label: 'Billing', meta: { channel: 'chat', tier: 'pro' } }];
    const b: NewRow[] = [{ key: '1', text: 'refund please', label: 'Billing', meta: { tier: 'pro', channel: 'chat' } }];
    const first = await createDatasetVersion(db, input(a));
    const again = await createDatasetVersion(db, input(a.map((r) => ({ ...r }))));
    const reordered = await createDatasetVersion(db, input(b));
    expect(again.contentHash).toBe(first.contentHash);
    expect(reordered.contentHash).toBe(first.contentHash);
  });

  it('changes when a label, a text or a meta value changes, but not with row order', async () => {
    const rows = makeRows(3, ['x', 'y', 'z']);
    const base = (await createDatasetVersion(db, input(rows))).contentHash;
    const variants: NewRow[][] = [
      rows.map((r, i) => (i === 1 ? { ...r, label: 'x' } : r)),
      rows.map((r, i) => (i === 1 ? { ...r, label: null } : r)),
      rows.map((r, i) => (i === 2 ? { ...r, text: `${r.text}!` } : r)),
      rows.map((r, i) => (i === 0 ? { ...r, meta: { n: 99 } } : r)),
    ];
    const hashes = new Set([base]);
    for (const variant of variants) hashes.add((await createDatasetVersion(db, input(variant))).contentHash);
    expect(hashes.size).toBe(variants.length + 1);
    // Rows are identified by key, so the same rows in another order are the same content.
    const shuffled = await createDatasetVersion(db, input([rows[1], rows[0], rows[2]]));
    expect(shuffled.contentHash).toBe(base);
  });
});

describe('classBalanceOf', () => {
  it('counts rows per label, unlabelled under the empty string', () => {
    expect(classBalanceOf([{ label: 'a' }, { label: 'b' }, { label: 'a' }, { label: null }])).toEqual({ a: 2, b: 1, '': 1 });
    expect(classBalanceOf([])).toEqual({});
  });
});

describe('getRows', () => {
  it('pages through the rows of one version in stored order', async () => {
    const version = await createDatasetVersion(db, input(makeRows(25)));
    await createDatasetVersion(db, input(makeRows(25))); // another version's rows must not leak in
    const page = async (offset: number, limit: number) =>
      (await getRows(db, version.id, { offset, limit })).map((r) => r.key);
    expect(await page(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`));
    expect(await page(10, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `r${10 + i}`));
    expect(await page(20, 10)).toEqual(['r20', 'r21', 'r22', 'r23', 'r24']);
    expect(await page(25, 10)).toEqual([]);
    expect((await getRows(db, version.id, { offset: 5, limit: 3 })).map((r) => r.key)).toEqual(['r5', 'r6', 'r7']);
    // Pages that cross a block boundary read both blocks.
    const big = await createDatasetVersion(db, input(makeRows(4500)));
    expect((await getRows(db, big.id, { offset: 1998, limit: 4 })).map((r) => r.key)).toEqual(['r1998', 'r1999', 'r2000', 'r2001']);
    expect((await getRows(db, big.id, { offset: 4498, limit: 10 })).map((r) => r.key)).toEqual(['r4498', 'r4499']);
  });
});

describe('atomicity: a failed write leaves nothing behind', () => {
  it('rejects an unknown project', async () => {
    const before = await tableCounts();
    await expect(createDatasetVersion(db, input(makeRows(5), { projectId: 'no-such-project' }))).rejects.toThrow(
      'That project no longer exists.',
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('rolls back the import, version and rows when a later block fails', async () => {
    await createDatasetVersion(db, input(makeRows(2))); // an existing version stays as it is
    const before = await tableCounts();
    // A value JSON cannot store, in the second batch of blocks: the first batch is written, then it fails.
    const bad = makeRows(20003).map((r, i) => (i === 17000 ? { ...r, meta: { n: 10n as unknown as number } } : r));
    await expect(writeDatasetVersion(db, { ...input(bad), contentHash: 'x' })).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);
    // No gap either: the next version is number 2.
    expect((await createDatasetVersion(db, input(makeRows(1)))).number).toBe(2);
  }, 30_000);

  it('rolls back when a row cannot be stored at all', async () => {
    const before = await tableCounts();
    const rows = makeRows(10);
    const bad = rows.map((r, i) => (i === 7 ? { ...r, meta: { big: 10n as unknown as number } } : r));
    await expect(createDatasetVersion(db, input(bad))).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);
  });

  it('rolls back when the progress callback throws mid-way', async () => {
    const before = await tableCounts();
    const onProgress = vi.fn((written: number) => {
      if (written === 16000) throw new Error('progress listener broke');
    });
    await expect(createDatasetVersion(db, input(makeRows(20002)), onProgress)).rejects.toThrow('progress listener broke');
    expect(onProgress).toHaveBeenCalledTimes(1);
    expect(await tableCounts()).toEqual(before);
    expect((await getProject(db, project.id))?.updatedAt).toBe(project.updatedAt);
  }, 30_000);
});
