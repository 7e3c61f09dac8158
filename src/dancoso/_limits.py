"""Limits on input, and the helpers that keep error messages small whatever the input.

Every limit here is a documented promise (see *JSON, TOML and errors* in the docs): input
beyond it is refused with a clear [`InvalidInput`][dancoso.errors.InvalidInput], never a
`RecursionError`, a `ValueError` from Python's integer conversion, or a message the size
of the input.
"""

from __future__ import annotations

import difflib
import re
import reprlib
from collections.abc import Iterable

__all__ = [
    "MAX_DEPTH",
    "MAX_ID_LENGTH",
    "MAX_INT",
    "MAX_INT_DIGITS",
    "MAX_SECTION_DEPTH",
    "MAX_SHOWN",
    "MAX_SUGGEST",
    "cut",
    "did_you_mean",
    "key_path",
    "nearest",
    "shown",
    "too_big",
]

#: Deepest nesting of objects and arrays in a document or in plain data. The deepest
#: bundled document nests 9 levels; 64 leaves room for any real dossier or rubric while
#: staying far from Python's recursion limit in the parsers, cattrs and the engine.
MAX_DEPTH = 64
#: Deepest nesting of rubric sections (a top-level section is depth 1).
MAX_SECTION_DEPTH = 16
#: Whole numbers have at most this many digits: every count a report gives fits, and
#: every accepted integer is exact as a float (below 2**53) and as a NumPy int64.
MAX_INT_DIGITS = 15
MAX_INT = 10**MAX_INT_DIGITS - 1
#: Characters of an identifier. The longest in the bundled data has 42; a bound keeps the
#: pattern check of an id, and every message that quotes one, short.
MAX_ID_LENGTH = 200
#: Characters of a value quoted in a message; longer values are cut, with their length.
MAX_SHOWN = 60
#: Words longer than this get no "did you mean" suggestion (difflib is quadratic).
MAX_SUGGEST = 100

_PATH_SYNTAX = re.compile(r"[\s.\[\]'\"\\]")


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxother, _REPR.maxlong = 3, MAX_SHOWN, MAX_SHOWN


def too_big(value: int) -> bool:
    """Whether a whole number has more digits than `MAX_INT_DIGITS`."""
    return not -MAX_INT <= value <= MAX_INT


def shown(value: object) -> str:
    """A value quoted for a message, at most about `MAX_SHOWN` characters long.

    Long text is cut and its length given; whole numbers of more than 59 digits are
    described, not converted (converting one of 5,000 digits raises `ValueError`).
    """
    if isinstance(value, str):
        if len(value) <= MAX_SHOWN:
            return repr(value)
        return f"{value[:MAX_SHOWN]!r}… ({len(value):,} characters)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 196:
        digits = int(value.bit_length() * 0.30103) + 1  # log10(2): no str() of the number
        return f"a whole number of about {digits:,} digits"
    try:
        # bounded: a list that holds one list many times over has an endless full repr
        text = _REPR.repr(value)
    except Exception:  # a value from Python may have a broken __repr__
        return f"a {type(value).__name__}"
    if len(text) > MAX_SHOWN:
        return text[: MAX_SHOWN - 3] + "..."
    return text


def cut(text: str, limit: int = 4 * MAX_SHOWN) -> str:
    """`text`, cut after `limit` characters with its length said (for quoted messages)."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def nearest(word: str, choices: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Choices close to `word`, best first; none for words longer than `MAX_SUGGEST`."""
    if len(word) > MAX_SUGGEST:
        return []
    return difflib.get_close_matches(word, [c for c in choices if len(c) <= MAX_SUGGEST], n, cutoff)


def did_you_mean(word: str, choices: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> str:
    """`; did you mean 'x', 'y'?` for the nearest choices, or the empty string."""
    close = nearest(word, choices, n=n, cutoff=cutoff)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def key_path(path: str, key: str) -> str:
    """The path of `key` under `path`: `$.unit` for a plain key, `$['a b']` otherwise.

    Keys that are not plain words are quoted (and cut when long), so that a path never
    carries a newline, a control character or megabytes of text into a message.
    """
    if key and len(key) <= MAX_SHOWN and key.isprintable() and not _PATH_SYNTAX.search(key):
        return f"{path}.{key}"
    return f"{path}[{shown(key)}]"
