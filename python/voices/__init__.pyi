"""Type stubs for voices: quote attribution and stance for news articles."""

from typing import Dict, Iterable, List, Literal, Optional, TypedDict, Union

from typing_extensions import NotRequired

__version__: str
MAX_INPUT_BYTES: int
SCHEMA: str

Text = Union[str, bytes]

class Span(TypedDict):
    start: int  # UTF-16 code units; see str_spans
    end: int

class Person(TypedDict):
    id: str
    name: str
    aliases: List[str]
    role: NotRequired[str]
    organisation: NotRequired[str]
    unnamed: NotRequired[bool]
    mentions: List[Span]

class Organisation(TypedDict):
    id: str
    name: str
    acronym: NotRequired[str]
    aliases: List[str]
    kind: NotRequired[str]
    mentions: List[Span]

class Topic(TypedDict):
    id: str
    name: str
    aliases: List[str]

class Quote(TypedDict):
    id: str
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    start: int
    end: int
    speaker: str
    source: NotRequired[Span]
    cue: NotRequired[Span]

class Stance(TypedDict):
    holder: str
    target: str
    polarity: Literal["for", "against", "neutral", "mixed"]
    score: NotRequired[float]
    evidence: List[str]

class Analysis(TypedDict):
    people: List[Person]
    organisations: List[Organisation]
    topics: List[Topic]
    quotes: List[Quote]
    stances: List[Stance]

class ErrorInfo(TypedDict):
    code: str
    message: str

class Failed(TypedDict):
    error: ErrorInfo

class Error(Exception):
    code: str
    message: str
    index: Optional[int]
    def __init__(self, message: str, code: Optional[str] = ..., index: Optional[int] = ...) -> None: ...

class InputTooLargeError(Error): ...
class InvalidUtf8Error(Error): ...

def analyse(text: Text, speech_acts: bool = ...) -> Analysis: ...
def analyse_many(
    texts: Iterable[Text],
    threads: Optional[int] = ...,
    errors: Literal["raise", "return"] = ...,
    speech_acts: bool = ...,
) -> List[Union[Analysis, Failed]]: ...
def utf16_to_str_index(text: str, offset: int) -> int: ...
def str_to_utf16_index(text: str, index: int) -> int: ...
def str_spans(text: str, result: Analysis) -> Analysis: ...
