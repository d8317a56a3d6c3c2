import { describe, expect, it } from 'vitest';
import { describeRuleProblems, keywordMatcher, parseKeywordRule, scoreFallback, SCORE_CHUNK } from '$lib/core/practice/retireFallback';

const CLASSES = ['Billing', 'General Inquiry', 'Technical Issue'];
const RULE = ['# first match wins', 'refund, invoice, double charge -> Billing', '', 'error, crash -> Technical Issue', 'else -> General Inquiry'].join('\n');

describe('parseKeywordRule', () => {
  it('reads keywords → class lines in order and the else line', () => {
    expect(parseKeywordRule(RULE, CLASSES)).toEqual({
      ok: true,
      rule: {
        rules: [
          { keywords: ['refund', 'invoice', 'double charge'], label: 'Billing', line: 2 },
          { keywords: ['error', 'crash'], label: 'Technical Issue', line: 4 },
        ],
        otherwise: 'General Inquiry',
      },
    });
  });

  it('refuses a class that is not a class, a line without an arrow or keywords, a second else, and a missing else — each with its line', () => {
    const bad = parseKeywordRule(['refund -> Refunds', 'just words', ' -> Billing', 'crash ->', 'else -> Billing', 'else -> Technical Issue'].join('\n'), CLASSES);
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(describeRuleProblems(bad.problems)).toBe(
      [
        'Line 1: “Refunds” is not a class of the model; the classes are Billing, General Inquiry, Technical Issue.',
        'Line 2: Write keywords, then “->”, then a class (for example “refund, invoice -> Billing”).',
        'Line 3: Give at least one keyword before “->”.',
        'Line 4: Name the class after “->”.',
        'Line 6: Only one “else” line: it is the answer when no keyword matches.',
      ].join('\n'),
    );
    const noElse = parseKeywordRule('refund -> Billing', CLASSES);
    expect(!noElse.ok && describeRuleProblems(noElse.problems)).toBe('End with a default: a line “else -> <class>” answers when no keyword matches.');
    const elseUnknown = parseKeywordRule('else -> Sales', CLASSES);
    expect(!elseUnknown.ok && elseUnknown.problems).toEqual([{ line: 1, message: '“Sales” is not a class of the model; the classes are Billing, General Inquiry, Technical Issue.' }]);
  });
});

describe('keywordMatcher', () => {
  const parsed = parseKeywordRule(RULE, CLASSES);
  const match = parsed.ok ? keywordMatcher(parsed.rule) : () => null;
  it('matches whole words and phrases in any case, the first rule first; null when nothing matches', () => {
    expect(match('I want a REFUND after the crash')).toBe('Billing');
    expect(match('The app shows an Error')).toBe('Technical Issue');
    expect(match('I was double   charged… a double charge')).toBe('Billing');
    expect(match('refunds are slow; errors everywhere')).toBeNull(); // "refunds" is not the word "refund"
    expect(match('Où est ma facture ?')).toBeNull();
  });
});

describe('scoreFallback', () => {
  const test = [
    { text: 'refund please', label: 'Billing' },
    { text: 'app crash on start', label: 'Technical Issue' },
    { text: 'what are your hours', label: 'General Inquiry' },
    { text: 'invoice is wrong', label: 'Technical Issue' },
  ];
  it('scores the majority class of the training split on the test rows', async () => {
    const score = await scoreFallback({ kind: 'majority' }, { classes: CLASSES, trainLabels: ['Technical Issue', 'Billing', 'Technical Issue'], test });
    expect(score).toEqual({ name: 'always “Technical Issue” (the training split\'s most common class)', n: 4, correct: 2, accuracy: 0.5 });
  });

  it('scores a keyword rule, counting rows answered by else', async () => {
    const score = await scoreFallback({ kind: 'keywords', text: RULE }, { classes: CLASSES, trainLabels: [], test });
    expect(score).toEqual({ name: 'the keyword rule', n: 4, correct: 3, accuracy: 0.75, unmatched: 1 });
  });

  it('refuses a bad rule and a training split without labels; an empty test split has no accuracy', async () => {
    await expect(scoreFallback({ kind: 'keywords', text: 'x -> Nope' }, { classes: CLASSES, trainLabels: [], test })).rejects.toThrow(/Line 1: “Nope” is not a class/);
    await expect(scoreFallback({ kind: 'majority' }, { classes: CLASSES, trainLabels: [], test })).rejects.toThrow('The training split has no labelled rows');
    expect(await scoreFallback({ kind: 'majority' }, { classes: CLASSES, trainLabels: ['Billing'], test: [] })).toMatchObject({ n: 0, accuracy: null });
  });

  it('reports progress every chunk of rows, where a job can stop', async () => {
    const many = Array.from({ length: SCORE_CHUNK * 2 + 5 }, () => test[0]);
    const seen: number[] = [];
    await scoreFallback({ kind: 'majority' }, { classes: CLASSES, trainLabels: ['Billing'], test: many }, (done) => void seen.push(done));
    expect(seen).toEqual([SCORE_CHUNK, SCORE_CHUNK * 2, SCORE_CHUNK * 2 + 5]);
    await expect(scoreFallback({ kind: 'majority' }, { classes: CLASSES, trainLabels: ['Billing'], test: many }, () => Promise.reject(new Error('Cancelled')))).rejects.toThrow('Cancelled');
  });
});
