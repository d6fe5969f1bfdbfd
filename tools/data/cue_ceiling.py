"""How far can a linear model of words read the cues, with no size budget? Session 47's
offline check, not part of the engine; needs `pip install scikit-learn`. Run from the
repository root:
    python3 tools/data/cue_ceiling.py
Reads data/judgement/messages (the train and dev parts only: the split is `split_of` in
tools/src/judgement.rs, replicated here, and every test row is skipped before anything else),
fits one logistic regression per cue on the train part's words (1-2-grams, TF-IDF) and
characters (3-5-grams within words), with every feature kept, and prints its dev F1 twice: at
the probability picked by five-fold cross-validation on train, and at the best one on dev (an
upper bound, picked on what it is read on). Then the same model fitted on a quarter, a half and
three quarters of the train rows (a fixed shuffle), best-on-dev, to show whether more rows
still help. The engine's own dev F1 is `evaluate`'s dev column. Measured 2026-12-06 (session
47), printed below the code."""
import glob
import json

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

SEED = "rapport-judgement-2026-11-30"
CUES = ["mistake", "churn", "effort", "praise", "loyalty", "celebration", "loss"]


def fnv(s):
    h = 0xCBF29CE484222325
    for b in s.encode():
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def split(key):
    r = fnv(f"{SEED}/{key}") % 10
    return "train" if r <= 5 else "dev" if r <= 7 else "test"


def messages():
    for f in sorted(glob.glob("data/judgement/messages/*.jsonl")):
        for line in open(f):
            if line.strip():
                m = json.loads(line)
                s = split(m["id"])
                if s != "test":
                    yield s, m["text"], set(m["cues"])


def f1(p, y):
    tp = (p & y).sum()
    return 2 * tp / max(1, 2 * tp + (p & ~y).sum() + (~p & y).sum())


def features(train_texts, texts):
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=3, sublinear_tf=True)
    xt = hstack([words.fit_transform(train_texts), chars.fit_transform(train_texts)]).tocsr()
    xd = hstack([words.transform(texts), chars.transform(texts)]).tocsr()
    return xt, xd


def lr():
    return LogisticRegression(C=10, max_iter=3000, class_weight="balanced")


def main():
    rows = list(messages())
    train = [r for r in rows if r[0] == "train"]
    dev = [r for r in rows if r[0] == "dev"]
    print(f"{len(train)} train rows, {len(dev)} dev rows (test not read)")
    xt, xd = features([r[1] for r in train], [r[1] for r in dev])
    grid = np.arange(0.05, 0.95, 0.05)
    order = np.random.RandomState(7).permutation(len(train))
    for cue in CUES:
        y = np.array([cue in r[2] for r in train])
        yd = np.array([cue in r[2] for r in dev])
        oof = cross_val_predict(lr(), xt, y, cv=5, method="predict_proba")[:, 1]
        t = max(grid, key=lambda u: f1(oof >= u, y))
        pd = lr().fit(xt, y).predict_proba(xd)[:, 1]
        curve = []
        for frac in (0.25, 0.5, 0.75):
            sub = [train[i] for i in order[: int(frac * len(train))]]
            st, sd = features([r[1] for r in sub], [r[1] for r in dev])
            ys = np.array([cue in r[2] for r in sub])
            ps = lr().fit(st, ys).predict_proba(sd)[:, 1]
            curve.append(f"{len(sub)}: {max(f1(ps >= u, yd) for u in grid):.3f}")
        best = max(f1(pd >= u, yd) for u in grid)
        print(
            f"{cue:12} dev F1 {f1(pd >= t, yd):.3f} (t {t:.2f} out of fold), best on dev {best:.3f}"
            f" | best on dev by train rows: {' '.join(curve)} {len(train)}: {best:.3f}"
        )


if __name__ == "__main__":
    main()

# Measured 2026-12-06 (session 47) on the ninth-pass corpus, `python3 tools/data/cue_ceiling.py`
# (scikit-learn 1.x; about a minute on two cores):
#   5835 train rows, 1899 dev rows (test not read)
#   mistake      dev F1 0.828 (t 0.40 out of fold), best on dev 0.831 | best on dev by train rows: 1458: 0.780 2917: 0.802 4376: 0.815 5835: 0.831
#   churn        dev F1 0.829 (t 0.40 out of fold), best on dev 0.830 | best on dev by train rows: 1458: 0.772 2917: 0.792 4376: 0.815 5835: 0.830
#   effort       dev F1 0.835 (t 0.50 out of fold), best on dev 0.835 | best on dev by train rows: 1458: 0.800 2917: 0.831 4376: 0.845 5835: 0.835
#   praise       dev F1 0.850 (t 0.50 out of fold), best on dev 0.851 | best on dev by train rows: 1458: 0.758 2917: 0.799 4376: 0.813 5835: 0.851
#   loyalty      dev F1 0.827 (t 0.35 out of fold), best on dev 0.838 | best on dev by train rows: 1458: 0.797 2917: 0.797 4376: 0.826 5835: 0.838
#   celebration  dev F1 0.789 (t 0.40 out of fold), best on dev 0.800 | best on dev by train rows: 1458: 0.741 2917: 0.776 4376: 0.802 5835: 0.800
#   loss         dev F1 0.880 (t 0.50 out of fold), best on dev 0.888 | best on dev by train rows: 1458: 0.809 2917: 0.846 4376: 0.883 5835: 0.888
# Beside it, the engine's own dev F1 (`evaluate`, the same day): mistake .793, churn .857, effort
# .837, praise .847, loyalty .806, celebration .830, loss .889. What it says:
# - our mistake is the one cue where words alone, every feature kept, read dev better than the
#   engine (.828 against .793; the 1,400 features the .wasm holds cost about .02 of it, the same
#   fit cut to its 1,500 strongest features read .805 in a trial); churn and celebration are read
#   better by the engine, whose phrase patterns and BANKING77 and Bitext rows add what words
#   alone do not;
# - no cue reaches issue 19's .85 for mistake and churn this way, picked out of fold; the best
#   threshold on dev itself stays under it too (.831, .830);
# - the curve still rises with rows: mistake .780, .802, .815, .831 at a quarter, a half, three
#   quarters and all of train, about .03 a doubling: reaching .85 this way wants about twice
#   today's train rows. An engine retrain on them then has to carry the scenario layer with
#   it: the score, the first reply and many phrase lines were fitted to the committed model's
#   readings, and every retrain measured so far lost dev scenarios (train_judgement.rs).
# Session 49 (2026-12-06, the tenth-pass corpus: 6,570 train and 2,131 dev rows), the same
# kind of offline fit, best threshold on dev (an upper bound), dev F1 mistake / churn / effort:
#   words 1-2-grams, binary, every feature (about 40,000)     .840 / .833 / .848
#   the same cut to its 1,400 strongest for that cue (chi2)    .809 / .807 / .812
#   ... to its 3,000 strongest                                 .819 / .822 / .831
#   words hashed into 2,048 / 4,096 / 16,384 buckets (no keys)  .719 / .769 / .818 (mistake)
#   a one-layer network (64 units) on the 20,000 strongest     .841 (mistake), .848 (churn)
# The engine reads .798 / .856 / .834 with 1,400 features shared by twelve heads. So a linear
# model of words is not what stops at .80: the 1,400 features the .wasm has room for cost
# mistake about .03, hashing without keys costs more than it saves, and a network reads no
# better than the linear fit. Reaching .85 for our mistake wants room for a few thousand more
# features (about 10 KB gzipped at today's 4 bits a weight) and more rows, not another learner.

