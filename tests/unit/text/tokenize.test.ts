import { describe, it, expect } from 'vitest';
import { ENGLISH_STOP_WORDS, removeStopWords, tokenize } from '$lib/core/text/tokenize';

// Expected tokens are what scikit-learn's default analyzer (lowercase, r"(?u)\b\w\w+\b") gives.
describe('tokenize', () => {
  it('lowercases and keeps runs of two or more word characters', () => {
    expect(tokenize("Hello, World! I'm here_now 42 a1 x")).toEqual(['hello', 'world', 'here_now', '42', 'a1']);
  });

  it('splits at punctuation and drops single characters', () => {
    expect(tokenize("e-mail re:billing can't #42-B")).toEqual(['mail', 're', 'billing', 'can', '42']);
  });

  it('treats letters and digits of any script as word characters', () => {
    expect(tokenize('Café naïve 東京 Straße ٣٤')).toEqual(['café', 'naïve', '東京', 'straße', '٣٤']);
  });

  it('lowercases Greek capital sigma at the end of a word to final sigma, like str.lower()', () => {
    expect(tokenize('ΣΟΦΟΣ')).toEqual(['σοφος']);
  });

  it('breaks words at combining marks and emoji, which are not \\w in Python', () => {
    expect(tokenize('cafe\u0301 ok👍ok')).toEqual(['cafe', 'ok', 'ok']);
  });

  it('returns no tokens for empty or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' - ! a ? ')).toEqual([]);
  });
});

describe('ENGLISH_STOP_WORDS', () => {
  it("has scikit-learn's 318 words, including its misspellings", () => {
    expect(ENGLISH_STOP_WORDS.size).toBe(318);
    for (const w of ['a', 'the', 'yourselves', 'amoungst', 'couldnt', 'hasnt', 'noone', 'bill', 'system', 'fifty']) {
      expect(ENGLISH_STOP_WORDS.has(w), w).toBe(true);
    }
    for (const w of ['just', 'invoice', 'error', "couldn't", 'no one', 'fify', 'doesn']) {
      expect(ENGLISH_STOP_WORDS.has(w), w).toBe(false);
    }
  });

  it('is removed from token lists', () => {
    expect(removeStopWords(tokenize('The invoice is wrong and I need it fixed'))).toEqual(['invoice', 'wrong', 'need', 'fixed']);
    expect(removeStopWords(['the', 'invoice'], new Set(['invoice']))).toEqual(['the']);
  });
});
