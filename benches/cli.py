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


# Started from a small process: a child forked from this one (which holds the history it read)
# would count this one's pages in its peak RSS.
WRAP = ("import os, subprocess, sys; p = subprocess.Popen(sys.argv[1:]); _, st, ru = os.wait4(p.pid, 0); "
        "print(os.waitstatus_to_exitcode(st), ru.ru_utime + ru.ru_stime, ru.ru_maxrss, file=sys.stderr)")


def run(cmd, stdin_path):
    """(wall s, user+sys s, peak RSS MB, exit status) of one process."""
    with open(stdin_path, "rb") as f, open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", WRAP, *cmd], stdin=f, stdout=null, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
    err = p.stderr.decode()
    code, cpu, rss = err.strip().splitlines()[-1].split()
    code, cpu, rss = int(code), float(cpu), int(rss) / 1024
    return wall, cpu, rss, code



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
    rows = []
    for threads in (1, 2):
        cmd = [rapport, "assess", "--history", history, "--now", NOW, "--threads", str(threads)]
        load, load_cpu, load_rss, _ = min((run(cmd, empty) for _ in range(2)), key=lambda r: r[0])
        wall, cpu, rss, code = min((run(cmd, tickets) for _ in range(2)), key=lambda r: r[0])
        if code != 0:
            sys.exit(f"bench: {' '.join(cmd)} exited {code}")
        rate = n / max(wall - load, 1e-9)
        per_cpu = n / max(cpu - load_cpu, 1e-9)  # tickets per CPU-second: per core, whatever else runs
        rows.append((threads, load, load_cpu, wall, rate, per_cpu, load_rss, rss))
        print(f"cli, {threads} thread(s): load {load:.2f} s ({load_cpu:.1f} s CPU, {load_rss:.0f} MB), {n} tickets in {wall:.2f} s, "
              f"{rate:.0f} tickets/s, {per_cpu:.0f} per CPU-second, peak {rss:.0f} MB", flush=True)

    spark = spark_run(rapport, hdir, out, tickets, n)
    lines = [
        "",
        f"### The command-line scorer and the Spark job ({n:,} tickets against the 100k-customer history, ~1M records; `make bench-history`)",
        "",
        f"Machine: {machine()}. Best of 2 runs each, snippets: 5. Wall tickets/s = tickets ÷ (run − load), load being the same run on no tickets; "
        "per CPU-second = tickets ÷ (CPU time of the run − CPU time of the load): what one core does, even when other work shares the machine.",
        "",
        "| what | threads | history load, wall (CPU) | memory after load | wall, whole run | tickets/s (wall) | tickets per CPU-second | peak RSS, whole run |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for threads, load, load_cpu, wall, rate, per_cpu, load_rss, rss in rows:
        lines.append(f"| `rapport assess` | {threads} | {load:.2f} s ({load_cpu:.1f} s) | {load_rss:,.0f} MB | {wall:.2f} s | {rate:,.0f} | {per_cpu:,.0f} | {rss:,.0f} MB |")
    if spark:
        wall, parts = spark
        lines.append(f"| Spark job, local[2], {parts} partitions (JSON Lines in, Parquet out) | 2 | in the job | – | {wall:.1f} s | {n / wall:,.0f} | – | – |")
        core_h = wall * 2 / n * 1e6 / 3600
        lines += ["", f"A million tickets cost {1e6 / rows[0][5] / 3600:.2f} core-hours with the CLI (CPU time, one thread, load excluded) and "
                  f"{core_h:.2f} core-hours through Spark in local mode (wall × 2 cores for the whole job: reading, keying, the shuffle, one CLI per partition, Parquet)."]
    lines += ["", "Each thread builds its own engine (the engine is not `Send`): the load is paid once per thread, in parallel, and the peak memory grows by one store per thread."]
    text = "\n".join(lines)
    print(text)
    if write:
        path = os.path.join(HERE, "..", "BENCHMARKS.md")
        with open(path, encoding="utf-8") as f:
            before = f.read()
        with open(path, "w", encoding="utf-8") as f:
            f.write(with_section(before, "The last `make bench-history` run", "cli", text))
        print("wrote the cli section of BENCHMARKS.md")


def with_section(text, group, name, body):
    """BENCHMARKS.md's text with section `name` replaced by `body`, as benches/section.mjs's
    withSection does (the two are checked against each other by tests/node/bench-sections.test.mjs):
    only this bench's own section changes, between `<!-- bench:NAME -->` markers."""
    opening, closing = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{opening}\n{body.strip(chr(10))}\n{closing}"
    a, b = text.find(opening), text.find(closing)
    if a >= 0 and b > a:
        return text[:a] + block + text[b + len(closing):]
    if a >= 0 or b >= 0:
        raise SystemExit(f"BENCHMARKS.md: the markers of section {name} are not a pair")
    heading = f"## {group}"
    at = text.find(f"\n{heading}\n")
    if at < 0:
        base = text if text.endswith("\n") else text + "\n"
        return f"{base}\n{heading}\n\n{block}\n"
    nxt = text.find("\n## ", at + len(heading) + 1)
    end = len(text) if nxt < 0 else nxt
    head = text[:end].rstrip("\n")
    return f"{head}\n\n{block}\n" + ("" if nxt < 0 else "\n" + text[end + 1:])


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
