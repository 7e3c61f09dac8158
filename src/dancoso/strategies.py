"""Hypothesis strategies for every model class and for whole, valid dossiers.

Installed with the `testing` extra (`pip install dancoso[testing]`). The strategies are
built from the same constraints the classes validate with (field bounds and `__rules__`),
drawing each value inside its bounds instead of filtering, so they shrink towards simple
values: `None` for optional fields, empty tuples, small numbers and early dates.

They are registered for `st.from_type` through Hypothesis' entry point, so
`st.from_type(Dossier)` works in any test suite once dancoso is installed.

Examples:
    >>> from hypothesis import given
    >>> from dancoso.strategies import dossiers
    >>> @given(dossiers())
    ... def test_summary_names_the_unit(dossier):
    ...     assert dossier.unit.name in dossier.summary()
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import types
import typing
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Any,
    Final,
    Literal,
    TypeVar,
    Union,
    cast,
    get_args,
    get_origin,
)

import attrs
from hypothesis import strategies as st

import dancoso.model as _model
from dancoso import _hypothesis
from dancoso.errors import DancosoError
from dancoso.model import (
    DISTRICT_LEVEL_ABOLISHED,
    EVIDENCE_TYPES,
    RULE_TYPES,
    AtMost,
    Before,
    Board,
    BoardActivity,
    BoardKind,
    Commendation,
    CommendationCriteria,
    CommunityDecision,
    Consultation,
    DecisionForm,
    Disclosure,
    DisclosureTally,
    DocumentRef,
    Dossier,
    Evidence,
    ImplementationPlan,
    Label,
    LineageEvent,
    Model,
    Period,
    PetitionTally,
    Ratio,
    Source,
    Tally,
    TallyPart,
    TaskList,
    Unit,
    UnitKind,
)
from dancoso.model._base import Spec, spec_of
from dancoso.model._dossier import _overlap
from dancoso.model._oversight import _Oversight

if TYPE_CHECKING:
    from dancoso.scoring import IndicatorSpec, NAPolicy, Registry, Rubric

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "MODEL_CLASSES",
    "References",
    "dates",
    "dossiers",
    "evidence",
    "evidence_read_by",
    "identifiers",
    "models",
    "periods",
    "ratios",
    "register_type_strategies",
    "rubrics",
    "texts",
    "units",
]

M = TypeVar("M", bound=Model)

#: Dates drawn lie in this range (shrinking towards the first).
MIN_DATE = dt.date(1998, 1, 1)
MAX_DATE = dt.date(2035, 12, 31)
_LAST_DISTRICT_DAY = DISTRICT_LEVEL_ABOLISHED - dt.timedelta(days=1)
_MAX_COUNT = 1_000_000

_VI_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
_VI_UPPER = "ABCĐGHKLMNPQSTVXÂÔƠƯÝ"
_TEXT_ALPHABET = _VI_LETTERS + _VI_UPPER + "0123456789 ,.-/–%()\"'\\:"
#: Lone surrogates are not text, and controls other than tab and line breaks are refused.
_NOT_TEXT: Final[tuple[Literal["Cs"], Literal["Cc"]]] = ("Cs", "Cc")
_ID_FIRST = "abcdefghijklmnopqrstuvwxyz0123456789"
_ID_REST = _ID_FIRST + "._:-"

#: Every public model class, for `st.from_type` registration.
MODEL_CLASSES: tuple[type[Model], ...] = tuple(
    c
    for c in (getattr(_model, name) for name in _model.__all__)
    if isinstance(c, type) and attrs.has(c) and issubclass(c, Model)
)


@attrs.frozen
class References:
    """Ids that references may point at while drawing objects for one dossier."""

    units: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    boards: tuple[tuple[str, BoardKind], ...] = ()

    def of(self, kind: str) -> tuple[str, ...]:
        """The ids a reference of `kind` (unit, evidence, source, body) may take."""
        return {
            "unit": self.units,
            "evidence": self.evidence,
            "source": self.sources,
            "body": self.bodies,
        }[kind]


# --------------------------------------------------------------------------- scalars
# Scalar strategies are built once: Hypothesis validates every new strategy object, and
# building them anew for each record made drawing large dossiers slow.
@functools.cache
def identifiers() -> st.SearchStrategy[str]:
    """Identifiers as the model accepts them (`co-giang`, `e1`, `q1.ubnd`)."""
    return st.builds(
        lambda a, b: a + b,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=8),
    )


@functools.cache
def texts(*, max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text, mostly Vietnamese letters, sometimes any Unicode character."""
    first = st.sampled_from(_VI_LETTERS + _VI_UPPER)
    rest = st.text(
        alphabet=st.one_of(
            st.sampled_from(_TEXT_ALPHABET),
            st.characters(codec="utf-8", exclude_categories=_NOT_TEXT, include_characters="\t\n\r"),
        ),
        max_size=max_size - 1,
    )
    return st.builds(lambda a, b: a + b, first, rest)


def dates(
    min_value: dt.date = MIN_DATE, max_value: dt.date = MAX_DATE
) -> st.SearchStrategy[dt.date]:
    """Dates between the bounds (within `MIN_DATE`..`MAX_DATE` by default)."""
    return st.dates(min_value=min_value, max_value=max(min_value, max_value))


def _number(tp: type, spec: Spec | None, low: Any = None) -> st.SearchStrategy[Any]:
    lo = spec.minimum if spec is not None and spec.minimum is not None else 0
    hi = spec.maximum if spec is not None and spec.maximum is not None else None
    if low is not None:
        lo = max(lo, low)
    if tp is int:
        top = int(hi) if hi is not None else max(int(lo), 0) + _MAX_COUNT
        return st.integers(min_value=int(lo), max_value=max(int(lo), top))
    top_f = hi if hi is not None else float(_MAX_COUNT)
    return st.floats(min_value=float(lo), max_value=float(top_f), allow_nan=False)


@st.composite
def periods(
    draw: st.DrawFn, *, min_start: dt.date = MIN_DATE, max_start: dt.date = MAX_DATE
) -> Period:
    """Periods, sometimes a calendar year, starting within the bounds."""
    start = draw(dates(min_start, max_start))
    if draw(st.booleans()) and start.month == 1 and start.day == 1:
        return Period.year(start.year)
    return Period(start=start, end=draw(dates(start, MAX_DATE)))


_COUNTS = st.integers(0, _MAX_COUNT)


def _count_to(draw: st.DrawFn, top: int) -> int:
    """A count from 0 to `top`, shrinking towards 0 (one strategy whatever `top` is)."""
    return draw(_COUNTS) % (top + 1)


@st.composite
def ratios(draw: st.DrawFn) -> Ratio:
    """Ratios as reports give them: counts, a share, or counts with their rounded share."""
    mode = draw(st.sampled_from(("counts", "share", "both")))
    maybe_text = _maybe_texts()
    of, printed = draw(maybe_text), draw(maybe_text)
    if mode == "share":
        return Ratio(share=draw(st.floats(0.0, 1.0, allow_nan=False)), of=of, printed=printed)
    whole = draw(_COUNTS)
    part = _count_to(draw, whole)
    share = None if mode == "counts" or whole == 0 else round(part / whole, 3)
    return Ratio(part=part, whole=whole, share=share, of=of, printed=printed)


@functools.cache
def _maybe_texts() -> st.SearchStrategy[str | None]:
    return st.none() | texts()


# --------------------------------------------------------------------------- generic builder
def _order(cls: type[Any]) -> list[attrs.Attribute[Any]]:
    """Fields in an order where every rule's `low` is drawn before its `high`."""
    fields = list(attrs.fields(cls))
    rules: tuple[Any, ...] = getattr(cls, "__rules__", ())
    after: dict[str, set[str]] = {f.name: set() for f in fields}
    for rule in rules:
        after[rule.high].add(rule.low)
    done: list[attrs.Attribute[Any]] = []
    names: set[str] = set()
    while len(done) < len(fields):
        for f in fields:
            if f.name not in names and after[f.name] <= names:
                done.append(f)
                names.add(f.name)
    return done


def _lower_bound(cls: type[Any], name: str, values: dict[str, Any]) -> Any:
    lows = [
        values.get(r.low)
        for r in getattr(cls, "__rules__", ())
        if isinstance(r, Before | AtMost) and r.high == name
    ]
    present = [v for v in lows if v is not None]
    return max(present) if present else None


_REFS: ContextVar[References | None] = ContextVar("dancoso_strategy_refs", default=None)


@st.composite
def _reference(draw: st.DrawFn, kind: str, *, many: bool) -> Any:
    """A reference drawn from the ids of the dossier being built, if any."""
    refs = _REFS.get()
    if refs is None:
        return (
            tuple(draw(st.lists(identifiers(), max_size=3, unique=True)))
            if many
            else draw(identifiers())
        )
    ids = refs.of(kind)
    if many:
        return tuple(draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))) if ids else ()
    if not ids:
        raise _NoTarget(kind)
    return draw(st.sampled_from(ids))


class _NoTarget(Exception):
    """A required reference has nothing to point at; the optional parent becomes None."""


def _for_type(tp: Any, spec: Spec | None, low: Any = None) -> st.SearchStrategy[Any]:
    if low is None:
        return _cached_for_type(tp, spec)
    return _make_for_type(tp, spec, low)


@functools.cache
def _cached_for_type(tp: Any, spec: Spec | None) -> st.SearchStrategy[Any]:
    return _make_for_type(tp, spec, None)


def _make_for_type(tp: Any, spec: Spec | None, low: Any) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(tp) if a is not type(None)]
        inner = st.one_of(*[_for_type(a, spec, low) for a in options])
        return _optional(inner) if type(None) in get_args(tp) else inner
    if spec is not None and spec.ref is not None:
        return _reference(spec.ref, many=origin is tuple)
    if origin is tuple:
        (item,) = get_args(tp)[:1]
        unique = spec is not None and spec.unique
        return st.lists(_for_type(item, spec), max_size=3, unique=unique).map(tuple)
    if tp is bool:
        return st.booleans()
    if tp is int or tp is float:
        return _number(tp, spec, low)
    if tp is str:
        return identifiers() if spec is not None and spec.pattern else texts()
    if tp is dt.date:
        return _dates_from(low or MIN_DATE)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _members(tp)
    if tp is Ratio:
        return ratios()
    if tp is Period:
        return _periods_from(low or MIN_DATE)
    if isinstance(tp, type) and attrs.has(tp):
        return models(tp)
    raise TypeError(f"no strategy for {tp!r}")  # pragma: no cover


#: While drawing evidence for a rubric: the span its records' dates fall in (optional
#: fields are then mostly given: the indicators read them), and the enum members the
#: indicator reading the record names.
_WINDOW: ContextVar[Period | None] = ContextVar("dancoso_strategy_window", default=None)
_NAMED: ContextVar[dict[type[Enum], tuple[Enum, ...]] | None] = ContextVar(
    "dancoso_strategy_named", default=None
)


@st.composite
def _members(draw: st.DrawFn, tp: type[Enum]) -> Enum:
    """A member of `tp`: while drawing for an indicator that names some, one of those
    mostly (any member otherwise, shrinking towards the named ones)."""
    named = (_NAMED.get() or {}).get(tp)
    drawn: Enum = draw(_sampled(named) | _sampled(tuple(tp)) if named else _sampled(tuple(tp)))
    return drawn


@functools.cache
def _sampled(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


@st.composite
def _dates_from(draw: st.DrawFn, low: dt.date) -> dt.date:
    """A date from `low` on, inside the window being drawn for when there is one."""
    window = _WINDOW.get()
    if window is None or low > window.end:
        return draw(dates(low))
    return _day_in(draw, max(low, window.start), window.end)


#: Offsets into a window: one strategy for every window (a new strategy per pair of
#: bounds would be validated anew by Hypothesis, which is what makes drawing slow).
_OFFSETS = st.integers(0, 2**20)


def _day_in(draw: st.DrawFn, first: dt.date, last: dt.date) -> dt.date:
    """A day between `first` and `last`, shrinking towards `first`."""
    return first + dt.timedelta(days=draw(_OFFSETS) % ((last - first).days + 1))


@st.composite
def _periods_from(draw: st.DrawFn, low: dt.date) -> Period:
    """A period starting from `low` on, inside the window being drawn for when there is one."""
    window = _WINDOW.get()
    if window is None or low > window.end:
        return draw(periods(min_start=low))
    start = _day_in(draw, max(low, window.start), window.end)
    return Period(start=start, end=_day_in(draw, start, window.end))


@st.composite
def _optional(draw: st.DrawFn, inner: st.SearchStrategy[Any]) -> Any:
    """None, or a value of `inner`; None too when that value needs a missing target.

    While drawing for a rubric, values are given three times in four (indicators read
    them); `None` is still what a failing example shrinks to.
    """
    given_mostly = _WINDOW.get() is not None
    if (draw(st.integers(0, 3)) == 0) if given_mostly else draw(st.booleans()):
        return None
    try:
        return draw(inner)
    except _NoTarget:
        return None


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


# Each adjuster turns drawn values into ones meeting a class's own checks, by drawing
# again inside the now-known bounds (never by rejecting).
Adjuster = Callable[[st.DrawFn, dict[str, Any], "References | None"], None]


def _adjust_evidence(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    names = sorted(a.name for a in attrs.fields(v["__cls__"]))
    v["inferred"] = tuple(draw(st.lists(st.sampled_from(names), max_size=2, unique=True)))


def _adjust_items(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    size = v["item_list"].size if v.get("item_list") is not None else None
    if size is None:
        return
    if v.get("item") is not None:
        v["item"] = draw(st.integers(1, min(size, v["item"])))
    if v.get("items"):
        v["items"] = tuple(draw(st.lists(st.integers(1, size), max_size=3, unique=True)))


def _adjust_consultation(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    _adjust_items(draw, v, refs)
    if v["synthesis_published_on"] is not None and v["synthesis_published"] is False:
        v["synthesis_published"] = draw(st.sampled_from([None, True]))


def _adjust_counted(field: str) -> Adjuster:
    """`count` is at least the number of items listed in `field`."""

    def adjust(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
        if v["count"] is not None and len(v[field]) > v["count"]:
            v["count"] = draw(st.integers(len(v[field]), _MAX_COUNT))

    return adjust


_MAYBE_COUNT = st.none() | _COUNTS
_TAGS = st.lists(texts(), max_size=2)


def _adjust_tally(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    if v["as_of"] is not None:
        period = v["period"]
        v["as_of"] = draw(dates(period.start, period.end))
    total = v.get(v["__cls__"].PARTS_OF)
    n = draw(st.integers(0, 3))
    parts = []
    left = total
    for _ in range(n):
        cnt = _count_to(draw, left if left is not None else _MAX_COUNT)
        if left is not None:
            left -= cnt
        parts.append(
            TallyPart(
                label=draw(texts()),
                count=cnt,
                participants=draw(_MAYBE_COUNT),
                unit=draw(st.none() | st.sampled_from(refs.units)) if refs and refs.units else None,
                tags=tuple(draw(_TAGS)),
            )
        )
    v["parts"] = tuple(parts)


def _adjust_unit(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    names = sorted(a.name for a in attrs.fields(Unit))
    v["inferred"] = tuple(draw(st.lists(st.sampled_from(names), max_size=2, unique=True)))
    if v["kind"].abolished_on is None:
        return
    if v["valid_from"] is not None and v["valid_from"] > _LAST_DISTRICT_DAY:
        v["valid_from"] = draw(dates(MIN_DATE, _LAST_DISTRICT_DAY))
    v["valid_until"] = draw(dates(v["valid_from"] or MIN_DATE, _LAST_DISTRICT_DAY))


def _adjust_disclosure(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    _adjust_items(draw, v, refs)
    if v["disclosed_on"] and v["posted_until"] and v["posted_days"] is not None:
        span = (v["posted_until"] - v["disclosed_on"]).days + 1
        v["posted_days"] = draw(st.integers(0, span))


def _adjust_decision(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    present, favour = v["households_present"], v["households_in_favour"]
    if v["form"] is DecisionForm.MEETING and present is not None and favour is not None:
        v["households_in_favour"] = draw(st.integers(0, min(present, favour)))


def _adjust_oversight(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    if v["period_covered"] is not None:
        v["period_covered"] = draw(periods(max_start=v["start"]))
    last = v["end"] or v["start"]
    v["site_visits"] = tuple(
        attrs.evolve(visit, on=draw(dates(v["start"], last))) if visit.on is not None else visit
        for visit in v["site_visits"]
    )


def _adjust_petition_tally(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    resolved = v["resolved"]
    if resolved is not None and resolved.whole is not None and v["accepted"] is not None:
        v["accepted"] = resolved.whole


def _adjust_board_activity(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    boards: tuple[tuple[str, BoardKind], ...] = refs.boards if refs is not None else ()
    pick = draw(st.booleans())
    if boards and pick:
        v["board"], v["board_kind"] = draw(st.sampled_from(boards))
    else:
        v["board"] = None


def _adjust_commendation(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    if v["recipient_count"] is not None and len(v["recipients"]) > v["recipient_count"]:
        v["recipient_count"] = draw(st.integers(len(v["recipients"]), _MAX_COUNT))


def _adjust_lineage(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    if not v["units"]:
        v["units"] = (draw(identifiers()),)


def _adjust_criteria(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    if not v["rules"]:
        v["rules"] = (draw(st.one_of(*[models(c) for c in RULE_TYPES])),)


_ADJUSTERS: dict[type[Any], Adjuster] = {
    Evidence: _adjust_evidence,
    Unit: _adjust_unit,
    Disclosure: _adjust_disclosure,
    DisclosureTally: _adjust_items,
    Consultation: _adjust_consultation,
    ImplementationPlan: _adjust_counted("documents"),
    TaskList: _adjust_counted("tasks"),
    CommunityDecision: _adjust_decision,
    _Oversight: _adjust_oversight,
    PetitionTally: _adjust_petition_tally,
    BoardActivity: _adjust_board_activity,
    Tally: _adjust_tally,
    Commendation: _adjust_commendation,
    LineageEvent: _adjust_lineage,
    CommendationCriteria: _adjust_criteria,
}


def _adjusters(cls: type[Any]) -> list[Adjuster]:
    """Adjusters of the class and its bases, the most general first."""
    return [_ADJUSTERS[k] for k in reversed(cls.__mro__) if k in _ADJUSTERS]


@st.composite
def _build(draw: st.DrawFn, cls: type[M]) -> M:
    hints = _hints(cls)
    values: dict[str, Any] = {"__cls__": cls}
    for a in _order(cls):
        low = _lower_bound(cls, a.name, values)
        values[a.name] = draw(_for_type(hints[a.name], spec_of(a), low))
    for adjust in _adjusters(cls):
        adjust(draw, values, _REFS.get())
    del values["__cls__"]
    return cls(**values)


@st.composite
def _with_refs(draw: st.DrawFn, inner: st.SearchStrategy[M], refs: References) -> M:
    token = _REFS.set(refs)
    try:
        return draw(inner)
    finally:
        _REFS.reset(token)


def models(cls: type[M], *, refs: References | None = None) -> st.SearchStrategy[M]:
    """Valid instances of any model class.

    Args:
        cls: The class to build.
        refs: Ids that reference fields may use; without it, references are arbitrary
            identifiers (valid on their own, not inside a dossier).
    """
    if cls is Dossier:
        return dossiers()  # type: ignore[return-value]
    if cls is Ratio:
        return ratios()  # type: ignore[return-value]
    strategy = _cached_build(cls)
    return strategy if refs is None else _with_refs(strategy, refs)


_BUILT: dict[type[Any], st.SearchStrategy[Any]] = {}


def _cached_build(cls: type[M]) -> st.SearchStrategy[M]:
    # strategies are built once per class: Hypothesis validates each new one, which is slow
    if cls not in _BUILT:
        _BUILT[cls] = _build(cls)
    return cast(st.SearchStrategy[M], _BUILT[cls])


def units(*, kind: UnitKind | None = None) -> st.SearchStrategy[Unit]:
    """Units, of one kind if given."""
    if kind is None:
        return models(Unit)
    return (
        models(Unit).map(lambda u: attrs.evolve(u, kind=kind))
        if kind.abolished_on is None
        else st.builds(
            lambda u, until: attrs.evolve(u, kind=kind, valid_from=None, valid_until=until),
            models(Unit),
            dates(MIN_DATE, _LAST_DISTRICT_DAY),
        )
    )


def evidence(
    *, types: Sequence[type[Evidence]] | None = None, refs: References | None = None
) -> st.SearchStrategy[Evidence]:
    """Evidence records of the given classes (all kinds by default)."""
    strategy = _evidence_of(tuple(types) if types else EVIDENCE_TYPES)
    return strategy if refs is None else _with_refs(strategy, refs)


@functools.cache
def _evidence_of(types: tuple[type[Evidence], ...]) -> st.SearchStrategy[Evidence]:
    return st.one_of(*[models(c) for c in types])


def dossiers(
    *,
    unit_kind: UnitKind | None = None,
    max_evidence: int | None = None,
    evidence_types: Sequence[type[Evidence]] | None = None,
    period: Period | None = None,
    for_rubric: Rubric | None = None,
    per_criterion: int = 3,
    registry: Registry | None = None,
) -> st.SearchStrategy[Dossier]:
    """Whole, valid dossiers: unique ids, and references that all resolve.

    Given a rubric (`for_rubric`), the dossiers are ones the rubric can score and whose
    evidence it reads: the unit is of a kind the rubric rates, the period ends while one
    of the rubric's legal regimes is in force, and for each criterion that applies, up to
    `per_criterion` records of the evidence classes its indicator reads are drawn, dated
    within the part of the period the criterion is in force. Failing examples shrink
    towards few records (none at all), a one-day period and the earliest regime.

    Args:
        unit_kind: Kind of the dossier's unit (any kind by default; with a rubric, one of
            the kinds it rates).
        max_evidence: Most evidence records drawn (6 by default; with a rubric,
            `per_criterion` for each applicable criterion).
        evidence_types: Evidence classes to draw from (all by default; with a rubric,
            those its indicators read).
        period: The dossier's period (drawn by default); the unit exists during it.
        for_rubric: Draw dossiers this rubric reads evidence from.
        per_criterion: With a rubric, the most records drawn for each criterion.
        registry: Where the rubric's indicators are looked up (the default registry).

    Raises:
        DancosoError: The knobs contradict each other: a kind the rubric does not rate, a
            period in which none of its regimes is in force, a period after the kind was
            abolished.
    """
    if max_evidence is not None and max_evidence < 0:
        raise DancosoError(f"max_evidence is at least 0, got {max_evidence}")
    if per_criterion < 0:
        raise DancosoError(f"per_criterion is at least 0, got {per_criterion}")
    gone = unit_kind.abolished_on is not None if unit_kind is not None else False
    if unit_kind is not None and gone and period is not None and period.start > _LAST_DISTRICT_DAY:
        raise DancosoError(
            f"a {unit_kind.value} ({unit_kind.vi}) no longer exists in {period!r}: "
            f"the kind was abolished on {unit_kind.abolished_on}"
        )
    if for_rubric is None:
        # only the knobs given are passed on, so that the strategy reads `dossiers(...)`
        # with them, as it is shown to users (`dossiers()` for st.from_type(Dossier))
        given: dict[str, Any] = {
            "unit_kind": unit_kind,
            "max_evidence": max_evidence,
            "evidence_types": tuple(evidence_types) if evidence_types else None,
            "period": period,
        }
        return _dossiers(**{k: v for k, v in given.items() if v is not None})
    plan = _plan_for(for_rubric, unit_kind, period, evidence_types, registry)
    return _rubric_dossiers(plan, period, max_evidence, per_criterion)


def _draw_dossiers(
    draw: st.DrawFn,
    *,
    unit_kind: UnitKind | None = None,
    max_evidence: int = 6,
    evidence_types: tuple[type[Evidence], ...] | None = None,
    period: Period | None = None,
) -> Dossier:
    unit_ids = draw(st.lists(identifiers(), min_size=1, max_size=3, unique=True))
    n = draw(st.integers(0, max_evidence))
    ev_ids = draw(st.lists(st.none() | identifiers(), min_size=n, max_size=n, unique_by=_id_key))
    frame = draw(_frame(unit_ids, unit_kind, period, tuple(i for i in ev_ids if i)))
    kinds = evidence(types=evidence_types)
    records = _records(draw, [(kinds, None, ev_id) for ev_id in ev_ids], frame.refs)
    return draw(_assemble(frame, records))


_draw_dossiers.__name__ = _draw_dossiers.__qualname__ = "dossiers"
_dossiers = st.composite(_draw_dossiers)


@attrs.frozen
class _Frame:
    """A dossier's units and period, and the ids its records may point at."""

    units: tuple[Unit, ...]
    period: Period
    refs: References


@st.composite
def _frame(
    draw: st.DrawFn,
    unit_ids: list[str],
    unit_kind: UnitKind | None,
    period: Period | None,
    evidence_ids: tuple[str, ...],
) -> _Frame:
    """The units and period of a dossier: the unit exists during the period, and each
    related unit's parent comes earlier in the list and existed at the same time."""
    source_ids = tuple(draw(st.lists(identifiers(), max_size=2, unique=True)))
    refs = References(units=tuple(unit_ids), sources=source_ids, evidence=evidence_ids)
    all_units: list[Unit] = []
    body_ids: list[str] = []
    for i, ident in enumerate(unit_ids):
        kind = unit_kind if i == 0 else None
        u = draw(_with_refs(units(kind=kind), refs) if kind else models(Unit, refs=refs))
        if i == 0 and period is not None:
            u = draw(_existing_during(u, period))
        # a parent comes earlier in the list and existed at the same time: no loops
        earlier = [p.id for p in all_units if _overlap(p, u)]
        parent = draw(st.none() | st.sampled_from(earlier)) if earlier else None
        bodies = []
        for body in u.bodies:  # body ids are unique across the dossier
            if body.id is not None:
                body_id = f"{ident}.b{len(body_ids)}"
                body = attrs.evolve(body, id=body_id)
                body_ids.append(body_id)
            bodies.append(body)
        all_units.append(attrs.evolve(u, id=ident, parent=parent, bodies=tuple(bodies)))
    refs = attrs.evolve(refs, bodies=tuple(body_ids))
    if period is None:  # the period overlaps the unit's validity
        main = all_units[0]
        first = main.valid_from or MIN_DATE
        last = main.valid_until or MAX_DATE
        start = draw(dates(MIN_DATE, last))
        period = Period(start=start, end=draw(dates(max(start, first), MAX_DATE)))
    return _Frame(units=tuple(all_units), period=period, refs=refs)


@st.composite
def _existing_during(draw: st.DrawFn, unit: Unit, period: Period) -> Unit:
    """The unit, its validity moved (by drawing again inside the bounds) to overlap `period`."""
    valid_from, valid_until = unit.valid_from, unit.valid_until
    if valid_from is not None and valid_from > period.end:
        valid_from = draw(dates(MIN_DATE, period.end))
    if valid_until is not None and valid_until < period.start:
        last = _LAST_DISTRICT_DAY if unit.kind.abolished_on is not None else MAX_DATE
        valid_until = draw(dates(max(period.start, valid_from or MIN_DATE), last))
    return attrs.evolve(unit, valid_from=valid_from, valid_until=valid_until)


Wanted = tuple[st.SearchStrategy[Evidence], Period | None, str | None]


def _records(draw: st.DrawFn, wanted: list[Wanted], refs: References) -> list[Any]:
    """Records drawn one by one, each of its strategy, with its dates inside its window
    (if any) and its id; board activities may name the boards drawn before them."""
    records: list[Any] = []
    boards: list[tuple[str, BoardKind]] = []
    for kinds, window, ev_id in wanted:
        strategy = _with_refs(kinds, attrs.evolve(refs, boards=tuple(boards)))
        record = draw(strategy if window is None else _within(strategy, window))
        record = attrs.evolve(record, id=ev_id)
        if isinstance(record, Board) and ev_id is not None:
            boards.append((ev_id, record.kind))
        records.append(record)
    return records


@st.composite
def _within(draw: st.DrawFn, inner: st.SearchStrategy[M], window: Period) -> M:
    token = _WINDOW.set(window)
    try:
        return draw(inner)
    finally:
        _WINDOW.reset(token)


@st.composite
def _assemble(draw: st.DrawFn, frame: _Frame, records: list[Any]) -> Dossier:
    refs = frame.refs
    sources = [attrs.evolve(draw(models(Source, refs=refs)), id=i) for i in refs.sources]
    return Dossier(
        unit=frame.units[0],
        related_units=frame.units[1:],
        period=frame.period,
        evidence=tuple(records),
        sources=tuple(sources),
        notes=tuple(draw(st.lists(texts(), max_size=2))),
        title=draw(st.none() | texts()),
        basis=tuple(draw(st.lists(models(DocumentRef, refs=refs), max_size=1))),
        inferred=tuple(draw(st.lists(st.sampled_from(("period", "unit", "title")), max_size=1))),
    )


# --------------------------------------------------------------------------- for a rubric
@attrs.frozen
class _Plan:
    """What a rubric needs of a dossier: kinds, regimes, and what each criterion reads."""

    kinds: tuple[UnitKind, ...]
    regimes: tuple[tuple[dt.date, dt.date], ...]
    reads: tuple[_Reads, ...]


@attrs.frozen
class _Reads:
    """What one criterion reads: when and for which kinds, which classes, which values."""

    in_force_from: dt.date | None
    in_force_until: dt.date | None
    applies: frozenset[UnitKind]
    classes: tuple[type[Evidence], ...]
    named: tuple[tuple[type[Enum], tuple[Enum, ...]], ...]


def _plan_for(
    rubric: Rubric,
    unit_kind: UnitKind | None,
    period: Period | None,
    evidence_types: Sequence[type[Evidence]] | None,
    registry: Registry | None,
) -> _Plan:
    from dancoso.scoring import REGISTRY

    reg = registry or REGISTRY
    kinds = tuple(rubric.unit_kinds) or tuple(UnitKind)
    if unit_kind is not None:
        if unit_kind not in kinds:
            raise DancosoError(
                f"rubric {rubric.id!r} does not rate a {unit_kind.value} ({unit_kind.vi})"
            )
        kinds = (unit_kind,)
    if period is not None:
        if rubric.regime_on(period.end) is None:
            raise DancosoError(
                f"rubric {rubric.id!r} has no legal regime in force on {period.end}, the end "
                f"of the period {period!r}"
            )
        kinds = tuple(k for k in kinds if k.abolished_on is None or period.start < k.abolished_on)
    regimes = tuple(
        (max(r.start or MIN_DATE, MIN_DATE), min(r.end or MAX_DATE, MAX_DATE))
        for r in rubric.regimes
        if (r.start or MIN_DATE) <= min(r.end or MAX_DATE, MAX_DATE)
    )
    if not kinds or (period is None and not regimes):
        raise DancosoError(
            f"rubric {rubric.id!r}: no dossier can be drawn for it (no unit kind it rates, "
            f"or no legal regime between {MIN_DATE} and {MAX_DATE})"
        )
    allowed = set(evidence_types) if evidence_types else None
    reads = []
    for c in rubric.criteria():
        spec = reg.get_indicator(c.indicator)
        applies = frozenset(
            k for k in kinds if spec.applies_to(k) and (not c.unit_kinds or k in c.unit_kinds)
        )
        classes = tuple(cls for cls in evidence_read_by(spec) if allowed is None or cls in allowed)
        if applies and classes:
            named = tuple(sorted(_read(spec)[1].items(), key=lambda kv: kv[0].__qualname__))
            reads.append(_Reads(c.in_force_from, c.in_force_until, applies, classes, named))
    return _Plan(kinds=kinds, regimes=regimes, reads=tuple(dict.fromkeys(reads)))


@st.composite
def _rubric_period(draw: st.DrawFn, plan: _Plan, kind: UnitKind) -> Period:
    """A period ending while a regime is in force, short and early when shrunk."""
    first, last = draw(st.sampled_from(plan.regimes))
    end = draw(dates(first, last))
    start = max(MIN_DATE, end - dt.timedelta(days=draw(st.integers(0, 3 * 366))))
    if kind.abolished_on is not None:
        start = min(start, _LAST_DISTRICT_DAY)
    return Period(start=start, end=end)


@st.composite
def _rubric_dossiers(
    draw: st.DrawFn,
    plan: _Plan,
    period: Period | None,
    max_evidence: int | None,
    per_criterion: int,
) -> Dossier:
    kind = draw(st.sampled_from(plan.kinds))
    span = period if period is not None else draw(_rubric_period(plan, kind))
    wanted: list[tuple[_Reads, Period]] = []
    for reads in plan.reads:
        start = max(span.start, reads.in_force_from or span.start)
        end = min(span.end, reads.in_force_until or span.end)
        if kind not in reads.applies or start > end:
            continue
        # none one time in 4 × per_criterion + 1, and none is what shrinking leads to
        n = -(-draw(st.integers(0, 4 * per_criterion)) // 4)
        wanted.extend([(reads, Period(start=start, end=end))] * n)
    if max_evidence is not None:
        del wanted[max_evidence:]
    ev_ids = _unique_ids(
        draw(st.lists(st.none() | identifiers(), min_size=len(wanted), max_size=len(wanted)))
    )
    unit_ids = draw(st.lists(identifiers(), min_size=1, max_size=3, unique=True))
    frame = draw(_frame(unit_ids, kind, span, tuple(i for i in ev_ids if i)))
    records = _records(
        draw,
        [
            (_naming(evidence(types=reads.classes), dict(reads.named)), window, ev_id)
            for (reads, window), ev_id in zip(wanted, ev_ids, strict=True)
        ],
        frame.refs,
    )
    return draw(_assemble(frame, records))


@st.composite
def _naming(draw: st.DrawFn, inner: st.SearchStrategy[M], named: dict[type[Enum], Any]) -> M:
    token = _NAMED.set(named)
    try:
        return draw(inner)
    finally:
        _NAMED.reset(token)


def _unique_ids(ids: list[str | None]) -> list[str | None]:
    """The ids, a repeated one made unique by a suffix (records without an id stay so)."""
    seen: set[str] = set()
    out: list[str | None] = []
    for i, ident in enumerate(ids):
        if ident is not None and ident in seen:
            ident = f"{ident}-{i}"
        if ident is not None:
            seen.add(ident)
        out.append(ident)
    return out


#: What each indicator's function reads, worked out once per function.
_READS: dict[
    Callable[..., Any], tuple[tuple[type[Evidence], ...], dict[type[Enum], tuple[Enum, ...]]]
] = {}


def evidence_read_by(spec: IndicatorSpec) -> tuple[type[Evidence], ...]:
    """The evidence classes an indicator reads, as its code names them.

    Found in the names its function (and the functions of the same package it calls)
    refers to; a class that others derive from stands for those of them that are
    evidence. An indicator naming no evidence class reads, as far as is known, any.
    """
    return _read(spec)[0]


def _read(
    spec: IndicatorSpec,
) -> tuple[tuple[type[Evidence], ...], dict[type[Enum], tuple[Enum, ...]]]:
    fn = spec.compute
    if fn not in _READS:
        named, members = _named_in(fn)
        concrete = tuple(
            cls
            for cls in EVIDENCE_TYPES
            if any(issubclass(cls, n) for n in named if n not in (Evidence, Tally))
        )
        _READS[fn] = (concrete or EVIDENCE_TYPES, members)
    return _READS[fn]


def _named_in(
    fn: Callable[..., Any],
) -> tuple[set[type[Evidence]], dict[type[Enum], tuple[Enum, ...]]]:
    """Evidence classes and enum members named in `fn`'s code, its nested functions, and
    the functions of the same top-level package it calls by name (an indicator compares
    `record.kind` with the members it wants, or tests it against a set of them)."""
    root = (getattr(fn, "__module__", "") or "").split(".")[0]
    found: set[type[Evidence]] = set()
    members: dict[type[Enum], dict[Enum, None]] = {}

    def note(value: Any) -> None:
        if isinstance(value, Enum):
            members.setdefault(type(value), {})[value] = None
        elif isinstance(value, frozenset | set | tuple):
            for v in value:
                if isinstance(v, Enum):
                    note(v)

    seen: set[int] = set()
    todo = [fn]
    while todo:
        f = inspect.unwrap(todo.pop())
        code = getattr(f, "__code__", None)
        if code is None or id(code) in seen:
            continue
        seen.add(id(code))
        names = getattr(f, "__globals__", {})
        stack = [code]
        while stack:
            c = stack.pop()
            stack.extend(k for k in c.co_consts if isinstance(k, types.CodeType))
            enums = [v for n in c.co_names if isinstance(v := names.get(n), type)]
            for name in c.co_names:
                value = names.get(name)
                if isinstance(value, type) and issubclass(value, Evidence):
                    found.add(value)
                elif inspect.isfunction(value) and (value.__module__ or "").split(".")[0] == root:
                    todo.append(value)
                else:
                    note(value)
                for e in enums:  # `Kind.MEMBER`: an attribute named like a member
                    if issubclass(e, Enum) and name in e.__members__:
                        note(e.__members__[name])
    return found, {e: tuple(m) for e, m in members.items()}


def _id_key(ident: str | None) -> object:
    # None may repeat (records without ids); ids may not
    return object() if ident is None else ident


def register_type_strategies() -> None:
    """Register a strategy for every model class with `st.register_type_strategy`."""
    for cls in MODEL_CLASSES:
        st.register_type_strategy(cls, models(cls))
    st.register_type_strategy(Dossier, dossiers())


# --------------------------------------------------------------------------- rubrics
_AGGREGATORS = ("weighted_mean", "geometric_mean", "minimum")
#: Weights: zero (switched off) or a sensible positive value; denormal weights would
#: underflow to zero when scaled, which no rubric author means.
_WEIGHTS = st.just(0.0) | st.floats(0.01, 5, allow_nan=False)


_METHODS = ("goalposts", "threshold", "bands", "target", "boolean")


@st.composite
def _criterion_params(
    draw: st.DrawFn, unit: str, higher: bool, methods: tuple[str, ...] = _METHODS
) -> tuple[str, dict[str, Any]]:
    """A built-in method and parameters that score in the indicator's good direction."""
    span = 1.0 if unit in ("share", "bool") else 100.0
    kinds = (
        [
            m
            for m in ("goalposts", "threshold", "bands", "target", "boolean")
            if m in methods and (higher or m not in ("target", "boolean"))
        ]
        or [m for m in ("goalposts", "threshold", "bands") if m in methods]
        or ["goalposts"]
    )
    method = draw(st.sampled_from(kinds))
    if method == "goalposts":
        lo = draw(st.floats(0, span * 0.99, allow_nan=False))
        hi = draw(st.floats(lo, span, allow_nan=False, exclude_min=True))
        return method, {"worst": lo, "best": hi} if higher else {"worst": hi, "best": lo}
    if method == "threshold":
        at = draw(st.floats(0, span, allow_nan=False))
        return method, {"at": at, "direction": "at_least" if higher else "at_most"}
    if method == "target":
        return method, {"per_year": draw(st.floats(0.25, 60, allow_nan=False))}
    if method == "boolean":
        return method, {}
    edges = sorted(draw(st.sets(st.floats(0, span, allow_nan=False), min_size=1, max_size=3)))
    scores = sorted(
        draw(
            st.lists(
                st.floats(0, 1, allow_nan=False), min_size=len(edges) + 1, max_size=len(edges) + 1
            )
        )
    )
    direction = "at_least" if higher else "at_most"
    return method, {"edges": tuple(edges), "scores": tuple(scores), "direction": direction}


def rubrics(
    *,
    indicators: Sequence[IndicatorSpec] | None = None,
    max_depth: int = 2,
    max_children: int = 3,
    points: bool | None = None,
    adjustments: bool = True,
    vetoes: bool = True,
    aggregators: Sequence[str] | None = None,
    na_policies: Sequence[NAPolicy | str] | None = None,
    methods: Sequence[str] | None = None,
) -> st.SearchStrategy[Rubric]:
    """Valid rubrics over registered indicators, with the built-in methods and aggregators.

    Every rubric drawn loads (`load_rubric` would accept its data): unique ids, bands
    within the scale, points that add up on points sheets, gates capping at a band of the
    rubric, methods whose parameters score in the indicator's good direction. Drawn
    rubrics shrink towards one section holding one criterion, weights of 0 or 1 and one
    band.

    Args:
        indicators: `IndicatorSpec`s to draw from (the default registry's by default).
        max_depth: Deepest nesting of sections (1: sections hold criteria only).
        max_children: Most sections or criteria under one section.
        points: Draw points sheets (`True`), weighted rubrics (`False`) or either (`None`).
        adjustments: Draw deductions and bonuses too.
        vetoes: Draw gates that withhold the rating (`cap_band = "not_rated"`) too.
        aggregators: Built-in aggregators to draw from (`weighted_mean`,
            `geometric_mean`, `minimum`; `points` on points sheets); all by default.
        na_policies: N/A policies to draw from (all by default).
        methods: Built-in methods to draw from (`goalposts`, `threshold`, `bands`,
            `target`, `boolean`; all by default). `target` and `boolean` only score
            indicators that are better when higher; where none fits, `goalposts` is used.

    Raises:
        DancosoError: A knob names no aggregator, policy or method dancoso draws.
    """
    from dancoso.scoring import NAPolicy as _NAPolicy

    aggs = tuple(aggregators) if aggregators is not None else (*_AGGREGATORS, "points")
    unknown = [a for a in aggs if a not in (*_AGGREGATORS, "points")]
    meths = tuple(methods) if methods is not None else _METHODS
    unknown += [m for m in meths if m not in _METHODS]
    try:
        policies = tuple(_NAPolicy(p) for p in (na_policies or list(_NAPolicy)))
    except ValueError as exc:
        raise DancosoError(f"rubrics(): {exc}") from None
    if unknown or not aggs or not meths or not policies:
        raise DancosoError(
            f"rubrics(): unknown or no aggregators or methods: {', '.join(unknown) or 'none given'}"
        )
    if max_depth < 1 or max_children < 1:
        raise DancosoError("rubrics(): max_depth and max_children are at least 1")
    return _rubrics(
        indicators=tuple(indicators) if indicators is not None else None,
        max_depth=max_depth,
        max_children=max_children,
        points=points,
        adjustments=adjustments,
        vetoes=vetoes,
        aggregators=aggs,
        na_policies=policies,
        methods=meths,
    )


@st.composite
def _rubrics(
    draw: st.DrawFn,
    *,
    indicators: tuple[IndicatorSpec, ...] | None,
    max_depth: int,
    max_children: int,
    points: bool | None,
    adjustments: bool,
    vetoes: bool,
    aggregators: tuple[str, ...],
    na_policies: tuple[NAPolicy, ...],
    methods: tuple[str, ...],
) -> Rubric:
    from dancoso.scoring import (
        NOT_RATED_CAP,
        REGISTRY,
        Band,
        Criterion,
        LegalBasis,
        Regime,
        Role,
        Rubric,
        Section,
    )

    specs = list(indicators) if indicators is not None else list(REGISTRY.indicators())
    sheet = draw(st.booleans()) if points is None else points
    # `points` only on points sheets; a weighted rubric falls back to the weighted mean
    choices = [a for a in aggregators if sheet or a != "points"] or ["weighted_mean"]
    counter = iter(range(10_000))
    n_bands = draw(st.integers(1, 4))
    # cuts below 100: a points sheet's scale is only known once drawn, so bands are scaled
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=n_bands - 1, max_size=n_bands - 1)))
    caps = [f"b{i}" for i in range(n_bands)] + ([NOT_RATED_CAP] if vetoes else [])

    def criterion() -> Criterion:
        spec = draw(st.sampled_from(specs))
        method, params = draw(_criterion_params(spec.unit, spec.direction == "higher", methods))
        role = (
            draw(st.sampled_from([Role.STANDARD, Role.STANDARD, Role.DEDUCTION, Role.BONUS]))
            if adjustments
            else Role.STANDARD
        )
        gate = role is Role.STANDARD and draw(st.booleans()) and draw(st.booleans())
        policy = draw(st.booleans())
        given_points = role is not Role.STANDARD or sheet
        return Criterion(
            id=f"c{next(counter)}",
            title=Label(vi="Tiêu chí", en="Criterion"),
            indicator=spec.name,
            method=method,
            params=params,
            weight=1.0 if given_points else draw(_WEIGHTS),
            points=float(draw(st.integers(0, 20))) if given_points else None,
            role=role,
            legal_basis=(LegalBasis(act="Law 10/2022/QH15", article=draw(st.integers(1, 91))),),
            gate=gate,
            cap_band=draw(st.sampled_from(caps)) if gate else None,
            policy=policy,
            policy_note="Chính sách thử nghiệm." if policy else None,
            recommendation=Label(vi="Cải thiện", en="Improve"),
        )

    def section(depth: int) -> Section:
        subs = (
            tuple(section(depth + 1) for _ in range(draw(st.integers(0, max_children))))
            if depth < max_depth
            else ()
        )
        crits = tuple(criterion() for _ in range(draw(st.integers(0 if subs else 1, max_children))))
        held = sum(s.points or 0.0 for s in subs) + sum(
            c.points or 0.0 for c in crits if c.role is Role.STANDARD
        )
        return Section(
            id=f"s{next(counter)}",
            title=Label(vi="Mục", en="Section"),
            weight=1.0 if sheet else draw(_WEIGHTS),
            points=held if sheet else None,
            aggregator=draw(st.sampled_from(choices)),
            na_policy=draw(st.sampled_from(na_policies)),
            sections=subs,
            criteria=crits,
        )

    sections = tuple(section(1) for _ in range(draw(st.integers(1, max_children))))
    scale = sum(s.points or 0.0 for s in sections) if sheet else 100.0
    bands = tuple(
        Band(id=f"b{i}", label=Label(vi=f"Mức {i}", en=f"Band {i}"), min_total=m * scale / 100)
        for i, m in enumerate([0, *cuts])
    )
    if len({b.min_total for b in bands}) < len(bands):  # a sheet of 0 points: one band
        bands = bands[:1]
        sections = tuple(_cap_within(s, bands[0].id) for s in sections)
    return Rubric(
        id="generated",
        version="0",
        title=Label(vi="Bộ tiêu chí sinh tự động", en="Generated rubric"),
        regimes=(Regime(id="any", title=Label(vi="Mọi thời kỳ", en="Any time")),),
        bands=bands,
        aggregator=draw(st.sampled_from(choices)),
        na_policy=draw(st.sampled_from(na_policies)),
        min_coverage=draw(st.sampled_from([0.0, 0.0, 0.25, 0.5])),
        gates_need_evidence=draw(st.booleans()),
        sections=sections,
    )


def _cap_within(section: Any, band: str) -> Any:
    """The section with every gate capping at `band` (or withholding the rating)."""
    return attrs.evolve(
        section,
        sections=tuple(_cap_within(s, band) for s in section.sections),
        criteria=tuple(
            attrs.evolve(c, cap_band=band)
            if c.gate and c.cap_band not in (band, "not_rated")
            else c
            for c in section.criteria
        ),
    )


# Hypothesis calls dancoso's entry-point hook as it is imported. When this module was
# imported first, the hook found it half made and left the registration to it.
if _hypothesis.deferred():
    register_type_strategies()
_COMPLETE = True
