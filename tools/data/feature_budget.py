"""What the learned model's size budget costs it, and what interactions would add: session 54's
offline check on the engine's own features, not part of the engine. Needs `pip install
scikit-learn lightgbm`. Run from the repository root:
    cargo run --release -q -p rapport-tools --example dump_features > /tmp/features.tsv
    python3 tools/data/feature_budget.py /tmp/features.tsv
`dump_features` writes the train and dev messages of data/judgement (the test split is skipped
before anything is read) with the features the engine's model reads (`judgement::model_features`:
hashed words, word pairs, five-letter prefixes, the phrase patterns that matched). Per cue, a
logistic regression (L2, C = 1, binary features seen in 2+ train rows) is fitted on train, its
bar picked by five-fold cross-validation on train, and its dev F1 printed, with the precision
of the seven cues' fires on dev's hard-negative rows:
  1. every feature (no size budget);
  2. the K features most important to any cue (|weight| x sqrt(rows it is in)), refitted: the
     shape of the embedded model, which keeps 1,400 features shared by its heads;
  3. the N features most important to each cue alone, refitted (a per-head sparse model);
  4. (1) plus gradient-boosted trees of four leaves fitted on top of its out-of-fold logits:
     what interactions between features (words together) would add to a linear model.
Measured 2026-12-07 (session 54), the eleventh-pass corpus (7,398 train, 2,411 dev rows; 33,100
features), dev F1 mistake churn effort praise loyalty celebration loss | hard-negative precision:
  every feature              .837 .856 .845 .873 .861 .803 .894 | 48.3% of 296
  + boosted trees            .842 .847 .846 .863 .846 .834 .918 | 49.8% of 285
  shared K = 1,400           .803 .845 .813 .834 .813 .831 .885 | 47.7% of 281
  shared K = 2,400           .812 .838 .819 .847 .831 .837 .884 | 51.8% of 255
  shared K = 5,000           .835 .859 .834 .861 .850 .829 .913 | 51.7% of 263
  per cue N = 400            .812 .817 .811 .829 .821 .843 .892 | 48.0% of 273
  per cue N = 1,500          .819 .833 .823 .860 .832 .832 .910 | 51.0% of 259
(The embedded model, `evaluate`'s dev column: .805 .834 .821 .833 .818 .812 .880 | 47.4% of 274.)
What it says: the 1,400-feature budget costs about .03 F1 against every feature kept (about 7 KB
gzipped per 1,000 more features in the embedded format: session 44's 2,400 took 11.2 -> 18.4 KB,
and the .wasm has under 6 KB of room); interactions add nothing a dev
part this size can tell from noise; and no linear model of these features, at any size, reads
dev's mistake and churn at .85 or its hard negatives at more than about 52%. The targets want
another kind of reading (or other training rows), not a bigger or differently fitted one.
"""
import sys
import warnings
from collections import Counter

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

warnings.filterwarnings("ignore")
CUES = ["mistake", "churn", "effort", "praise", "loyalty", "celebration", "loss"]


def load(path):
    rows = [l.rstrip("\n").split("\t") for l in open(path)]
    split = np.array([r[0] for r in rows])
    y = np.array([[int(x) for x in r[2].split()] for r in rows])
    hard = np.array([int(r[3]) for r in rows]) == 1
    feats = [[int(h) for h in r[5].split()] if r[5] else [] for r in rows]
    tr, dv = split == "train", split == "dev"
    seen = Counter(h for f, t in zip(feats, tr) if t for h in set(f))
    keep = {h: i for i, h in enumerate(sorted(h for h, c in seen.items() if c >= 2))}
    ind, ptr = [], [0]
    for f in feats:
        ind += sorted({keep[h] for h in f if h in keep})
        ptr.append(len(ind))
    x = sp.csr_matrix((np.ones(len(ind)), ind, ptr), shape=(len(rows), len(keep)))
    return x[tr], x[dv], y[tr], y[dv], hard[dv]


def f1(pred, y):
    tp, fp, fn = (pred & (y == 1)).sum(), (pred & (y == 0)).sum(), (~pred & (y == 1)).sum()
    return 2 * tp / max(1, 2 * tp + fp + fn)


def bar(scores, y):
    return max(np.quantile(scores, np.linspace(0.5, 0.995, 200)), key=lambda t: f1(scores >= t, y))


def lr(a, y):
    return LogisticRegression(C=1.0, max_iter=3000, solver="liblinear").fit(a, y)


FOLDS = 5


def out_of_fold(a, y, fit=lr):
    folds = np.arange(a.shape[0]) % FOLDS
    oof = np.zeros(a.shape[0])
    for k in range(FOLDS):
        oof[folds == k] = fit(a[folds != k], y[folds != k]).decision_function(a[folds == k])
    return oof


def report(name, fires, yd, hard):
    f = fires[hard]
    right = (f & (yd[hard] == 1)).sum()
    print(f"{name:24s} " + " ".join(f"{f1(fires[:, j], yd[:, j]):.3f}" for j in range(len(CUES)))
          + f" | {100 * right / max(1, f.sum()):.1f}% of {f.sum()}", flush=True)


def main():
    xt, xd, yt, yd, hard = load(sys.argv[1])
    print(f"{xt.shape[0]} train, {xd.shape[0]} dev rows, {xt.shape[1]} features", flush=True)
    weights = [lr(xt, yt[:, j]).coef_[0] for j in range(len(CUES))]
    in_rows = np.sqrt(np.asarray((xt > 0).sum(0)).ravel())

    def fires_with(columns_of):
        fires = np.zeros(yd.shape, bool)
        for j in range(len(CUES)):
            c = columns_of(j)
            a, b = (xt, xd) if c is None else (xt[:, c], xd[:, c])
            fires[:, j] = lr(a, yt[:, j]).decision_function(b) >= bar(out_of_fold(a, yt[:, j]), yt[:, j])
        return fires

    report("every feature", fires_with(lambda j: None), yd, hard)
    boosted(xt, xd, yt, yd, hard)
    shared = np.argsort(-np.max(np.abs(np.array(weights)) * in_rows, axis=0))
    for k in (1400, 2400, 5000):
        report(f"shared K = {k}", fires_with(lambda j: shared[:k]), yd, hard)
    for n in (400, 1500):
        report(f"per cue N = {n}", fires_with(lambda j: np.argsort(-np.abs(weights[j]) * in_rows)[:n]), yd, hard)


def boosted(xt, xd, yt, yd, hard):
    import lightgbm as lgb

    params = dict(objective="binary", num_leaves=4, learning_rate=0.05, min_data_in_leaf=10,
                  feature_fraction=0.5, lambda_l2=1.0, verbose=-1)
    a, b = xt.astype(np.float32), xd.astype(np.float32)
    folds = np.arange(a.shape[0]) % FOLDS
    fires = np.zeros(yd.shape, bool)
    for j in range(len(CUES)):
        y = yt[:, j]
        oof = out_of_fold(xt, y)
        # the boosted model's own out-of-fold scores, for its bar
        oof_b = np.zeros(len(y))
        for k in range(FOLDS):
            m = lgb.train(params, lgb.Dataset(a[folds != k], y[folds != k], init_score=oof[folds != k]), 200)
            oof_b[folds == k] = oof[folds == k] + m.predict(a[folds == k], raw_score=True)
        m = lgb.train(params, lgb.Dataset(a, y, init_score=oof), 200)
        fires[:, j] = lr(xt, y).decision_function(xd) + m.predict(b, raw_score=True) >= bar(oof_b, y)
    report("+ boosted trees", fires, yd, hard)


if __name__ == "__main__":
    main()
