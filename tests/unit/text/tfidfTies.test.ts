import { describe, expect, it } from 'vitest';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { numpyArgsort, numpyHeapArgsort } from '$lib/core/text/numpyArgsort';
import { csrRow } from '$lib/core/text/sparse';

// Pinned with Debian's python3-sklearn 1.2.1 and python3-numpy 1.24.2 (/usr/bin/python3, x86-64
// with AVX-512), e.g.:
//   v = np.array([(i * 7) % 5 for i in range(24)], dtype=float)
//   np.argsort(v).tolist(); np.argsort(v, kind='heapsort').tolist()
//   w = -np.array([(i * i) % 4 for i in range(40)], dtype=float); np.argsort(w).tolist()

describe("numpy's argsort", () => {
  const V = Array.from({ length: 24 }, (_, i) => (i * 7) % 5);
  const W = Array.from({ length: 40 }, (_, i) => -((i * i) % 4));

  it('places ties where numpy’s quicksort (introsort) leaves them, not in input order', () => {
    expect(Array.from(numpyArgsort(V))).toEqual([0, 20, 15, 5, 10, 18, 13, 8, 23, 3, 6, 16, 1, 21, 11, 9, 4, 14, 19, 22, 12, 17, 2, 7]);
    expect(Array.from(numpyArgsort(W))).toEqual([
      19, 37, 35, 33, 31, 29, 27, 25, 23, 21, 17, 15, 13, 39, 11, 1, 3, 9, 7, 5, 14, 36, 2, 34, 32, 4, 30, 28, 26, 12, 24, 8, 22, 20, 38, 18, 10, 16, 6, 0,
    ]);
  });

  it('has numpy’s heapsort for the parts introsort gives up on', () => {
    expect(Array.from(numpyHeapArgsort(V))).toEqual([15, 5, 10, 20, 0, 13, 18, 8, 23, 3, 6, 11, 21, 1, 16, 14, 4, 19, 9, 12, 2, 22, 17, 7]);
  });

  it('is stable up to 16 values (insertion sort) and handles empty and single inputs', () => {
    expect(Array.from(numpyArgsort([2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]))).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 0, 2, 4, 6, 8, 10, 12, 14]);
    expect(Array.from(numpyArgsort([]))).toEqual([]);
    expect(Array.from(numpyArgsort([5]))).toEqual([0]);
  });
});

// 150 terms in three bands of 50 with equal total counts (3, 6, 9), plus "shared"; maxFeatures
// cuts inside a band, so which tied terms survive is decided by numpy's unstable argsort.
// Expected values from /usr/bin/python3 (scikit-learn 1.2.1, numpy 1.24.2):
//   from sklearn.feature_extraction.text import TfidfVectorizer
//   docs = [' '.join(f't{i:03d}' for i in range(150) if (i * 7 + d * 3) % 10 < 1 + i % 3)
//           + (' shared' * (d % 4)) for d in range(30)]
//   for k in (40, 75):
//       v = TfidfVectorizer(max_features=k); X = v.fit_transform(docs).tocsr()
//       print(' '.join(v.get_feature_names_out()))
//       for r in (0, 1, 7):
//           print([(v.get_feature_names_out()[c], repr(x)) for c, x in zip(X[r].indices, X[r].data)][:4], X[r].nnz)
const DOCS = Array.from({ length: 30 }, (_, d) =>
  Array.from({ length: 150 }, (_, i) => i)
    .filter((i) => (i * 7 + d * 3) % 10 < 1 + (i % 3))
    .map((i) => `t${String(i).padStart(3, '0')}`)
    .join(' ') + ' shared'.repeat(d % 4),
);

const KEPT_40 = 'shared t014 t038 t041 t044 t047 t050 t053 t056 t059 t062 t065 t068 t071 t074 t077 t080 t083 t086 t089 t092 t095 t098 t101 t104 t107 t110 t113 t116 t119 t122 t125 t128 t131 t134 t137 t140 t143 t146 t149';
const KEPT_75 =
  'shared t001 t002 t004 t005 t007 t008 t011 t013 t014 t016 t017 t019 t020 t023 t026 t029 t032 t035 t038 t041 t044 t047 t050 t053 t056 t059 t062 t065 t068 t071 t074 t077 t080 t083 t085 t086 t088 t089 t091 t092 t094 t095 t097 t098 t100 t101 t103 t104 t106 t107 t110 t112 t113 t115 t116 t119 t122 t124 t125 t127 t128 t130 t131 t133 t134 t136 t137 t139 t140 t142 t143 t145 t146 t149';

/** Weight of `term` in row `r`, and the row's number of non-zero entries. */
function entry(vectorizer: TfidfVectorizer, r: number, term: string): { weight: number; nnz: number } {
  const row = csrRow(vectorizer.transform([DOCS[r]]), 0);
  const column = vectorizer.featureNames().indexOf(term);
  const at = Array.from(row.indices).indexOf(column);
  return { weight: at < 0 ? 0 : row.data[at], nnz: row.indices.length };
}

describe('TF-IDF maxFeatures ties, as scikit-learn keeps them', () => {
  it('keeps the terms sklearn keeps when the cut falls inside a tie of 50 terms', () => {
    const v40 = new TfidfVectorizer({ maxFeatures: 40 }).fit(DOCS);
    expect(v40.featureNames().join(' ')).toBe(KEPT_40);
    // The stable rule (ties to the term that sorts first) would keep t002, t005, t008 and t011.
    for (const term of ['t002', 't005', 't008', 't011']) expect(v40.featureNames()).not.toContain(term);
    const v75 = new TfidfVectorizer({ maxFeatures: 75 }).fit(DOCS);
    expect(v75.featureNames().join(' ')).toBe(KEPT_75);
  });

  it('gives the matrix entries sklearn gives (float32 storage: within 1e-7)', () => {
    const v40 = new TfidfVectorizer({ maxFeatures: 40 }).fit(DOCS);
    const v75 = new TfidfVectorizer({ maxFeatures: 75 }).fit(DOCS);
    const cases: [TfidfVectorizer, number, string, number, number][] = [
      [v40, 0, 't146', 0.2886751345948128, 12],
      [v40, 1, 'shared', 0.1666056982727442, 14],
      [v40, 1, 't137', 0.27347374241879674, 14],
      [v40, 7, 'shared', 0.4666356876087605, 13],
      [v40, 7, 't077', 0.2553186138680288, 13],
      [v75, 0, 't133', 0.24994029980196436, 20],
      [v75, 0, 't140', 0.21411044387955813, 20],
      [v75, 1, 'shared', 0.1293446456121449, 21],
      [v75, 7, 't007', 0.23275377223790467, 21],
      [v75, 7, 'shared', 0.3644129195894213, 21],
    ];
    for (const [vectorizer, r, term, weight, nnz] of cases) {
      const got = entry(vectorizer, r, term);
      expect(got.nnz, `row ${r} non-zeros`).toBe(nnz);
      expect(Math.abs(got.weight - weight), `row ${r}, ${term}`).toBeLessThan(1e-7);
    }
  });
});
