"""Session 47's offline check of a learned `ours` reading of our replies on the judge model's
own features (what a head in `data/judgement_model.bin` could use), read on a writer it never
saw. Not part of the engine; needs `pip install scikit-learn`. Run from the repository root:
    python3 tools/data/agent_replies_heads.py
Gets every reply's features from `cargo run --release -q -p rapport-tools --example
reply_features`, fits a logistic regression (`ours` against `elsewhere` and `neither`) on
agent-replies a, b and both hostile sets, picks its bar as the lowest at which none of those rows
fires wrongly out of fold (five folds), and reads agent-replies-c.tsv (helper-115, written blind
in session 47). Printed for the features the embedded model holds and for every feature, at
four values of C. Measured 2026-12-06, below the code."""
import subprocess

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

D = "data/judgement/checks/"
TRAIN = ["agent-replies-a.tsv", "agent-replies-b.tsv", "agent-replies-hostile.tsv",
         "agent-replies-hostile-2.tsv"]
READ = "agent-replies-c.tsv"

out = subprocess.run(
    ["cargo", "run", "--release", "-q", "-p", "rapport-tools", "--example", "reply_features",
     "--"] + [D + f for f in TRAIN + [READ]],
    check=True, capture_output=True, text=True).stdout
rows = [line.split("\t") for line in out.splitlines()]
train = [r for r in rows if r[0] in TRAIN]
read = [r for r in rows if r[0] == READ]
for col, what in ((3, "features the embedded model holds"), (4, "every feature")):
    vec = CountVectorizer(tokenizer=str.split, lowercase=False, binary=True, token_pattern=None)
    xt = vec.fit_transform([r[col] for r in train])
    xr = vec.transform([r[col] for r in read])
    y = np.array([r[2] == "ours" for r in train])
    yr = np.array([r[2] == "ours" for r in read])
    print(what)
    for c in (0.3, 1, 3, 10):
        lr = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        folds = StratifiedKFold(5, shuffle=True, random_state=1)
        oof = cross_val_predict(lr, xt, y, cv=folds, method="predict_proba")[:, 1]
        quiet = [t for t in np.arange(0.5, 0.99, 0.02) if ((oof >= t) & ~y).sum() == 0]
        t = min(quiet) if quiet else 0.99
        p = lr.fit(xt, y).predict_proba(xr)[:, 1]
        print(f"  C {c}: bar {t:.2f}, c: {((p >= t) & yr).sum()} of {yr.sum()} owning replies"
              f" found, {((p >= t) & ~yr).sum()} of {(~yr).sum()} others read as ours;"
              f" at 0.5: {((p >= .5) & yr).sum()} found, {((p >= .5) & ~yr).sum()} wrong")

# Measured 2026-12-06 (session 47):
#   features the embedded model holds
#     C 0.3: bar 0.94, c: 21 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 44 found, 6 wrong
#     C 1: bar 0.99, c: 13 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 44 found, 6 wrong
#     C 3: bar 0.99, c: 27 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 44 found, 6 wrong
#     C 10: bar 0.99, c: 29 of 50 owning replies found, 2 of 100 others read as ours; at 0.5: 43 found, 6 wrong
#   every feature
#     C 0.3: bar 0.84, c: 20 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 43 found, 4 wrong
#     C 1: bar 0.92, c: 17 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 43 found, 2 wrong
#     C 3: bar 0.96, c: 16 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 42 found, 2 wrong
#     C 10: bar 0.98, c: 15 of 50 owning replies found, 0 of 100 others read as ours; at 0.5: 43 found, 1 wrong
