"""Loading and dumping model objects as plain data, JSON and TOML."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
import tomli_w

from dancoso._convert import converter, problems_from
from dancoso.errors import DancosoError, InvalidInput, Problem
from dancoso.model import Dossier, Model

__all__ = [
    "Format",
    "dump_dossier",
    "dumps",
    "from_data",
    "load",
    "load_dossier",
    "loads",
    "to_data",
]

M = TypeVar("M", bound=Model)
Format = Literal["json", "toml"]
Source = str | bytes | os.PathLike[str]
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")


def to_data(obj: Model) -> dict[str, Any]:
    """Plain data for a model object: dicts, lists, str, int, float, bool; dates as ISO text.

    Fields left at their default are omitted, so what was loaded dumps back as it was.
    """
    if not (attrs.has(type(obj)) and isinstance(obj, Model)):
        raise DancosoError(f"to_data() takes a dancoso model object, not {type(obj).__name__}")
    data = converter("iso").unstructure(obj)
    if getattr(obj, "TYPE", ""):
        data = {"type": obj.TYPE, **data}  # evidence keeps its tag even on its own
    return data  # type: ignore[no-any-return]


def from_data(cls: type[M], data: Any, *, what: str | None = None) -> M:
    """Build a `cls` from plain data, validating everything.

    Raises:
        InvalidInput: listing every problem in `data`, each with its path.
    """
    if not (isinstance(cls, type) and issubclass(cls, Model) and attrs.has(cls)):
        raise DancosoError(f"from_data() takes a dancoso model class, not {cls!r}")
    if getattr(cls, "TYPE", "") and isinstance(data, dict) and "type" in data:
        if data["type"] != cls.TYPE:
            raise InvalidInput(
                [Problem("$.type", f"expected type {cls.TYPE!r}, got {data['type']!r}")],
                what=what or cls.__name__,
            )
        data = {k: v for k, v in data.items() if k != "type"}
    try:
        return converter("iso").structure(data, cls)
    except Exception as exc:
        raise InvalidInput(_dedupe(problems_from(exc)), what=what or cls.__name__) from None


def _dedupe(problems: Any) -> list[Problem]:
    seen: dict[Problem, None] = {}
    for p in problems:
        seen.setdefault(p, None)
    return list(seen)


def _parse(text: str, fmt: Format, what: str) -> Any:
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                [Problem("$", f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")],
                what=what,
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        where = f"at line {m.group(1)}, column {m.group(2)}" if m else "somewhere"
        detail = _TOML_POS.sub("", msg).strip()
        raise InvalidInput([Problem("$", f"malformed TOML {where}: {detail}")], what=what) from None


def _guess_format(text: str) -> Format:
    return "json" if text.lstrip().startswith(("{", "[")) else "toml"


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            [Problem("$", f"not UTF-8 text (byte {exc.start}): {exc.reason}")], what=what
        ) from None


def _is_path(source: str) -> bool:
    """A one-line string ending in .json or .toml names a file; anything else is text."""
    return "\n" not in source and Path(source.strip()).suffix.lower() in (".json", ".toml")


def _read(source: Source, fmt: Format | None) -> tuple[str, Format, str]:
    """The text, its format and a name for messages."""
    if isinstance(source, bytes):
        text = _decode(source, "input")
    elif isinstance(source, str) and not _is_path(source):
        text = source
    else:
        path = Path(source.strip() if isinstance(source, str) else source)
        if fmt is None:
            suffix = path.suffix.lower()
            if suffix not in (".json", ".toml"):
                raise DancosoError(f"{path}: cannot tell the format from the suffix; pass format=")
            fmt = "json" if suffix == ".json" else "toml"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DancosoError(f"{path}: cannot read ({exc.strerror or exc})") from None
        return _decode(raw, str(path)), fmt, str(path)
    if not text.strip():
        raise InvalidInput([Problem("$", "the document is empty")], what="input")
    return text, fmt or _guess_format(text), "input"


def load(cls: type[M], source: Source, *, format: Format | None = None) -> M:  # noqa: A002
    """Load any model class from a path, or from JSON or TOML text.

    Args:
        cls: The model class to build.
        source: A path (`str` or `os.PathLike`) ending in `.json` or `.toml`, or the text
            itself (`str` or `bytes`).
        format: Force `"json"` or `"toml"` instead of guessing.
    """
    text, fmt, what = _read(source, format)
    return from_data(cls, _parse(text, fmt, what), what=what)


def loads(cls: type[M], text: str | bytes, *, format: Format | None = None) -> M:  # noqa: A002
    """Load any model class from JSON or TOML text (never a path)."""
    if isinstance(text, bytes):
        return load(cls, text, format=format)
    fmt = format or _guess_format(text)
    return from_data(cls, _parse(text, fmt, "input"), what="input")


def load_dossier(source: Source, *, format: Format | None = None) -> Dossier:  # noqa: A002
    """Load and validate a dossier.

    Args:
        source: A path ending in `.json` or `.toml`, or JSON or TOML text as `str` or `bytes`.
        format: Force `"json"` or `"toml"` instead of guessing.

    Raises:
        InvalidInput: Every problem in the document, each with its path; malformed JSON or
            TOML is reported with its line and column.
        DancosoError: The file cannot be read.
    """
    return load(Dossier, source, format=format)


def dumps(obj: Model, *, format: Format = "json") -> str:  # noqa: A002
    """Serialise any model object as JSON (UTF-8, indented, no `\\u` escapes) or TOML."""
    if format == "json":
        return json.dumps(to_data(obj), ensure_ascii=False, indent=2) + "\n"
    if format == "toml":
        data = converter("native").unstructure(obj)
        if getattr(obj, "TYPE", ""):
            data = {"type": obj.TYPE, **data}
        return tomli_w.dumps(data)
    raise DancosoError(f"unknown format {format!r}; use 'json' or 'toml'")


def dump_dossier(dossier: Dossier, *, format: Format = "json") -> str:  # noqa: A002
    """Serialise a dossier as JSON or TOML text; `load_dossier` reads it back unchanged."""
    if not isinstance(dossier, Dossier):
        raise DancosoError(f"dump_dossier() takes a Dossier, not {type(dossier).__name__}")
    return dumps(dossier, format=format)
