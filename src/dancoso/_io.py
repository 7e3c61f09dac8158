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
from dancoso._limits import MAX_DEPTH, MAX_INT_DIGITS, cut, key_path, shown
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
#: A document (`str`, UTF-8 `bytes`) or a file (`os.PathLike`, such as `pathlib.Path`).
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
        raise DancosoError(f"from_data() takes a dancoso model class, not {shown(cls)}")
    shape = _shape_problems(data)
    if shape:
        raise InvalidInput(shape, what=what or cls.__name__)
    if cls.TYPE and isinstance(data, dict) and "type" in data:
        if data["type"] != cls.TYPE:
            raise InvalidInput(
                [Problem("$.type", f"expected type {cls.TYPE!r}, got {shown(data['type'])}")],
                what=what or cls.__name__,
            )
        data = {k: v for k, v in data.items() if k != "type"}
    try:
        return converter("iso").structure(data, cls)
    except RecursionError:  # pragma: no cover - MAX_DEPTH keeps far from the limit
        raise _too_deep(what or cls.__name__) from None
    except Exception as exc:
        problems = _dedupe(problems_from(exc))
        problems.sort(key=lambda p: _document_order(data, p.path))
        raise InvalidInput(problems, what=what or cls.__name__) from None


_CONTAINERS = (dict, list, tuple)


def _shape_problems(data: Any) -> list[Problem]:
    """Nesting beyond `MAX_DEPTH`, keys that are not text, and repeated JSON keys.

    A first pass without paths is cheap; only when something is wrong does a second pass
    find where.
    """
    stack: list[tuple[Any, int]] = [(data, 1)]
    # Python data may share a list or dict in many places (or hold itself): each is walked
    # again only when met deeper than before, so the walk stays linear, not exponential
    deepest: dict[int, int] = {}
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH or type(node) is _Duplicates:
            return _shape_paths(data)
        if deepest.get(id(node), 0) >= depth:
            continue
        deepest[id(node)] = depth
        if isinstance(node, dict):
            for key, value in node.items():
                if type(key) is not str:
                    return _shape_paths(data)
                if isinstance(value, _CONTAINERS):
                    stack.append((value, depth + 1))
        elif isinstance(node, list | tuple):
            stack.extend((v, depth + 1) for v in node if isinstance(v, _CONTAINERS))
    return []


def _shape_paths(data: Any) -> list[Problem]:
    problems: list[Problem] = []
    stack: list[tuple[Any, int, str]] = [(data, 1, "$")]
    deep = False
    # as in the first pass, a shared part is walked again only when met deeper, and its
    # own problems are reported once, at the first path it is met at
    deepest: dict[int, int] = {}
    while stack:
        node, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            if not deep:  # once is enough: the rest of a deep document is as deep
                problems.append(
                    Problem(path, f"objects and arrays are nested more than {MAX_DEPTH} deep")
                )
                deep = True
            continue
        seen = deepest.get(id(node), 0)
        if seen >= depth:
            continue
        deepest[id(node)] = depth
        first = not seen  # met before, higher up: only its depth is new
        children: list[tuple[Any, int, str]] = []
        if isinstance(node, dict):
            if first and isinstance(node, _Duplicates):
                problems.extend(
                    Problem(key_path(path, k), f"the key {shown(k)} is given more than once")
                    for k in node.repeated
                )
            for key, value in node.items():
                if type(key) is not str:
                    if first:
                        problems.append(
                            Problem(path, f"keys are text, got {type(key).__name__} {shown(key)}")
                        )
                elif isinstance(value, _CONTAINERS):
                    children.append((value, depth + 1, key_path(path, key)))
        elif isinstance(node, list | tuple):
            children.extend(
                (v, depth + 1, f"{path}[{i}]")
                for i, v in enumerate(node)
                if isinstance(v, _CONTAINERS)
            )
        stack.extend(reversed(children))  # document order
    return problems


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


class _Duplicates(dict[str, Any]):
    """A JSON object that repeated a key: refused, with the key's path, after parsing."""

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        counts: dict[str, int] = {}
        for key, _ in pairs:
            counts[key] = counts.get(key, 0) + 1
        self.repeated = [k for k, n in counts.items() if n > 1]


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # json keeps the last of repeated keys without a word; TOML refuses them: so do we
    obj = dict(pairs)
    return obj if len(obj) == len(pairs) else _Duplicates(pairs)


def _too_deep(what: str) -> InvalidInput:
    return InvalidInput(
        [Problem("$", f"objects and arrays are nested more than {MAX_DEPTH} deep")], what=what
    )


def _parse(text: str, fmt: Format, what: str, hint: str = "") -> Any:
    try:
        return _parse_text(text, fmt, what, hint)
    except RecursionError:
        # the C JSON scanner and tomllib recurse on nesting; far deeper than MAX_DEPTH
        raise _too_deep(what) from None


def _parse_text(text: str, fmt: Format, what: str, hint: str) -> Any:
    if fmt == "json":
        try:
            return json.loads(text, object_pairs_hook=_object)
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                [
                    Problem(
                        "$",
                        f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}{hint}",
                    )
                ],
                what=what,
            ) from None
        except ValueError as exc:  # Python refuses to read integers of over 4,300 digits
            raise _long_number(exc, what) from None
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
        raise InvalidInput(
            [Problem("$", f"malformed TOML {where}: {cut(detail)}{hint}")], what=what
        ) from None
    except ValueError as exc:
        raise _long_number(exc, what) from None


def _long_number(exc: ValueError, what: str) -> InvalidInput:
    if "integer string conversion" in str(exc):
        message = f"a whole number has more than {MAX_INT_DIGITS} digits"
    else:  # pragma: no cover - no other ValueError is known to escape the parsers
        message = f"cannot read the document ({shown(str(exc))})"
    return InvalidInput([Problem("$", message)], what=what)


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


def _path_hint(text: str) -> str:
    """A hint for text that reads like a file name: text is never read as a path."""
    line = text.strip()
    if "\n" in line or len(line) > 4096 or not line.lower().endswith((".json", ".toml")):
        return ""
    return "; text is read as a document: to read a file, pass a pathlib.Path or path="


def _file(path: str | os.PathLike[str], fmt: Format | None) -> tuple[str, Format, str]:
    try:
        p = Path(path)
        what = str(p)
    except TypeError:
        raise DancosoError(f"a path is a str or os.PathLike, not {type(path).__name__}") from None
    if "\x00" in what:
        raise DancosoError(f"{shown(what)}: a path cannot hold a NUL character")
    if fmt is None:
        suffix = p.suffix.lower()
        if suffix not in (".json", ".toml"):
            raise DancosoError(f"{what}: cannot tell the format from the suffix; pass format=")
        fmt = "json" if suffix == ".json" else "toml"
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DancosoError(f"{what}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # a name the file system cannot encode (lone surrogates …)
        raise DancosoError(f"{shown(what)}: not a valid file name ({exc})") from None
    return _decode(raw, what), fmt, what


def _read(
    source: Source | None, fmt: Format | None, path: str | os.PathLike[str] | None
) -> tuple[str, Format, str, str]:
    """The text, its format, a name for messages, and a hint for parse errors."""
    if fmt not in (None, "json", "toml"):
        raise DancosoError(f"unknown format {fmt!r}; use 'json' or 'toml'")
    what, hint = "input", ""
    if path is not None:
        if source is not None:
            raise DancosoError("give either the document or path=, not both")
        text, fmt, what = _file(path, fmt)
    elif isinstance(source, str):
        text, hint = source.removeprefix("\ufeff"), _path_hint(source)
    elif isinstance(source, bytes | bytearray | memoryview):
        text = _decode(bytes(source), what)
    elif isinstance(source, os.PathLike):
        text, fmt, what = _file(source, fmt)
    elif source is None:
        raise DancosoError("give the document (str or bytes), or a path (pathlib.Path or path=)")
    else:
        raise DancosoError(
            f"a document is str or bytes, a path is os.PathLike; got {type(source).__name__}"
        )
    if not text.strip():
        raise InvalidInput([Problem("$", "the document is empty")], what=what)
    return text, fmt or _guess_format(text), what, hint


def load(
    cls: type[M],
    source: Source | None = None,
    *,
    format: Format | None = None,  # noqa: A002
    path: str | os.PathLike[str] | None = None,
) -> M:
    """Load any model class from JSON or TOML text, or from a file.

    A `str` is always the document itself, never a file name: a file is read only for a
    `pathlib.Path` (any `os.PathLike`) or for `path=`, so text from elsewhere can never make
    dancoso read a local file.

    Args:
        cls: The model class to build.
        source: The text (`str`, or UTF-8 `bytes`), or a path as `pathlib.Path`.
        format: `"json"` or `"toml"`. Text that starts with `{` is JSON, other text TOML;
            a file's suffix (`.json`, `.toml`) gives its format.
        path: A file to read, as `str` or `os.PathLike`, instead of `source`.

    Raises:
        InvalidInput: Every problem in the document, each with its path; malformed JSON or
            TOML is reported with its line and column.
        DancosoError: The file cannot be read.
    """
    text, fmt, what, hint = _read(source, format, path)
    return from_data(cls, _parse(text, fmt, what, hint), what=what)


def loads(cls: type[M], text: str | bytes, *, format: Format | None = None) -> M:  # noqa: A002
    """Load any model class from JSON or TOML text (never a path)."""
    if not isinstance(text, str | bytes):
        raise DancosoError(f"loads() takes str or bytes, not {type(text).__name__}")
    return load(cls, text, format=format)


def load_dossier(
    source: Source | None = None,
    *,
    format: Format | None = None,  # noqa: A002
    path: str | os.PathLike[str] | None = None,
) -> Dossier:
    """Load and validate a dossier from JSON or TOML text, or from a file.

    Args:
        source: JSON or TOML text as `str` or `bytes`, or a `pathlib.Path` ending in
            `.json` or `.toml`. A `str` is always the document, never a file name.
        format: Force `"json"` or `"toml"` instead of guessing.
        path: A file to read, as `str` or `os.PathLike`, instead of `source`.

    Raises:
        InvalidInput: Every problem in the document, each with its path; malformed JSON or
            TOML is reported with its line and column.
        DancosoError: The file cannot be read.
    """
    return load(Dossier, source, format=format, path=path)


def dumps(obj: Model, *, format: Format = "json") -> str:  # noqa: A002
    """Serialise any model object as JSON (UTF-8, indented, no `\\u` escapes) or TOML."""
    if format not in ("json", "toml"):
        raise DancosoError(f"unknown format {shown(format)}; use 'json' or 'toml'")
    try:
        if format == "json":
            return json.dumps(to_data(obj), ensure_ascii=False, indent=2) + "\n"
        return tomli_w.dumps(_plain(obj, "native"))
    except (ValueError, TypeError, RecursionError) as exc:
        # only an object changed behind the model's back gets here: every checked object
        # has whole numbers of at most MAX_INT_DIGITS digits and nesting within MAX_DEPTH
        raise DancosoError(
            f"cannot write {type(obj).__name__} ({type(exc).__name__}: {cut(str(exc))})"
        ) from None


def dump_dossier(dossier: Dossier, *, format: Format = "json") -> str:  # noqa: A002
    """Serialise a dossier as JSON or TOML text; `load_dossier` reads it back unchanged."""
    if not isinstance(dossier, Dossier):
        raise DancosoError(f"dump_dossier() takes a Dossier, not {type(dossier).__name__}")
    return dumps(dossier, format=format)
