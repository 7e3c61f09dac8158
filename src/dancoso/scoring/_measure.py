"""Measuring: a dossier → a row of indicator values, one per criterion of a rubric.

What indicators return and are given, helpers to read a dossier, and `measure_row`, which
calls each indicator an applicable criterion names over the part of the period in which
the criterion is in force, and yearly duties year by year.

Missing evidence is `Measurement.missing()`, never zero: an indicator returns a value
only when the dossier holds evidence for it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TypeVar

import numpy as np
from attrs import define, frozen

from dancoso._io import to_data
from dancoso._weak import WeakIdMap
from dancoso.errors import DancosoError
from dancoso.model import Dossier, Evidence, Label, Period, Tally, Unit
from dancoso.model._base import trusted
from dancoso.scoring._evaluate import Array, CompiledCriterion, CompiledRubric, Mask
from dancoso.scoring._rubric import canonical_json

__all__ = [
    "Context",
    "Measurement",
    "Row",
    "YearPart",
    "events_in",
    "measure_row",
    "overlap_fraction",
    "pro_rata",
    "records_of",
    "stable_key",
    "tallies_in",
    "years_in_force",
]

E = TypeVar("E", bound=Evidence)


@frozen(kw_only=True)
class Measurement:
    """An indicator's value, or its absence, and the evidence it rests on.

    Attributes:
        value: The value (booleans as 1.0 / 0.0), or None when the dossier has no evidence.
        evidence: Ids of the evidence records used (records without an id are not listed).
        note: How the value was obtained, when that is not obvious (shown in scorecards).
        not_applicable: Why the duty measured does not bind this unit in this period, when
            only the dossier can tell (a ward without a People's Council has no voter
            contact to hold); the criterion is then not applicable, with this message.
        prorated: The value counts part of a tally whose period reaches beyond the period
            measured (assuming its events spread evenly), so it cannot tell one year from
            another.
    """

    value: float | None
    evidence: tuple[str, ...] = ()
    note: str | None = None
    not_applicable: Label | None = None
    prorated: bool = False

    @classmethod
    def missing(cls, note: str | None = None) -> Measurement:
        """No evidence for this indicator."""
        return cls(value=None, note=note)

    @classmethod
    def inapplicable(
        cls, reason: Label, records: Iterable[Evidence] = (), note: str | None = None
    ) -> Measurement:
        """The duty does not bind the unit, for `reason` (read from `records`, if any)."""
        ids = tuple(sorted({r.id for r in records if r.id is not None}))
        return cls(value=None, evidence=ids, note=note, not_applicable=reason)

    @classmethod
    def of(
        cls,
        value: float | bool,
        records: Iterable[Evidence] = (),
        note: str | None = None,
        *,
        prorated: bool = False,
    ) -> Measurement:
        """A value measured from `records` (their ids are kept, sorted)."""
        ids = tuple(sorted({r.id for r in records if r.id is not None}))
        return cls(value=float(value), evidence=ids, note=note, prorated=prorated)

    @property
    def is_missing(self) -> bool:
        """Whether there was no evidence."""
        return self.value is None


@frozen(kw_only=True)
class Context:
    """What an indicator knows besides the dossier: the unit, period and legal regime."""

    unit: Unit
    period: Period
    regime: str
    rubric_id: str | None = None


_BY_KIND: WeakIdMap[Dossier, dict[type, tuple[Evidence, ...]]] = WeakIdMap()


def records_of(dossier: Dossier, cls: type[E]) -> list[E]:
    """Every record of `cls`, in a stable order (by id, else content), whatever the order of
    the dossier's evidence. Worked out once per dossier object and class: indicators ask
    again for every span they are measured over."""
    known = _BY_KIND.get(dossier)
    if known is None:
        known = {}
        _BY_KIND.put(dossier, known)
    found = known.get(cls)
    if found is None:
        found = tuple(sorted((e for e in dossier.evidence if isinstance(e, cls)), key=stable_key))
        known[cls] = found
    return list(found)  # type: ignore[arg-type]  # every record of the tuple is a `cls`


def events_in(dossier: Dossier, period: Period, cls: type[E], date_field: str) -> list[E]:
    """Records of `cls` whose `date_field` falls within `period`, in a stable order."""
    return [
        e
        for e in records_of(dossier, cls)
        if (day := getattr(e, date_field)) is not None and day in period
    ]


def tallies_in(dossier: Dossier, period: Period, cls: type[E]) -> list[E]:
    """Tallies of `cls` whose period overlaps `period`, in a stable order."""
    return [
        e for e in records_of(dossier, cls) if isinstance(e, Tally) and e.period.overlaps(period)
    ]


def overlap_fraction(inner: Period, outer: Period) -> float:
    """Share of `inner`'s days that fall within `outer` (0–1)."""
    start, end = max(inner.start, outer.start), min(inner.end, outer.end)
    if start > end:
        return 0.0
    return ((end - start).days + 1) / inner.days


def pro_rata(count: float, tally_period: Period, period: Period) -> float:
    """A tally's count attributed to `period`, assuming events spread evenly over the tally."""
    return count * overlap_fraction(tally_period, period)


def stable_key(e: Evidence) -> tuple[bool, str]:
    """Sort key ordering records by id, records without one by their content.

    Indicators sort with it so that their results never depend on the order of evidence.
    """
    if e.id is not None:  # ids are unique in a dossier
        return (False, e.id)
    return (True, canonical_json(to_data(e)))


# --------------------------------------------------------------------------- a dossier's row
#: Average days in a month over the Gregorian 400-year cycle.
_MONTH_DAYS = 365.2425 / 12


def years_in_force(span: Period) -> float:
    """Length of a span in years, counted in whole months.

    Yearly obligations are prorated by months, so that the second half of a year expects
    exactly half of a yearly target although it has 184 of the year's 365 days.
    """
    return round(span.days / _MONTH_DAYS) / 12


def calendar_years(span: Period) -> list[Period]:
    """`span` cut at the turns of the year."""
    with trusted():  # cut from a valid period: every part is valid
        return [
            Period(start=max(span.start, dt.date(y, 1, 1)), end=min(span.end, dt.date(y, 12, 31)))
            for y in range(span.start.year, span.end.year + 1)
        ]


@frozen
class YearPart:
    """A yearly duty measured over one calendar year of the span in force."""

    period: Period
    years: float
    measurement: Measurement


@define
class Row:
    """What a dossier measured, one column per criterion of a compiled rubric.

    Attributes:
        values: (m,) indicator values; NaN where there is no evidence or it does not apply.
        applicable: (m,) whether each criterion applies.
        years: (m,) length in years of the part of the period each criterion is in force.
        measurements: Each applicable criterion's measurement over that part.
        reasons: Why a criterion does not apply: `kind`, `dates` or `measured`.
        yearly: Yearly duties over several calendar years, measured year by year.
        split_unknown: Yearly duties over several years measured only as totals spanning
            years (a tally reaching beyond a year), so scored over the whole span.
    """

    values: Array
    applicable: Mask
    years: Array
    measurements: list[Measurement | None]
    reasons: list[str | None]
    yearly: dict[int, tuple[YearPart, ...]]
    split_unknown: set[int]


def measure_row(comp: CompiledRubric, dossier: Dossier, context: Context) -> Row:
    """Measure every applicable criterion of `comp` on `dossier` (each indicator once per
    span it is measured over)."""
    kind = dossier.unit.kind
    m = comp.m
    row = Row(
        values=np.full(m, np.nan),
        applicable=np.zeros(m, dtype=bool),
        years=np.zeros(m),
        measurements=[None] * m,
        reasons=[None] * m,
        yearly={},
        split_unknown=set(),
    )
    cache: dict[tuple[str, dt.date, dt.date], Measurement] = {}
    # criteria mostly share their dates in force: each distinct pair is worked out once
    spans: dict[tuple[dt.date | None, dt.date | None], tuple[Period | None, float]] = {}
    years_of: dict[tuple[dt.date, dt.date], tuple[tuple[Period, float], ...]] = {}

    def measured(c: CompiledCriterion, span: Period) -> Measurement:
        key = (c.criterion.indicator, span.start, span.end)
        if key not in cache:
            here = (
                context
                if span is dossier.period
                else Context(
                    unit=context.unit,
                    period=span,
                    regime=context.regime,
                    rubric_id=context.rubric_id,
                )
            )
            got = c.indicator.compute(dossier=dossier, context=here)
            if not isinstance(got, Measurement):
                raise DancosoError(
                    f"indicator {c.criterion.indicator!r} returned {type(got).__name__}, "
                    "not a Measurement"
                )
            cache[key] = got
        return cache[key]

    for c in comp.criteria:
        crit, j = c.criterion, c.index
        if (crit.unit_kinds and kind not in crit.unit_kinds) or not c.indicator.applies_to(kind):
            row.reasons[j] = "kind"
            continue
        dates = (crit.in_force_from, crit.in_force_until)
        if dates not in spans:
            span = crit.in_force(dossier.period)
            spans[dates] = (span, 0.0 if span is None else years_in_force(span))
        span, span_years = spans[dates]
        if span is None:
            row.reasons[j] = "dates"
            continue
        result = measured(c, span)  # over the part of the period its basis is in force
        row.measurements[j] = result
        if result.not_applicable is not None:
            row.reasons[j] = "measured"
            continue
        row.applicable[j] = True
        row.years[j] = span_years
        if result.value is not None and math.isfinite(result.value):
            row.values[j] = result.value
        # split by year only what has evidence: a span without any has none in its years
        if c.method.yearly and span.start.year != span.end.year and result.value is not None:
            key = (span.start, span.end)
            if key not in years_of:
                years_of[key] = tuple((p, years_in_force(p)) for p in calendar_years(span))
            parts = tuple(
                YearPart(period=p, years=y, measurement=measured(c, p)) for p, y in years_of[key]
            )
            if any(_spans_beyond(p.measurement, p.period, dossier) for p in parts):
                row.split_unknown.add(j)
            elif any(p.measurement.value is not None for p in parts):
                row.yearly[j] = parts
    return row


def _spans_beyond(m: Measurement, period: Period, dossier: Dossier) -> bool:
    """Whether `m` counts part of a tally reaching beyond `period`: then it cannot say
    what happened in that period alone. Read from the indicator's flag, and from the
    tallies it names (for indicators that do not set the flag)."""
    if m.prorated:
        return True
    if not m.evidence or m.value is None:
        return False
    used = set(m.evidence)
    return any(
        isinstance(e, Tally)
        and e.id in used
        and not (period.start <= e.period.start and e.period.end <= period.end)
        for e in dossier.evidence
    )
