/**
 * What the Govern → Audit view says about the trail, decided here so a test reads the same words:
 * which entries a filter keeps, how a verification verdict and a point-in-time answer read.
 * Times are formatted by the caller (the page's locale); the rules here never read the clock.
 */
import type { AuditEntryContent, ChainVerdict } from './auditChain';
import type { GateStanding } from './gateState';
import { ROLLBACK_ACTION, type ServedAt, type ServedModel } from './pointInTime';
import { subjectLabel } from './subjects';

/** Empty fields do not filter; `from`/`to` are ISO times, both ends included. */
export interface AuditFilter {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { action: '', actor: '', from: '', to: '' };

export function filterAuditEntries<T extends AuditEntryContent>(entries: readonly T[], filter: AuditFilter): T[] {
  const from = filter.from ? Date.parse(filter.from) : -Infinity;
  const to = filter.to ? Date.parse(filter.to) : Infinity;
  return entries.filter((e) => {
    const at = Date.parse(e.at);
    return (!filter.action || e.action === filter.action) && (!filter.actor || e.actor === filter.actor) && at >= from && at <= to;
  });
}

/** The distinct values of a field, sorted: the choices of a filter. */
export function auditChoices(entries: readonly AuditEntryContent[], field: 'action' | 'actor'): string[] {
  return [...new Set(entries.map((e) => e[field]))].sort((a, b) => a.localeCompare(b));
}

/** The first 12 hex digits: enough to compare by eye. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

export function describeChainVerdict(verdict: ChainVerdict, formatTime: (iso: string) => string): string {
  if (verdict.ok) {
    if (verdict.count === 0) return 'The trail has no entries yet: there is nothing to verify.';
    const head = `head ${shortHash(verdict.head)}`;
    return verdict.count === 1 ? `The one entry verifies (${head}).` : `All ${verdict.count} entries verify (${head}).`;
  }
  const e = verdict.entry;
  const which = `Entry #${e.seq} (${formatTime(e.at)}, ${e.action})`;
  return verdict.reason === 'edited'
    ? `${which} was changed after it was written: its hash does not match.`
    : `${which} does not follow the entry before it: an entry before it was removed, inserted or rewritten.`;
}

function modelName(m: ServedModel): string {
  return m.name ? `${m.name.modelName} v${m.name.version}` : `a version no longer in the registry (${m.modelVersionId})`;
}

/** One sentence: what answered requests at that moment, and since when. */
export function describeServedAt(answer: ServedAt, formatTime: (iso: string) => string): string {
  if (!answer.served || !answer.since) return `Nothing was deployed at ${formatTime(answer.at)}.`;
  const c = answer.challenger;
  const challenger = !c ? '' : c.mode === 'canary' ? `, with ${modelName(c)} as canary on ${c.percent ?? '?'} % of requests` : `, with ${modelName(c)} scoring every request in shadow`;
  const how = answer.since.action === ROLLBACK_ACTION ? 'a rollback' : 'the deployment';
  const s = answer.served;
  const state = s.retiredAt
    ? ` It had been retired at ${formatTime(s.retiredAt)}: the endpoint answered 410 for it.`
    : s.deprecatedAt
      ? ` It had been deprecated at ${formatTime(s.deprecatedAt)}: its answers carried Deprecation and Sunset headers.`
      : '';
  return `At ${formatTime(answer.at)} the endpoint served ${modelName(s)}${challenger} — since ${how} by ${answer.since.actor} at ${formatTime(answer.since.at)} (entry #${answer.since.seq}).${state}`;
}

/** The policy the answer's approvals were judged under, in one sentence. */
export function describeServedPolicy(answer: ServedAt): string {
  const p = answer.policy;
  if (!p) return 'No governance policy had been published then: nothing was gated.';
  if (!p.document) return `Policy v${p.ref.version} was in force, but this database does not hold that version (hash ${shortHash(p.ref.hash)}): its gates cannot be listed.`;
  return `Under governance policy v${p.ref.version} “${p.document.data.name}” (hash ${shortHash(p.ref.hash)}).`;
}

/** Each version answering then (served, then its challenger), with its label and every gate judged. */
export function servedGateLines(answer: ServedAt): { modelVersionId: string; title: string; gates: GateStanding[] }[] {
  const models: [ServedModel, string][] = [];
  if (answer.served) models.push([answer.served, 'served']);
  if (answer.challenger) models.push([answer.challenger, answer.challenger.mode]);
  return models.map(([m, role]) => ({ modelVersionId: m.modelVersionId, title: `${modelName(m)} (${role})`, gates: [...m.gates, ...(m.data?.gates ?? [])] }));
}

/** "Performance SLA of router v2 — approved: Approved by …". */
export function gateStandingLine(g: GateStanding): string {
  return `${g.gate.name} of ${subjectLabel(g.subject)} — ${g.status.replace('-', ' ')}: ${g.summary}`;
}
