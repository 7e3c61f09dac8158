"""Building blocks shared by every model class.

Constraints are declared once, as data, and read by three consumers: validation (here),
the Hypothesis strategies (`dancoso.strategies`) and the JSON Schema (`dancoso.json_schema`).
A field's own bounds live in its attrs metadata; relations between fields are
[`Rule`][dancoso.model.Rule] objects in the class attribute `__rules__`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum, StrEnum
from typing import Any, ClassVar, Literal, Self

import attrs
from attrs import field, frozen

from dancoso._limits import MAX_ID_LENGTH, MAX_INT, MAX_INT_DIGITS, key_path, shown, too_big
from dancoso.errors import InvalidInput, Problem

__all__ = [
    "AtMost",
    "Before",
    "Label",
    "Model",
    "Period",
    "Ratio",
    "Rule",
    "Term",
]

# Field metadata keys (one namespace, read by validation, strategies and the schema).
META = "dancoso"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]*$"
_ID_RE = re.compile(ID_PATTERN)


class Term(StrEnum):
    """A closed vocabulary term: a stable identifier with Vietnamese and English labels.

    The identifier (`value`) is what is stored in data; `vi` and `en` are shown to people.
    """

    vi: str
    en: str

    def __new__(cls, value: str, vi: str = "", en: str = "") -> Self:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.vi = vi or value
        obj.en = en or value.replace("_", " ")
        return obj

    def label(self, lang: str = "vi") -> str:
        """The label in `lang` (`"vi"` or `"en"`)."""
        return self.en if lang == "en" else self.vi


#: A parameter value in a rubric: a number, a list of numbers, or a word.
ParamValue = float | tuple[float, ...] | str


# --------------------------------------------------------------------------- constraints
@frozen
class Spec:
    """What a field accepts beyond its type (kept in attrs metadata under `dancoso`)."""

    minimum: float | None = None
    maximum: float | None = None
    nonblank: bool = False
    pattern: str | None = None
    ref: str | None = None  # "unit" or "evidence": an id that must exist in the dossier
    unique: bool = False  # items of a tuple must be distinct


def is_model_class(cls: object) -> bool:
    """Whether `cls` is a concrete dancoso model class."""
    return isinstance(cls, type) and issubclass(cls, Model) and attrs.has(cls)


def spec_of(a: attrs.Attribute[Any]) -> Spec | None:
    s = a.metadata.get(META)
    return s if isinstance(s, Spec) else None


def _meta(spec: Spec, doc: str) -> dict[str, object]:
    return {META: spec, "doc": doc}


def text(doc: str = "") -> Any:
    """A required, non-blank string."""
    return field(metadata=_meta(Spec(nonblank=True), doc))


def opt_text(doc: str = "") -> Any:
    """An optional string; when given it must not be blank."""
    return field(default=None, metadata=_meta(Spec(nonblank=True), doc))


def ident(doc: str = "", *, ref: str | None = None) -> Any:
    """A required identifier (letters, digits, `.`, `_`, `:`, `-`)."""
    return field(metadata=_meta(Spec(pattern=ID_PATTERN, ref=ref), doc))


def opt_ident(doc: str = "", *, ref: str | None = None) -> Any:
    """An optional identifier, or a reference to one when `ref` is set."""
    return field(default=None, metadata=_meta(Spec(pattern=ID_PATTERN, ref=ref), doc))


def refs(doc: str = "", *, ref: str) -> Any:
    """A tuple of distinct identifiers that must exist in the dossier."""
    return field(default=(), metadata=_meta(Spec(pattern=ID_PATTERN, ref=ref, unique=True), doc))


def count(doc: str = "") -> Any:
    """A required whole number, zero or more."""
    return field(metadata=_meta(Spec(minimum=0), doc))


def opt_count(doc: str = "") -> Any:
    """An optional whole number, zero or more."""
    return field(default=None, metadata=_meta(Spec(minimum=0), doc))


def positive(doc: str = "", *, default: int = 1) -> Any:
    """A whole number, one or more."""
    return field(default=default, metadata=_meta(Spec(minimum=1), doc))


def number(doc: str = "", *, minimum: float, maximum: float | None = None) -> Any:
    """A required number within bounds."""
    return field(metadata=_meta(Spec(minimum=minimum, maximum=maximum), doc))


def bounded(doc: str = "", *, minimum: float, maximum: float | None = None) -> Any:
    """An optional number within bounds."""
    return field(default=None, metadata=_meta(Spec(minimum=minimum, maximum=maximum), doc))


def numbers(doc: str = "", *, minimum: float, maximum: float) -> Any:
    """A tuple of distinct whole numbers within bounds, default empty."""
    return field(
        default=(), metadata=_meta(Spec(minimum=minimum, maximum=maximum, unique=True), doc)
    )


def share(doc: str = "") -> Any:
    """An optional share in [0, 1] (a percentage divided by 100)."""
    return field(default=None, metadata=_meta(Spec(minimum=0.0, maximum=1.0), doc))


def opt(doc: str = "") -> Any:
    """An optional value of any model type, default `None`."""
    return field(default=None, metadata={"doc": doc})


def flag(doc: str = "") -> Any:
    """A yes/no fact, default `False` (not stated)."""
    return field(default=False, metadata={"doc": doc})


def many(doc: str = "", *, unique: bool = False) -> Any:
    """A tuple, default empty. Text items must not be blank."""
    return field(default=(), metadata=_meta(Spec(nonblank=True, unique=unique), doc))


def req(doc: str = "") -> Any:
    """A required value with no further constraint than its type."""
    return field(metadata={"doc": doc})


@frozen
class _Pair:
    """Two fields of one object, compared when both are set."""

    low: str
    high: str


@frozen
class Before(_Pair):
    """Date `low` must not be after date `high`; reported at `high`."""

    def problem(self, obj: object) -> Problem | None:
        a, b = getattr(obj, self.low), getattr(obj, self.high)
        if a is None or b is None or a <= b:
            return None
        return Problem(f"$.{self.high}", f"{self.high} ({b}) is before {self.low} ({a})")


@frozen
class AtMost(_Pair):
    """Count `low` (a part) must not exceed count `high` (its whole); reported at `low`."""

    def problem(self, obj: object) -> Problem | None:
        a, b = getattr(obj, self.low), getattr(obj, self.high)
        if a is None or b is None or a <= b:
            return None
        return Problem(f"$.{self.low}", f"{self.low} ({a}) is larger than {self.high} ({b})")


#: A relation between two fields of one object: `Before` (dates) or `AtMost` (counts).
Rule = Before | AtMost


# --------------------------------------------------------------------------- base class
#: Lone surrogates cannot be written as UTF-8; control characters other than tab, line
#: feed and carriage return have no place in text a person reads.
_BAD_CHARS = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Categories that show nothing on their own: spaces, separators, controls, format
#: characters (zero-width space, joiners, BOM) and combining marks without a base.
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Mn", "Me"})
#: Letters by category that are drawn as blanks (Hangul fillers, the blank Braille cell).
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(value: str) -> bool:
    """Whether the text has at least one character that shows."""
    for c in value:
        if c in _FILLERS:
            continue
        if c.isalnum() or unicodedata.category(c) not in _INVISIBLE:
            return True
    return False


def text_problem(value: str) -> str | None:
    """What makes `value` unusable as text (lone surrogates, control characters), if any."""
    m = _BAD_CHARS.search(value)
    if m is None:
        return None
    c, at = m.group(), m.start()
    if "\ud800" <= c <= "\udfff":
        return f"holds a lone surrogate (U+{ord(c):04X} at character {at}), which is not text"
    return f"holds the control character U+{ord(c):04X} at character {at}"


def nfc(value: str) -> str:
    """`value` in Unicode normalisation form C, so that equal text is equal data."""
    return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)


def check_scalar(name: str, value: object, spec: Spec | None) -> Iterator[Problem]:
    if spec is None or value is None:
        return
    if isinstance(value, tuple):
        seen: set[object] = set()
        for i, item in enumerate(value):
            yield from check_scalar(f"{name}[{i}]", item, spec)
            if spec.unique:
                try:
                    duplicate = item in seen
                    seen.add(item)
                except TypeError:  # an unhashable item is reported as a type error
                    continue
                if duplicate:
                    yield Problem(f"$.{name}[{i}]", f"duplicate value {_shown(item)}")
        return
    if isinstance(value, str):
        if isinstance(value, Enum):
            return  # a term: checked against its vocabulary
        bad = None if spec.pattern and len(value) > MAX_ID_LENGTH else text_problem(value)
        if bad is not None:
            yield Problem(f"$.{name}", bad)
        elif spec.nonblank and not _visible(value):
            yield Problem(
                f"$.{name}",
                "must not be empty"
                if not value.strip()
                else "must not be empty: it has no visible character",
            )
        elif spec.pattern and len(value) > MAX_ID_LENGTH:
            yield Problem(
                f"$.{name}",
                f"an identifier has at most {MAX_ID_LENGTH} characters, got {len(value):,}",
            )
        elif spec.pattern and not re.match(spec.pattern, value):
            yield Problem(
                f"$.{name}",
                f"{shown(value)} is not a valid identifier (letters, digits, '.', '_', ':', '-')",
            )
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, int) and too_big(value):
            yield Problem(
                f"$.{name}",
                f"a whole number has at most {MAX_INT_DIGITS} digits, got {shown(value)}",
            )
            return
        if not math.isfinite(value):
            yield Problem(f"$.{name}", f"expected a finite number, got {value}")
            return
        if spec.minimum is not None and value < spec.minimum:
            what = "a count" if spec.minimum == 0 and spec.maximum is None else "a value"
            yield Problem(f"$.{name}", f"{what} cannot be below {spec.minimum:g}, got {value}")
        if spec.maximum is not None and value > spec.maximum:
            yield Problem(f"$.{name}", f"must be at most {spec.maximum:g}, got {value}")


#: What a field holds, for the checks and normalisation every object gets.
_Kind = Literal["str", "float", "params", "other"]
_CHECKED: dict[type, tuple[tuple[str, Spec, _Kind], ...]] = {}
_EMPTY: tuple[()] = ()  # the one empty tuple: `is` tells an empty field in one step
_ANY = Spec()


def _kind_of(tp: Any) -> _Kind:
    """`str`, `float` or `params` for fields holding text, numbers or rubric parameters
    (alone, optional, or in a tuple); `other` for the rest."""
    if tp == dict[str, ParamValue]:
        return "params"
    args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
    inner = args[0] if len(args) == 1 else tp
    if inner is str:
        return "str"
    if inner is float:
        return "float"
    return "other"


def _scalar(tp: Any) -> bool:
    args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis] or [tp]
    return len(args) == 1 and args[0] in (str, int, float)


def _checked_fields(cls: type) -> tuple[tuple[str, Spec, _Kind], ...]:
    """The fields of `cls` to check and normalise, computed once per class.

    Fields with a spec, and every field of text, whole numbers, numbers or parameters:
    those get the checks every value gets (text that is text, finite numbers, whole
    numbers of at most `MAX_INT_DIGITS` digits) even without bounds of their own.
    """
    plan = _CHECKED.get(cls)
    if plan is None:
        hints = typing.get_type_hints(cls)
        rows: list[tuple[str, Spec, _Kind]] = []
        for a in attrs.fields(cls):
            tp, spec = hints[a.name], spec_of(a)
            kind = _kind_of(tp)
            if spec is not None or kind != "other" or _scalar(tp):
                rows.append((a.name, spec or _ANY, kind))
        plan = _CHECKED[cls] = tuple(rows)
    return plan


def _normal(value: Any, kind: _Kind) -> Any:
    """`value` in its one stored form: text in NFC, -0.0 as 0.0; `value` itself if so."""
    if value is None or kind == "other":
        return value
    if isinstance(value, tuple):
        items = tuple(_normal(v, kind) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if kind == "str":
        return nfc(value) if type(value) is str else value
    if kind == "float":
        return 0.0 if _negative_zero(value) else value
    if kind == "params" and isinstance(value, dict):
        new = {(nfc(k) if type(k) is str else k): _normal_param(v) for k, v in value.items()}
        same = len(new) == len(value) and all(
            a is b and new[a] is value[b] for a, b in zip(new, value, strict=True)
        )
        return value if same else new
    return value


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _fine(value: object, spec: Spec) -> bool:
    """Whether `check_scalar` would find nothing: the quick answer for valid values."""
    if isinstance(value, str):
        if isinstance(value, Enum):
            return True
        if spec.pattern and len(value) > MAX_ID_LENGTH:
            return False
        if _BAD_CHARS.search(value) is not None:
            return False
        if spec.nonblank and not _visible(value):
            return False
        if spec.pattern:
            pattern = _PATTERNS.get(spec.pattern)
            if pattern is None:
                pattern = _PATTERNS[spec.pattern] = re.compile(spec.pattern)
            return pattern.match(value) is not None
        return True
    if isinstance(value, float):
        return (
            math.isfinite(value)
            and (spec.minimum is None or value >= spec.minimum)
            and (spec.maximum is None or value <= spec.maximum)
        )
    if isinstance(value, int) and not isinstance(value, bool):
        return (
            -MAX_INT <= value <= MAX_INT
            and (spec.minimum is None or value >= spec.minimum)
            and (spec.maximum is None or value <= spec.maximum)
        )
    if isinstance(value, tuple):
        if not all(_fine(v, spec) for v in value):
            return False
        if spec.unique:
            try:
                return len(set(value)) == len(value)
            except TypeError:
                return False
        return True
    return True


def _unsafe(value: object) -> bool:
    """Whether a number (or a tuple of them) is non-finite or has too many digits."""
    if isinstance(value, tuple):
        return any(_unsafe(v) for v in value)
    if isinstance(value, float):
        return not math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool) and too_big(value)


def _negative_zero(value: object) -> bool:
    # -0.0 == 0.0, yet it prints as "-0.0": one stored form keeps hashes of equal data equal
    return isinstance(value, float) and value == 0 and math.copysign(1.0, value) < 0


def _normal_param(value: Any) -> Any:
    if type(value) is str:
        return nfc(value)
    if _negative_zero(value):
        return 0.0
    if isinstance(value, tuple):
        items = tuple(_normal_param(v) for v in value)
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def param_problems(name: str, params: object) -> Iterator[Problem]:
    """Keys and values of a parameter table: text that is text, finite numbers."""
    if not isinstance(params, dict):
        return
    for key, value in params.items():
        if not isinstance(key, str):
            yield Problem(f"$.{name}", f"parameter names are text, got {_shown(key)}")
            continue
        here = key_path(f"$.{name}", key)
        bad = text_problem(key)
        if bad is not None:
            yield Problem(here, f"the name {bad}")
            continue
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, str):
                bad = text_problem(item)
                if bad is not None:
                    yield Problem(here, bad)
            elif isinstance(item, int) and not isinstance(item, bool) and too_big(item):
                yield Problem(here, f"a whole number has at most {MAX_INT_DIGITS} digits")
            elif isinstance(item, float) and not math.isfinite(item):
                yield Problem(here, f"expected a finite number, got {item}")


def _shown(value: object) -> str:
    """A value as it reads in data: a term's identifier, a date in ISO form; cut if long."""
    if isinstance(value, Enum):
        return shown(value.value)
    if isinstance(value, dt.date):
        return repr(value.isoformat())
    return shown(value)


_TRUSTED: ContextVar[bool] = ContextVar("dancoso_trusted_construction", default=False)


@contextmanager
def trusted() -> Iterator[None]:
    """Build model objects without their checks, for values valid by construction.

    Only the library's own code uses this (the engine building scorecards); the same
    objects are checked in full whenever they are loaded from data.
    """
    token = _TRUSTED.set(True)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def inferred_problems(obj: object) -> Iterator[Problem]:
    """`obj.inferred` names fields of `obj`, or dotted paths into them ('coverage.whole')."""
    names = {a.name for a in attrs.fields(type(obj))}  # type: ignore[arg-type]
    for i, name in enumerate(getattr(obj, "inferred", ())):
        head = name.split(".", 1)[0]
        if head not in names:
            yield Problem(f"$.inferred[{i}]", f"{head!r} is not a field of {type(obj).__name__}")


class Model:
    """Base of every dancoso model class.

    Instances validate themselves when created, from Python or from data; all problems
    of one object are reported together in one [`InvalidInput`][dancoso.errors.InvalidInput].
    """

    __slots__ = ()
    __attrs_attrs__: ClassVar[Any]  # set by attrs on every concrete class
    __rules__: ClassVar[tuple[Rule, ...]] = ()
    #: The stable tag of members of a tagged union (evidence, commendation rules), else "".
    TYPE: ClassVar[str] = ""

    def __attrs_post_init__(self) -> None:
        if _TRUSTED.get():
            return
        problems = list(self._problems())
        if problems:
            raise InvalidInput(problems, what=type(self).__name__)

    def _problems(self) -> Iterator[Problem]:
        unsafe = False
        for name, spec, kind in _checked_fields(type(self)):
            value = getattr(self, name)
            if value is None or value is _EMPTY:
                continue
            if kind == "str":
                if type(value) is str:
                    if not unicodedata.is_normalized("NFC", value):
                        value = unicodedata.normalize("NFC", value)
                        # frozen: the stored form is fixed while the object is being made
                        object.__setattr__(self, name, value)
                elif isinstance(value, tuple):
                    value = self._normalise(name, value, kind)
            elif kind != "other":
                value = self._normalise(name, value, kind)
            if kind == "params":
                yield from param_problems(name, value)
            elif not _fine(value, spec):
                yield from check_scalar(name, value, spec)
                unsafe = unsafe or (kind != "str" and _unsafe(value))
        if unsafe:
            return  # rules and class checks compute with the numbers: not with these
        for rule in self.__rules__:
            p = rule.problem(self)
            if p is not None:
                yield p
        yield from self._check()

    def _normalise(self, name: str, value: Any, kind: _Kind) -> Any:
        normal = _normal(value, kind)
        if normal is not value:
            object.__setattr__(self, name, normal)
        return normal

    def _check(self) -> Iterator[Problem]:
        """Class-specific checks beyond field bounds and `__rules__`."""
        return iter(())


# --------------------------------------------------------------------------- value classes
@frozen(kw_only=True, repr=False)
class Label(Model):
    """A text shown to people, in Vietnamese and English."""

    vi: str = text("Vietnamese, with diacritics.")
    en: str = text("English.")

    def __repr__(self) -> str:
        return f"Label({self.vi!r} / {self.en!r})"


@frozen(kw_only=True, repr=False)
class Period(Model):
    """A closed interval of dates, both ends included.

    Examples:
        >>> Period.year(2021)
        Period(2021-01-01..2021-12-31)
    """

    start: dt.date = req("First day.")
    end: dt.date = req("Last day (included).")

    __rules__ = (Before("start", "end"),)

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year `year`."""
        return cls(start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))

    @classmethod
    def years(cls, first: int, last: int) -> Period:
        """The calendar years `first` to `last`, both included."""
        return cls(start=dt.date(first, 1, 1), end=dt.date(last, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter `quarter` (1–4) of `year`."""
        if quarter not in (1, 2, 3, 4):
            raise InvalidInput(
                [Problem("$.quarter", f"quarter must be 1–4, got {quarter}")], what="Period"
            )
        first = dt.date(year, 3 * quarter - 2, 1)
        nxt = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
        return cls(start=first, end=nxt - dt.timedelta(days=1))

    @classmethod
    def day(cls, day: dt.date) -> Period:
        """A single day."""
        return cls(start=day, end=day)

    @property
    def days(self) -> int:
        """Number of days covered, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def years_covered(self) -> float:
        """Length in years (365.25 days each); used to scale per-year targets."""
        return self.days / 365.25

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def __repr__(self) -> str:
        return f"Period({self.start}..{self.end})"


#: How far a reported, rounded share may be from `part / whole` (reports round to 0.1 %).
SHARE_TOLERANCE = 0.0051


@frozen(kw_only=True, repr=False)
class Ratio(Model):
    """A part of a whole, as counts, as a reported share, or both.

    Reports give `92/97 (94,8%)`, `100%` or `39.055/39.409`. Keep what the report gives:
    counts when it has them (they are never replaced by the rounded percentage), the share
    as printed when it has one. When both are given they must agree within rounding.

    Examples:
        >>> Ratio(part=92, whole=97, share=0.948).value
        0.9484536082474226
        >>> Ratio(share=0.9989).value
        0.9989
    """

    part: int | None = opt_count("The numerator (how many met the condition).")
    whole: int | None = opt_count("The denominator (how many there were).")
    share: float | None = share("The share as reported, in [0, 1] (94.8 % is 0.948).")
    of: str | None = opt_text("What the whole counts, as written ('các phường', 'hồ sơ').")
    printed: str | None = opt_text(
        "The figure exactly as printed ('99,91%'), kept even when it disagrees with the counts."
    )

    __rules__ = (AtMost("part", "whole"),)

    def _check(self) -> Iterator[Problem]:
        if self.part is None and self.share is None and self.printed is None:
            yield Problem("$", "give part (with whole), share, or the figure as printed")
        if self.part is None and self.whole is not None and self.share is None:
            yield Problem("$.part", "whole is given without part")
        if self.part is not None and self.whole is None and self.share is None:
            yield Problem("$.whole", "part is given without whole or share")
        if (
            self.part is not None
            and self.whole
            and self.share is not None
            and self.part <= self.whole
            and abs(self.part / self.whole - self.share) > SHARE_TOLERANCE
        ):
            yield Problem(
                "$.share",
                f"share {self.share} disagrees with part/whole "
                f"{self.part}/{self.whole} = {self.part / self.whole:.4f}",
            )

    @property
    def value(self) -> float | None:
        """`part / whole` when both are known (and whole > 0), else the reported share.

        None when only the printed figure is known (it could not be read as a number).
        """
        if self.part is not None and self.whole:
            return self.part / self.whole
        return self.share

    @classmethod
    def counts(cls, part: int, whole: int) -> Ratio:
        """Counts only."""
        return cls(part=part, whole=whole)

    @classmethod
    def percent(cls, value: float) -> Ratio:
        """A reported percentage such as `99.89` (stored as the share 0.9989)."""
        return cls(share=round(value / 100, 10))

    def __repr__(self) -> str:
        bits = []
        if self.part is not None:
            bits.append(f"{self.part}/{self.whole}" if self.whole is not None else f"{self.part}")
        elif self.share is None and self.printed:
            bits.append(self.printed)
        if self.share is not None:
            bits.append(f"{self.share:.2%}")
        return f"Ratio({', '.join(bits)})"
