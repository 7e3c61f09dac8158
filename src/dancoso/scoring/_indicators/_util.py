"""Helpers shared by the built-in indicators.

Unit-kind groups, the legal regimes and the dates their rules changed, working days,
time limits, written reception schedules, names compared after normalisation, and how
events and tallies combine into one value without counting the same facts twice.

Working days are Monday to Friday; public holidays are not known to the library, so a
deadline that spans a holiday is judged slightly too strictly (a documented simplification).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from attrs import frozen

from dancoso.model import Dossier, Evidence, Period, Ratio, Tally, UnitKind
from dancoso.scoring._measure import (
    Measurement,
    overlap_fraction,
    pro_rata,
    records_of,
)

R = TypeVar("R", bound=Evidence)

# --------------------------------------------------------------------------- unit kinds
#: Commune-level units (xã, phường, đặc khu, thị trấn).
COMMUNE: frozenset[UnitKind] = frozenset(
    {UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE, UnitKind.TOWNSHIP}
)
#: State agencies and public service units.
AGENCY: frozenset[UnitKind] = frozenset({UnitKind.STATE_AGENCY, UnitKind.PUBLIC_SERVICE_UNIT})
#: State-owned enterprises.
SOE: frozenset[UnitKind] = frozenset({UnitKind.STATE_OWNED_ENTERPRISE})
#: Non-state employers.
PRIVATE: frozenset[UnitKind] = frozenset({UnitKind.NON_STATE_EMPLOYER})
#: Every employer.
EMPLOYER: frozenset[UnitKind] = SOE | PRIVATE
#: District- and province-level units, which oversee the grassroots.
LOCAL: frozenset[UnitKind] = frozenset(
    {
        UnitKind.URBAN_DISTRICT,
        UnitKind.RURAL_DISTRICT,
        UnitKind.DISTRICT_TOWN,
        UnitKind.PROVINCIAL_CITY,
        UnitKind.MUNICIPAL_CITY,
        UnitKind.PROVINCE,
        UnitKind.CENTRAL_CITY,
    }
)

# --------------------------------------------------------------------------- regimes and dates
ORDINANCE_34 = "ordinance-34-2007"
DECREE_04 = "decree-04-2015"
LABOUR_CODE_2012 = "labour-code-2012"
DECREE_145 = "decree-145-2020"
LABOUR_CODE_2019 = "labour-code-2019"
LAW_10 = "law-10-2022"
#: Every regime id, in the order of the catalogue.
REGIMES = (ORDINANCE_34, DECREE_04, LABOUR_CODE_2012, DECREE_145, LABOUR_CODE_2019, LAW_10)

#: Ordinance 34/2007/PL-UBTVQH11 in force (communes).
ORDINANCE_START = dt.date(2007, 7, 1)
#: Law on Complaints 2011 and Law on Denunciations 2011 in force.
COMPLAINTS_LAW_START = dt.date(2012, 7, 1)
#: Decree 60/2013/NĐ-CP under the Labour Code 2012 in force (employers).
LABOUR_CODE_2012_START = dt.date(2013, 8, 15)
#: Law on Citizen Reception 2013 in force.
RECEPTION_LAW_START = dt.date(2014, 7, 1)
#: Decree 04/2015/NĐ-CP in force (agencies and public service units).
DECREE_04_START = dt.date(2015, 2, 25)
#: Law on Denunciations 2018 in force (30-day time limit).
DENUNCIATIONS_2018_START = dt.date(2019, 1, 1)
#: Labour Code 2019 in force.
LABOUR_CODE_2019_START = dt.date(2021, 1, 1)
#: Decree 145/2020/NĐ-CP in force (workplace dialogue procedure).
DECREE_145_START = dt.date(2021, 2, 1)
#: Law 10/2022/QH15 in force.
LAW_START = dt.date(2023, 7, 1)
#: Law 136/2025/QH15 (amending the citizen reception and complaints laws) in force.
LAW_136_START = dt.date(2026, 7, 1)


def regime_on(kind: UnitKind, day: dt.date) -> str | None:
    """The id of the legal regime governing a unit of `kind` on `day`, if the catalogue has one.

    Examples:
        >>> regime_on(UnitKind.WARD, dt.date(2021, 6, 1))
        'ordinance-34-2007'
        >>> regime_on(UnitKind.NON_STATE_EMPLOYER, dt.date(2024, 1, 1))
        'labour-code-2019'
    """
    if kind in COMMUNE or kind in LOCAL:
        if day >= LAW_START:
            return LAW_10
        return ORDINANCE_34 if day >= ORDINANCE_START else None
    if kind in AGENCY:
        if day >= LAW_START:
            return LAW_10
        return DECREE_04 if day >= DECREE_04_START else None
    if kind in SOE:
        if day >= LAW_START:
            return LAW_10
        if day >= LABOUR_CODE_2019_START:
            return DECREE_145
        return LABOUR_CODE_2012 if day >= LABOUR_CODE_2012_START else None
    if kind in PRIVATE:
        if day >= LABOUR_CODE_2019_START:
            return LABOUR_CODE_2019
        return LABOUR_CODE_2012 if day >= LABOUR_CODE_2012_START else None
    return None


# --------------------------------------------------------------------------- days
def _weekdays_through(day: dt.date) -> int:
    """Mondays to Fridays from 0001-01-01 (a Monday) up to `day`, both included."""
    n = day.toordinal()
    return 5 * (n // 7) + min(n % 7, 5)


def working_days_between(a: dt.date, b: dt.date) -> int:
    """Working days (Monday–Friday) after `a` up to and including `b`; negative if `b` < `a`.

    "Within 5 working days of `a`" reads `working_days_between(a, b) <= 5`. No holiday
    calendar is used.

    Examples:
        >>> working_days_between(dt.date(2024, 3, 1), dt.date(2024, 3, 8))  # Fri to Fri
        5
        >>> working_days_between(dt.date(2024, 3, 1), dt.date(2024, 3, 3))  # to Sunday
        0
    """
    return _weekdays_through(b) - _weekdays_through(a)


@frozen
class Limit:
    """A time limit: at most `days` days (working days when `working`) after a start date."""

    days: int
    working: bool = False

    def elapsed(self, start: dt.date, end: dt.date) -> int:
        """Days, or working days, from `start` to `end`."""
        return working_days_between(start, end) if self.working else (end - start).days

    def met(self, start: dt.date, end: dt.date) -> bool:
        """Whether `end` falls within the limit counted from `start`."""
        return self.elapsed(start, end) <= self.days

    def __str__(self) -> str:
        return f"{self.days} {'working days' if self.working else 'days'}"


def from_day(period: Period, first: dt.date) -> Period | None:
    """The part of `period` from `first` on, if any."""
    if period.end < first:
        return None
    return Period(start=max(period.start, first), end=period.end)


def dated(*days: dt.date | None, span: Period | None = None, within: Period) -> dt.date | None:
    """The date a record is placed at: its first known date, else the last day of its `span`
    that falls within `within` (None when it has neither, or its span lies outside)."""
    for day in days:
        if day is not None:
            return day
    if span is not None and span.overlaps(within):
        return min(span.end, within.end)
    return None


def records(dossier: Dossier, cls: type[R]) -> list[R]:
    """Every record of `cls`, in an order that does not depend on the dossier's."""
    return records_of(dossier, cls)


def ids_of(found: Iterable[Evidence]) -> str:
    """Ids of records, sorted and joined, for notes ('-' for records without one)."""
    return ", ".join(sorted(e.id or "-" for e in found))


# --------------------------------------------------------------------------- schedules
_NUMBERED = re.compile(
    r"(\d+)\s*(?:ngày|lần|buổi|days?|times?|sessions?)\s*(?:/|một|mỗi|per|a|each|every)\s*"
    r"(tuần|tháng|week|month)"
)
_WEEKLY = ("hằng tuần", "hàng tuần", "mỗi tuần", "weekly", "every week")
_MONTHLY = ("hằng tháng", "hàng tháng", "mỗi tháng", "monthly", "every month")
_DAYS_PER_MONTH = 365.25 / 12


def sessions_per_day(schedule: str) -> float | None:
    """Sessions per day that a written schedule implies, or None if it cannot be read.

    Weekly ("hằng tuần", "hàng tuần", "weekly") is one a week; monthly ("hằng tháng") one a
    month; "2 ngày/tháng" two a month.

    Examples:
        >>> sessions_per_day("Thứ Năm hằng tuần") * 7
        1.0
        >>> round(sessions_per_day("2 ngày/tháng") * 365.25, 6)
        24.0
        >>> sessions_per_day("khi có yêu cầu") is None
        True
    """
    text = unicodedata.normalize("NFC", schedule).casefold()
    m = _NUMBERED.search(text)
    if m is not None:
        n = int(m.group(1))
        return n / 7 if m.group(2) in ("tuần", "week") else n / _DAYS_PER_MONTH
    if any(w in text for w in _WEEKLY):
        return 1 / 7
    if any(w in text for w in _MONTHLY):
        return 1 / _DAYS_PER_MONTH
    return None


# --------------------------------------------------------------------------- names
_DASHES = {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"}
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Old-style tone placement on "oa", "oe", "uy" ("hòa", "thủy") moved to the new style
# ("hoà", "thuỷ"): both spellings are in use for the same names ("Quận ủy" / "Quận uỷ").
_TONE_ON_FIRST = re.compile(
    rf"(o(?=[{_TONE_MARKS}][ae])|u(?=[{_TONE_MARKS}]y))"  # the first vowel, toned
    rf"([{_TONE_MARKS}])([aey])(?![\u0300-\u036f])"  # its tone, and a plain second vowel
)
_AROUND_DASH = re.compile(r"\s*-\s*")


def fold_name(text: str) -> str:
    """A name in the form names are compared in, so that spellings of one name agree.

    Unicode NFC normalisation (composed and decomposed letters agree), case folding, the
    tone mark of "oa", "oe" and "uy" on the second vowel (old and new spelling agree),
    every dash and minus sign as a hyphen with no space around it, invisible format
    characters removed, and runs of white space as one space, trimmed.

    Examples:
        >>> fold_name("Thành phố  Phan Rang – Tháp Chàm")
        'thành phố phan rang-tháp chàm'
        >>> fold_name("Thành phố Phan Rang-Tháp Chàm")
        'thành phố phan rang-tháp chàm'
        >>> fold_name("Quận ủy Đống Đa") == fold_name("Quận uỷ Đống Đa")
        True
        >>> fold_name(unicodedata.normalize("NFD", "Phường Cô Giang"))
        'phường cô giang'
    """
    s = unicodedata.normalize("NFC", text).casefold()
    s = unicodedata.normalize("NFD", s)
    s = _TONE_ON_FIRST.sub(r"\1\3\2", s)
    s = unicodedata.normalize("NFC", s)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf").translate(_DASHES)
    return _AROUND_DASH.sub("-", " ".join(s.split()))


# --------------------------------------------------------------------------- combining
def fraction(part: float, whole: float) -> float:
    """`part / whole`, kept within [0, 1]."""
    return min(1.0, max(0.0, part / whole))


#: Whether a tally's total can include an event record (both count the same thing).
Holds = Callable[[Evidence, Tally], bool]


def same_kind(record: Evidence, tally: Tally) -> bool:
    """Whether an event and a tally count the same kind (a dialogue and a dialogue tally)."""
    return bool(getattr(record, "kind", None) == getattr(tally, "kind", None))


def _within(event: tuple[dt.date, Evidence, float], tally: Tally, holds: Holds | None) -> bool:
    """Whether a tally's total includes an event: its day is in the tally's period, and the
    tally counts records like it (`holds`, when given)."""
    day, record, _ = event
    return day in tally.period and (holds is None or holds(record, tally))


def tallies_without_events(
    events: Sequence[tuple[dt.date, Evidence, float]],
    tallies: Sequence[tuple[Tally, float]],
    holds: Holds | None = None,
) -> list[Tally]:
    """The tallies whose period holds none of the events (that they can include: `holds`)."""
    return [t for t, _ in tallies if not any(_within(e, t, holds) for e in events)]


def combine_counts(
    events: Sequence[tuple[dt.date, Evidence, float]],
    tallies: Sequence[tuple[Tally, float]],
    period: Period,
    *,
    what: str,
    holds: Holds | None = None,
    estimates: Sequence[tuple[Tally, float]] = (),
) -> Measurement:
    """A count from events (day, record, weight) and tallies (record, count) over `period`.

    Events are counted one by one, by their weight, when their day is in `period`; events
    outside it may be given too, and only tell how much of a tally fell outside the period.

    A tally is a total over its period, so it includes the events recorded one by one in
    that period that count the same thing (those it `holds`, when given: a dialogue tally
    holds the dialogues of its kind, say). Only what it counts beyond them is added,
    pro-rated to `period` by days: a tally of 4 dialogues in 2024 with one of them also
    recorded as an event counts 4, not 5 and not 1. A tally that counts no more than its
    events adds nothing (the events are taken).

    `estimates` are figures that are not counts (sessions implied by a written schedule):
    one is added, pro-rated, only when no event it holds falls in its period, and is set
    aside otherwise, since the recorded events are then the better evidence.

    Missing when nothing is counted: no event in the period, no tally and no estimate kept.
    """
    counted = [(day, e, w) for day, e, w in events if day in period]
    value = sum(w for _, _, w in counted)
    added: list[Tally] = []
    matched: list[Tally] = []
    for t, count in tallies:
        known = sum(ev[2] for ev in events if _within(ev, t, holds))
        rest = max(0.0, count - known)
        value += pro_rata(rest, t.period, period)
        (added if rest > 0 or known == 0 else matched).append(t)
    kept_estimates = tallies_without_events(events, estimates, holds)
    kept_pairs = [(t, c) for t, c in estimates if any(t is k for k in kept_estimates)]
    dropped = [t for t, _ in estimates if not any(t is k for k in kept_estimates)]
    value += sum(pro_rata(c, t.period, period) for t, c in kept_pairs)
    if not counted and not tallies and not kept_pairs:
        return Measurement.missing(note=f"no {what} recorded for the period")
    bits = []
    if counted:
        bits.append(f"{what} recorded one by one: {len(counted)}")
    if added:
        bits.append(f"tallies pro-rated to the period: {ids_of(added)}")
    if matched:
        bits.append(f"tallies no larger than the events recorded in them: {ids_of(matched)}")
    if kept_pairs:
        bits.append(f"estimates pro-rated to the period: {ids_of(t for t, _ in kept_pairs)}")
    if dropped:
        bits.append(f"estimates set aside because events fall in their periods: {ids_of(dropped)}")
    used: list[Evidence] = [e for _, e, _ in counted] + added + [t for t, _ in kept_pairs]
    # part of a total reaching beyond the period: it cannot tell this period from the rest
    spread = [t for t in added + [t for t, _ in kept_pairs] if not _inside(t.period, period)]
    return Measurement.of(max(0.0, value), used, note="; ".join(bits), prorated=bool(spread))


def _inside(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


@frozen
class SharePart:
    """One record's share, with what it may be weighted by.

    Attributes:
        value: The share, in [0, 1].
        weight: The count behind it (a ratio's whole, respondents), pro-rated to the
            period; None when not known.
        days: Days of the record's period within the period measured.
        record: The evidence record.
    """

    value: float
    weight: float | None
    days: float
    record: Evidence


def ratio_part(tally: Tally, ratio: Ratio | None, period: Period) -> SharePart | None:
    """A tally's ratio as a share part: weighted by its whole (pro-rated) when it has counts."""
    if ratio is None or ratio.value is None:
        return None
    f = overlap_fraction(tally.period, period)
    weight = ratio.whole * f if ratio.part is not None and ratio.whole else None
    return SharePart(
        value=fraction(ratio.value, 1.0), weight=weight, days=f * tally.period.days, record=tally
    )


def combine_shares(parts: Sequence[SharePart], *, what: str) -> Measurement:
    """One share from several records' shares.

    When every part has a count behind it, the counts are summed (a weighted mean by
    count); otherwise the shares are averaged, weighted by the days each record covers
    within the period. Missing when there are no parts.
    """
    if not parts:
        return Measurement.missing(note=f"no {what} for the period")
    weights = [p.weight for p in parts]
    known = [w for w in weights if w is not None]
    if len(known) == len(parts) and sum(known) > 0:
        value = sum(p.value * w for p, w in zip(parts, known, strict=True)) / sum(known)
        how = "counts summed"
    else:
        total = sum(p.days for p in parts)
        value = sum(p.value * p.days for p in parts) / total
        how = "shares averaged, weighted by days covered"
    note = f"{what} from {len(parts)} record(s): {how}" if len(parts) > 1 else None
    return Measurement.of(fraction(value, 1.0), [p.record for p in parts], note=note)


def share_measurement(
    met: Sequence[Evidence], judged: Sequence[Evidence], *, what: str, note: str | None = None
) -> Measurement:
    """`len(met) / len(judged)` over records judged one by one (missing when none)."""
    if not judged:
        return Measurement.missing(note=note or f"no {what} with the data needed")
    detail = f"{len(met)} of {len(judged)} {what}"
    return Measurement.of(
        fraction(len(met), len(judged)), judged, note=f"{detail}; {note}" if note else detail
    )
