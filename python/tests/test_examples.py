"""examples/dask_corpus.py and examples/spark_corpus.py on a synthetic corpus of 1,000 articles
plus three corrupt records: every article comes back exactly once, the rows equal what the CLI
gives for the same article, and each corrupt record is an error row with the CLI's code."""

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import ROOT, cli_jsonl
from voices import corpus

sys.path.insert(0, str(ROOT / "examples"))
import make_corpus  # noqa: E402

ARTICLES = 1000
SHARDS = 4


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("corpus")
    written = make_corpus.write(directory, ARTICLES, SHARDS, corrupt=True)
    assert written == ARTICLES + len(make_corpus.CORRUPT)
    return directory


@pytest.fixture(scope="session")
def expected(cli, corpus_dir):
    """The tables as the CLI's --jsonl gives them, shard by shard."""
    articles, quotes, stances = [], [], []
    for shard in sorted(corpus_dir.glob("*.jsonl")):
        lines = [line for line in shard.read_bytes().split(b"\n") if line.strip()]
        answers = cli_jsonl(cli, shard)
        assert len(answers) == len(lines)
        for answer in answers:
            identifier = corpus.article_id(answer.pop("id"))
            if "error" in answer:
                articles.append((identifier, "error", answer["error"]["code"]))
                continue
            articles.append((identifier, "ok", None))
            quotes.extend(corpus.quote_rows(identifier, answer))
            stances.extend(corpus.stance_rows(identifier, answer))
    return {"articles": articles, "quotes": quotes, "stances": stances}


def read(out_dir, table):
    return pq.read_table(out_dir / table).to_pylist()


def key(row):
    return json.dumps(row, sort_keys=True)


def check(out_dir, expected):
    articles = read(out_dir, "articles")
    assert len(articles) == ARTICLES + len(make_corpus.CORRUPT)
    # every article exactly once
    ids = Counter(row["article_id"] for row in articles if row["status"] == "ok")
    assert len(ids) == ARTICLES and set(ids.values()) == {1}
    got = Counter((row["article_id"], row["status"], row["error_code"]) for row in articles)
    assert got == Counter(expected["articles"])
    codes = {row["error_code"] for row in articles if row["status"] == "error"}
    assert codes == {"invalid_json", "invalid_record", "invalid_utf8"}
    for row in articles:
        assert row["source"]
        if row["status"] == "error":
            assert row["error_message"] and row["quotes"] is None

    for table in ("quotes", "stances"):
        rows = read(out_dir, table)
        assert sorted(map(key, rows)) == sorted(map(key, expected[table])), table
    assert len(expected["quotes"]) > ARTICLES  # the corpus does have quotes
    assert expected["stances"]
    # the quote counts in the articles table agree with the quotes table
    per_article = Counter(row["article_id"] for row in read(out_dir, "quotes"))
    for row in articles:
        if row["status"] == "ok":
            assert row["quotes"] == per_article.get(row["article_id"], 0)


def run_example(script, corpus_dir, out_dir, *extra):
    out = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script), str(corpus_dir / "*.jsonl"), str(out_dir), *extra],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    return out


def test_corpus_is_varied(corpus_dir):
    texts = set()
    for shard in corpus_dir.glob("*.jsonl"):
        for line in shard.read_bytes().splitlines():
            try:
                texts.add(json.loads(line)["text"])
            except (ValueError, KeyError):
                pass
    assert len(texts) >= ARTICLES * 0.9


def test_dask(corpus_dir, expected, tmp_path):
    run_example("dask_corpus.py", corpus_dir, tmp_path, "--workers", "2")
    check(tmp_path, expected)
    sources = [row["source"] for row in read(tmp_path, "articles")]
    assert len(set(sources)) == len(sources)  # file:line, one per record


def test_spark(corpus_dir, expected, tmp_path):
    run_example("spark_corpus.py", corpus_dir, tmp_path, "--master", "local[2]")
    check(tmp_path, expected)


def test_analyse_records_keeps_going():
    records = [(f"r{i}", line) for i, line in enumerate(make_corpus.CORRUPT)]
    records.insert(1, ("ok", json.dumps({"id": 7, "text": "“Yes,” said Jane Smith."}).encode()))
    articles, quotes, stances = corpus.analyse_records(records)
    assert [a["status"] for a in articles] == ["error", "ok", "error", "error"]
    assert [a["error_code"] for a in articles] == ["invalid_json", None, "invalid_record", "invalid_utf8"]
    assert articles[1]["article_id"] == "7" and articles[2]["article_id"] == "corrupt-no-text"
    assert [q["speaker"] for q in quotes] == ["Jane Smith"]
