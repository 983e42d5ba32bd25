"""Flat tables for a corpus: JSON Lines records in, rows of articles, quotes and stances out.

The Dask and Spark examples (examples/dask_corpus.py, examples/spark_corpus.py) both use
these, so that the two engines give the same tables:

    articles  article_id, source, status ("ok" | "error"), people, quotes, stances,
              error_code, error_message: one row per record, corrupt ones included
    quotes    article_id, quote_id, speaker_id, speaker, organisation, kind, text, start, end
    stances   article_id, holder_id, holder, target_id, target, polarity, score, evidence

A record is one line of JSON: {"id": ..., "text": "..."}, as `voices analyse --jsonl` reads.
A line that is not UTF-8, not JSON, or has no "text" string gives an article row with status
"error" and the code the CLI gives it (invalid_utf8, invalid_json, invalid_record); the rest
of the batch goes on. The article id is the record's "id" as a string (a non-string id as its
JSON text). Offsets are UTF-16 code units, as everywhere in voices.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import Error, _error, analyse_many

# (name, type) in order; types are Arrow's: string, int64, double.
ARTICLE_COLUMNS: List[Tuple[str, str]] = [
    ("article_id", "string"),
    ("source", "string"),
    ("status", "string"),
    ("people", "int64"),
    ("quotes", "int64"),
    ("stances", "int64"),
    ("error_code", "string"),
    ("error_message", "string"),
]
QUOTE_COLUMNS: List[Tuple[str, str]] = [
    ("article_id", "string"),
    ("quote_id", "string"),
    ("speaker_id", "string"),
    ("speaker", "string"),
    ("organisation", "string"),
    ("kind", "string"),
    ("text", "string"),
    ("start", "int64"),
    ("end", "int64"),
]
STANCE_COLUMNS: List[Tuple[str, str]] = [
    ("article_id", "string"),
    ("holder_id", "string"),
    ("holder", "string"),
    ("target_id", "string"),
    ("target", "string"),
    ("polarity", "string"),
    ("score", "double"),
    ("evidence", "string"),  # quote ids, space-separated
]

Row = Dict[str, Any]


def article_id(raw: Any) -> Optional[str]:
    """The record's id as a string: a string as is, None as None, anything else as JSON."""
    if raw is None or isinstance(raw, str):
        return raw
    return json.dumps(raw, separators=(",", ":"))


def read_record(line: bytes) -> Tuple[Optional[str], str]:
    """(article id, text) of one JSON Lines record, or voices.Error with the CLI's code.

    The Error's .index is not set; when the line is JSON with an id but no text, the id is
    in the error's .args[1]."""
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as bad:
        raise _error("invalid_utf8", f"line is not valid UTF-8 (first bad byte at offset {bad.start} in the line)")
    try:
        record = json.loads(decoded)
    except ValueError as bad:
        raise Error(f"line is not JSON: {bad}", code="invalid_json")
    if not isinstance(record, dict):
        raise Error('expected a JSON object like {"id": 1, "text": "..."}', code="invalid_record")
    identifier = article_id(record.get("id"))
    text = record.get("text")
    if not isinstance(text, str):
        error = Error('"text" is missing or not a string', code="invalid_record")
        error.article_id = identifier  # type: ignore[attr-defined]
        raise error
    return identifier, text


def quote_rows(identifier: Optional[str], analysis: Dict[str, Any]) -> List[Row]:
    """One row per quote: who said it (name and id), for which organisation, kind, text,
    UTF-16 offsets."""
    people = {p["id"]: p for p in analysis["people"]}
    organisations = {o["id"]: o for o in analysis["organisations"]}
    rows = []
    for quote in analysis["quotes"]:
        speaker = quote["speaker"]
        if speaker in people:
            name = people[speaker]["name"]
            organisation = people[speaker].get("organisation")
            organisation = organisations[organisation]["name"] if organisation else None
        else:
            name = organisations[speaker]["name"] if speaker in organisations else None
            organisation = name
        rows.append(
            {
                "article_id": identifier,
                "quote_id": quote["id"],
                "speaker_id": speaker,
                "speaker": name,
                "organisation": organisation,
                "kind": quote["kind"],
                "text": quote["text"],
                "start": quote["start"],
                "end": quote["end"],
            }
        )
    return rows


def stance_rows(identifier: Optional[str], analysis: Dict[str, Any]) -> List[Row]:
    """One row per stance: holder and target (ids and names), polarity, score, evidence."""
    names = {
        item["id"]: item["name"]
        for key in ("people", "organisations", "topics")
        for item in analysis[key]
    }
    return [
        {
            "article_id": identifier,
            "holder_id": stance["holder"],
            "holder": names.get(stance["holder"]),
            "target_id": stance["target"],
            "target": names.get(stance["target"]),
            "polarity": stance["polarity"],
            "score": float(stance["score"]) if stance.get("score") is not None else None,
            "evidence": " ".join(stance["evidence"]),
        }
        for stance in analysis["stances"]
    ]


def article_row(identifier: Optional[str], source: str, analysis: Optional[Dict[str, Any]] = None,
                error: Optional[Error] = None) -> Row:
    ok = analysis is not None
    return {
        "article_id": identifier,
        "source": source,
        "status": "ok" if ok else "error",
        "people": len(analysis["people"]) if ok else None,
        "quotes": len(analysis["quotes"]) if ok else None,
        "stances": len(analysis["stances"]) if ok else None,
        "error_code": None if ok else error.code,
        "error_message": None if ok else error.message,
    }


def analyse_records(
    records: Iterable[Tuple[str, bytes]], threads: Optional[int] = 1
) -> Tuple[List[Row], List[Row], List[Row]]:
    """Analyse (source, line) records, source naming where each came from (such as
    "shard-003.jsonl:17"). Returns (articles, quotes, stances) rows; a record that cannot be
    read or analysed gives an article row with status "error" and no quotes or stances.
    threads: passed to analyse_many (1 in an engine's worker that already has a core of
    its own; None for every core)."""
    articles: List[Row] = []
    quotes: List[Row] = []
    stances: List[Row] = []
    readable: List[Tuple[str, Optional[str], str]] = []
    slots: List[Optional[Row]] = []
    for source, line in records:
        try:
            identifier, text = read_record(line)
        except Error as error:
            slots.append(article_row(getattr(error, "article_id", None), source, error=error))
            continue
        slots.append(None)
        readable.append((source, identifier, text))
    results = analyse_many([text for _, _, text in readable], threads=threads, errors="return")
    analysed = iter(zip(readable, results))
    for slot in slots:
        if slot is not None:
            articles.append(slot)
            continue
        (source, identifier, _), result = next(analysed)
        if "error" in result:
            failure = _error(result["error"]["code"], result["error"]["message"])
            articles.append(article_row(identifier, source, error=failure))
            continue
        articles.append(article_row(identifier, source, analysis=result))
        quotes.extend(quote_rows(identifier, result))
        stances.extend(stance_rows(identifier, result))
    return articles, quotes, stances


def jsonl_records(path: str) -> Iterable[Tuple[str, bytes]]:
    """(source, line) for each non-blank line of a JSON Lines file, read as bytes; source is
    "path:N" with N counting lines from 1."""
    with open(path, "rb") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield f"{path}:{number}", line


def columns(table: Sequence[Tuple[str, str]]) -> List[str]:
    return [name for name, _ in table]
