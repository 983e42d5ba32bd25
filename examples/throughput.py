"""Articles per second with voices.analyse_many on the synthetic corpus (examples/make_corpus.py),
at 1 and 2 threads (or those given). A figure, not a test.

    python examples/throughput.py [--articles 10000] [--threads 1 2]
"""

import argparse
import time

import make_corpus
import voices


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    texts = [text for _, text in make_corpus.articles(args.articles)]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    voices.analyse_many(texts[:200])  # warm up
    print(f"{len(texts)} articles, {megabytes:.1f} MB")
    print("| threads | seconds | articles/s | articles/s per thread |")
    print("|---:|---:|---:|---:|")
    for threads in args.threads:
        best = min(timed(texts, threads) for _ in range(3))
        rate = len(texts) / best
        print(f"| {threads} | {best:.2f} | {rate:,.0f} | {rate / threads:,.0f} |")


def timed(texts, threads):
    started = time.perf_counter()
    voices.analyse_many(texts, threads=threads)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
