"""Whether more rows of the kind we write would carry the cue model to issue 19's targets: session
56's offline check, not part of the engine. Run from the repository root, after
`feature_budget.py`'s first command (its /tmp/features.tsv holds the train and dev rows only):
    python3 tools/data/learning_curve.py /tmp/features.tsv
A logistic regression on the engine's own features (as `feature_budget.py` and
`context_reader.py` fit it: L2, C = 1, each cue's bar picked on a fixed fifth of the rows it is
given) is fitted on a quarter, a half, three quarters and all of train (three draws each but the
last, seeds 1-3), and read on dev. Measured 2026-12-07 (session 56), dev F1 mistake churn effort
praise loyalty celebration loss | hard-negative precision, mean of the draws (rows: the last draw's):
  1,883 rows   .798 .806 .784 .776 .774 .825 .895 | 41.1%
  3,781 rows   .819 .835 .822 .832 .832 .818 .896 | 45.9%
  5,591 rows   .833 .841 .835 .857 .847 .836 .888 | 48.8%
  7,398 rows   .843 .844 .847 .856 .858 .800 .894 | 47.2%
What it says: mistake F1 gains about .02 for each doubling of train, churn and praise have about
levelled off, and hard-negative precision is flat from half the rows on. Twice today's rows might
bring dev mistake to about .86 for a reader with no size budget; nothing here comes near 95% on
the hard negatives. More rows of this kind are not the way to issue 19's message targets.
"""
import sys

import numpy as np

sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import feature_budget as fb

xt, xd, yt, yd, hard = fb.load(sys.argv[1])
for frac in [0.25, 0.5, 0.75, 1.0]:
    res = []
    for seed in [1, 2, 3] if frac < 1 else [1]:
        keep = np.random.RandomState(seed).rand(xt.shape[0]) < frac if frac < 1 else np.ones(xt.shape[0], bool)
        a, y_all = xt[keep], yt[keep]
        hold = np.random.RandomState(7).rand(a.shape[0]) < 0.2
        fires = np.zeros(yd.shape, bool)
        for j in range(len(fb.CUES)):
            y = y_all[:, j]
            bar = fb.bar(fb.lr(a[~hold], y[~hold]).decision_function(a[hold]), y[hold])
            fires[:, j] = fb.lr(a, y).decision_function(xd) >= bar
        fh = fires[hard]
        prec = (fh & (yd[hard] == 1)).sum() / max(1, fh.sum())
        res.append([fb.f1(fires[:, j], yd[:, j]) for j in range(len(fb.CUES))] + [prec])
    r = np.mean(res, axis=0)
    print(f"{int(keep.sum()):>6,} rows  " + " ".join(f"{v:.3f}" for v in r[:-1]) + f" | {100 * r[-1]:.1f}%", flush=True)
