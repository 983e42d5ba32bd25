"""Analyse a corpus of JSON Lines shards with PySpark and write Parquet tables.

    python examples/spark_corpus.py 'corpus/*.jsonl' out/ [--master local[2]]
    spark-submit --master spark://HOST:7077 examples/spark_corpus.py 'hdfs:///corpus/*.jsonl' \\
        hdfs:///out/    (the voices wheel on every executor: see the README)

Input: shards of {"id": ..., "text": "..."} records, one a line (what `voices analyse --jsonl`
reads), read by Spark's text source into a DataFrame of articles. The raw bytes of each line
go to mapInPandas, which analyses each Arrow batch with voices.analyse_many and returns one
row per article: its articles-table columns and its quotes and stances as JSON. That is kept
(persisted) and exploded into three Parquet tables in out/:

    articles/  one row per record: article_id, source (the file), status ("ok" | "error"),
               people, quotes, stances, error_code, error_message
    quotes/    article_id, quote_id, speaker_id, speaker, organisation, kind, text, start, end
    stances/   article_id, holder_id, holder, target_id, target, polarity, score, evidence

A corrupt record (not UTF-8, not JSON, no "text") is an articles row with status "error" and
the CLI's error code; the job goes on. The same columns as examples/dask_corpus.py.
Offsets are UTF-16 code units (voices.str_spans converts them).
"""

import argparse
import json
import os
import sys
import time

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from voices import corpus

SPARK_TYPES = {"string": T.StringType(), "int64": T.LongType(), "double": T.DoubleType()}


def struct(columns):
    return T.StructType([T.StructField(name, SPARK_TYPES[kind]) for name, kind in columns])


# One row per article: the articles table's columns, then its quotes and stances as JSON arrays.
ANALYSED = T.StructType(
    struct(corpus.ARTICLE_COLUMNS).fields
    + [T.StructField("quotes_json", T.StringType()), T.StructField("stances_json", T.StringType())]
)


def analyse_batches(batches):
    """mapInPandas: pandas batches of (source, line) in, ANALYSED rows out."""
    import pandas as pd

    for batch in batches:
        records = list(zip(batch["source"], (bytes(line) for line in batch["line"])))
        # One thread: Spark runs one task per core already.
        articles, quotes, stances = corpus.analyse_records(records, threads=1)
        by_article = {}
        for kind, rows in (("quotes_json", quotes), ("stances_json", stances)):
            for row in rows:
                by_article.setdefault((row["article_id"], kind), []).append(row)
        out = []
        for article in articles:
            row = dict(article)
            for kind in ("quotes_json", "stances_json"):
                rows = by_article.get((article["article_id"], kind), []) if article["status"] == "ok" else []
                row[kind] = json.dumps(rows, ensure_ascii=False)
            out.append(row)
        frame = pd.DataFrame(out, columns=[f.name for f in ANALYSED.fields])
        for name, kind in corpus.ARTICLE_COLUMNS:
            if kind == "int64":
                frame[name] = frame[name].astype("Int64")
        yield frame


def articles_frame(spark, pattern):
    """A DataFrame of articles: source (the file) and the line's raw bytes. Spark's text source
    keeps a line's bytes as they are, so the cast to binary gets bytes that are not UTF-8 back
    unchanged, for the analysis to report. (Spark splits large files across tasks, so a line's
    number is not known cheaply: source names the file only; Dask's names file:line.)"""
    return (
        spark.read.text(pattern)
        .select(F.input_file_name().alias("source"), F.col("value").cast("binary").alias("line"))
        .where(F.length(F.trim(F.col("value"))) > 0)
    )


def run(spark, pattern, out_dir):
    started = time.perf_counter()
    analysed = (
        articles_frame(spark, pattern)
        .mapInPandas(analyse_batches, ANALYSED)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    article_columns = [name for name, _ in corpus.ARTICLE_COLUMNS]
    analysed.select(*article_columns).write.mode("overwrite").parquet(f"{out_dir}/articles")
    for table, columns in (("quotes", corpus.QUOTE_COLUMNS), ("stances", corpus.STANCE_COLUMNS)):
        (
            analysed.where(F.col("status") == "ok")
            .select(F.explode(F.from_json(f"{table}_json", T.ArrayType(struct(columns)))).alias("row"))
            .select("row.*")
            .write.mode("overwrite")
            .parquet(f"{out_dir}/{table}")
        )
    analysed.unpersist()
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shards", help="glob or directory of JSON Lines files")
    parser.add_argument("out_dir")
    parser.add_argument("--master", help="default: spark-submit's, else local[2]")
    args = parser.parse_args()
    builder = SparkSession.builder.appName("voices-corpus")
    # Under spark-submit the master comes from its --master; run directly, local[2].
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ
    master = args.master or (None if submitted else "local[2]")
    if master:
        builder = builder.master(master)
    if not submitted:
        # Local Python workers run this interpreter, the one voices is installed in.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        elapsed = run(spark, args.shards, args.out_dir)
    finally:
        spark.stop()
    print(f"spark_corpus: wrote {args.out_dir}/{{articles,quotes,stances}} in {elapsed:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
