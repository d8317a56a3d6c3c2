/**
 * The "mask PII" export option: emails, card and phone numbers (data/pii.ts) in the free text
 * of a snapshot become [EMAIL], [CARD], [PHONE]. Masked: row texts and string metadata, the
 * example texts a run report keeps per confusion cell, and every free-text note people wrote
 * (canvas boxes, objectives and key results, Value-vs-Effort predictions and outcomes, descriptions, model card text, version messages, reasons, requirements, audit details,
 * review notes, decision comments and waiver reasons, review-mark notes and the Data Ethics Review's
 * written answers, governed documents' and template fills' fields and status notes, in the
 * governance records and in their audit refs).
 * Masking changes what the audit hashes cover: an import checks a masked trail's links and head only.
 * A signed decision whose comment masking changed loses its signature (the signed payload holds
 * the comment as written, which the file must not carry, and a masked payload would not verify).
 * Not masked: names and labels (identifiers people chose), ids, keys, times, and the
 * vectorizer's vocabulary (single tokens: the tokenizer already splits an address at `@` and `.`).
 */
import type { DataRow, MetaValue } from '../data/dataset';
import { maskPii } from '../data/pii';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import type { SnapshotDocument } from './document';
import type { Decision } from '../governance/records';
import { signOffsOf } from './signing';

const mask = (text: string): string => maskPii(text).text;

/**
 * The audit refs that hold what people wrote (trailRecords.ts), not ids. A signed decision's
 * payload repeats its comment: masked too (its signature then no longer verifies, as it should not).
 */
const FREE_TEXT_REFS = new Set(['note', 'comment', 'reason', 'signedPayload']);
const maskRefs = (refs: Record<string, string>) => Object.fromEntries(Object.entries(refs).map(([k, v]) => [k, FREE_TEXT_REFS.has(k) ? mask(v) : v]));

export function maskRow(row: DataRow): DataRow {
  const meta: Record<string, MetaValue> = {};
  for (const [key, value] of Object.entries(row.meta)) {
    Object.defineProperty(meta, key, { value: typeof value === 'string' ? mask(value) : value, enumerable: true, writable: true, configurable: true });
  }
  return { ...row, text: mask(row.text), meta };
}

/** Masks `text` of every `cellExamples` entry of a run report's splits. */
function maskEvaluation(evaluation: JsonObject): JsonObject {
  const out: JsonObject = { ...evaluation };
  for (const split of ['test', 'validation']) {
    const summary = out[split];
    if (!isJsonObject(summary) || !Array.isArray(summary.cellExamples)) continue;
    const cells = summary.cellExamples.map((row): JsonValue =>
      Array.isArray(row)
        ? row.map((cell): JsonValue => (Array.isArray(cell) ? cell.map((ex) => (isJsonObject(ex) && typeof ex.text === 'string' ? { ...ex, text: mask(ex.text) } : ex)) : cell))
        : row,
    );
    out[split] = { ...summary, cellExamples: cells };
  }
  return out;
}

/** Texts by field id (documents, template fills); "__proto__" never reaches here (safeJson refuses it). */
const maskFields = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, mask(v)]));

function maskDecision({ signature, ...d }: Decision): Decision {
  const comment = mask(d.comment);
  return { ...d, comment, ...(signature && comment === d.comment ? { signature } : {}) };
}

/** The objectives' and key results' text, the items' predicted effects and outcome notes (absent lists stay absent). */
function maskFrameGoals(c: SnapshotDocument['canvas']): Pick<SnapshotDocument['canvas'], 'objectives' | 'valueEffort'> {
  const objectives = c.objectives?.map((o) => ({ ...o, text: mask(o.text), keyResults: o.keyResults.map((k) => ({ ...k, text: mask(k.text) })) }));
  const valueEffort = c.valueEffort?.map((i) => ({ ...i, expected: mask(i.expected), ...(i.outcome ? { outcome: { ...i.outcome, note: mask(i.outcome.note) } } : {}) }));
  return { ...(objectives ? { objectives } : {}), ...(valueEffort ? { valueEffort } : {}) };
}

/** A copy of the document with PII masked and `options.maskPii` set. */
export function maskSnapshot(doc: SnapshotDocument): SnapshotDocument {
  const decisions = doc.governance.decisions.map(maskDecision);
  const fields = { ...doc.canvas.fields };
  for (const key of Object.keys(fields) as (keyof typeof fields)[]) fields[key] = mask(fields[key]);
  return {
    ...doc,
    options: { ...doc.options, maskPii: true },
    project: { ...doc.project, description: mask(doc.project.description) },
    canvas: { ...doc.canvas, fields, unparsedCriteria: doc.canvas.unparsedCriteria.map(mask), ...maskFrameGoals(doc.canvas) },
    datasets: {
      ...doc.datasets,
      versions: doc.datasets.versions.map((v) => ({ ...v, message: mask(v.message), ...(v.rows ? { rows: v.rows.map(maskRow) } : {}) })),
    },
    runs: doc.runs.map((r) => ({ ...r, evaluation: r.evaluation ? maskEvaluation(r.evaluation) : null })),
    registry: {
      ...doc.registry,
      modelVersions: doc.registry.modelVersions.map((v) => ({ ...v, description: mask(v.description) })),
      aliasEvents: doc.registry.aliasEvents.map((e) => ({ ...e, reason: mask(e.reason) })),
      modelCards: doc.registry.modelCards.map((c) => {
        const edits = { ...c.edits };
        for (const key of Object.keys(edits) as (keyof typeof edits)[]) edits[key] = mask(edits[key]);
        return { ...c, edits };
      }),
    },
    deployments: doc.deployments.map((d) => ({ ...d, reason: d.reason === null ? null : mask(d.reason) })),
    gates: doc.gates.map((g) => ({ ...g, requirement: mask(g.requirement), reason: mask(g.reason) })),
    governance: {
      ...doc.governance,
      reviewRequests: doc.governance.reviewRequests.map((r) => ({ ...r, note: mask(r.note) })),
      decisions,
      waivers: doc.governance.waivers.map((w) => ({ ...w, reason: mask(w.reason) })),
      checkReviews: doc.governance.checkReviews.map((m) => ({ ...m, note: mask(m.note) })),
      ethicsAnswers: doc.governance.ethicsAnswers.map((a) => ({ ...a, intendedUse: mask(a.intendedUse), whoCouldBeHarmed: mask(a.whoCouldBeHarmed), consent: mask(a.consent) })),
      documents: doc.governance.documents.map((d) => ({ ...d, fields: maskFields(d.fields), transitions: d.transitions.map((t) => ({ ...t, note: mask(t.note) })) })),
      templateFills: doc.governance.templateFills.map((f) => ({ ...f, fields: maskFields(f.fields) })),
    },
    signing: { ...doc.signing, signOffs: signOffsOf(decisions) },
    auditLog: doc.auditLog.map((e) => ({ ...e, detail: mask(e.detail), refs: maskRefs(e.refs) })),
  };
}
