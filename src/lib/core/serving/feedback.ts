/**
 * `POST /api/v1/feedback`: ground truth for predictions the endpoint made earlier, keyed by the
 * prediction's id (from the predict answer) or by the caller's own `ref`.
 *
 * - `{"id": "p-…", "label": "Billing"}` → 200 `{"updated": 1, "unknown": []}`, or 404
 *   `unknown_prediction` when no logged prediction has that id or ref;
 * - `{"outcomes": [{"id": …, "label": …}, …]}` (at most 1,000) → 200 with the ids it did not know
 *   listed in `unknown` (a batch is not refused for one stale id);
 * - a label that is not one of the classes of the model version that made the prediction →
 *   422 `unknown_label`, and nothing of the request is recorded; `error.refused` lists each such
 *   outcome with its position, id, label and the version's classes ({@link outcomeLabelProblem}).
 * A later outcome for the same prediction replaces the earlier one (a correction).
 */
import { errorBody, MAX_REF_CHARS, type ErrorBody } from './api';

export const MAX_FEEDBACK_ITEMS = 1000;
/** Longest accepted true label, in characters (class names are short). */
export const MAX_LABEL_CHARS = 200;

export interface OutcomeInput {
  /** A prediction id or a caller reference. */
  id: string;
  label: string;
}

export type ParsedFeedback = { ok: true; outcomes: OutcomeInput[]; single: boolean } | { ok: false; status: number; body: ErrorBody };

const invalid = (message: string): ParsedFeedback => ({ ok: false, status: 422, body: errorBody(422, 'invalid_request', message) });

function readOutcome(value: unknown, at: string): OutcomeInput | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at}must be an object {"id": …, "label": …}.`;
  const { id, label } = value as Record<string, unknown>;
  if (typeof id !== 'string' || !id.trim() || id.length > MAX_REF_CHARS) return `${at}"id" must be a non-empty string of at most ${MAX_REF_CHARS} characters.`;
  if (typeof label !== 'string' || !label.trim() || label.length > MAX_LABEL_CHARS) return `${at}"label" must be a non-empty string of at most ${MAX_LABEL_CHARS} characters.`;
  return { id, label: label.trim() };
}

export function parseFeedbackRequest(bodyText: string): ParsedFeedback {
  if (bodyText.length > MAX_FEEDBACK_ITEMS * (MAX_REF_CHARS + MAX_LABEL_CHARS + 64) * 6) {
    return { ok: false, status: 413, body: errorBody(413, 'payload_too_large', 'The feedback body is too large; send at most 1,000 outcomes per request.') };
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (e) {
    return { ok: false, status: 400, body: errorBody(400, 'invalid_json', `The request body is not valid JSON: ${(e as Error).message}`) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return invalid('The body must be a JSON object: {"id": "…", "label": "…"} or {"outcomes": [...]}.');
  const fields = body as Record<string, unknown>;
  if (fields.outcomes === undefined) {
    const one = readOutcome(fields, '');
    return typeof one === 'string' ? invalid(one) : { ok: true, outcomes: [one], single: true };
  }
  if (!Array.isArray(fields.outcomes) || fields.outcomes.length === 0) return invalid('"outcomes" must be a non-empty array.');
  if (fields.outcomes.length > MAX_FEEDBACK_ITEMS) {
    return { ok: false, status: 413, body: errorBody(413, 'too_many_outcomes', `"outcomes" has ${fields.outcomes.length} entries; at most ${MAX_FEEDBACK_ITEMS} per request.`) };
  }
  const outcomes: OutcomeInput[] = [];
  for (let i = 0; i < fields.outcomes.length; i++) {
    const one = readOutcome(fields.outcomes[i], `outcomes[${i}]: `);
    if (typeof one === 'string') return invalid(one);
    outcomes.push(one);
  }
  return { ok: true, outcomes, single: false };
}

export interface FeedbackResponseBody {
  updated: number;
  /** Ids (or refs) no logged prediction matched. */
  unknown: string[];
}

/** An outcome refused because its label is not a class of the model version that made the prediction. */
export interface RefusedOutcome {
  /** Position among the outcomes given (0-based). */
  index: number;
  id: string;
  label: string;
  /** The classes of the version that made the prediction. */
  classes: string[];
}

/**
 * The one rule for ground truth (the feedback endpoint, the outcomes file and the Monitor page
 * all come through it): a label grades a prediction only if it is one of the classes of the
 * model version that made that prediction — predictions of different versions may have
 * different classes. Returns why the label is refused, or null when it is fine. An empty class
 * list (a version whose classes are not recorded) cannot judge anything, so it accepts.
 */
export function outcomeLabelProblem(label: string, classes: readonly string[]): string | null {
  if (!classes.length || classes.includes(label)) return null;
  const lower = label.toLowerCase();
  const near = classes.find((c) => c.toLowerCase() === lower);
  return `"${label}" is not one of the model's classes (${classes.join(', ')})${near ? `; did you mean "${near}"?` : '.'}`;
}

/** The 422 answer refusing outcomes with unknown labels; `refused` lists each with its classes. */
export function unknownLabelBody(refused: readonly RefusedOutcome[]): ErrorBody & { error: { refused: RefusedOutcome[] } } {
  const first = refused[0];
  const more = refused.length > 1 ? ` ${refused.length - 1} more ${refused.length === 2 ? 'outcome has' : 'outcomes have'} a label that is not a class; see "refused".` : '';
  const message = `Nothing was recorded: outcome for "${first.id}": ${outcomeLabelProblem(first.label, first.classes)}${more}`;
  const body = errorBody(422, 'unknown_label', message);
  return { error: { ...body.error, refused: refused.map((r) => ({ ...r, classes: [...r.classes] })) } };
}
