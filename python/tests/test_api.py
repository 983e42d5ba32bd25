"""voices.analyse, analyse_many, errors and offsets, against the CLI on the fixture articles."""

import json
import pickle
import subprocess

import pytest

import voices
from conftest import FIXTURES, cli_analyse

EMOJI_ARTICLE = (
    "Fans 🎉 cheered outside the ground.\n"
    "“We have waited 🏆 years for this,” said Jane Smith, chair of the supporters’ trust.\n"
    "The club’s owner, Tom Brown, said the new stand would open next season. 🙂\n"
)


def test_fixtures_found():
    assert len(FIXTURES) >= 10


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_analyse_equals_cli(cli, path):
    text = path.read_text(encoding="utf-8")
    result = voices.analyse(text)
    assert result == cli_analyse(cli, path)
    assert set(result) == {"people", "organisations", "topics", "quotes", "stances"}
    # bytes give the same result
    assert voices.analyse(path.read_bytes()) == result


def test_seed_has_quotes_and_offsets_are_slices():
    text = FIXTURES[0].read_text(encoding="utf-8")
    result = voices.analyse(text)
    assert result["quotes"] and result["people"]
    for quote in result["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]


def test_analyse_many_keeps_order_and_equals_analyse():
    texts = [p.read_text(encoding="utf-8") for p in FIXTURES] * 7
    # interleave short and long texts so threads finish out of order
    texts = [t if i % 3 else t[: 200 + i] for i, t in enumerate(texts)]
    expected = [voices.analyse(t) for t in texts]
    for threads in (None, 1, 2, 5, 200):
        assert voices.analyse_many(texts, threads=threads) == expected
    assert voices.analyse_many(iter(texts), threads=2) == expected  # any iterable
    assert voices.analyse_many(tuple(t.encode() for t in texts)) == expected  # bytes
    assert voices.analyse_many([]) == []


def test_speech_acts_adds_noun_phrase_contents():
    text = "The Harbour Trust announced a review of ferry fares.\n"
    assert voices.analyse(text)["quotes"] == []
    quotes = voices.analyse(text, speech_acts=True)["quotes"]
    assert [q["text"] for q in quotes] == ["a review of ferry fares"]
    many = voices.analyse_many([text, text], threads=2, speech_acts=True)
    assert many == [voices.analyse(text, speech_acts=True)] * 2


def test_analyse_many_bad_arguments():
    with pytest.raises(ValueError):
        voices.analyse_many(["a"], threads=0)
    with pytest.raises(ValueError):
        voices.analyse_many(["a"], errors="ignore")
    with pytest.raises(TypeError):
        voices.analyse_many(["a", 3])
    with pytest.raises(TypeError):
        voices.analyse(None)


def test_errors_have_codes():
    with pytest.raises(voices.InvalidUtf8Error) as caught:
        voices.analyse(b"Caf\xe9 owner said no.")
    assert isinstance(caught.value, voices.Error)
    assert caught.value.code == "invalid_utf8"
    assert "offset 3" in caught.value.message

    too_large = "a" * (voices.MAX_INPUT_BYTES + 1)
    with pytest.raises(voices.InputTooLargeError) as caught:
        voices.analyse(too_large)
    assert caught.value.code == "input_too_large"
    assert str(caught.value).startswith("[input_too_large]")
    # the limit counts UTF-8 bytes, not characters
    with pytest.raises(voices.InputTooLargeError):
        voices.analyse("é" * (voices.MAX_INPUT_BYTES // 2 + 1))


def test_error_codes_match_cli(cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok \xff")
    out = subprocess.run([str(cli), "analyse", str(bad)], capture_output=True)
    assert out.returncode == 2
    with pytest.raises(voices.Error) as caught:
        voices.analyse(bad.read_bytes())
    assert f"error[{caught.value.code}]" in out.stderr.decode()


def test_analyse_many_errors():
    texts = ["“Yes,” said Jane Smith.", b"\xff\xfe", "plain", b"x\xc3"]
    with pytest.raises(voices.InvalidUtf8Error) as caught:
        voices.analyse_many(texts)
    assert caught.value.index == 1
    results = voices.analyse_many(texts, errors="return")
    assert results[0] == voices.analyse(texts[0])
    assert results[2] == voices.analyse("plain")
    assert results[1]["error"]["code"] == "invalid_utf8"
    assert results[3]["error"]["code"] == "invalid_utf8"
    assert set(results[1]) == {"error"}


def test_errors_pickle():
    error = voices.InputTooLargeError("too big", code="input_too_large", index=4)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is voices.InputTooLargeError
    assert (back.code, back.message, back.index) == ("input_too_large", "too big", 4)


def test_utf16_offsets_with_emoji():
    text = EMOJI_ARTICLE
    result = voices.analyse(text)
    units = text.encode("utf-16-le")
    assert result["quotes"], result
    for quote in result["quotes"]:
        # the offsets are UTF-16 units: slicing the UTF-16 encoding gives the text
        assert units[2 * quote["start"]:2 * quote["end"]].decode("utf-16-le") == quote["text"]
        start = voices.utf16_to_str_index(text, quote["start"])
        end = voices.utf16_to_str_index(text, quote["end"])
        assert text[start:end] == quote["text"]
        assert voices.str_to_utf16_index(text, start) == quote["start"]
    # the emoji shift the second paragraph by one unit each
    assert result["quotes"][0]["start"] != text.index("“We")
    spans = voices.str_spans(text, result)
    assert spans is not result and result == voices.analyse(text)  # the input is not changed
    for quote in spans["quotes"]:
        assert text[quote["start"]:quote["end"]] == quote["text"]
    for entity in spans["people"] + spans["organisations"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]]
    assert spans["people"][0]["name"] in [
        text[m["start"]:m["end"]] for m in spans["people"][0]["mentions"]
    ] or spans["people"][0]["aliases"]


def test_utf16_helper_edges():
    text = "a😀b"
    assert [voices.utf16_to_str_index(text, u) for u in (0, 1, 3, 4)] == [0, 1, 2, 3]
    with pytest.raises(ValueError):
        voices.utf16_to_str_index(text, 2)  # inside the surrogate pair
    with pytest.raises(ValueError):
        voices.utf16_to_str_index(text, 5)
    assert voices.utf16_to_str_index("abc", 3) == 3
    with pytest.raises(ValueError):
        voices.utf16_to_str_index("abc", 4)
    assert voices.str_to_utf16_index(text, 3) == 4


def test_lone_surrogate_keeps_offsets():
    text = "\ud800 “We will fight this plan,” said Jane Smith."
    result = voices.analyse(text)
    quote = result["quotes"][0]
    assert text[quote["start"]:quote["end"]] == quote["text"]


def test_help_explains_the_schema():
    doc = voices.analyse.__doc__
    for word in ("people", "organisations", "topics", "quotes", "stances", "UTF-16", "str_spans"):
        assert word in doc
    assert "GIL" in voices.analyse_many.__doc__
    assert voices.__version__ == "0.1.0"


def test_type_stubs_installed():
    from pathlib import Path

    package = Path(voices.__file__).parent
    assert (package / "__init__.pyi").is_file()
    assert (package / "py.typed").is_file()


def test_result_is_plain_json():
    text = FIXTURES[1].read_text(encoding="utf-8")
    result = voices.analyse(text)
    assert json.loads(json.dumps(result)) == result
