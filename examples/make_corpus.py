"""Write a synthetic corpus of news articles as JSON Lines shards, for the examples, their tests
and benchmarks. Each article is made of paragraphs of the repository's fixture articles
(tests/fixtures/seeds, tests/cases), two articles spliced at varying points, with a unique id and closing line.

    python examples/make_corpus.py OUT_DIR [--articles N] [--shards K] [--corrupt]

--corrupt adds three bad records to the first shard: a line that is not JSON, a record with
no "text", and one with bytes that are not UTF-8. Prints the number of records written.
"""

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CORRUPT = [
    b'{"id": "corrupt-not-json", "text": "unterminated',
    b'{"id": "corrupt-no-text", "body": "the text is missing"}',
    b'{"id": "corrupt-bad-utf8", "text": "Caf\xe9 owners said \xff no."}',
]


def fixture_texts():
    paths = sorted((ROOT / "tests/fixtures/seeds").glob("*.txt")) + sorted(
        (ROOT / "tests/cases").glob("*.txt")
    )
    return [p.read_text(encoding="utf-8") for p in paths]


def articles(count):
    """(id, text) pairs: article n is fixture a's first paragraphs then fixture b's last."""
    texts = [t.splitlines() for t in fixture_texts()]
    for n in range(count):
        a = texts[n % len(texts)]
        b = texts[(n // len(texts) + n + 1) % len(texts)]
        head = a[: 1 + (n * 7) % max(1, len(a))]
        tail = b[(n * 3) % max(1, len(b)):] if n % 4 else []
        # a closing line of its own, so that no two articles are the same
        closing = [f"This report, number {n}, was filed on day {n % 365 + 1} of the year."]
        yield f"a{n:06d}", "\n".join(head + tail + closing) + "\n"


def write(out_dir, count, shards, corrupt=False):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = [open(out_dir / f"shard-{k:03d}.jsonl", "wb") for k in range(shards)]
    written = 0
    try:
        if corrupt:
            for line in CORRUPT:
                files[0].write(line + b"\n")
                written += 1
        for n, (identifier, text) in enumerate(articles(count)):
            record = {"id": identifier, "text": text}
            files[n % shards].write(json.dumps(record, ensure_ascii=False).encode() + b"\n")
            written += 1
    finally:
        for f in files:
            f.close()
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--corrupt", action="store_true")
    args = parser.parse_args()
    print(write(args.out_dir, args.articles, args.shards, args.corrupt))


if __name__ == "__main__":
    main()
