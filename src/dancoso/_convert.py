"""The one cattrs converter of the library, its hooks, and the flattening of its errors.

`make_converter()` builds it; everything that turns data into model objects or back goes
through the converters it returns. Structuring is strict: no string becomes a number, no
number a string, unknown keys are rejected, and every problem in a document is collected
and reported with its path.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from dancoso._limits import MAX_INT_DIGITS, did_you_mean, key_path, shown, too_big
from dancoso.errors import InvalidInput, Problem
from dancoso.model import EVIDENCE_TYPES, RULE_TYPES, AnyCommendationRule, AnyEvidence, Model, Term
from dancoso.model._base import ParamValue, Spec, check_scalar, spec_of

__all__ = ["DateStyle", "converter", "make_converter", "problems_from"]

T = TypeVar("T")
DateStyle = Literal["iso", "native"]
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: Tagged unions: the union type, the key holding the tag, and the classes by tag.
_UNIONS: tuple[tuple[Any, str, tuple[type[Any], ...]], ...] = (
    (AnyEvidence, "type", EVIDENCE_TYPES),
    (AnyCommendationRule, "type", RULE_TYPES),
)


class _DataError(ValueError):
    """A problem found while structuring, with a path relative to the current value."""

    def __init__(self, message: str, at: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.at = at  # a suffix such as ".foo" or "[2]"


def _describe(value: object) -> str:
    return f"{type(value).__name__} {shown(value)}"


# --------------------------------------------------------------------------- scalar hooks
def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise _DataError(f"expected text, got {_describe(value)}")
    return value


def _too_big(value: int) -> _DataError:
    return _DataError(f"a whole number has at most {MAX_INT_DIGITS} digits, got {shown(value)}")


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _DataError(f"expected a whole number, got {_describe(value)}")
    if too_big(value):
        raise _too_big(value)
    return value


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _DataError(f"expected a number, got {_describe(value)}")
    if isinstance(value, int) and too_big(value):
        raise _too_big(value)
    if not math.isfinite(value):
        raise _DataError(f"expected a finite number, got {value}")
    return float(value) + 0.0  # -0.0 + 0.0 is 0.0: one stored form for zero


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise _DataError(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _DataError(f"expected a date without time, got {value.isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise _DataError(f"{value!r} is not a valid date") from None
    raise _DataError(f"expected a date as YYYY-MM-DD, got {_describe(value)}")


def _structure_enum(value: object, cls: type[Enum]) -> Enum:
    values = [str(m.value) for m in cls]
    if isinstance(value, str):
        try:
            return cls(value)
        except ValueError:
            pass
        raise _DataError(
            f"{shown(value)} is not a valid {cls.__name__}{did_you_mean(value, values)} "
            f"(one of: {', '.join(values)})"
        )
    raise _DataError(f"expected one of {', '.join(values)}; got {_describe(value)}")


def _structure_tuple(conv: cattrs.Converter, tp: Any) -> Callable[[object, type], tuple[Any, ...]]:
    (item_type, *_rest) = get_args(tp)
    item_hook: list[Callable[[Any, Any], Any]] = []  # found on first use: types may recurse

    def hook(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _DataError(f"expected a list, got {_describe(value)}")
        if not item_hook:
            item_hook.append(conv.get_structure_hook(item_type))
        structure = item_hook[0]
        out: list[Any] = []
        errors: list[Exception] = []
        for i, item in enumerate(value):
            try:
                out.append(structure(item, item_type))
            except Exception as exc:  # collected, then reported together with their index
                note = IterableValidationNote(f"@ index {i}", i, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {tp!r}", errors, tp)
        return tuple(out)

    return hook


def _structure_class(conv: cattrs.Converter, cls: type[Any]) -> Callable[[object, type], Any]:
    inner = make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=False)
    known = frozenset(a.name for a in attrs.fields(cls))
    return functools.partial(_guard_mapping, inner, cls, known)


def _guard_mapping(
    inner: Callable[[Any, type], Any],
    cls: type[Any],
    known: frozenset[str],
    value: object,
    tp: type,
) -> Any:
    if not isinstance(value, Mapping):
        raise _DataError(f"expected an object ({cls.__name__}), got {_describe(value)}")
    extra = set(value) - known
    errors: list[Exception] = []
    if extra:
        # a message of our own: cattrs would join every unknown key into its message
        errors.append(ForbiddenExtraKeysError("unknown keys", cls, extra))
    try:
        result = inner({k: v for k, v in value.items() if k in known}, tp)
    except Exception as exc:
        errors.append(exc)
        # The object cannot be built, so its own checks will not run: check the plain
        # values that did arrive, so that every problem is reported in one go.
        raw = list(_raw_problems(cls, value))
        if raw:
            errors.append(InvalidInput(raw))
    else:
        if not errors:
            return result
    raise ClassValidationError(f"While structuring {cls.__name__}", errors, cls)


def _raw_problems(cls: type[Any], value: Mapping[str, Any]) -> Iterator[Problem]:
    hints = _scalar_hints(cls)
    for a in attrs.fields(cls):
        raw, spec, scalar = value.get(a.name), spec_of(a) or _ANY, hints.get(a.name)
        if raw is None or scalar is None:
            continue
        items = raw if isinstance(raw, list) else [raw]
        # only values the type hook accepts: others are reported as type errors already
        if all(_accepts(scalar, x) for x in items):
            yield from check_scalar(a.name, tuple(raw) if isinstance(raw, list) else raw, spec)


def _accepts(scalar: type, value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int) and too_big(value):
        return False
    if scalar is float:
        return isinstance(value, int | float) and math.isfinite(value)
    return isinstance(value, scalar)


_ANY = Spec()  # no bounds: the checks every value gets (text that is text, and so on)
_SCALAR_HINTS: dict[type[Any], dict[str, type]] = {}


def _scalar_hints(cls: type[Any]) -> dict[str, type]:
    """Fields whose type is str, int or float (or an optional or tuple of one)."""
    if cls in _SCALAR_HINTS:
        return _SCALAR_HINTS[cls]
    out: dict[str, type] = _SCALAR_HINTS.setdefault(cls, {})
    for name, tp in typing.get_type_hints(cls).items():
        args = [a for a in get_args(tp) if a is not type(None) and a is not Ellipsis] or [tp]
        if len(args) == 1 and args[0] in (str, int, float):
            out[name] = args[0]
    return out


def _structure_union(
    conv: cattrs.Converter, key: str, classes: tuple[type[Any], ...]
) -> Callable[[object, type], Any]:
    by_tag = {c.TYPE: c for c in classes}
    tags = sorted(by_tag)

    def hook(value: object, _: type) -> Any:
        if not isinstance(value, Mapping):
            raise _DataError(f"expected an object with a {key!r} key, got {_describe(value)}")
        tag = value.get(key)
        if tag is None:
            raise _DataError(f"missing {key!r} key (one of: {', '.join(tags)})")
        if not isinstance(tag, str) or tag not in by_tag:
            hint = did_you_mean(tag, tags) if isinstance(tag, str) else ""
            raise _DataError(f"unknown {key} {shown(tag)}{hint}", at=f".{key}")
        cls = by_tag[tag]
        rest = {k: v for k, v in value.items() if k != key}
        return conv.structure(rest, cls)

    return hook


def _structure_param(value: object, _: Any) -> float | tuple[float, ...] | str:
    """A rubric parameter: a number, a list of numbers, or a word."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _structure_float(value, float)
    if isinstance(value, list | tuple):
        return tuple(_structure_float(v, float) for v in value)
    raise _DataError(f"expected a number, a list of numbers or a word, got {_describe(value)}")


def _structure_params(value: object, _: Any) -> dict[str, float | tuple[float, ...] | str]:
    if not isinstance(value, Mapping):
        raise _DataError(f"expected a table of parameters, got {_describe(value)}")
    out: dict[str, float | tuple[float, ...] | str] = {}
    errors: list[Exception] = []
    for key, item in value.items():
        try:
            out[_structure_str(key, str)] = _structure_param(item, None)
        except _DataError as exc:
            at = key_path("", key) if isinstance(key, str) else f"[{shown(key)}]"
            errors.append(_DataError(exc.message, at=at))
    if errors:
        raise ExceptionGroup("parameters", errors)
    return out


def _unstructure_union(conv: cattrs.Converter, key: str) -> Callable[[Any], dict[str, Any]]:
    def hook(obj: Any) -> dict[str, Any]:
        return {key: obj.TYPE, **conv.unstructure(obj, type(obj))}

    return hook


def _enum_value(member: Enum) -> Any:
    return member.value


def _unstructure_tuple(conv: cattrs.Converter, tp: Any) -> Callable[[Any], list[Any]]:
    # the declared item type matters: for a union it adds the tag. A model that holds
    # itself (a section holds sections) makes this lookup recurse; cattrs then falls back
    # to dispatching on each call for that field.
    item = conv.get_unstructure_hook(get_args(tp)[0] if get_args(tp) else Any)
    return lambda xs: [item(x) for x in xs]


def _unstructure_optional(conv: cattrs.Converter, tp: Any) -> Callable[[Any], Any]:
    inner = conv.get_unstructure_hook(next(a for a in get_args(tp) if a is not type(None)))
    return lambda x: None if x is None else inner(x)


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return (
        get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args
    )


def _is_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp) and issubclass(tp, Model)


def make_converter(*, dates: DateStyle = "iso") -> cattrs.Converter:
    """Build the library's converter.

    Args:
        dates: `"iso"` unstructures dates as ISO 8601 strings (JSON, `to_data`);
            `"native"` keeps `datetime.date` objects (TOML has a date type).

    Returns:
        A converter that structures and unstructures every model class.
    """
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    # Term is a StrEnum: registered on Term itself so that it wins over the str hook.
    conv.register_structure_hook(Term, _structure_enum)
    conv.register_structure_hook(Enum, _structure_enum)
    if dates == "iso":
        conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    else:
        conv.register_unstructure_hook(dt.date, lambda d: d)
    # singledispatch on Term: a Term is also a str, which cattrs would pass through as is
    conv.register_unstructure_hook(Term, _enum_value)
    conv.register_unstructure_hook(Enum, _enum_value)
    conv.register_structure_hook_factory(_is_tuple, lambda t: _structure_tuple(conv, t))
    conv.register_unstructure_hook_factory(_is_tuple, lambda t: _unstructure_tuple(conv, t))
    conv.register_unstructure_hook_factory(_is_optional, lambda t: _unstructure_optional(conv, t))
    conv.register_structure_hook_factory(_is_model, lambda c: _structure_class(conv, c))
    conv.register_unstructure_hook_factory(
        _is_model,
        lambda c: make_dict_unstructure_fn(c, conv, _cattrs_omit_if_default=True),
    )
    conv.register_structure_hook_func(lambda t: t == dict[str, ParamValue], _structure_params)
    conv.register_unstructure_hook_func(
        lambda t: t == dict[str, ParamValue],
        lambda d: {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()},
    )
    for union, key, classes in _UNIONS:
        conv.register_structure_hook(union, _structure_union(conv, key, classes))
        conv.register_unstructure_hook(union, _unstructure_union(conv, key))
    return conv


# --------------------------------------------------------------------------- error flattening
def problems_from(exc: BaseException, path: str = "$") -> Iterator[Problem]:
    """Flatten an exception raised while structuring into problems with paths."""
    if isinstance(exc, InvalidInput):
        for p in exc.problems:
            yield p.under(path)
    elif isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            here = f"{path}.{note.name}"
            if isinstance(inner, KeyError):
                yield Problem(here, "required field missing")
            else:
                yield from problems_from(inner, here)
        for inner in without:
            yield from problems_from(inner, path)
    elif isinstance(exc, IterableValidationError):
        with_inotes, without = exc.group_exceptions()
        for inner, inote in with_inotes:
            yield from problems_from(inner, f"{path}[{inote.index}]")
        for inner in without:
            yield from problems_from(inner, path)
    elif isinstance(exc, ForbiddenExtraKeysError):
        known = [a.name for a in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields, key=str):
            hint = did_you_mean(key, known) if isinstance(key, str) else ""
            at = key_path(path, key) if isinstance(key, str) else f"{path}[{shown(key)}]"
            yield Problem(at, f"unknown key {shown(key)}{hint}")
    elif isinstance(exc, _DataError):
        yield Problem(path + exc.at, exc.message)
    elif isinstance(exc, BaseExceptionGroup):
        for member in exc.exceptions:
            yield from problems_from(member, path)
    else:
        # A hook of ours raised something unplanned: still report it at its place.
        yield Problem(path, f"invalid value ({type(exc).__name__}: {shown(str(exc))})")


@functools.cache
def converter(dates: DateStyle = "iso") -> cattrs.Converter:
    """The shared converter for a date style, built once."""
    return make_converter(dates=dates)
