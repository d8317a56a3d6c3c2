"""The scikit-learn peer of the train.lr.* figures (peer.sklearn.lr.*.ms).

It mirrors what the app's default run does on the same rows: TfidfVectorizer(sublinear_tf=True,
min_df=2) — the app's default vectorizer settings (unigrams, min_df 2, sublinear tf) — and
LogisticRegression() with its defaults (L2, C=1, lbfgs), fitted on the train split and scored on
the test split. The bench writes the rows (bench/trainTask.ts `ticketRows`: same seed, same
stratified split) as a CSV with the columns text, label, split.

Usage: /usr/bin/python3 bench/peer/sklearn_lr.py <rows.csv>
Prints one JSON object. `ms` is vectorize + fit + score, timed inside Python: reading the CSV is
excluded (reported apart as readMs), as the app's figure excludes reading its rows.
"""
import csv
import json
import sys
import time
import warnings

import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

csv.field_size_limit(10**9)


def main(path):
    t0 = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    t1 = time.perf_counter()
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=2)
    x_train = vectorizer.fit_transform([r["text"] for r in train])
    t2 = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model = LogisticRegression().fit(x_train, [r["label"] for r in train])
    t3 = time.perf_counter()
    accuracy = model.score(vectorizer.transform([r["text"] for r in test]), [r["label"] for r in test])
    t4 = time.perf_counter()
    print(json.dumps({
        "sklearn": sklearn.__version__,
        "rows": len(rows),
        "train": len(train),
        "test": len(test),
        "readMs": (t1 - t0) * 1000,
        "vectorizeMs": (t2 - t1) * 1000,
        "fitMs": (t3 - t2) * 1000,
        "evaluateMs": (t4 - t3) * 1000,
        "ms": (t4 - t1) * 1000,
        "vocabulary": x_train.shape[1],
        "iterations": int(max(model.n_iter_)),
        "converged": not any(issubclass(w.category, ConvergenceWarning) for w in caught),
        "testAccuracy": accuracy,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
