/**
 * Import a lifecycle snapshot as a new project. The document is read and checked completely
 * first (core/snapshot/readSnapshot.ts), then its audit chain and head are verified
 * (core/snapshot/snapshotChain.ts) and every sign-off's signature (core/snapshot/signing.ts):
 * nothing is written unless all of it holds. Then every record is written in ONE transaction,
 * so a failure half-way (a full disk, a crash) leaves the database exactly as it was. Keys are
 * stored without a private half: they verify, they cannot sign. An import never touches an existing project: when the name is
 * taken, the new one is called "… (imported)", "… (imported 2)", ….
 *
 * Ids: when none of the document's records exists here (another browser, a restored backup,
 * the project deleted since), they keep their ids and a verified trail is stored as it was —
 * same entries, same hashes, same head. Otherwise (a copy beside the original) every record gets
 * a fresh id and the trail is chained anew under them; the import entry names the exported head.
 * A signature covers the ids it was made over, so such a copy keeps its decisions unsigned (they
 * were verified; the file and the original still prove them).
 */
import type { Table } from 'dexie';
import type { LifecycleDatabase } from '../database';
import type { ProjectRecord } from '../records';
import { newId, nowIso } from '../ids';
import { appendAudit, appendAuditEntries, restoreAuditChain } from '../audit';
import { sha256Hex } from '$lib/core/governance/auditChain';
import { verifySnapshotChain, type ChainCheck } from '$lib/core/snapshot/snapshotChain';
import { writeGovernance, writeSigningKeys } from './governanceSnapshot';
import { verifySnapshotSignatures } from '$lib/core/snapshot/signing';
import { writeRowBlocks } from '../rowBlocks';
import { PROJECT_NAME_MAX } from '../projects';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { describeProblems, readSnapshot, readSnapshotValue } from '$lib/core/snapshot/readSnapshot';
import type { SnapshotProblem } from '$lib/core/snapshot/problems';
import { IMPORT_AUDIT_ACTION } from '$lib/core/snapshot/normalizeForComparison';
import { recordsFromSnapshot } from './fromSnapshot';

/** Thrown when the snapshot is invalid; nothing was written. */
export class SnapshotImportError extends Error {
  constructor(readonly problems: SnapshotProblem[]) {
    super(describeProblems(problems));
    this.name = 'SnapshotImportError';
  }
}

export interface ImportSnapshotResult {
  project: ProjectRecord;
  /** What was not carried over, for the user. */
  warnings: string[];
  /** The schema version the file was migrated from; null when it was current. */
  migratedFrom: number | null;
}

const TRAIL_WORDS: Record<ChainCheck, string> = {
  verified: 'Its audit trail was verified entry by entry against its hashes and head.',
  'links-only': 'Its audit trail was masked, so only its links and head could be verified, not what the entries say.',
  unchained: 'Its audit trail came without hashes (an older snapshot) and could not be verified.',
};

/** Whether no record of the document exists here, so all can keep their ids. */
async function idsAreFree(db: LifecycleDatabase, doc: SnapshotDocument): Promise<boolean> {
  const ids = (items: readonly { id: string }[]) => items.map((x) => x.id);
  const { datasets, registry, governance: g } = doc;
  const keyed: [Table, (string | [string, string])[]][] = [
    [db.projects, [doc.project.id]], [db.imports, ids(datasets.imports)], [db.datasetVersions, ids(datasets.versions)], [db.slices, ids(datasets.slices)],
    [db.runs, ids(doc.runs)], [db.modelVersions, ids(registry.modelVersions)], [db.deployments, ids(doc.deployments)], [db.driftReports, ids(doc.driftReports)],
    [db.gates, ids(doc.gates)], [db.people, ids(g.people)], [db.reviewRequests, ids(g.reviewRequests)], [db.decisions, ids(g.decisions)], [db.waivers, ids(g.waivers)],
    [db.checkRuns, ids(g.checkRuns)], [db.checkReviews, ids(g.checkReviews)], [db.ethicsAnswers, ids(g.ethicsAnswers)],
    [db.riskAssessments, ids(g.riskAssessments)], [db.documents, ids(g.documents)], [db.templateFills, ids(g.templateFills)], [db.playbookTicks, ids(g.playbookTicks)],
    [db.signingKeys, doc.signing.keys.map((k): [string, string] => [k.personId, k.fingerprint])],
  ];
  const found = await Promise.all(keyed.map(([table, keys]) => table.bulkGet(keys)));
  return found.every((records) => records.every((r) => r === undefined));
}

/** `name`, or "name (imported)", "name (imported 2)", … — the first not among `taken`, within the length limit. */
export function importedName(name: string, taken: ReadonlySet<string>): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (!taken.has(clean)) return clean;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (imported)' : ` (imported ${n})`;
    const candidate = `${clean.slice(0, PROJECT_NAME_MAX - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Reads `source` (snapshot text, or an already parsed value) and writes it as a new project.
 * Throws {@link SnapshotImportError} listing every problem when it is invalid. `restore`: the
 * text is this browser's own backup of the project, which keeps its scenario (the sample stays
 * the sample); an imported file becomes an ordinary project.
 */
export async function importSnapshot(db: LifecycleDatabase, source: string | unknown, options: { by?: string; restore?: boolean } = {}): Promise<ImportSnapshotResult> {
  const read = typeof source === 'string' ? readSnapshot(source) : readSnapshotValue(source);
  if (!read.ok) throw new SnapshotImportError(read.problems);
  const doc: SnapshotDocument = read.document;
  const chain = await verifySnapshotChain(doc, read.migratedFrom, sha256Hex);
  if (!chain.ok) throw new SnapshotImportError(chain.problems);
  const signatureProblems = await verifySnapshotSignatures(doc);
  if (signatureProblems.length) throw new SnapshotImportError(signatureProblems);
  const signed = doc.signing.signOffs.length;
  const warnings = [...read.warnings];
  const now = nowIso();
  const project = await db.transaction('rw', db.projectTables(), async () => {
    const taken = new Set((await db.projects.toArray()).map((p) => p.name));
    const keepIds = await idsAreFree(db, doc);
    const records = recordsFromSnapshot(doc, { name: importedName(doc.project.name, taken), now, newId, keepScenario: options.restore === true, keepIds });
    await db.projects.add(records.project);
    await db.canvases.add(records.canvas);
    await db.imports.bulkAdd(records.imports);
    for (const { record, rows } of records.versions) {
      await db.datasetVersions.add(record);
      await writeRowBlocks(db, record.id, rows);
    }
    await db.labelEvents.bulkAdd(records.labelEvents);
    await db.slices.bulkAdd(records.slices);
    await db.runs.bulkAdd(records.runs);
    await db.runArtifacts.bulkAdd(records.runArtifacts);
    await db.modelVersions.bulkAdd(records.modelVersions);
    await db.modelCards.bulkAdd(records.modelCards);
    await db.aliasEvents.bulkAdd(records.aliasEvents);
    await db.deployments.bulkAdd(records.deployments);
    await db.metricBuckets.bulkAdd(records.buckets);
    await db.healthChecks.bulkAdd(records.healthChecks);
    await db.driftReports.bulkAdd(records.driftReports);
    await db.gates.bulkAdd(records.gates);
    // Under fresh ids the signed payloads would name the original's ids: the copy's decisions stay unsigned.
    const decisions = keepIds ? doc.governance.decisions : doc.governance.decisions.map(({ signature: _s, ...d }) => d);
    if (!keepIds && signed) warnings.push(`This copy has new ids, which its ${signed} verified signature${signed === 1 ? '' : 's'} do not cover: its decisions are kept unsigned here (the file still proves them).`);
    await writeGovernance(db, records.project.id, { ...doc.governance, decisions }, records.idOf);
    await writeSigningKeys(db, records.project.id, doc.signing.keys, records.idOf);
    // Verified and under its own ids, the trail is stored as exported; otherwise chained anew in
    // the snapshot's order, times kept. Either way it verifies in this database.
    const verbatim = keepIds && chain.check === 'verified';
    if (verbatim) await restoreAuditChain(db, records.project.id, doc.auditLog.map((e) => ({ ...e, prevHash: e.prevHash ?? '', hash: e.hash ?? '' })));
    else await appendAuditEntries(db, records.project.id, records.auditLog);
    const included = [doc.options.includeRows ? 'rows' : '', doc.options.includeWeights ? 'model weights' : ''].filter(Boolean).join(' and ');
    await appendAudit(db, {
      projectId: records.project.id,
      actor: options.by ?? 'you',
      action: IMPORT_AUDIT_ACTION,
      detail: `Imported from a snapshot of “${doc.project.name}” exported ${doc.exportedAt}${included ? ` with ${included}` : ' without rows or weights'}${doc.options.maskPii ? ', personal data masked' : ''}. ${TRAIL_WORDS[chain.check]}${signed ? ` Its ${signed} sign-off${signed === 1 ? ' was' : 's were'} verified against their signers' keys${keepIds ? '' : ' and kept unsigned under the new ids'}.` : ''}${verbatim ? '' : doc.auditHead ? ` Its head was entry #${doc.auditHead.seq} (${doc.auditHead.hash.slice(0, 12)}…); its entries were chained anew here.` : ''}`,
      refs: { sourceProjectId: doc.project.id, trailCheck: chain.check, ...(signed ? { signOffsVerified: String(signed) } : {}), ...(doc.auditHead ? { sourceHeadSeq: String(doc.auditHead.seq), sourceHeadHash: doc.auditHead.hash } : {}) },
    });
    return records.project;
  });
  return { project, warnings, migratedFrom: read.migratedFrom };
}
