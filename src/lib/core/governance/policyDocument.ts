/**
 * The governance policy as a versioned document, `{ kind: 'lifecycle-lab/governance-policy',
 * schemaVersion: 1, data }`, loaded through the one loader of versioned documents
 * (core/documents/versioned.ts): wrapper → migrations (none yet) → this validator, which lists
 * every problem with its JSON Pointer ("/data/gates/1/deciderRole") and returns the data
 * normalised (strings trimmed). The same path serves a stored version, a file and a template.
 */
import { defineDocumentType, readVersionedDocument, type VersionedReadResult } from '../documents/versioned';
import { pointer, preview, type DocumentProblem } from '../documents/problems';
import { isJsonObject, type JsonObject, type JsonValue } from '../snapshot/json';
import { evidenceIdsFor, type EvidenceId } from './evidenceCatalog';
import { GATE_STAGES, type CouncilSpec, type GovernancePolicyData, type PolicyGate, type PolicyRole } from './policy';

export const POLICY_KIND = 'lifecycle-lab/governance-policy';
export const POLICY_SCHEMA_VERSION = 1;

export interface GovernancePolicyDocument {
  kind: typeof POLICY_KIND;
  schemaVersion: typeof POLICY_SCHEMA_VERSION;
  data: GovernancePolicyData;
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const MAX_DAYS = 3660;

/** Reads one object's fields, recording each problem at its pointer. */
class Reader {
  constructor(
    readonly problems: DocumentProblem[],
    readonly at: string,
    private readonly value: JsonObject,
    known: readonly string[],
  ) {
    for (const key of Object.keys(value)) if (!known.includes(key)) problems.push({ path: pointer(at, key), message: 'is not a field of a policy: check its spelling.' });
  }

  static of(problems: DocumentProblem[], at: string, value: JsonValue | undefined, known: readonly string[]): Reader | null {
    if (isJsonObject(value)) return new Reader(problems, at, value, known);
    problems.push({ path: at, message: `must be an object, got ${preview(value)}.` });
    return null;
  }

  private fail(key: string, expected: string): void {
    this.problems.push({ path: pointer(this.at, key), message: `must be ${expected}, got ${preview(this.value[key])}.` });
  }

  get(key: string): JsonValue | undefined {
    return this.value[key];
  }

  text(key: string, options: { nonEmpty?: boolean; pattern?: RegExp; expected?: string } = {}): string {
    const v = this.value[key];
    const text = typeof v === 'string' ? v.trim() : null;
    const ok = text !== null && (!options.nonEmpty || text !== '') && (!options.pattern || options.pattern.test(text));
    if (!ok) this.fail(key, options.expected ?? (options.nonEmpty ? 'a non-empty string' : 'a string'));
    return text ?? '';
  }

  count(key: string, min: number, max: number): number {
    const v = this.value[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    this.fail(key, `a whole number from ${min} to ${max}`);
    return min;
  }

  ratio(key: string): number {
    const v = this.value[key];
    if (typeof v === 'number' && v >= 0 && v <= 1) return v;
    this.fail(key, 'a ratio from 0 to 1');
    return 0;
  }

  list(key: string): JsonValue[] {
    const v = this.value[key];
    if (Array.isArray(v)) return v;
    this.fail(key, 'a list');
    return [];
  }
}

const idText = 'an id of lowercase letters, digits and hyphens';

function readRole(problems: DocumentProblem[], at: string, value: JsonValue): PolicyRole | null {
  const f = Reader.of(problems, at, value, ['id', 'name', 'description']);
  if (!f) return null;
  return { id: f.text('id', { pattern: ID, expected: idText }), name: f.text('name', { nonEmpty: true }), description: f.text('description') };
}

function readGate(problems: DocumentProblem[], at: string, value: JsonValue, roles: ReadonlySet<string>): PolicyGate | null {
  const f = Reader.of(problems, at, value, ['id', 'name', 'description', 'stage', 'evidence', 'deciderRole', 'council']);
  if (!f) return null;
  const stage = f.get('stage');
  if (!GATE_STAGES.includes(stage as PolicyGate['stage'])) {
    problems.push({ path: pointer(at, 'stage'), message: `must be "model" (guards training) or "deploy" (guards deploying and serving), got ${preview(stage)}.` });
  }
  const gateStage = stage === 'deploy' ? 'deploy' : 'model';
  // With the stage unknown, any known evidence is accepted: one mistake, one problem.
  const allowed = GATE_STAGES.includes(stage as PolicyGate['stage']) ? evidenceIdsFor(gateStage) : [...evidenceIdsFor('model'), ...evidenceIdsFor('deploy')];
  const evidence: EvidenceId[] = [];
  f.list('evidence').forEach((item, i) => {
    const path = pointer(at, 'evidence', i);
    if (typeof item !== 'string' || !(allowed as readonly string[]).includes(item)) {
      problems.push({ path, message: `must be evidence ${stage === gateStage ? `a "${gateStage}" gate` : 'a gate'} can require (${allowed.join(', ')}), got ${preview(item)}.` });
    } else if (evidence.includes(item as EvidenceId)) problems.push({ path, message: `lists ${preview(item)} twice.` });
    else evidence.push(item as EvidenceId);
  });
  const deciderRole = f.text('deciderRole', { nonEmpty: true });
  if (deciderRole !== '' && !roles.has(deciderRole)) {
    problems.push({ path: pointer(at, 'deciderRole'), message: `must be one of the policy's roles (${[...roles].join(', ') || 'none defined'}), got ${preview(deciderRole)}.` });
  }
  const council = f.get('council') === undefined ? undefined : readCouncil(problems, pointer(at, 'council'), f.get('council')!, roles);
  if (council && council.roles.length > 0 && roles.has(deciderRole) && !council.roles.includes(deciderRole)) {
    problems.push({ path: pointer(at, 'deciderRole'), message: `must be one of the council's roles (${council.roles.join(', ')}), got ${preview(deciderRole)}.` });
  }
  const gate: PolicyGate = { id: f.text('id', { pattern: ID, expected: idText }), name: f.text('name', { nonEmpty: true }), description: f.text('description'), stage: gateStage, evidence, deciderRole };
  return council ? { ...gate, council } : gate;
}

/** A council: distinct policy roles, and a quorum from 1 to their number. */
function readCouncil(problems: DocumentProblem[], at: string, value: JsonValue, roles: ReadonlySet<string>): CouncilSpec | undefined {
  const f = Reader.of(problems, at, value, ['roles', 'quorum']);
  if (!f) return undefined;
  const members: string[] = [];
  const listedRoles = f.list('roles');
  listedRoles.forEach((item, i) => {
    const path = pointer(at, 'roles', i);
    if (typeof item !== 'string' || !roles.has(item)) problems.push({ path, message: `must be one of the policy's roles (${[...roles].join(', ') || 'none defined'}), got ${preview(item)}.` });
    else if (members.includes(item)) problems.push({ path, message: `lists ${preview(item)} twice: each council role is a different seat.` });
    else members.push(item);
  });
  if (Array.isArray(f.get('roles')) && listedRoles.length === 0) problems.push({ path: pointer(at, 'roles'), message: 'must name at least one role.' });
  const quorum = f.count('quorum', 1, Math.max(1, members.length));
  return { roles: members, quorum };
}

/** Problems of `data` (pointers from the document root), or the data normalised. */
export function validatePolicyData(value: JsonValue | undefined, at = '/data'): { ok: true; value: GovernancePolicyData } | { ok: false; problems: DocumentProblem[] } {
  const problems: DocumentProblem[] = [];
  const f = Reader.of(problems, at, value, ['name', 'description', 'template', 'roles', 'gates', 'reReview', 'sliceFloor']);
  if (!f) return { ok: false, problems };
  const unique = <T extends { id: string }>(items: (T | null)[], key: string, noun: string): T[] =>
    items.filter((item, i): item is T => {
      if (!item) return false;
      if (items.findIndex((other) => other?.id === item.id) === i) return true;
      problems.push({ path: pointer(at, key, i, 'id'), message: `${preview(item.id)} names another ${noun} already.` });
      return false;
    });
  const roles = unique(f.list('roles').map((r, i) => readRole(problems, pointer(at, 'roles', i), r)), 'roles', 'role');
  const roleIds = new Set(roles.map((r) => r.id));
  const gates = unique(f.list('gates').map((g, i) => readGate(problems, pointer(at, 'gates', i), g, roleIds)), 'gates', 'gate');
  const template = f.get('template');
  if (template !== null && typeof template !== 'string') problems.push({ path: pointer(at, 'template'), message: `must be a template id or null, got ${preview(template)}.` });
  const r = Reader.of(problems, pointer(at, 'reReview'), f.get('reReview'), ['days', 'graceDays']);
  const s = Reader.of(problems, pointer(at, 'sliceFloor'), f.get('sliceFloor'), ['metric', 'min', 'minExamples']);
  const metric = s?.get('metric');
  if (s && metric !== 'accuracy' && metric !== 'macroF1') problems.push({ path: pointer(at, 'sliceFloor', 'metric'), message: `must be "accuracy" or "macroF1", got ${preview(metric)}.` });
  const data: GovernancePolicyData = {
    name: f.text('name', { nonEmpty: true }),
    description: f.text('description'),
    template: typeof template === 'string' ? template : null,
    roles,
    gates,
    reReview: { days: r?.count('days', 1, MAX_DAYS) ?? 1, graceDays: r?.count('graceDays', 0, MAX_DAYS) ?? 0 },
    sliceFloor: { metric: metric === 'macroF1' ? 'macroF1' : 'accuracy', min: s?.ratio('min') ?? 0, minExamples: s?.count('minExamples', 1, 1_000_000) ?? 1 },
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: data };
}

export const POLICY_DOCUMENT = defineDocumentType<GovernancePolicyData>({
  kind: POLICY_KIND,
  name: 'governance policy',
  currentVersion: POLICY_SCHEMA_VERSION,
  migrations: {},
  validate: (doc) => validatePolicyData(doc.data),
});

/** Reads a parsed policy document: wrapper, migrations, then the data validated and normalised. */
export function readPolicyDocument(value: unknown): VersionedReadResult<GovernancePolicyData> {
  return readVersionedDocument(POLICY_DOCUMENT, value);
}

export function policyDocument(data: GovernancePolicyData): GovernancePolicyDocument {
  return { kind: POLICY_KIND, schemaVersion: POLICY_SCHEMA_VERSION, data };
}
