"""The command-line scorer and the Spark job at scale (make bench-history): tickets per second
per core against the generated history of 100k customers (~1M records), on 1 and 2 threads,
load time and peak memory; the Spark job in local mode beside it, and what a million tickets
cost in core-time. Usage: cli.py RAPPORT_BIN HISTORY_DIR [--tickets N] [--write]
(HISTORY_DIR from `generate history --customers 100000 --open 10000 --out DIR`)."""

import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2026-11-23T12:00:00Z"
KINDS = ["customers", "tickets", "orders", "surveys"]


def run(cmd, stdin_path):
    """(wall s, user+sys s, peak RSS MB, exit status) of one process."""
    with open(stdin_path, "rb") as f, open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=f, stdout=null, stderr=subprocess.PIPE)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        err = p.stderr.read().decode()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} exited {code}: {err[-500:]}")
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, code


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    return f"{model}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start"


def main(rapport, hdir, n, write):
    out = os.path.join(hdir, "cli-bench")
    os.makedirs(out, exist_ok=True)
    opened = json.load(open(os.path.join(hdir, "open.json")))
    tickets = os.path.join(out, f"tickets-{n}.ndjson")
    with open(tickets, "w") as f:
        for i in range(n):
            t = dict(opened[i % len(opened)])
            t["id"] = f"{t['id']}-{i // len(opened)}"
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    empty = os.path.join(out, "empty.ndjson")
    open(empty, "w").close()
    history = os.path.join(hdir, "history.json")
    records = sum(len(v) for v in json.load(open(history)).values())
    rows = []
    for threads in (1, 2):
        cmd = [rapport, "assess", "--history", history, "--now", NOW, "--threads", str(threads)]
        load = min(run(cmd, empty)[0] for _ in range(2))
        wall, cpu, rss, _ = min((run(cmd, tickets) for _ in range(2)), key=lambda r: r[0])
        rate = n / max(wall - load, 1e-9)
        rows.append((threads, load, wall, rate, rate / threads, cpu, rss))
        print(f"cli, {threads} thread(s): load {load:.2f} s, {n} tickets in {wall:.2f} s, {rate:.0f} tickets/s, peak {rss:.0f} MB", flush=True)

    spark = spark_run(rapport, hdir, out, tickets, n)
    lines = [
        "",
        f"### The command-line scorer and the Spark job ({n:,} tickets against {records:,} records, 100k customers; `make bench-history`)",
        "",
        f"Machine: {machine()}. Best of 2 runs each; tickets/s = tickets ÷ (run − load) where load is the same run on no tickets; snippets: 5.",
        "",
        "| what | threads | history load (per engine) | wall | tickets/s | tickets/s per core | CPU time | peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for threads, load, wall, rate, per, cpu, rss in rows:
        lines.append(f"| `rapport assess` | {threads} | {load:.2f} s | {wall:.2f} s | {rate:,.0f} | {per:,.0f} | {cpu:.1f} s | {rss:,.0f} MB |")
    if spark:
        wall, parts = spark
        lines.append(f"| Spark job, local[2], {parts} partitions (JSON Lines in, Parquet out) | 2 | in the job | {wall:.1f} s | {n / wall:,.0f} | {n / wall / 2:,.0f} | – | – |")
        core_h = wall * 2 / n * 1e6 / 3600
        lines += ["", f"A million tickets cost {rows[0][4] and 1e6 / rows[0][4] / 3600:.2f} core-hours with the CLI (one thread, load excluded) and "
                  f"{core_h:.2f} core-hours through Spark in local mode (the whole job: reading, keying, the shuffle, one CLI per partition, Parquet)."]
    lines += ["", "Each thread builds its own engine (the engine is not `Send`): the load is paid once per thread, in parallel, and the peak memory grows by one store per thread."]
    text = "\n".join(lines)
    print(text)
    if write:
        with open(os.path.join(HERE, "..", "BENCHMARKS.md"), "a") as f:
            f.write(text + "\n")


def spark_run(rapport, hdir, out, tickets, n):
    """The Spark job on the same data as JSON Lines, local[2]; (wall s, partitions)."""
    sys.path.insert(0, os.path.join(HERE, "..", "examples", "spark"))
    from pyspark.sql import SparkSession
    import score_tickets
    jl = os.path.join(out, "jsonl")
    os.makedirs(jl, exist_ok=True)
    h = json.load(open(os.path.join(hdir, "history.json")))
    for k in KINDS:
        with open(os.path.join(jl, f"{k}.jsonl"), "w") as f:
            for r in h[k]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    del h
    spark = (SparkSession.builder.master("local[2]").appName("rapport-bench").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").config("spark.driver.memory", "4g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    parts = 8
    args = score_tickets.parse_args(["--rapport", rapport, "--tickets", tickets, "--customers", os.path.join(jl, "customers.jsonl"),
                                     "--past-tickets", os.path.join(jl, "tickets.jsonl"), "--orders", os.path.join(jl, "orders.jsonl"),
                                     "--surveys", os.path.join(jl, "surveys.jsonl"), "--now", NOW, "--partitions", str(parts),
                                     "--out", os.path.join(out, "scored")])
    t0 = time.perf_counter()
    score_tickets.score(spark, args)
    wall = time.perf_counter() - t0
    got = spark.read.parquet(args.out).count()
    spark.stop()
    if got != n:
        sys.exit(f"bench: the Spark job wrote {got} rows for {n} tickets")
    print(f"spark local[2]: {n} tickets in {wall:.1f} s", flush=True)
    return wall, parts


if __name__ == "__main__":
    a = [x for x in sys.argv[1:] if not x.startswith("--")]
    if len(a) < 2:
        sys.exit(__doc__)
    n = int(sys.argv[sys.argv.index("--tickets") + 1]) if "--tickets" in sys.argv else 30000
    a = [x for x in a if x != str(n)]
    main(a[0], a[1], n, "--write" in sys.argv)
