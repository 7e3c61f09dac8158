"""Loading and dumping model objects as plain data, JSON and TOML."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

import tomli_w

from dancoso._convert import DateStyle, converter, problems_from
from dancoso.errors import DancosoError, InvalidInput, Problem
from dancoso.model import Dossier, Model
from dancoso.model._base import is_model_class

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
_TOML_END = re.compile(r"\(at end of document\)")


def to_data(obj: Model) -> dict[str, Any]:
    """Plain data for a model object: dicts, lists, str, int, float, bool; dates as ISO text.

    Fields left at their default are omitted, so what was loaded dumps back as it was.
    """
    if not is_model_class(type(obj)):
        raise DancosoError(f"to_data() takes a dancoso model object, not {type(obj).__name__}")
    return _plain(obj, "iso")


def _plain(obj: Model, dates: DateStyle) -> dict[str, Any]:
    data = converter(dates).unstructure(obj)
    if obj.TYPE:
        data = {"type": obj.TYPE, **data}  # a tagged record keeps its tag even on its own
    return cast(dict[str, Any], data)


def from_data(cls: type[M], data: Any, *, what: str | None = None) -> M:
    """Build a `cls` from plain data, validating everything.

    Raises:
        InvalidInput: listing every problem in `data`, each with its path.
    """
    if not is_model_class(cls):
        raise DancosoError(f"from_data() takes a dancoso model class, not {cls!r}")
    if cls.TYPE and isinstance(data, dict) and "type" in data:
        if data["type"] != cls.TYPE:
            raise InvalidInput(
                [Problem("$.type", f"expected type {cls.TYPE!r}, got {data['type']!r}")],
                what=what or cls.__name__,
            )
        data = {k: v for k, v in data.items() if k != "type"}
    try:
        return converter("iso").structure(data, cls)
    except Exception as exc:
        problems = _dedupe(problems_from(exc))
        problems.sort(key=lambda p: _document_order(data, p.path))
        raise InvalidInput(problems, what=what or cls.__name__) from None


def _dedupe(problems: Any) -> list[Problem]:
    seen: dict[Problem, None] = {}
    for p in problems:
        seen.setdefault(p, None)
    return list(seen)


_SEGMENT = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _document_order(data: Any, path: str) -> tuple[int, ...]:
    """Where a path falls in the document: keys by their position, missing keys last."""
    order: list[int] = []
    node = data
    for key, index in _SEGMENT.findall(path[1:]):
        if key and isinstance(node, dict):
            keys = list(node)
            order.append(keys.index(key) if key in node else len(keys))
            node = node.get(key)
        elif index and isinstance(node, list):
            order.append(int(index))
            node = node[int(index)] if int(index) < len(node) else None
        else:
            break
    return tuple(order)


def _parse(text: str, fmt: Format, what: str) -> Any:
    if fmt == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                [
                    Problem(
                        "$", f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
                    )
                ],
                what=what,
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _TOML_POS.search(msg)
        if m:
            where = f"at line {m.group(1)}, column {m.group(2)}"
        else:
            lines = text.count("\n") + 1
            where = f"at the end of the document (line {lines})"
        detail = _TOML_END.sub("", _TOML_POS.sub("", msg)).strip()
        raise InvalidInput([Problem("$", f"malformed TOML {where}: {detail}")], what=what) from None


def _guess_format(text: str) -> Format:
    # a JSON document of ours is an object; TOML may open with a [table] header
    return "json" if text.lstrip().startswith("{") else "toml"


def _decode(raw: bytes, what: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            [Problem("$", f"not UTF-8 text (byte {exc.start}): {exc.reason}")], what=what
        ) from None


def _is_path(source: str) -> bool:
    """Whether a string names a file rather than holding a document.

    A document of ours is a JSON object (`{`) or TOML, which needs `=` or a `[table]`;
    a one-line string with none of these is a path.
    """
    text = source.strip()
    if "\n" in text:
        return False
    if Path(text).suffix.lower() in (".json", ".toml"):
        return True
    return bool(text) and not any(c in text for c in "={[")


def _read(source: Source, fmt: Format | None) -> tuple[str, Format, str]:
    """The text, its format and a name for messages."""
    what = "input"
    if isinstance(source, bytes):
        text = _decode(source, what)
    elif isinstance(source, str) and not _is_path(source):
        text = source.removeprefix("\ufeff")
    else:
        path = Path(source.strip() if isinstance(source, str) else source)
        what = str(path)
        if fmt is None:
            suffix = path.suffix.lower()
            if suffix not in (".json", ".toml"):
                raise DancosoError(f"{path}: cannot tell the format from the suffix; pass format=")
            fmt = "json" if suffix == ".json" else "toml"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise DancosoError(f"{path}: cannot read ({exc.strerror or exc})") from None
        text = _decode(raw, what)
    if not text.strip():
        raise InvalidInput([Problem("$", "the document is empty")], what=what)
    return text, fmt or _guess_format(text), what


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
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return load(cls, raw, format=format)


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
        return tomli_w.dumps(_plain(obj, "native"))
    raise DancosoError(f"unknown format {format!r}; use 'json' or 'toml'")


def dump_dossier(dossier: Dossier, *, format: Format = "json") -> str:  # noqa: A002
    """Serialise a dossier as JSON or TOML text; `load_dossier` reads it back unchanged."""
    if not isinstance(dossier, Dossier):
        raise DancosoError(f"dump_dossier() takes a Dossier, not {type(dossier).__name__}")
    return dumps(dossier, format=format)
