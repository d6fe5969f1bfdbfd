"""Scores a whole backlog on Spark with the `rapport` command-line scorer.

Tickets and history (customers, past tickets, orders, surveys: one contract-v1 record per
JSON line, or Parquet) are keyed by customer and partitioned together, so each customer's
history travels with their tickets. Each partition is piped through `rapport assess --history -`
(RDD.pipe; the binary is shipped to the executors with SparkContext.addFile): its history
lines first, then its tickets. Assessments are written as Parquet, one row per ticket, the
`assessment` column byte for byte what the CLI and the npm package write.

    spark-submit examples/spark/score_tickets.py --rapport target/release/rapport \\
        --tickets open.jsonl --customers customers.jsonl --past-tickets tickets.jsonl \\
        --orders orders.jsonl --surveys surveys.jsonl --now 2026-11-23T09:00:00Z --out scored/
"""

import argparse
import os
import shlex

from pyspark.sql import SparkSession, functions as F

# The kinds in the order the CLI loads them (a customer before their records).
KINDS = ["customers", "tickets", "orders", "surveys"]

# Runs the shipped binary: on an executor it sits in the working directory; in local mode it
# is where addFile put it on the driver. Exit 1 (some tickets failed: they are error rows) is
# not a failure of the task; 2 (the run could not go on) is.
LAUNCH = ('here() { if [ -f "./$1" ]; then echo "./$1"; else echo "$RAPPORT_DRIVER_DIR/$1"; fi; }; '
          'bin=$(here rapport); [ -x "$bin" ] || chmod +x "$bin"; '
          'if [ -n "$RAPPORT_CONFIG" ]; then set -- "$@" --config "$(here "$RAPPORT_CONFIG")"; fi; '
          '"$bin" "$@"; rc=$?; [ $rc -le 1 ] || exit $rc')


def is_parquet(path):
    if path.endswith(".parquet"):
        return True
    return os.path.isdir(path) and any(f.endswith(".parquet") for f in os.listdir(path))


def read_records(spark, path):
    """One column `value`: each record's JSON text (JSON Lines kept as written; Parquet rows
    as to_json, which leaves out nulls as an absent field would be)."""
    if is_parquet(path):
        df = spark.read.parquet(path)
        return df.select(F.to_json(F.struct(*[F.col(c) for c in df.columns])).alias("value"))
    return spark.read.text(path).where(F.trim("value") != "")


def email(col):
    return F.lower(F.trim(col))


def keyed(df, id_path, email_path):
    """Adds the customer reference of each record: `rid` (id) and `remail` (normalised)."""
    return (df.withColumn("rid", F.trim(F.get_json_object("value", id_path)))
              .withColumn("remail", email(F.get_json_object("value", email_path))))


def by_customer(df, emails):
    """`key`: the customer's id, or the id the customers list gives their email, or the email."""
    no_id = df.where(F.col("rid").isNull()).join(emails, "remail", "left")
    with_id = df.where(F.col("rid").isNotNull()).withColumn("cid", F.lit(None).cast("string"))
    return (with_id.unionByName(no_id)
            .withColumn("key", F.coalesce("rid", "cid", "remail", F.lit(""))))


def score(spark, args):
    sc = spark.sparkContext
    sc.addFile(os.path.abspath(args.rapport))
    paths = {"customers": args.customers, "tickets": args.past_tickets, "orders": args.orders, "surveys": args.surveys}

    parts = []
    customers = None
    if paths["customers"]:
        customers = keyed(read_records(spark, paths["customers"]), "$.id", "$.email")
    emails = (customers.where(F.col("remail").isNotNull() & F.col("rid").isNotNull())
              .groupBy("remail").agg(F.min("rid").alias("cid")) if customers is not None
              else spark.createDataFrame([], "remail string, cid string"))
    for rank, kind in enumerate(KINDS):
        if not paths[kind]:
            continue
        df = customers if kind == "customers" else keyed(read_records(spark, paths[kind]), "$.customerId", "$.customerEmail")
        # each record as a history line the CLI reads ahead of the tickets
        line = F.concat(F.lit('{"history":{"%s":[' % kind), F.col("value"), F.lit("]}}"))
        parts.append(by_customer(df, emails).select("key", F.lit(0).alias("tag"), F.lit(rank).alias("rank"),
                                                     F.monotonically_increasing_id().alias("seq"), line.alias("line")))
    tickets = keyed(read_records(spark, args.tickets), "$.customer.id", "$.customer.email")
    parts.append(by_customer(tickets, emails).select("key", F.lit(1).alias("tag"), F.lit(0).alias("rank"),
                                                      F.monotonically_increasing_id().alias("seq"), F.col("value").alias("line")))
    rows = parts[0]
    for p in parts[1:]:
        rows = rows.unionByName(p)

    n = args.partitions or sc.defaultParallelism
    # partitioned by customer, sorted so that a partition's history comes before its tickets
    # (customers, then past tickets, orders, surveys, each in input order); both in the JVM
    lines = (rows.repartition(n, "key").sortWithinPartitions("tag", "rank", "seq")
             .select("line").rdd.map(lambda r: r.line))
    cmd = ["sh", "-c", LAUNCH, "rapport", "assess", "--history", "-", "--now", args.now, "--threads", "1"]
    if args.snippets is not None:
        cmd += ["--snippets", str(args.snippets)]
    env = {"RAPPORT_DRIVER_DIR": spark_files_root(), "PATH": "/usr/bin:/bin"}
    if args.config:
        sc.addFile(os.path.abspath(args.config))
        env["RAPPORT_CONFIG"] = os.path.basename(args.config)
    out = lines.pipe(" ".join(shlex.quote(c) for c in cmd), env=env, checkCode=True)

    j = F.get_json_object
    result = (spark.createDataFrame(out.map(lambda s: (s,)), "assessment string")
              .select(j("assessment", "$.ticketId").alias("ticketId"),
                      j("assessment", "$.score").cast("int").alias("score"),
                      j("assessment", "$.band").alias("band"),
                      j("assessment", "$.route").alias("route"),
                      j("assessment", "$.error").alias("error"),
                      "assessment"))
    result.write.mode("overwrite").parquet(args.out)
    return args.out


def spark_files_root():
    from pyspark import SparkFiles
    return SparkFiles.getRootDirectory()


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="Score a backlog with the rapport CLI on Spark.")
    p.add_argument("--rapport", required=True, help="the rapport binary, built for the executors' platform")
    p.add_argument("--tickets", required=True, help="open tickets: JSON Lines or Parquet (contract v1)")
    p.add_argument("--customers")
    p.add_argument("--past-tickets", help="history tickets (the history's `tickets`)")
    p.add_argument("--orders")
    p.add_argument("--surveys")
    p.add_argument("--now", required=True, help="ISO-8601 instant to assess at")
    p.add_argument("--snippets", type=int)
    p.add_argument("--config", help="engine configuration JSON, shipped with addFile")
    p.add_argument("--partitions", type=int, help="default: spark.default.parallelism")
    p.add_argument("--out", required=True, help="Parquet output folder")
    return p.parse_args(argv)


if __name__ == "__main__":
    a = parse_args()
    session = SparkSession.builder.appName("rapport-score").getOrCreate()
    print("rapport: assessments written to", score(session, a))
    session.stop()
