"""Analyse a corpus of JSON Lines shards with Dask and write Parquet tables.

    python examples/dask_corpus.py 'corpus/*.jsonl' out/ [--workers 2] [--scheduler ADDRESS]

Input: shards of {"id": ..., "text": "..."} records, one a line (what `voices analyse --jsonl`
reads). A dask.bag holds the shards; each partition reads its shards as bytes, line by line,
and analyses them with voices.analyse_many, on a distributed.LocalCluster of --workers worker
processes of one thread each (or on the cluster at --scheduler). Output, in out/:

    articles/  one row per record: article_id, source (file:line), status ("ok" | "error"),
               people, quotes, stances, error_code, error_message
    quotes/    article_id, quote_id, speaker_id, speaker, organisation, kind, text, start, end
    stances/   article_id, holder_id, holder, target_id, target, polarity, score, evidence

A corrupt record (not UTF-8, not JSON, no "text") is an articles row with status "error" and
the CLI's error code; the job goes on. The three tables are written in one pass over the data.
Offsets are UTF-16 code units (voices.str_spans converts them).
"""

import argparse
import glob
import sys
import time

import dask
import dask.bag as db
import pyarrow as pa
from distributed import Client, LocalCluster

from voices import corpus

BATCH = 2000  # records per analyse_many call: bounds a worker's memory whatever the shard size


def analyse_shards(paths):
    """A bag partition: its shard files in, ("articles" | "quotes" | "stances", row) out."""
    out = []
    for path in paths:
        batch = []
        for record in corpus.jsonl_records(path):
            batch.append(record)
            if len(batch) == BATCH:
                out.extend(tagged(batch))
                batch = []
        out.extend(tagged(batch))
    return out


def tagged(batch):
    # One thread: each Dask worker process is given one core.
    articles, quotes, stances = corpus.analyse_records(batch, threads=1)
    return (
        [("articles", row) for row in articles]
        + [("quotes", row) for row in quotes]
        + [("stances", row) for row in stances]
    )


def schema(columns):
    types = {"string": pa.string(), "int64": pa.int64(), "double": pa.float64()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def meta(columns):
    import pandas as pd

    dtypes = {"string": "object", "int64": "Int64", "double": "float64"}
    return pd.DataFrame({name: pd.Series([], dtype=dtypes[kind]) for name, kind in columns})


def run(pattern, out_dir, workers=2, scheduler=None):
    shards = sorted(glob.glob(pattern))
    if not shards:
        sys.exit(f"dask_corpus: no file matches {pattern!r}")
    if scheduler:
        client = Client(scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        started = time.perf_counter()
        tagged_rows = db.from_sequence(shards, npartitions=len(shards)).map_partitions(analyse_shards)
        writes = []
        for table, columns in (
            ("articles", corpus.ARTICLE_COLUMNS),
            ("quotes", corpus.QUOTE_COLUMNS),
            ("stances", corpus.STANCE_COLUMNS),
        ):
            rows = tagged_rows.filter(lambda item, table=table: item[0] == table).pluck(1)
            frame = rows.to_dataframe(meta=meta(columns))
            writes.append(
                frame.to_parquet(f"{out_dir}/{table}", schema=schema(columns), write_index=False,
                                 compute=False, overwrite=True)
            )
        # One compute: the analysis each table is filtered from runs once.
        dask.compute(*writes)
        elapsed = time.perf_counter() - started
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shards", help="glob of JSON Lines files, quoted")
    parser.add_argument("out_dir")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler instead")
    args = parser.parse_args()
    elapsed = run(args.shards, args.out_dir, args.workers, args.scheduler)
    print(f"dask_corpus: wrote {args.out_dir}/{{articles,quotes,stances}} in {elapsed:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
