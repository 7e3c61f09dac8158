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
import types
import typing
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from enum import Enum
from typing import Any, Final, Literal, TypeVar, Union, cast, get_args, get_origin

import attrs
from hypothesis import strategies as st

import dancoso.model as _model
from dancoso import _hypothesis
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

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "MODEL_CLASSES",
    "References",
    "dates",
    "dossiers",
    "evidence",
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
def identifiers() -> st.SearchStrategy[str]:
    """Identifiers as the model accepts them (`co-giang`, `e1`, `q1.ubnd`)."""
    return st.builds(
        lambda a, b: a + b,
        st.sampled_from(_ID_FIRST),
        st.text(alphabet=_ID_REST, max_size=8),
    )


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


@st.composite
def ratios(draw: st.DrawFn) -> Ratio:
    """Ratios as reports give them: counts, a share, or counts with their rounded share."""
    mode = draw(st.sampled_from(("counts", "share", "both")))
    of, printed = draw(st.none() | texts()), draw(st.none() | texts())
    if mode == "share":
        return Ratio(share=draw(st.floats(0.0, 1.0, allow_nan=False)), of=of, printed=printed)
    whole = draw(st.integers(0, _MAX_COUNT))
    part = draw(st.integers(0, whole))
    share = None if mode == "counts" or whole == 0 else round(part / whole, 3)
    return Ratio(part=part, whole=whole, share=share, of=of, printed=printed)


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
        return dates(low or MIN_DATE)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return st.sampled_from(list(tp))
    if tp is Ratio:
        return ratios()
    if tp is Period:
        return periods(min_start=low or MIN_DATE)
    if isinstance(tp, type) and attrs.has(tp):
        return models(tp)
    raise TypeError(f"no strategy for {tp!r}")  # pragma: no cover


@st.composite
def _optional(draw: st.DrawFn, inner: st.SearchStrategy[Any]) -> Any:
    """None, or a value of `inner`; None too when that value needs a missing target."""
    if draw(st.booleans()):
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


def _adjust_tally(draw: st.DrawFn, v: dict[str, Any], refs: References | None) -> None:
    if v["as_of"] is not None:
        period = v["period"]
        v["as_of"] = draw(dates(period.start, period.end))
    total = v.get(v["__cls__"].PARTS_OF)
    n = draw(st.integers(0, 3))
    parts = []
    left = total
    for _ in range(n):
        cnt = draw(st.integers(0, left if left is not None else _MAX_COUNT))
        if left is not None:
            left -= cnt
        parts.append(
            TallyPart(
                label=draw(texts()),
                count=cnt,
                participants=draw(st.none() | st.integers(0, _MAX_COUNT)),
                unit=draw(st.none() | st.sampled_from(refs.units)) if refs and refs.units else None,
                tags=tuple(draw(st.lists(texts(), max_size=2))),
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


@st.composite
def dossiers(
    draw: st.DrawFn,
    *,
    unit_kind: UnitKind | None = None,
    max_evidence: int = 6,
    evidence_types: Sequence[type[Evidence]] | None = None,
) -> Dossier:
    """Whole, valid dossiers: unique ids, and references that all resolve.

    Args:
        unit_kind: Kind of the dossier's unit (any kind by default).
        max_evidence: Most evidence records drawn.
        evidence_types: Evidence classes to draw from (all by default).
    """
    unit_ids = draw(st.lists(identifiers(), min_size=1, max_size=3, unique=True))
    source_ids = tuple(draw(st.lists(identifiers(), max_size=2, unique=True)))
    n = draw(st.integers(0, max_evidence))
    ev_ids = draw(st.lists(st.none() | identifiers(), min_size=n, max_size=n, unique_by=_id_key))
    refs = References(
        units=tuple(unit_ids), sources=source_ids, evidence=tuple(i for i in ev_ids if i)
    )
    all_units: list[Unit] = []
    body_ids: list[str] = []
    for i, ident in enumerate(unit_ids):
        kind = unit_kind if i == 0 else None
        u = draw(_with_refs(units(kind=kind), refs) if kind else models(Unit, refs=refs))
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
    main = all_units[0]
    # the period overlaps the unit's validity
    first = main.valid_from or MIN_DATE
    last = main.valid_until or MAX_DATE
    start = draw(dates(MIN_DATE, last))
    end = draw(dates(max(start, first), MAX_DATE))
    period = Period(start=start, end=end)
    records: list[Any] = []
    boards: list[tuple[str, BoardKind]] = []
    kinds = evidence(types=evidence_types)
    for ev_id in ev_ids:
        record = draw(_with_refs(kinds, attrs.evolve(refs, boards=tuple(boards))))
        record = attrs.evolve(record, id=ev_id)
        if isinstance(record, Board) and ev_id is not None:
            boards.append((ev_id, record.kind))
        records.append(record)
    sources = [attrs.evolve(draw(models(Source, refs=refs)), id=i) for i in source_ids]
    return Dossier(
        unit=main,
        related_units=tuple(all_units[1:]),
        period=period,
        evidence=tuple(records),
        sources=tuple(sources),
        notes=tuple(draw(st.lists(texts(), max_size=2))),
        title=draw(st.none() | texts()),
        basis=tuple(draw(st.lists(models(DocumentRef, refs=refs), max_size=1))),
        inferred=tuple(draw(st.lists(st.sampled_from(("period", "unit", "title")), max_size=1))),
    )


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


@st.composite
def _criterion_params(draw: st.DrawFn, unit: str, higher: bool) -> tuple[str, dict[str, Any]]:
    """A built-in method and parameters that score in the indicator's good direction."""
    span = 1.0 if unit in ("share", "bool") else 100.0
    kinds = (
        ["goalposts", "threshold", "bands"]
        + (["target"] if higher else [])
        + (["boolean"] if higher else [])
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


@st.composite
def rubrics(
    draw: st.DrawFn,
    *,
    indicators: Sequence[Any] | None = None,
    max_depth: int = 2,
    max_children: int = 3,
    points: bool | None = None,
    adjustments: bool = True,
    vetoes: bool = True,
) -> Any:
    """Valid rubrics over registered indicators, with every built-in method and aggregator.

    Args:
        indicators: `IndicatorSpec`s to draw from (the default registry's by default).
        max_depth: Deepest nesting of sections.
        max_children: Most sections or criteria under one section.
        points: Draw points sheets (`True`), weighted rubrics (`False`) or either (`None`).
        adjustments: Draw deductions and bonuses too.
        vetoes: Draw gates that withhold the rating (`cap_band = "not_rated"`) too.
    """
    from dancoso.scoring import (
        NOT_RATED_CAP,
        REGISTRY,
        Band,
        Criterion,
        LegalBasis,
        NAPolicy,
        Regime,
        Role,
        Rubric,
        Section,
    )

    specs = list(indicators) if indicators is not None else list(REGISTRY.indicators())
    sheet = draw(st.booleans()) if points is None else points
    counter = iter(range(10_000))
    n_bands = draw(st.integers(1, 4))
    # cuts below 100: a points sheet's scale is only known once drawn, so bands are scaled
    cuts = sorted(draw(st.sets(st.integers(1, 99), min_size=n_bands - 1, max_size=n_bands - 1)))
    caps = [f"b{i}" for i in range(n_bands)] + ([NOT_RATED_CAP] if vetoes else [])

    def criterion() -> Criterion:
        spec = draw(st.sampled_from(specs))
        method, params = draw(_criterion_params(spec.unit, spec.direction == "higher"))
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
        aggregators = (*_AGGREGATORS, "points") if sheet else _AGGREGATORS
        return Section(
            id=f"s{next(counter)}",
            title=Label(vi="Mục", en="Section"),
            weight=1.0 if sheet else draw(_WEIGHTS),
            points=held if sheet else None,
            aggregator=draw(st.sampled_from(aggregators)),
            na_policy=draw(st.sampled_from(list(NAPolicy))),
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
    top = (*_AGGREGATORS, "points") if sheet else _AGGREGATORS
    return Rubric(
        id="generated",
        version="0",
        title=Label(vi="Bộ tiêu chí sinh tự động", en="Generated rubric"),
        regimes=(Regime(id="any", title=Label(vi="Mọi thời kỳ", en="Any time")),),
        bands=bands,
        aggregator=draw(st.sampled_from(top)),
        na_policy=draw(st.sampled_from(list(NAPolicy))),
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
