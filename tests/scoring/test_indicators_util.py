"""Helpers of the built-in indicators: working days, limits, schedules, regimes, combining."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from dancoso.model import (
    Dialogue,
    DialogueKind,
    DialogueTally,
    Period,
    Ratio,
    Satisfaction,
    UnitKind,
)
from dancoso.scoring._indicators._util import (
    Limit,
    SharePart,
    combine_counts,
    combine_shares,
    dated,
    fold_name,
    from_day,
    ratio_part,
    regime_on,
    same_kind,
    sessions_per_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        pytest.param(D(2024, 3, 1), D(2024, 3, 8), 5, id="friday-to-friday"),
        pytest.param(D(2024, 3, 1), D(2024, 3, 2), 0, id="friday-to-saturday"),
        pytest.param(D(2024, 3, 1), D(2024, 3, 4), 1, id="friday-to-monday"),
        pytest.param(D(2024, 3, 4), D(2024, 3, 4), 0, id="same-day"),
        pytest.param(D(2024, 3, 2), D(2024, 3, 3), 0, id="weekend-only"),
        pytest.param(D(2024, 3, 8), D(2024, 3, 1), -5, id="backwards"),
        pytest.param(D(2024, 1, 1), D(2024, 12, 31), 261, id="a-year"),
    ],
)
def test_working_days_between_counts_weekdays_after_the_start(
    a: dt.date, b: dt.date, expected: int
) -> None:
    """Working days are the Mondays to Fridays after the first date up to the second."""
    assert expected == working_days_between(a, b)


@pytest.mark.parametrize(
    ("limit", "end", "expected"),
    [
        pytest.param(Limit(5, working=True), D(2024, 3, 8), True, id="5wd-on-the-day"),
        pytest.param(Limit(5, working=True), D(2024, 3, 11), False, id="5wd-a-day-late"),
        pytest.param(Limit(5), D(2024, 3, 6), True, id="5d-on-the-day"),
        pytest.param(Limit(5), D(2024, 3, 7), False, id="5d-a-day-late"),
    ],
)
def test_limits_count_days_or_working_days(limit: Limit, end: dt.date, expected: bool) -> None:
    """A limit is met up to and including its last day (from Friday 2024-03-01)."""
    assert expected == limit.met(D(2024, 3, 1), end)


@pytest.mark.parametrize(
    ("schedule", "per_year"),
    [
        pytest.param("hằng tuần", 365.25 / 7, id="hang-tuan"),
        pytest.param("Thứ Năm hàng tuần", 365.25 / 7, id="hang-tuan-grave"),
        pytest.param("weekly", 365.25 / 7, id="weekly"),
        pytest.param("hằng tháng", 12.0, id="monthly"),
        pytest.param("2 ngày/tháng", 24.0, id="two-a-month"),
        pytest.param("1 ngày / tuần", 365.25 / 7, id="one-a-week"),
    ],
)
def test_schedules_are_read_as_sessions_per_day(schedule: str, per_year: float) -> None:
    """Written schedules give a number of sessions per day."""
    rate = sessions_per_day(schedule)
    assert rate is not None
    expected = pytest.approx(per_year)
    assert expected == rate * 365.25


def test_an_unreadable_schedule_gives_none() -> None:
    """A schedule with no frequency is not read."""
    assert sessions_per_day("khi có yêu cầu") is None


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        pytest.param(UnitKind.WARD, D(2023, 6, 30), "ordinance-34-2007", id="ward-before-law"),
        pytest.param(UnitKind.WARD, D(2023, 7, 1), "law-10-2022", id="ward-law"),
        pytest.param(UnitKind.WARD, D(2007, 6, 30), None, id="ward-before-ordinance"),
        pytest.param(UnitKind.PROVINCE, D(2020, 1, 1), "ordinance-34-2007", id="province"),
        pytest.param(UnitKind.STATE_AGENCY, D(2016, 1, 1), "decree-04-2015", id="agency"),
        pytest.param(UnitKind.STATE_AGENCY, D(2015, 2, 24), None, id="agency-before"),
        pytest.param(
            UnitKind.STATE_OWNED_ENTERPRISE, D(2022, 1, 1), "decree-145-2020", id="soe-145"
        ),
        pytest.param(
            UnitKind.STATE_OWNED_ENTERPRISE, D(2018, 1, 1), "labour-code-2012", id="soe-2012"
        ),
        pytest.param(UnitKind.STATE_OWNED_ENTERPRISE, D(2024, 1, 1), "law-10-2022", id="soe-law"),
        pytest.param(
            UnitKind.NON_STATE_EMPLOYER, D(2024, 1, 1), "labour-code-2019", id="private-2019"
        ),
        pytest.param(UnitKind.VILLAGE, D(2024, 1, 1), None, id="village"),
    ],
)
def test_regime_on_follows_the_catalogue(kind: UnitKind, day: dt.date, expected: str) -> None:
    """The regime of a unit kind on a day is the one the catalogue lists for that span."""
    assert expected == regime_on(kind, day)


def test_from_day_keeps_the_part_from_a_date() -> None:
    """The part of a period from a date is cut at that date; none when the period ends first."""
    expected = (Period(start=D(2023, 7, 1), end=D(2023, 12, 31)), None)
    assert expected == (
        from_day(Period.year(2023), D(2023, 7, 1)),
        from_day(Period.year(2022), D(2023, 7, 1)),
    )


@pytest.mark.parametrize(
    ("days", "span", "expected"),
    [
        pytest.param((D(2024, 5, 1), D(2024, 4, 1)), None, D(2024, 5, 1), id="first-date"),
        pytest.param((None,), Period.years(2023, 2024), D(2024, 12, 31), id="span-end"),
        pytest.param((None,), Period.years(2024, 2025), D(2024, 12, 31), id="span-clipped"),
        pytest.param((None,), Period.year(2020), None, id="span-outside"),
        pytest.param((None,), None, None, id="undated"),
    ],
)
def test_dated_places_a_record(
    days: tuple[dt.date | None, ...], span: Period | None, expected: dt.date | None
) -> None:
    """A record is placed at its first date, else at its span's last day within the period."""
    assert expected == dated(*days, span=span, within=Period.year(2024))


def _tally(ident: str, period: Period, count: int) -> DialogueTally:
    return DialogueTally(
        id=ident, period=period, kind=DialogueKind.PEOPLES_COMMITTEE_PEOPLE, count=count
    )


def test_combine_counts_adds_what_tallies_hold_beyond_their_events() -> None:
    """A tally includes the events in its period: only what it counts beyond them is added."""
    q1 = _tally("q1", Period.quarter(2024, 1), 4)
    h2 = _tally("h2", Period(start=D(2024, 7, 1), end=D(2025, 6, 30)), 10)
    held = Dialogue(id="e", kind=DialogueKind.PEOPLES_COMMITTEE_PEOPLE, held_on=D(2024, 2, 1))
    event = (held.held_on, held, 1.0)
    m = combine_counts([event], [(q1, 4.0), (h2, 10.0)], Period.year(2024), what="dialogues")
    expected = (pytest.approx(1 + 3 + 10 * 184 / 365), ("e", "h2", "q1"))
    assert expected == (m.value, m.evidence)


def test_combine_counts_takes_the_events_when_a_tally_counts_fewer() -> None:
    """A tally counting no more than the events recorded in its period adds nothing."""
    q1 = _tally("q1", Period.quarter(2024, 1), 1)
    events = [
        (d, Dialogue(id=f"e{d.month}", kind=q1.kind, held_on=d), 1.0)
        for d in (D(2024, 1, 9), D(2024, 2, 9))
    ]
    m = combine_counts(events, [(q1, 1.0)], Period.year(2024), what="dialogues")
    expected = (2.0, ("e1", "e2"), True)
    assert expected == (m.value, m.evidence, "no larger than the events" in (m.note or ""))


def test_combine_counts_uses_events_outside_the_period_to_place_a_tally() -> None:
    """Events of a straddling tally that fall before the period are not counted again in it."""
    span = Period(start=D(2023, 7, 1), end=D(2024, 6, 30))
    t = _tally("t", span, 2)
    before = Dialogue(id="old", kind=t.kind, held_on=D(2023, 9, 1))
    m = combine_counts([(before.held_on, before, 1.0)], [(t, 2.0)], Period.year(2024), what="x")
    expected = (pytest.approx(182 / 366), ("t",))
    assert expected == (m.value, m.evidence)


def test_combine_counts_matches_events_to_the_tallies_that_hold_them() -> None:
    """With `holds`, an event is included only by tallies counting the same thing (its kind)."""
    tally = DialogueTally(
        id="t", period=Period.year(2024), kind=DialogueKind.PARTY_HEAD_PEOPLE, count=4
    )
    held = Dialogue(id="e", kind=DialogueKind.PEOPLES_COMMITTEE_PEOPLE, held_on=D(2024, 2, 1))
    events = [(held.held_on, held, 1.0)]
    keyed = combine_counts(events, [(tally, 4.0)], Period.year(2024), what="x", holds=same_kind)
    unkeyed = combine_counts(events, [(tally, 4.0)], Period.year(2024), what="x")
    expected = (5.0, 4.0)
    assert expected == (keyed.value, unkeyed.value)


def test_combine_counts_sets_estimates_aside_where_events_fall() -> None:
    """An estimate (a schedule) counts only where no event falls in its period."""
    held = Dialogue(id="e", kind=DialogueKind.PEOPLES_COMMITTEE_PEOPLE, held_on=D(2024, 2, 1))
    events = [(held.held_on, held, 1.0)]
    q1 = _tally("q1", Period.quarter(2024, 1), 0)
    q2 = _tally("q2", Period.quarter(2024, 2), 0)
    m = combine_counts(events, [], Period.year(2024), what="x", estimates=[(q1, 13.0), (q2, 13.0)])
    expected = (14.0, ("e", "q2"), True)
    assert expected == (m.value, m.evidence, "set aside because events fall" in (m.note or ""))


def test_fold_name_makes_spellings_of_one_name_agree() -> None:
    """NFD, en and em dashes, doubled and odd spaces, case and old tone placement fold away."""
    spellings = [
        "Thành ủy Phan Rang-Tháp Chàm",
        unicodedata.normalize("NFD", "Thành ủy Phan Rang-Tháp Chàm"),
        "Thành uỷ Phan Rang – Tháp Chàm",
        "THÀNH ỦY  Phan Rang\u00a0—\u00a0Tháp Chàm",
        " Thành ủy Phan\u200b Rang\u2011Tháp Chàm ",
    ]
    expected = {"thành uỷ phan rang-tháp chàm"}
    assert expected == {fold_name(s) for s in spellings}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Hòa Bình", "Hoà Bình", id="oa"),
        pytest.param("khỏe", "khoẻ", id="oe"),
        pytest.param("Thủy", "Thuỷ", id="uy"),
        pytest.param("Quý", "Qúy", id="qu"),
    ],
)
def test_fold_name_folds_tone_placement(a: str, b: str) -> None:
    """Old and new tone placement on oa, oe and uy give one name."""
    assert fold_name(a) == fold_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("Quận 1", "Quận 10", id="number"),
        pytest.param("Hoà", "Hoả", id="tone"),
        pytest.param("Đống Đa", "Dong Da", id="letters"),
    ],
)
def test_fold_name_keeps_different_names_apart(a: str, b: str) -> None:
    """Folding changes the form of a name, never which name it is."""
    assert fold_name(a) != fold_name(b)


def test_combine_counts_is_missing_without_events_or_tallies() -> None:
    """No events and no tallies give a missing count, never zero."""
    assert combine_counts([], [], Period.year(2024), what="dialogues").is_missing


def test_combine_shares_sums_counts_when_all_records_have_them() -> None:
    """Shares with counts behind them are combined by summing the counts."""
    p = Period.year(2024)
    a = Satisfaction(id="a", period=p, rate=Ratio(part=90, whole=100))
    b = Satisfaction(id="b", period=p, rate=Ratio(part=10, whole=100))
    parts = [x for x in (ratio_part(a, a.rate, p), ratio_part(b, b.rate, p)) if x is not None]
    expected = pytest.approx(0.5)
    assert expected == combine_shares(parts, what="rates").value


def test_combine_shares_averages_by_days_when_a_count_is_missing() -> None:
    """Without counts for every record, shares are averaged, weighted by days covered."""
    a = Satisfaction(id="a", period=Period.year(2024), rate=Ratio(part=9, whole=10))
    parts = [
        SharePart(value=1.0, weight=None, days=100, record=a),
        SharePart(value=0.5, weight=1000, days=300, record=a),
    ]
    expected = pytest.approx(0.625)
    assert expected == combine_shares(parts, what="rates").value
