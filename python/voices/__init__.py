"""voices: who speaks in a news article, for which organisation, what they said and where
they stand. Quote attribution and stance with rules and small lexicons; the Rust core of the
voices page and CLI, for Python.

    >>> import voices
    >>> result = voices.analyse('"We will fight this plan," said Jane Smith.')
    >>> result["quotes"][0]["text"]
    '"We will fight this plan,"'

Functions:
    analyse(text) -> dict                      one article
    analyse_many(texts, threads=None) -> list  many, on every core, in input order
    str_spans(text, result) -> dict            the result with Python string offsets
    utf16_to_str_index(text, offset) -> int    one offset, UTF-16 units -> str index
    str_to_utf16_index(text, index) -> int     and back

Errors are voices.Error (InputTooLargeError, InvalidUtf8Error), whose .code is the stable code
the CLI and the JavaScript binding report ("input_too_large", "invalid_utf8").

The result schema is in help(voices.analyse).
"""

from __future__ import annotations

import inspect as _inspect
import json as _json
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _voices

__all__ = [
    "analyse",
    "analyse_many",
    "str_spans",
    "utf16_to_str_index",
    "str_to_utf16_index",
    "Error",
    "InputTooLargeError",
    "InvalidUtf8Error",
    "MAX_INPUT_BYTES",
    "SCHEMA",
]

__version__: str = _voices.__version__

#: Largest input accepted, in bytes of UTF-8 (32 MiB).
MAX_INPUT_BYTES: int = _voices.MAX_INPUT_BYTES

SCHEMA = """\
The result is a dict, the same JSON as the voices CLI, page and JavaScript binding give:

  {"people": [...], "organisations": [...], "topics": [...], "quotes": [...], "stances": [...]}

people[]         id ("p1", ... in order of first mention), name (fullest named form; for an
                 unnamed speaker a description such as "Ofsted spokesperson"), aliases (list),
                 role?, organisation? (an organisation id), unnamed? (True when present),
                 mentions (list of {"start", "end"})
organisations[]  id ("o1", ...), name, acronym?, aliases, kind? ("union", "party",
                 "regulator", "government", "media", ...), mentions
topics[]         id ("t1", ...), name, aliases: the policies and plans stances are about
quotes[]         id ("q1", ... in text order), text, kind ("direct" in quote marks,
                 "indirect" reported, "mixed" reported with a quoted fragment), start, end,
                 speaker (a person or organisation id), source? (the mention naming the
                 speaker here, {"start", "end"}), cue? (the reporting verb, {"start", "end"})
stances[]        holder (person or organisation id), target (person, organisation or topic
                 id), polarity ("for", "against", "mixed", "neutral"), score (summed evidence, + for),
                 evidence (quote ids)

Keys marked ? are absent when there is nothing to say.

Offsets (start, end) count UTF-16 code units of the text, as JavaScript does, so that the
CLI, the page and Python agree. They equal Python string indices unless the text has
characters outside the Basic Multilingual Plane (most emoji), which take two units;
voices.str_spans(text, result) converts a whole result to Python indices, after which
text[q["start"]:q["end"]] == q["text"] for every quote.
"""


class Error(Exception):
    """An article the analyser refused. .code is stable ("input_too_large", "invalid_utf8"),
    the same the CLI prints and JavaScript gets as error.code; .message says why; .index is
    the text's position in analyse_many's input (None for analyse)."""

    code: str = "error"

    def __init__(self, message: str, code: Optional[str] = None, index: Optional[int] = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.index = index

    def __str__(self) -> str:
        where = f" (text {self.index})" if self.index is not None else ""
        return f"[{self.code}]{where} {self.message}"

    def __reduce__(self):  # picklable, for Dask and Spark workers
        return (_error, (self.code, self.message, self.index))


class InputTooLargeError(Error):
    """The text is over MAX_INPUT_BYTES (32 MiB of UTF-8)."""

    code = "input_too_large"


class InvalidUtf8Error(Error):
    """bytes given to analyse are not UTF-8."""

    code = "invalid_utf8"


_ERRORS = {cls.code: cls for cls in (InputTooLargeError, InvalidUtf8Error)}


def _error(code: str, message: str, index: Optional[int] = None) -> Error:
    return _ERRORS.get(code, Error)(message, code=code, index=index)


Text = Union[str, bytes]


def analyse(text: Text, speech_acts: bool = False) -> Dict[str, Any]:
    """Analyse one news article: its people, organisations, topics, quotes and stances.

    text: the article as str, or as bytes of UTF-8. Plain text; paragraphs are lines.
    speech_acts: also report speech acts whose content is a noun phrase or an infinitive
    ("announced a review", "vowed to resign"), as attribution corpora such as PolNeAR do.
    Returns a dict in the output schema below. Raises voices.InputTooLargeError for a text
    over 32 MiB and voices.InvalidUtf8Error for bytes that are not UTF-8 (both are
    voices.Error, with .code). A str with lone surrogates is analysed with U+FFFD in their
    place (same offsets). The GIL is released while the article is analysed.
    """
    try:
        return _json.loads(_voices.analyse_json(text, bool(speech_acts)))
    except _voices.NativeError as native:
        code, message = native.args
        raise _error(code, message) from None


analyse.__doc__ = _inspect.cleandoc(analyse.__doc__ or "") + "\n\n" + SCHEMA


def analyse_many(
    texts: Iterable[Text],
    threads: Optional[int] = None,
    errors: str = "raise",
    speech_acts: bool = False,
) -> List[Dict[str, Any]]:
    """Analyse many articles at once on `threads` threads (default: every core), with the GIL
    released, and return their results in input order: analyse_many(ts)[i] == analyse(ts[i]).

    texts: any iterable of str or UTF-8 bytes (taken in full before the analysis starts;
    for a corpus larger than memory, call it on batches of a few thousand).
    errors: "raise" (default) raises the voices.Error of the first text refused, with .index
    set; "return" puts {"error": {"code": ..., "message": ...}} in that text's place, as the
    CLI's --jsonl does, and goes on.
    speech_acts: as for voices.analyse.

    Each result is in the schema of help(voices.analyse).
    """
    if errors not in ("raise", "return"):
        raise ValueError('errors must be "raise" or "return"')
    if threads is not None and (not isinstance(threads, int) or threads < 1):
        raise ValueError("threads must be a positive int or None")
    texts = texts if isinstance(texts, list) else list(texts)
    results = _voices.analyse_many_json(texts, threads, bool(speech_acts))
    loads = _json.loads
    out: List[Dict[str, Any]] = []
    for index, result in enumerate(results):
        if isinstance(result, str):
            out.append(loads(result))
        elif errors == "raise":
            raise _error(result[0], result[1], index)
        else:
            out.append({"error": {"code": result[0], "message": result[1]}})
    return out


def _utf16_offsets(text: str) -> Optional[List[int]]:
    """For each Python index i in 0..=len(text), its UTF-16 offset; None when they are equal
    (no character outside the Basic Multilingual Plane)."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return None
    offsets = [0] * (len(text) + 1)
    unit = 0
    for i, c in enumerate(text):
        offsets[i] = unit
        unit += 2 if ord(c) >= 0x10000 else 1
    offsets[len(text)] = unit
    return offsets


def _str_indices(text: str) -> Optional[Dict[int, int]]:
    offsets = _utf16_offsets(text)
    if offsets is None:
        return None
    return {unit: index for index, unit in enumerate(offsets)}


def utf16_to_str_index(text: str, offset: int) -> int:
    """The Python string index of a UTF-16 offset in text (as the analysis gives them).

    Raises ValueError for an offset inside a surrogate pair or past the end. For many
    offsets, str_spans converts a whole result in one pass."""
    indices = _str_indices(text)
    if indices is None:
        if not 0 <= offset <= len(text):
            raise ValueError(f"offset {offset} is outside the text (0..{len(text)})")
        return offset
    try:
        return indices[offset]
    except KeyError:
        raise ValueError(f"offset {offset} is not on a character boundary of the text") from None


def str_to_utf16_index(text: str, index: int) -> int:
    """The UTF-16 offset of Python string index `index` in text (0 <= index <= len(text))."""
    if not 0 <= index <= len(text):
        raise ValueError(f"index {index} is outside the text (0..{len(text)})")
    return len(text[:index].encode("utf-16-le")) // 2


def str_spans(text: str, result: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of `result` (from analyse(text)) with every offset in Python string indices:
    people's and organisations' mentions, and quotes' start, end, source and cue. Afterwards
    text[q["start"]:q["end"]] == q["text"] for every quote q. The result is returned as a
    copy when text has no character outside the BMP, where the offsets are already equal."""
    copy = _json.loads(_json.dumps(result))
    indices = _str_indices(text)
    if indices is None:
        return copy

    def span(s: Dict[str, int]) -> None:
        s["start"] = indices[s["start"]]
        s["end"] = indices[s["end"]]

    for entity in copy.get("people", []) + copy.get("organisations", []):
        for mention in entity.get("mentions", []):
            span(mention)
    for quote in copy.get("quotes", []):
        span(quote)
        for key in ("source", "cue"):
            if key in quote:
                span(quote[key])
    return copy
