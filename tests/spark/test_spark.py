"""The Spark job (examples/spark/score_tickets.py) in local mode, local[2], on a small generated
backlog: every assessment byte-identical to the CLI's over the same history, from JSON Lines
and from Parquet inputs. Run by `make test-spark` (which installs Java and pyspark first);
usage: test_spark.py RAPPORT_BIN DATA_DIR. Fails, never skips, when something is missing."""

import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "examples", "spark"))

try:
    from pyspark.sql import SparkSession
    import score_tickets
except ImportError as e:
    sys.exit(f"test-spark: cannot import pyspark ({e}); run `bash scripts/bootstrap.sh spark` and use out/spark-venv/bin/python")

NOW = "2026-11-23T12:00:00Z"
KINDS = ["customers", "tickets", "orders", "surveys"]
failures = []
checks = []


def check(cond, what):
    checks.append(what)
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def main(rapport, data):
    history = json.load(open(os.path.join(data, "history.json")))
    tickets = json.load(open(os.path.join(data, "open.json")))
    # some tickets by email only, one unknown customer, one that cannot be assessed
    for t in tickets[:10]:
        cid = t["customer"]["id"]
        cust = next(c for c in history["customers"] if c["id"] == cid)
        t["customer"] = {"email": cust["email"].upper()}
    tickets.append({"id": "stranger", "customer": {"email": "new@example.org"}, "messages": [{"from": "customer", "text": "Hello? Anyone?"}]})
    tickets.append({"id": "bad-author", "customer": {"id": "c1"}, "messages": [{"from": "bot", "text": "hi"}]})

    jl = os.path.join(data, "jsonl")
    os.makedirs(jl, exist_ok=True)
    def write(name, rows):
        with open(os.path.join(jl, name), "w") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    for k in KINDS:
        write(f"{k}.jsonl", history[k])
    write("open.jsonl", tickets)

    # what the CLI writes over the whole history file
    t0 = time.time()
    cli = subprocess.run([rapport, "assess", "--history", os.path.join(data, "history.json"), "--now", NOW, "--snippets", "3"],
                         input=open(os.path.join(jl, "open.jsonl"), "rb").read(), capture_output=True)
    check(cli.returncode == 1, f"CLI exit status 1 with one bad ticket (got {cli.returncode}: {cli.stderr[-300:]!r})")
    want = {}
    for line in cli.stdout.decode("utf-8").splitlines():
        v = json.loads(line)
        want[v["ticketId"]] = line if "error" not in v else v["error"]
    check(len(want) == len(tickets), f"CLI: {len(want)} of {len(tickets)} tickets ({time.time() - t0:.1f} s)")

    spark = (SparkSession.builder.master("local[2]").appName("rapport-test")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        def run(fmt, paths):
            out = os.path.join(data, f"scored-{fmt}")
            args = score_tickets.parse_args(["--rapport", rapport, "--tickets", paths["open"], "--customers", paths["customers"],
                                             "--past-tickets", paths["tickets"], "--orders", paths["orders"], "--surveys", paths["surveys"],
                                             "--now", NOW, "--snippets", "3", "--partitions", "3", "--out", out])
            t0 = time.time()
            score_tickets.score(spark, args)
            rows = spark.read.parquet(out).collect()
            got = {r.ticketId: (r.assessment if r.error is None else r.error) for r in rows}
            check(len(rows) == len(tickets), f"{fmt}: one row per ticket ({len(rows)} of {len(tickets)}, {time.time() - t0:.1f} s)")
            same = [k for k in want if got.get(k) == want[k]]
            diff = [k for k in want if got.get(k) != want[k]]
            check(not diff, f"{fmt}: {len(same)} assessments byte-identical to the CLI's" + (f"; differ: {diff[:5]}" if diff else ""))
            if diff:
                k = diff[0]
                print("  cli:  ", (want[k] or "")[:300], "\n  spark:", (got.get(k) or "")[:300])
            bad = next((r for r in rows if r.ticketId == "bad-author"), None)
            check(bad is not None and bad.error and "messages[0].from" in bad.error and bad.score is None,
                  f"{fmt}: the bad ticket is an error row ({bad})")
            ok = [r for r in rows if r.error is None]
            check(all(r.score is not None and r.band and r.route for r in ok), f"{fmt}: score, band and route columns filled")

        run("jsonl", {k: os.path.join(jl, f"{k}.jsonl") for k in KINDS + ["open"]})
        # the same inputs as Parquet (nested tickets and all)
        pq = {}
        for k in KINDS + ["open"]:
            pq[k] = os.path.join(data, "parquet", f"{k}.parquet")
            spark.read.json(os.path.join(jl, f"{k}.jsonl")).write.mode("overwrite").parquet(pq[k])
        run("parquet", pq)
    finally:
        spark.stop()
    print(f"spark: {len(checks) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: test_spark.py RAPPORT_BIN DATA_DIR")
    sys.exit(main(*sys.argv[1:]))
