/**
 * Two snapshots of the same project state, compared apart from what an import changes on
 * purpose: record ids (fresh on import), the export time, the project's last-change time (the
 * import itself) and the audit entry the import adds. Ids become stable tokens named after the
 * record's kind and position ("run#2", "modelVersion#1"), wherever they appear — as values
 * (references, audit refs) or as keys (bucket tallies per model version). Every other time is
 * kept by an import and so stays in the comparison. The chain's hashes are left out: they cover
 * the ids, so an import under fresh ids chains the same entries anew.
 */
import { isJsonObject, type JsonValue } from './json';
import type { SnapshotDocument } from './document';

export const IMPORT_AUDIT_ACTION = 'snapshot.import';

function idTokens(doc: SnapshotDocument): Map<string, string> {
  const tokens = new Map<string, string>([[doc.project.id, 'project']]);
  const add = (kind: string, items: readonly { id: string }[]) => items.forEach((item, i) => tokens.set(item.id, `${kind}#${i + 1}`));
  add('import', doc.datasets.imports);
  add('datasetVersion', doc.datasets.versions);
  add('slice', doc.datasets.slices);
  add('run', doc.runs);
  add('modelVersion', doc.registry.modelVersions);
  add('deployment', doc.deployments);
  add('driftReport', doc.driftReports);
  add('diagnosis', doc.diagnoses);
  add('gate', doc.gates);
  add('person', doc.governance.people);
  add('reviewRequest', doc.governance.reviewRequests);
  add('decision', doc.governance.decisions);
  add('waiver', doc.governance.waivers);
  add('checkRun', doc.governance.checkRuns);
  add('checkReview', doc.governance.checkReviews);
  add('ethicsAnswers', doc.governance.ethicsAnswers);
  add('riskAssessment', doc.governance.riskAssessments);
  add('document', doc.governance.documents);
  add('templateFill', doc.governance.templateFills);
  add('playbookTick', doc.governance.playbookTicks);
  return tokens;
}

function rewrite(value: JsonValue, tokens: Map<string, string>): JsonValue {
  if (typeof value === 'string') return tokens.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => rewrite(v, tokens));
  if (isJsonObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of Object.entries(value)) {
      Object.defineProperty(out, tokens.get(key) ?? key, { value: rewrite(v, tokens), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** The document with ids as tokens, volatile times blanked and import audit entries left out. */
export function normalizeForComparison(doc: SnapshotDocument): JsonValue {
  const tokens = idTokens(doc);
  const trimmed: SnapshotDocument = {
    ...doc,
    exportedAt: '<time>',
    project: { ...doc.project, updatedAt: '<time>' },
    auditLog: doc.auditLog.filter((e) => e.action !== IMPORT_AUDIT_ACTION).map((e) => ({ ...e, prevHash: '<hash>', hash: '<hash>' })),
    auditHead: null,
  };
  return rewrite(trimmed as unknown as JsonValue, tokens);
}
