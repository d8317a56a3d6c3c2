import { describe, it, expect } from 'vitest';
import { TfidfVectorizer, type CsrMatrix, type SerializedTfidf } from '$lib/core/text/tfidf';
import { compareCodePoints, wordNgrams } from '$lib/core/text/analyzer';
import { csrRow, csrToDense } from '$lib/core/text/sparse';
import { generateTickets } from '$lib/core/scenarios/tickets';

// Expected values are scikit-learn's TfidfVectorizer formulas worked by hand (float64), as in
// sklearn's docs: idf = ln((1 + n) / (1 + df)) + 1 (smooth_idf) or ln(n / df) + 1; weight =
// tf · idf; each row divided by its l2 (or l1) norm. Our matrices store float32, so values are
// compared to within 1e-7 (relative above 1): float32 rounds numbers below 1 by at most 3e-8.

/** sklearn's documentation corpus (CountVectorizer / TfidfVectorizer examples). */
const CORPUS = [
  'This is the first document.',
  'This document is the second document.',
  'And this is the third one.',
  'Is this the first document?',
];
// Tokens: d0 this is the first document · d1 this document is the second document ·
//         d2 and this is the third one · d3 is this the first document
// n = 4; df: and 1, document 3, first 2, is 4, one 1, second 1, the 4, third 1, this 4.
// Smooth idf = ln(5 / (1 + df)) + 1:
//   df 1: ln(2.5)  + 1 = 1.916290731874155
//   df 2: ln(5/3)  + 1 = 1.5108256237659907
//   df 3: ln(1.25) + 1 = 1.2231435513142097
//   df 4: ln(1)    + 1 = 1
const IDF_DF1 = 1.916290731874155;
const IDF_DF2 = 1.5108256237659907;
const IDF_DF3 = 1.2231435513142097;
const VOCAB = ['and', 'document', 'first', 'is', 'one', 'second', 'the', 'third', 'this'];

function expectClose(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tolerance = 1e-7 * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
      throw new Error(`entry ${i}: got ${actual[i]}, expected ${expected[i]} (±${tolerance})`);
    }
  }
}

/** Row r as { term: weight } (stored entries only). */
function rowByTerm(matrix: CsrMatrix, r: number, names: readonly string[]): Record<string, number> {
  const { indices, data } = csrRow(matrix, r);
  return Object.fromEntries(Array.from(indices, (c, k) => [names[c], data[k]]));
}

function expectRow(matrix: CsrMatrix, r: number, names: readonly string[], expected: Record<string, number>): void {
  const row = rowByTerm(matrix, r, names);
  expect(Object.keys(row)).toEqual(Object.keys(expected));
  expectClose(Object.values(row), Object.values(expected));
}

function expectWellFormed(matrix: CsrMatrix, rows: number, cols: number): void {
  expect(matrix.rows).toBe(rows);
  expect(matrix.cols).toBe(cols);
  expect(matrix.indptr.length).toBe(rows + 1);
  expect(matrix.indptr[0]).toBe(0);
  expect(matrix.indptr[rows]).toBe(matrix.indices.length);
  expect(matrix.data.length).toBe(matrix.indices.length);
  for (let r = 0; r < rows; r++) {
    for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) {
      expect(matrix.indices[k]).toBeGreaterThanOrEqual(0);
      expect(matrix.indices[k]).toBeLessThan(cols);
      if (k > matrix.indptr[r]) expect(matrix.indices[k]).toBeGreaterThan(matrix.indices[k - 1]);
    }
  }
}

describe('TfidfVectorizer defaults on the sklearn docs corpus', () => {
  it('has sklearn’s documented vocabulary, sorted', () => {
    const v = new TfidfVectorizer().fit(CORPUS);
    expect(v.featureNames()).toEqual(VOCAB);
    expect(v.vocabularySize).toBe(9);
    expect(v.columnOf('first')).toBe(2);
    expect(v.columnOf('missing')).toBe(-1);
  });

  it('learns idf = ln((1 + n) / (1 + df)) + 1', () => {
    const idf = new TfidfVectorizer().fit(CORPUS).idf();
    expect(idf).toBeInstanceOf(Float32Array);
    //            and      document  first    is  one      second   the third    this
    expectClose(idf, [IDF_DF1, IDF_DF3, IDF_DF2, 1, IDF_DF1, IDF_DF1, 1, IDF_DF1, 1]);
  });

  it('gives the tf-idf matrix in sklearn’s docs (row 0 to 8 decimals) and the rest by hand', () => {
    const m = new TfidfVectorizer().fitTransform(CORPUS);
    expectWellFormed(m, 4, 9);
    const dense = csrToDense(m);
    // Row 0 as printed in sklearn's docs.
    expectClose(dense[0], [0, 0.46979139, 0.58028582, 0.38408524, 0, 0, 0.38408524, 0, 0.38408524]);
    // Row 0 by hand: raw = document 1.2231435513, first 1.5108256238, is/the/this 1.
    //   Σ raw² = 1.4960801 + 2.2825942 + 3 = 6.778674212549432, ‖raw‖ = 2.6035887180100916
    //   document 1.2231435513 / 2.6035887180 = 0.46979138557992045
    //   first    1.5108256238 / 2.6035887180 = 0.5802858236844359
    //   is, the, this       1 / 2.6035887180 = 0.38408524091481483
    expectClose(dense[0], [0, 0.46979138557992045, 0.5802858236844359, 0.38408524091481483, 0, 0, 0.38408524091481483, 0, 0.38408524091481483]);
    // Row 1: document tf 2 → 2 · 1.2231435513 = 2.4462871026; second 1.9162907319; is/the/this 1.
    //   Σ raw² = 5.9843209 + 3.6721699 + 3 = 12.656490757552932, ‖raw‖ = 3.557596204961003
    //   document 0.6876235979836938, second 0.5386476208856763, is/the/this 0.281088674033753
    expectClose(dense[1], [0, 0.6876235979836938, 0, 0.281088674033753, 0, 0.5386476208856763, 0.281088674033753, 0, 0.281088674033753]);
    // Row 2: and/one/third 1.9162907319 each, is/the/this 1 each.
    //   Σ raw² = 3 · 3.6721699 + 3 = 14.016510507200355, ‖raw‖ = 3.74386304599946
    //   and/one/third 0.511848512707169, is/the/this 0.267103787642168
    const a = 0.511848512707169;
    const b = 0.267103787642168;
    expectClose(dense[2], [a, 0, 0, b, a, 0, b, a, b]);
    // Row 3 has the same terms as row 0.
    expectClose(dense[3], dense[0]);
  });

  it('fitTransform equals fit then transform, and transformOne equals a row', () => {
    const fitted = new TfidfVectorizer().fit(CORPUS);
    const viaTransform = fitted.transform(CORPUS);
    const viaFitTransform = new TfidfVectorizer().fitTransform(CORPUS);
    expect(viaFitTransform).toEqual(viaTransform);
    const one = fitted.transformOne(CORPUS[1]);
    const row = csrRow(viaTransform, 1);
    expect(one.indices).toEqual(row.indices);
    expect(one.data).toEqual(row.data);
  });
});

describe('word n-grams', () => {
  it('form n-grams like sklearn’s _word_ngrams', () => {
    expect(wordNgrams(['a1', 'b2', 'c3'], 1, 2)).toEqual(['a1', 'b2', 'c3', 'a1 b2', 'b2 c3']);
    expect(wordNgrams(['a1', 'b2', 'c3'], 2, 3)).toEqual(['a1 b2', 'b2 c3', 'a1 b2 c3']);
    expect(wordNgrams(['a1'], 2, 2)).toEqual([]);
  });

  it('ngramRange [2, 2] gives sklearn’s documented bigram vocabulary', () => {
    const v = new TfidfVectorizer({ ngramRange: [2, 2] }).fit(CORPUS);
    expect(v.featureNames()).toEqual([
      'and this', 'document is', 'first document', 'is the', 'is this', 'second document',
      'the first', 'the second', 'the third', 'third one', 'this document', 'this is', 'this the',
    ]);
  });

  it('ngramRange [1, 2] sorts unigrams and bigrams together and weights them', () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 2] });
    const m = v.fitTransform(CORPUS);
    const names = v.featureNames();
    expect(names).toEqual([
      'and', 'and this', 'document', 'document is', 'first', 'first document', 'is', 'is the',
      'is this', 'one', 'second', 'second document', 'the', 'the first', 'the second', 'the third',
      'third', 'third one', 'this', 'this document', 'this is', 'this the',
    ]);
    // Row 0 terms and df: document 3, first 2, "first document" 2 (d0, d3), is 4, "is the" 3
    // (d0, d1, d2), the 4, "the first" 2 (d0, d3), this 4, "this is" 2 (d0, d2).
    // raw: idf(3) = 1.2231435513 ×2, idf(2) = 1.5108256238 ×4, 1 ×3
    //   Σ raw² = 2 · 1.4960801 + 4 · 2.2825942 + 3 = 15.122536555954655, ‖raw‖ = 3.888770571267307
    //   df 3 → 0.3145321969754572, df 2 → 0.38850983776953174, df 4 → 0.25715068083178566
    const d3 = 0.3145321969754572;
    const d2 = 0.38850983776953174;
    const d4 = 0.25715068083178566;
    expectRow(m, 0, names, {
      document: d3, first: d2, 'first document': d2, is: d4, 'is the': d3, the: d4, 'the first': d2, this: d4, 'this is': d2,
    });
  });

  it('removes stop words before forming n-grams', () => {
    const v = new TfidfVectorizer({ ngramRange: [1, 2], stopWords: 'english' }).fit(['Billing invoice is wrong']);
    // "is" is a stop word, so "invoice wrong" spans it.
    expect(v.featureNames()).toEqual(['billing', 'billing invoice', 'invoice', 'invoice wrong', 'wrong']);
  });
});

describe('minDf and maxDf', () => {
  // df: and 1, document 3, first 2, is 4, one 1, second 1, the 4, third 1, this 4 (n = 4).
  const names = (options: ConstructorParameters<typeof TfidfVectorizer>[0]) => new TfidfVectorizer(options).fit(CORPUS).featureNames();

  it('an integer minDf is a document count', () => {
    expect(names({ minDf: 2 })).toEqual(['document', 'first', 'is', 'the', 'this']);
    expect(names({ minDf: 3 })).toEqual(['document', 'is', 'the', 'this']);
  });

  it('a fractional minDf is a proportion of the documents', () => {
    expect(names({ minDf: 0.5 })).toEqual(['document', 'first', 'is', 'the', 'this']); // df ≥ 2.0
    expect(names({ minDf: 0.6 })).toEqual(['document', 'is', 'the', 'this']); // df ≥ 2.4
  });

  it('an integer maxDf ≥ 2 is a document count; 1 means all documents (sklearn’s max_df=1.0)', () => {
    expect(names({ maxDf: 3 })).toEqual(['and', 'document', 'first', 'one', 'second', 'third']);
    expect(names({ maxDf: 2 })).toEqual(['and', 'first', 'one', 'second', 'third']);
    expect(names({ maxDf: 1 })).toEqual(VOCAB);
  });

  it('a fractional maxDf is a proportion of the documents', () => {
    expect(names({ maxDf: 0.75 })).toEqual(['and', 'document', 'first', 'one', 'second', 'third']); // df ≤ 3.0
    expect(names({ maxDf: 0.7 })).toEqual(['and', 'first', 'one', 'second', 'third']); // df ≤ 2.8
  });

  it('keeps idf from all documents and re-normalises over the kept terms', () => {
    const v = new TfidfVectorizer({ minDf: 2 });
    const m = v.fitTransform(CORPUS);
    expectClose(v.idf(), [IDF_DF3, IDF_DF2, 1, 1, 1]);
    // Row 2 keeps is, the, this (idf 1 each): 1 / √3 = 0.5773502691896258.
    const third = 0.5773502691896258;
    expectRow(m, 2, v.featureNames(), { is: third, the: third, this: third });
  });

  it('throws sklearn’s error when maxDf allows fewer documents than minDf', () => {
    expect(() => new TfidfVectorizer({ minDf: 3, maxDf: 2 }).fit(CORPUS)).toThrow(/^max_df corresponds to < documents than min_df/);
    // 0.5 · 4 = 2 < 0.9 · 4 = 3.6
    expect(() => new TfidfVectorizer({ minDf: 0.9, maxDf: 0.5 }).fit(CORPUS)).toThrow(/^max_df corresponds to < documents than min_df/);
    // minDf 5 > the 4 documents maxDf 1.0 allows.
    expect(() => new TfidfVectorizer({ minDf: 5 }).fit(CORPUS)).toThrow(/^max_df corresponds to < documents than min_df/);
  });

  it('throws sklearn’s error when pruning leaves no terms', () => {
    // df: a 3; b, c, d 1 — nothing has df 2.
    expect(() => new TfidfVectorizer({ minDf: 2, maxDf: 2 }).fit(['aa bb', 'aa cc', 'aa dd'])).toThrow(
      'After pruning, no terms remain. Try a lower min_df or a higher max_df.',
    );
  });
});

describe('maxFeatures', () => {
  // Terms first appear in the order dd, cc, bb, aa, ee; totals: aa 1, bb 2, cc 2, dd 1, ee 1.
  const TIES = ['dd cc bb', 'bb cc aa', 'ee'];

  it('keeps the most frequent terms; ties go to the term that sorts first, not the first seen', () => {
    expect(new TfidfVectorizer({ maxFeatures: 1 }).fit(TIES).featureNames()).toEqual(['bb']);
    expect(new TfidfVectorizer({ maxFeatures: 2 }).fit(TIES).featureNames()).toEqual(['bb', 'cc']);
    expect(new TfidfVectorizer({ maxFeatures: 3 }).fit(TIES).featureNames()).toEqual(['aa', 'bb', 'cc']);
    expect(new TfidfVectorizer({ maxFeatures: 4 }).fit(TIES).featureNames()).toEqual(['aa', 'bb', 'cc', 'dd']);
    expect(new TfidfVectorizer({ maxFeatures: 9 }).fit(TIES).featureNames()).toEqual(['aa', 'bb', 'cc', 'dd', 'ee']);
  });

  it('ranks by total count, not document frequency, and applies after minDf/maxDf', () => {
    // xx: count 4 in 1 document; yy: count 2 in 2 documents.
    const corpus = ['xx xx xx xx', 'yy zz', 'yy ww'];
    expect(new TfidfVectorizer({ maxFeatures: 1 }).fit(corpus).featureNames()).toEqual(['xx']);
    expect(new TfidfVectorizer({ maxFeatures: 1, minDf: 2 }).fit(corpus).featureNames()).toEqual(['yy']);
    // idf keeps n = 3: yy df 2 → ln(4/3) + 1 = 1.2876820724517808.
    expectClose(new TfidfVectorizer({ maxFeatures: 1, minDf: 2 }).fit(corpus).idf(), [1.2876820724517808]);
  });
});

describe('weighting options', () => {
  it('sublinearTf uses 1 + ln(tf)', () => {
    const v = new TfidfVectorizer({ sublinearTf: true });
    const m = v.fitTransform(CORPUS);
    // Row 1: document tf 2 → (1 + ln 2) · 1.2231435513 = 1.6931471806 · 1.2231435513 = 2.0709620553277333;
    // second 1.9162907319; is/the/this 1 (1 + ln 1 = 1).
    //   Σ raw² = 4.2888839 + 3.6721699 + 3 = 10.961054003674054, ‖raw‖ = 3.3107482543488644
    //   document 0.6255268888558354, second 0.5788089533406816, is/the/this 0.30204652337623095
    const o = 0.30204652337623095;
    expectRow(m, 1, v.featureNames(), { document: 0.6255268888558354, is: o, second: 0.5788089533406816, the: o, this: o });
    // Row 0 has only counts of 1, so it matches the default.
    expect(csrRow(m, 0).data).toEqual(csrRow(new TfidfVectorizer().fitTransform(CORPUS), 0).data);
  });

  it('smoothIdf false uses ln(n / df) + 1', () => {
    const v = new TfidfVectorizer({ smoothIdf: false });
    const m = v.fitTransform(CORPUS);
    // df 1: ln 4 + 1 = 2.386294361119891; df 2: ln 2 + 1 = 1.6931471805599454;
    // df 3: ln(4/3) + 1 = 1.2876820724517808; df 4: 1.
    expectClose(v.idf(), [2.386294361119891, 1.2876820724517808, 1.6931471805599454, 1, 2.386294361119891, 2.386294361119891, 1, 2.386294361119891, 1]);
    // Row 0: Σ raw² = 1.6581250 + 2.8667474 + 3 = 7.524872494751806, ‖raw‖ = 2.7431501043055966
    //   document 0.4694172843223779, first 0.6172273175654565, is/the/this 0.3645443967613799
    const o = 0.3645443967613799;
    expectRow(m, 0, v.featureNames(), { document: 0.4694172843223779, first: 0.6172273175654565, is: o, the: o, this: o });
  });

  it('norm l1 divides by the sum of weights', () => {
    const v = new TfidfVectorizer({ norm: 'l1' });
    const m = v.fitTransform(CORPUS);
    // Row 0: Σ raw = 1.2231435513 + 1.5108256238 + 3 = 5.7339691750802
    //   document 0.21331533427664473, first 0.26348687578092167, is/the/this 0.17439926331414454
    const o = 0.17439926331414454;
    expectRow(m, 0, v.featureNames(), { document: 0.21331533427664473, first: 0.26348687578092167, is: o, the: o, this: o });
    let sum = 0;
    for (const x of csrRow(m, 2).data) sum += x;
    expect(sum).toBeCloseTo(1, 6);
  });

  it('norm null leaves tf · idf as is', () => {
    const v = new TfidfVectorizer({ norm: null });
    const m = v.fitTransform(CORPUS);
    expectRow(m, 1, v.featureNames(), { document: 2 * IDF_DF3, is: 1, second: IDF_DF1, the: 1, this: 1 });
  });
});

describe('text handling', () => {
  it('ignores unknown terms at transform time; a text with none gives an empty row', () => {
    const v = new TfidfVectorizer().fit(CORPUS);
    const m = v.transform(['completely unknown words', 'first unknown document', '']);
    expectWellFormed(m, 3, 9);
    expect(csrRow(m, 0).indices.length).toBe(0);
    expect(csrRow(m, 2).indices.length).toBe(0);
    // document 1.2231435513, first 1.5108256238: Σ raw² = 3.778674212549432, ‖raw‖ = 1.943881223879029
    //   document 0.6292275146695526, first 0.7772211620785797
    expectRow(m, 1, v.featureNames(), { document: 0.6292275146695526, first: 0.7772211620785797 });
    expect(v.transformOne('nothing known here')).toEqual({ indices: new Int32Array(0), data: new Float32Array(0) });
    expect(v.transform([])).toEqual({ rows: 0, cols: 9, indptr: new Int32Array([0]), indices: new Int32Array(0), data: new Float32Array(0) });
  });

  it('counts empty documents in n and gives them empty rows', () => {
    const v = new TfidfVectorizer();
    const m = v.fitTransform(['', 'hello world', '!!! ? a']);
    // n = 3, df 1 → idf ln(4/2) + 1 = 1.6931471805599454; two equal weights → 1/√2 each.
    expect(v.featureNames()).toEqual(['hello', 'world']);
    expectClose(v.idf(), [1.6931471805599454, 1.6931471805599454]);
    expect(Array.from(m.indptr)).toEqual([0, 0, 2, 2]);
    expectClose(m.data, [0.7071067811865476, 0.7071067811865476]);
  });

  it('removes English stop words (the docs corpus loses a whole document)', () => {
    const v = new TfidfVectorizer({ stopWords: 'english' });
    const m = v.fitTransform(CORPUS);
    // this, is, the, first, and, third, one are stop words; d2 has no terms left.
    expect(v.featureNames()).toEqual(['document', 'second']);
    expect(Array.from(m.indptr)).toEqual([0, 1, 3, 3, 4]);
    // Row 1: document 2 · 1.2231435513 = 2.4462871026, second 1.9162907319 (n still 4).
    //   Σ raw² = 9.656490757552932, ‖raw‖ = 3.1074894621789038 → 0.78722297610404, 0.6166684570284895
    expectRow(m, 1, v.featureNames(), { document: 0.78722297610404, second: 0.6166684570284895 });
    expect(() => new TfidfVectorizer({ stopWords: 'english' }).fit(['the and', 'of it'])).toThrow(
      'empty vocabulary; perhaps the documents only contain stop words',
    );
  });

  it('lowercase false keeps case (and the lowercase stop list then misses capitalised words)', () => {
    expect(new TfidfVectorizer().fit(['Apple apple The']).featureNames()).toEqual(['apple', 'the']);
    expect(new TfidfVectorizer({ lowercase: false }).fit(['Apple apple The']).featureNames()).toEqual(['Apple', 'The', 'apple']);
    expect(new TfidfVectorizer({ lowercase: false, stopWords: 'english' }).fit(['The cat the']).featureNames()).toEqual(['The', 'cat']);
  });

  it('orders columns by code point like Python, not by UTF-16 unit', () => {
    // U+FF48 "ｈ" < U+1D400 "𝐀" as code points, but "𝐀" is stored as U+D835 U+DC00 in UTF-16.
    expect(new TfidfVectorizer().fit(['𝐀𝐁 ｈｉ abc ÿÿ']).featureNames()).toEqual(['abc', 'ÿÿ', 'ｈｉ', '𝐀𝐁']);
    expect(compareCodePoints('\uFF48', '\u{1D400}')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'abc')).toBeLessThan(0);
    expect(compareCodePoints('b', 'abc')).toBeGreaterThan(0);
  });

  it('throws on no documents, a single string and non-string documents', () => {
    expect(() => new TfidfVectorizer().fit([])).toThrow('empty vocabulary');
    expect(() => new TfidfVectorizer().fit('a text' as unknown as string[])).toThrow('Iterable over raw text documents expected, string object received.');
    expect(() => new TfidfVectorizer().fit(['ok text', 42 as unknown as string])).toThrow('document 1 is number');
  });

  it('a failed fit keeps the earlier vocabulary; a new fit replaces it', () => {
    const v = new TfidfVectorizer().fit(CORPUS);
    expect(() => v.fit(['a'])).toThrow('empty vocabulary');
    expect(v.featureNames()).toEqual(VOCAB);
    v.fit(['fresh words']);
    expect(v.featureNames()).toEqual(['fresh', 'words']);
    expect(v.transformOne('fresh').indices).toEqual(new Int32Array([0]));
  });

  it('refuses to transform before fitting', () => {
    const v = new TfidfVectorizer();
    expect(v.isFitted).toBe(false);
    expect(v.vocabularySize).toBe(0);
    expect(() => v.transform(['x'])).toThrow(/not fitted/);
    expect(() => v.transformOne('x')).toThrow(/not fitted/);
    expect(() => v.toJSON()).toThrow(/not fitted/);
  });
});

describe('options validation', () => {
  it.each([
    [{ ngramRange: [2, 1] }, /lower boundary larger than the upper boundary/],
    [{ ngramRange: [0, 1] }, /ngramRange/],
    [{ ngramRange: [1.5, 2] }, /ngramRange/],
    [{ minDf: 1.5 }, /minDf/],
    [{ minDf: -0.1 }, /minDf/],
    [{ minDf: Number.NaN }, /minDf/],
    [{ maxDf: 2.5 }, /maxDf/],
    [{ maxDf: Infinity }, /maxDf/],
    [{ maxFeatures: 0 }, /maxFeatures/],
    [{ maxFeatures: 2.5 }, /maxFeatures/],
    [{ norm: 'l3' }, /norm/],
    [{ stopWords: 'french' }, /stopWords/],
    [{ sublinearTf: 'yes' }, /sublinearTf/],
    [{ min_df: 2 }, /unknown option "min_df"/],
  ])('rejects %j', (options, message) => {
    expect(() => new TfidfVectorizer(options as never)).toThrow(message);
  });

  it('fills defaults', () => {
    expect(new TfidfVectorizer().options).toEqual({
      ngramRange: [1, 1], minDf: 1, maxDf: 1, maxFeatures: null, sublinearTf: false,
      stopWords: null, lowercase: true, smoothIdf: true, norm: 'l2',
    });
  });
});

describe('serialization', () => {
  const texts = generateTickets({ count: 300, seed: 'tfidf-test' }).map((t) => `${t.subject}\n\n${t.body}`);

  it('round-trips through JSON to identical transforms', () => {
    const options = { ngramRange: [1, 2] as [number, number], minDf: 2, maxDf: 0.9, sublinearTf: true, stopWords: 'english' as const };
    const original = new TfidfVectorizer(options).fit(texts);
    const json: SerializedTfidf = original.toJSON();
    expect(json).toMatchObject({ kind: 'tfidf', version: 1, options: { ...options, maxFeatures: null, norm: 'l2' } });
    expect(json.vocabulary).toEqual(original.featureNames());
    const restored = TfidfVectorizer.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(restored.options).toEqual(original.options);
    expect(restored.featureNames()).toEqual(original.featureNames());
    expect(restored.idf()).toEqual(original.idf());
    const probe = [...texts.slice(0, 50), 'a text with unseen words', ''];
    expect(restored.transform(probe)).toEqual(original.transform(probe));
    expect(restored.toJSON()).toEqual(json);
  });

  it('fitTransform equals fit + transform on generated tickets', () => {
    const options = { ngramRange: [1, 2] as [number, number], minDf: 2, maxFeatures: 500 };
    const fitted = new TfidfVectorizer(options).fit(texts);
    const expected = fitted.transform(texts);
    const v = new TfidfVectorizer(options);
    const actual = v.fitTransform(texts);
    expectWellFormed(actual, texts.length, 500);
    expect(v.featureNames()).toEqual(fitted.featureNames());
    expect(actual).toEqual(expected);
  });

  const valid = (): SerializedTfidf => new TfidfVectorizer().fit(CORPUS).toJSON();
  const withChange = (change: (doc: Record<string, unknown>) => void): unknown => {
    const doc = valid() as unknown as Record<string, unknown>;
    change(doc);
    return doc;
  };

  it.each<[string, unknown, RegExp]>([
    ['null', null, /expected an object/],
    ['an array', [], /expected an object/],
    ['another kind', withChange((d) => (d.kind = 'model')), /expected kind "tfidf"/],
    ['a newer version', withChange((d) => (d.version = 2)), /unsupported version 2/],
    ['missing options', withChange((d) => delete d.options), /options must be an object/],
    ['a bad option', withChange((d) => ((d.options as Record<string, unknown>).norm = 'l3')), /norm/],
    ['an unknown option', withChange((d) => ((d.options as Record<string, unknown>).binary = true)), /unknown option "binary"/],
    ['missing vocabulary', withChange((d) => delete d.vocabulary), /vocabulary must be a non-empty array/],
    ['an empty vocabulary', withChange((d) => ((d.vocabulary = []), (d.idf = []))), /vocabulary must be a non-empty array/],
    ['a non-string term', withChange((d) => ((d.vocabulary as unknown[])[3] = 7)), /vocabulary\[3\] is not a non-empty string/],
    ['unsorted terms', withChange((d) => (d.vocabulary as string[]).reverse()), /sorted by code point/],
    ['duplicate terms', withChange((d) => ((d.vocabulary as string[])[1] = 'and')), /sorted by code point without duplicates/],
    ['idf of the wrong length', withChange((d) => (d.idf as number[]).pop()), /one per vocabulary term \(9\)/],
    ['a string idf', withChange((d) => ((d.idf as unknown[])[0] = '1.9')), /idf\[0\] must be a finite number > 0/],
    ['a NaN idf (null in JSON)', withChange((d) => ((d.idf as unknown[])[2] = null)), /idf\[2\] must be a finite number > 0/],
    ['a negative idf', withChange((d) => ((d.idf as number[])[4] = -1)), /idf\[4\] must be a finite number > 0/],
  ])('fromJSON rejects %s', (_label, doc, message) => {
    expect(() => TfidfVectorizer.fromJSON(doc)).toThrow(message);
  });

  it('fromJSON accepts the untouched document', () => {
    expect(TfidfVectorizer.fromJSON(valid()).featureNames()).toEqual(VOCAB);
  });
});
