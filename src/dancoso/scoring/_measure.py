"""What indicators return, what they are given, and helpers to read a dossier.

Missing evidence is `Measurement.missing()`, never zero: an indicator returns a value
only when the dossier holds evidence for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from attrs import frozen

from dancoso._io import to_data
from dancoso.model import Dossier, Evidence, Label, Period, Tally, Unit
from dancoso.scoring._rubric import canonical_json

__all__ = [
    "Context",
    "Measurement",
    "events_in",
    "overlap_fraction",
    "pro_rata",
    "stable_key",
    "tallies_in",
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
    """

    value: float | None
    evidence: tuple[str, ...] = ()
    note: str | None = None
    not_applicable: Label | None = None

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
        cls, value: float | bool, records: Iterable[Evidence] = (), note: str | None = None
    ) -> Measurement:
        """A value measured from `records` (their ids are kept, sorted)."""
        ids = tuple(sorted({r.id for r in records if r.id is not None}))
        return cls(value=float(value), evidence=ids, note=note)

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


def events_in(dossier: Dossier, period: Period, cls: type[E], date_field: str) -> list[E]:
    """Records of `cls` whose `date_field` falls within `period`, in a stable order."""
    found = [
        e
        for e in dossier.evidence
        if isinstance(e, cls) and (day := getattr(e, date_field)) is not None and day in period
    ]
    return sorted(found, key=stable_key)


def tallies_in(dossier: Dossier, period: Period, cls: type[E]) -> list[E]:
    """Tallies of `cls` whose period overlaps `period`, in a stable order."""
    found = [
        e
        for e in dossier.evidence
        if isinstance(e, cls) and isinstance(e, Tally) and e.period.overlaps(period)
    ]
    return sorted(found, key=stable_key)


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
