/**
 * The one rule that turns questionnaire answers (riskQuestions.ts) into a risk tier, and says
 * which answers produced it. Decided here:
 * - The tier is the highest any counted answer implies: an Article 5 practice → prohibited, an
 *   Annex III use → high, an Article 50 duty → limited, otherwise minimal.
 * - Article 6(3): an Annex III use is not high-risk when the system only does one of the four
 *   narrow things (decision-role) AND does not profile people (profiles-people: no). Until both
 *   are answered the use counts as high (the Act presumes it is). The answers that block the
 *   exception imply high themselves, so they are named among the reasons.
 * - `reasons` are the answers that imply the resulting tier; `answers` all counted answers with
 *   what each implies (the page shows the rest under "also considered").
 * - Who is affected, human review, data sensitivity and scale never change the legal tier: they
 *   give `attention` notes (a heightened-attention list beside the tier).
 * - A question whose `onlyIf` is not met is not asked: its stored answer is ignored, not refused.
 */
import { pointer, preview, formatProblem, type DocumentProblem } from '../documents/problems';
import { isJsonObject } from '../snapshot/json';
import { ARTICLE_6_3, RISK_QUESTIONS, RISK_TIERS, type RiskQuestion, type RiskTier } from './riskQuestions';

/** Question id → option id (single, yes-no) or option ids (multi). */
export type RiskAnswers = Readonly<Record<string, string | readonly string[]>>;

export interface RiskReason {
  questionId: string;
  optionId: string;
  says: string;
  tier: RiskTier;
}

export interface RiskAttention {
  questionId: string;
  optionId: string;
  says: string;
}

export interface RiskTierResult {
  tier: RiskTier;
  /** The answers that imply `tier`, in questionnaire order. */
  reasons: RiskReason[];
  /** Every counted answer that implies a tier, with the tier it implies. */
  answers: RiskReason[];
  /** Notes for heightened attention; they do not change the legal tier. */
  attention: RiskAttention[];
  /** Ids of questions asked but not answered yet (the tier is provisional until empty). */
  unanswered: string[];
}

export const tierRank = (tier: RiskTier): number => RISK_TIERS.indexOf(tier);

const chosen = (answer: string | readonly string[] | undefined): readonly string[] => (answer === undefined ? [] : typeof answer === 'string' ? [answer] : answer);

/** Whether `question` is asked given `answers` (its `onlyIf` is met, or it has none). */
export function isAsked(question: RiskQuestion, answers: RiskAnswers): boolean {
  if (!question.onlyIf) return true;
  const { question: on, anyOf } = question.onlyIf;
  return chosen(answers[on]).some((id) => anyOf.includes(id));
}

/**
 * The options of multi-choice `question` ticked after ticking (`on`) or unticking `optionId` in
 * `before`: an exclusive option ("none of these") stands alone, so ticking it clears the others
 * and ticking another clears it — the answers stay valid as a person edits them.
 */
export function tickOption(question: RiskQuestion, before: readonly string[], optionId: string, on: boolean): string[] {
  if (!on) return before.filter((id) => id !== optionId);
  const exclusive = (id: string) => question.options.some((o) => o.id === id && o.exclusive);
  const kept = exclusive(optionId) ? [] : before.filter((id) => !exclusive(id) && id !== optionId);
  return [...kept, optionId];
}

/** Problems with stored or submitted answers, each at its JSON Pointer under `at`; or the answers. */
export function validateRiskAnswers(value: unknown, at = ''): { ok: true; value: RiskAnswers } | { ok: false; problems: DocumentProblem[] } {
  if (!isJsonObject(value)) return { ok: false, problems: [{ path: at, message: `must be an object of answers by question id, got ${preview(value)}.` }] };
  const problems: DocumentProblem[] = [];
  const out: Record<string, string | string[]> = {};
  for (const [questionId, answer] of Object.entries(value)) {
    const path = pointer(at, questionId);
    const question = RISK_QUESTIONS.find((q) => q.id === questionId);
    if (!question) {
      problems.push({ path, message: `is not a question of the risk questionnaire (${RISK_QUESTIONS.map((q) => q.id).join(', ')}).` });
      continue;
    }
    const ids = question.options.map((o) => o.id);
    const unknown = (id: unknown) => `must be one of ${ids.join(', ')}, got ${preview(id)}.`;
    if (question.kind !== 'multi') {
      if (typeof answer !== 'string') problems.push({ path, message: `takes one option id (${ids.join(', ')}), got ${preview(answer)}.` });
      else if (!ids.includes(answer)) problems.push({ path, message: unknown(answer) });
      else out[questionId] = answer;
      continue;
    }
    if (!Array.isArray(answer)) {
      problems.push({ path, message: `takes a list of option ids, got ${preview(answer)}.` });
      continue;
    }
    const picked: string[] = [];
    answer.forEach((id, i) => {
      if (typeof id !== 'string' || !ids.includes(id)) problems.push({ path: pointer(path, i), message: unknown(id) });
      else if (picked.includes(id)) problems.push({ path: pointer(path, i), message: `lists ${preview(id)} twice.` });
      else picked.push(id);
    });
    const alone = question.options.find((o) => o.exclusive && picked.includes(o.id));
    if (alone && picked.length > 1) problems.push({ path, message: `"${alone.label}" cannot be ticked with other options.` });
    out[questionId] = picked;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: out };
}

/** Whether the Article 6(3) exception takes the Annex III uses out of high-risk. */
function derogationApplies(answers: RiskAnswers): boolean {
  const { roleQuestion, narrowRoles, profilingQuestion } = ARTICLE_6_3;
  return chosen(answers[roleQuestion]).some((id) => narrowRoles.includes(id)) && chosen(answers[profilingQuestion])[0] === 'no';
}

/** The tier `answers` imply and the answers that produced it. Throws on answers that are not valid (see validateRiskAnswers). */
export function riskTier(answers: RiskAnswers): RiskTierResult {
  const valid = validateRiskAnswers(answers);
  if (!valid.ok) throw new Error(`Risk answers are not valid: ${valid.problems.map(formatProblem).join('; ')}`);
  const derogated = derogationApplies(answers);
  const counted: RiskReason[] = [];
  const attention: RiskAttention[] = [];
  const unanswered: string[] = [];
  for (const question of RISK_QUESTIONS) {
    if (!isAsked(question, answers)) continue;
    const ids = chosen(answers[question.id]);
    if (ids.length === 0) unanswered.push(question.id);
    for (const option of question.options.filter((o) => ids.includes(o.id))) {
      if (option.attention) attention.push({ questionId: question.id, optionId: option.id, says: option.attention });
      if (!option.tier) continue;
      // With Article 6(3) met, no answer still implies high but the Annex III uses: they are lowered.
      const lowered = derogated && option.tier === 'high';
      counted.push({
        questionId: question.id,
        optionId: option.id,
        says: lowered ? `${option.says} Here Article 6(3) applies, so it is not.` : option.says,
        tier: lowered ? 'minimal' : option.tier,
      });
    }
  }
  const tier = counted.reduce<RiskTier>((top, r) => (tierRank(r.tier) > tierRank(top) ? r.tier : top), 'minimal');
  return { tier, reasons: counted.filter((r) => r.tier === tier), answers: counted, attention, unanswered };
}
