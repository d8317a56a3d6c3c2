/**
 * A project's governance records in and out of a snapshot (core/snapshot/governance.ts), one
 * entry per kind: its table, how the export reads it in a stable order, and how the import
 * rewrites the ids it names. Carrying a new kind is one entry here (and one in the core's list).
 */
import type { Table } from 'dexie';
import type { LifecycleDatabase } from '../database';
import { listPolicyVersions } from '../governancePolicy';
import { GOVERNANCE_KINDS, type GovernanceItems, type GovernanceKind, type SnapshotGovernance } from '$lib/core/snapshot/governance';
import type { SubjectRef } from '$lib/core/governance/subjects';
import type { Actor } from '$lib/core/governance/records';

/** The id a record of the document has in this database (fresh, or kept). */
type IdMap = (id: string) => string;

const byTime = <T extends { at: string; id: string }>(items: T[]) => items.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
const plain = <T extends { projectId: string }>({ projectId: _p, ...record }: T) => record;
/** The project's records of an append-only table, oldest first (ties by id), without the project. */
const byProject = async <T extends { projectId: string; id: string; at: string }, I>(table: Table<T, string, I>, projectId: string) =>
  byTime((await table.where('projectId').equals(projectId).toArray()).map(plain));

function subject(s: SubjectRef, to: IdMap): SubjectRef {
  return s.kind === 'dataset-version' ? { ...s, datasetVersionId: to(s.datasetVersionId) } : { ...s, modelVersionId: to(s.modelVersionId), runId: to(s.runId) };
}
const actor = (a: Actor, to: IdMap): Actor => ({ ...a, personId: to(a.personId) });
/** Review evidence: its own id and the dataset version it was stored on (a mark's or answers' person aside). */
const onVersion = <T extends { id: string; datasetVersionId: string }>(r: T, to: IdMap): T => ({ ...r, id: to(r.id), datasetVersionId: to(r.datasetVersionId) });

interface KindIo<K extends GovernanceKind> {
  table: (db: LifecycleDatabase) => Table;
  read: (db: LifecycleDatabase, projectId: string) => Promise<GovernanceItems[K][]>;
  /** The item with the ids it has and names rewritten to this database's. */
  remap: (item: GovernanceItems[K], to: IdMap) => GovernanceItems[K];
}

const KINDS: { [K in GovernanceKind]: KindIo<K> } = {
  policyVersions: {
    table: (db) => db.policyVersions,
    read: async (db, projectId) => (await listPolicyVersions(db, projectId)).map(({ status: _s, ...p }) => structuredClone(p)),
    remap: (p) => structuredClone(p),
  },
  people: {
    table: (db) => db.people,
    read: async (db, projectId) => (await db.people.where('projectId').equals(projectId).toArray()).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).map(plain),
    remap: (p, to) => ({ ...p, id: to(p.id), roles: [...p.roles] }),
  },
  reviewRequests: {
    table: (db) => db.reviewRequests,
    read: (db, projectId) => byProject(db.reviewRequests, projectId),
    remap: (r, to) => ({ ...r, id: to(r.id), subject: subject(r.subject, to), requestedBy: { ...r.requestedBy, personId: to(r.requestedBy.personId) }, policy: { ...r.policy } }),
  },
  decisions: {
    table: (db) => db.decisions,
    // Snapshot v2 has no place for signatures (the signing section comes with v3): decisions travel unsigned.
    read: async (db, projectId) => (await byProject(db.decisions, projectId)).map(({ signature: _s, ...d }) => d),
    remap: (d, to) => ({ ...d, id: to(d.id), requestId: to(d.requestId), subject: subject(d.subject, to), by: actor(d.by, to), policy: { ...d.policy } }),
  },
  waivers: {
    table: (db) => db.waivers,
    read: (db, projectId) => byProject(db.waivers, projectId),
    remap: (w, to) => ({ ...w, id: to(w.id), subject: subject(w.subject, to), grantedBy: actor(w.grantedBy, to), policy: { ...w.policy } }),
  },
  checkRuns: {
    table: (db) => db.checkRuns,
    read: (db, projectId) => byProject(db.checkRuns, projectId),
    remap: (r, to) => ({ ...onVersion(r, to), pii: { ...r.pii } }),
  },
  checkReviews: {
    table: (db) => db.checkReviews,
    read: (db, projectId) => byProject(db.checkReviews, projectId),
    remap: (m, to) => ({ ...onVersion(m, to), personId: to(m.personId) }),
  },
  ethicsAnswers: {
    table: (db) => db.ethicsAnswers,
    read: (db, projectId) => byProject(db.ethicsAnswers, projectId),
    remap: (a, to) => ({ ...onVersion(a, to), personId: to(a.personId) }),
  },
};

/** The governance tables, for the export's read transaction and the import's write. */
export function governanceTables(db: LifecycleDatabase): Table[] {
  return [...GOVERNANCE_KINDS.map((kind) => KINDS[kind].table(db)), db.policyDrafts];
}

/** The project's governance section; call inside a transaction over {@link governanceTables}. */
export async function governanceSection(db: LifecycleDatabase, projectId: string): Promise<SnapshotGovernance> {
  const lists = await Promise.all(GOVERNANCE_KINDS.map((kind) => KINDS[kind].read(db, projectId)));
  const draft = await db.policyDrafts.get(projectId);
  return {
    ...(Object.fromEntries(GOVERNANCE_KINDS.map((kind, i) => [kind, lists[i]])) as unknown as Omit<SnapshotGovernance, 'policyDraft'>),
    policyDraft: draft ? { version: draft.version, basedOn: draft.basedOn, data: structuredClone(draft.data), updatedAt: draft.updatedAt } : null,
  };
}

/** The ids of the section's records, which an import under fresh ids replaces. */
export function governanceIds(g: SnapshotGovernance): string[] {
  // People who acted and were removed since are named by records only: their ids are remapped too.
  const actors = [...g.reviewRequests.map((r) => r.requestedBy), ...g.decisions.map((d) => d.by), ...g.waivers.map((w) => w.grantedBy), ...g.checkReviews, ...g.ethicsAnswers].map((a) => a.personId);
  const records = [...g.people, ...g.reviewRequests, ...g.decisions, ...g.waivers, ...g.checkRuns, ...g.checkReviews, ...g.ethicsAnswers];
  return [...new Set([...records.map((r) => r.id), ...actors])];
}

/** Writes the section as the project's records; call inside the import's transaction. */
export async function writeGovernance(db: LifecycleDatabase, projectId: string, g: SnapshotGovernance, to: IdMap): Promise<void> {
  for (const kind of GOVERNANCE_KINDS) {
    const io = KINDS[kind] as KindIo<typeof kind>;
    const items = g[kind] as GovernanceItems[typeof kind][];
    await io.table(db).bulkAdd(items.map((item) => ({ projectId, ...io.remap(item, to) })));
  }
  if (g.policyDraft) await db.policyDrafts.add({ projectId, status: 'draft', ...structuredClone(g.policyDraft) });
}
