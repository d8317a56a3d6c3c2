/**
 * The non-ML fallback the retrain-or-retire calculator weighs the model against: always the
 * training split's most common class (the majority baseline), or a keyword rule a person writes.
 * Either is scored on the model's own test split, so the two accuracies compare like for like.
 *
 * A rule is one line per class choice, first match wins, and one `else` line:
 *   refund, invoice, charged -> Billing
 *   error, crash -> Technical Issue
 *   else -> General Inquiry
 * A keyword matches a whole word or phrase, in any letter case. Lines starting with # are notes.
 */
import { majorityClass } from '../eval/baseline';

export type FallbackChoice = { kind: 'majority' } | { kind: 'keywords'; text: string };

export interface KeywordRule {
  /** In the written order; the first rule whose keyword occurs in the text answers. */
  rules: { keywords: string[]; label: string; line: number }[];
  /** The answer when no keyword occurs. */
  otherwise: string;
}

export interface RuleProblem {
  /** 1-based line of the rule text; 0 for the text as a whole. */
  line: number;
  message: string;
}

export const RULE_MAX_CHARS = 20_000;
const ARROW = '->';

/** The rule in `text`, or every problem with its line. Classes are the model's: a rule may only answer those. */
export function parseKeywordRule(text: string, classes: readonly string[]): { ok: true; rule: KeywordRule } | { ok: false; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  if (text.length > RULE_MAX_CHARS) return { ok: false, problems: [{ line: 0, message: `The rule is at most ${RULE_MAX_CHARS.toLocaleString('en-US')} characters.` }] };
  const rules: KeywordRule['rules'] = [];
  let otherwise: string | null = null;
  let elseLines = 0;
  const known = (label: string, line: number) => {
    if (classes.includes(label)) return true;
    problems.push({ line, message: `“${label}” is not a class of the model; the classes are ${classes.join(', ')}.` });
    return false;
  };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const at = trimmed.lastIndexOf(ARROW);
    if (at < 0) {
      problems.push({ line, message: `Write keywords, then “${ARROW}”, then a class (for example “refund, invoice ${ARROW} ${classes[0] ?? 'a class'}”).` });
      return;
    }
    const left = trimmed.slice(0, at).trim();
    const label = trimmed.slice(at + ARROW.length).trim();
    if (!label) {
      problems.push({ line, message: `Name the class after “${ARROW}”.` });
      return;
    }
    if (left.toLowerCase() === 'else') {
      if (elseLines++ > 0) problems.push({ line, message: 'Only one “else” line: it is the answer when no keyword matches.' });
      else if (known(label, line)) otherwise = label;
      return;
    }
    const keywords = left.split(',').map((k) => k.trim().toLowerCase()).filter(Boolean);
    if (!keywords.length) {
      problems.push({ line, message: `Give at least one keyword before “${ARROW}”.` });
      return;
    }
    if (known(label, line)) rules.push({ keywords, label, line });
  });
  if (elseLines === 0) {
    problems.push({ line: 0, message: `End with a default: a line “else ${ARROW} <class>” answers when no keyword matches.` });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, rule: { rules, otherwise: otherwise! } };
}

/** The rule's problems as one message, line by line. */
export function describeRuleProblems(problems: readonly RuleProblem[]): string {
  return problems.map((p) => (p.line ? `Line ${p.line}: ${p.message}` : p.message)).join('\n');
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rule's first matching class for a text, or null when no keyword occurs (the `else` answers then). */
export function keywordMatcher(rule: KeywordRule): (text: string) => string | null {
  const compiled = rule.rules.map((r) => ({
    label: r.label,
    pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${r.keywords.map((k) => escape(k).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'iu'),
  }));
  return (text) => compiled.find((c) => c.pattern.test(text))?.label ?? null;
}

export interface FallbackScore {
  /** How the fallback answers, in words ("always “Billing”", "the keyword rule"). */
  name: string;
  /** Test rows scored. */
  n: number;
  correct: number;
  /** correct / n, in [0, 1]; null when the test split is empty. */
  accuracy: number | null;
  /** Keyword rule only: test rows no keyword matched (answered by `else`). */
  unmatched?: number;
}

/** Rows as the scorer reads them: a text and its true class. */
export interface LabelledText {
  text: string;
  label: string;
}

/** How often the scorer lets the caller report progress or stop (rows). */
export const SCORE_CHUNK = 2_000;

/**
 * The fallback's accuracy on `test`. `onChunk(done)` is awaited every SCORE_CHUNK rows and at
 * the end: a worker reports progress there, yields so a cancel can arrive, and throws to stop.
 * Rejects on an invalid rule, with its lines.
 */
export async function scoreFallback(
  choice: FallbackChoice,
  data: { classes: readonly string[]; trainLabels: readonly string[]; test: readonly LabelledText[] },
  onChunk: (done: number) => void | Promise<void> = () => undefined,
): Promise<FallbackScore> {
  const { classes, test } = data;
  // Each text's answer, or null for the keyword rule's `else` (counted as unmatched).
  let answer: (text: string) => string | null;
  let otherwise: string;
  let name: string;
  if (choice.kind === 'majority') {
    const indices = Int32Array.from(data.trainLabels.filter((l) => classes.includes(l)), (l) => classes.indexOf(l));
    const k = majorityClass(indices, classes.length);
    if (k === null) throw new Error('The training split has no labelled rows: there is no most common class to answer with.');
    otherwise = classes[k];
    answer = () => otherwise;
    name = `always “${otherwise}” (the training split's most common class)`;
  } else {
    const parsed = parseKeywordRule(choice.text, classes);
    if (!parsed.ok) throw new Error(describeRuleProblems(parsed.problems));
    answer = keywordMatcher(parsed.rule);
    otherwise = parsed.rule.otherwise;
    name = 'the keyword rule';
  }
  let correct = 0, unmatched = 0;
  for (let i = 0; i < test.length; i++) {
    if (i > 0 && i % SCORE_CHUNK === 0) await onChunk(i);
    const hit = answer(test[i].text);
    if (hit === null) unmatched++;
    if ((hit ?? otherwise) === test[i].label) correct++;
  }
  await onChunk(test.length);
  return { name, n: test.length, correct, accuracy: test.length ? correct / test.length : null, ...(choice.kind === 'keywords' ? { unmatched } : {}) };
}
