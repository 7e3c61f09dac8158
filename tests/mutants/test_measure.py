"""Mutants of `scoring/_measure.py`: who a criterion applies to, over which span, year by year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from dancoso import DancosoError, dumps
from dancoso.model import (
    Dialogue,
    DialogueKind,
    DialogueTally,
    Dossier,
    Label,
    Period,
    Unit,
    UnitKind,
)
from dancoso.scoring import (
    Measurement,
    Registry,
    Rubric,
    Status,
    load_rubric,
    overlap_fraction,
    pro_rata,
    score,
    tallies_in,
)
from dancoso.scoring._measure import calendar_years, records_of, stable_key, years_in_force

D = dt.date


def dossier(
    *evidence: Any, kind: UnitKind = UnitKind.WARD, period: Period | None = None
) -> Dossier:
    return Dossier(
        unit=Unit(id="u", kind=kind, name="Đơn vị X"),
        period=period or Period.year(2024),
        evidence=tuple(evidence),
    )


def dialogue(day: dt.date, rid: str) -> Dialogue:
    return Dialogue(id=rid, kind=DialogueKind.HEAD_PEOPLE, held_on=day)


def on(rubric: Rubric, indicator: str, registry: Registry) -> Rubric:
    """The same rubric with its criteria reading `indicator` instead of `m.dialogues`."""
    return load_rubric(dumps(rubric).replace('"m.dialogues"', f'"{indicator}"'), registry=registry)


# --------------------------------------------------------------------------- unit kinds
@pytest.fixture
def kinds_rubric(build: Callable[..., Rubric], crit: Any, sect: Any) -> Rubric:
    """A criterion on an indicator defined for communes only, the criterion naming no kind;
    and one the criterion itself limits to communes."""
    return build(
        sect(
            "s",
            crit("own", "m.commune_only", "boolean"),
            crit(
                "listed",
                "m.dialogues",
                "target",
                "per_year = 1",
                extra='unit_kinds = ["commune"]\n',
            ),
            crit("all", "m.dialogues", "target", "per_year = 1"),
        )
    )


def test_the_indicators_own_unit_kinds_decide(kinds_rubric: Rubric, registry: Registry) -> None:
    """An indicator defined for communes only does not apply to a ward, nor score for it."""
    ward = score(dossier(dialogue(D(2024, 3, 1), "d1")), kinds_rubric, registry=registry)
    own = ward.criterion("own")
    assert (own.status, own.value, own.score) == (Status.NOT_APPLICABLE, None, None)
    assert own.message.en == "Not applicable to a ward"
    assert ward.criterion("listed").status is Status.NOT_APPLICABLE
    assert ward.criterion("all").status is Status.MET
    assert ward.total == 100.0


def test_a_commune_gets_the_commune_criteria(kinds_rubric: Rubric, registry: Registry) -> None:
    """For the kind the indicator and criterion name, both apply and score."""
    commune = score(
        dossier(dialogue(D(2024, 3, 1), "d1"), kind=UnitKind.COMMUNE),
        kinds_rubric,
        registry=registry,
    )
    assert [c.status for c in commune.criteria] == [Status.MET] * 3
    assert commune.criterion("own").value == 1.0


# --------------------------------------------------------------------------- span in force
@pytest.fixture
def in_force(build: Callable[..., Rubric], crit: Any, sect: Any) -> Rubric:
    """Two dialogues a year, the duty in force from 1 July 2024 only."""
    return build(
        sect(
            "s",
            crit(
                "d", "m.dialogues", "target", "per_year = 2", extra="in_force_from = 2024-07-01\n"
            ),
        )
    )


def test_an_indicator_is_measured_over_the_part_in_force(
    in_force: Rubric, registry: Registry
) -> None:
    """Dialogues before the duty came into force do not count; the target is prorated."""
    d = dossier(
        dialogue(D(2024, 2, 1), "early1"),
        dialogue(D(2024, 3, 1), "early2"),
        dialogue(D(2024, 9, 1), "late"),
    )
    c = score(d, in_force, registry=registry).criterion("d")
    assert (c.value, c.years, c.score) == (1.0, 0.5, 1.0)
    assert c.evidence == ("late",)


def test_before_the_duty_nothing_is_measured(in_force: Rubric, registry: Registry) -> None:
    """Only dialogues before the duty: in force for half a year, it counts none of them."""
    d = dossier(dialogue(D(2024, 2, 1), "early1"), dialogue(D(2024, 3, 1), "early2"))
    c = score(d, in_force, registry=registry).criterion("d")
    assert (c.value, c.score, c.status) == (0.0, 0.0, Status.NOT_MET)


def test_outside_the_dates_in_force_it_does_not_apply(in_force: Rubric, registry: Registry) -> None:
    """A period wholly before the duty: not applicable, and it says the law was not in force."""
    d = dossier(dialogue(D(2023, 2, 1), "d"), period=Period.year(2023))
    c = score(d, in_force, registry=registry).criterion("d")
    assert (c.status, c.value, c.years) == (Status.NOT_APPLICABLE, None, None)
    assert c.message.en == "Its legal basis was not in force during the period"


# --------------------------------------------------------------------------- year by year
@pytest.fixture
def two_years(build: Callable[..., Rubric], crit: Any, sect: Any) -> Rubric:
    return build(sect("s", crit("d", "m.dialogues", "target", "per_year = 2")))


def test_a_yearly_duty_is_scored_year_by_year(two_years: Rubric, registry: Registry) -> None:
    """Over two years, four dialogues all in the first year meet only that year's target."""
    d = dossier(
        *(dialogue(D(2023, m, 1), f"d{m}") for m in (1, 2, 3, 4)),
        period=Period.years(2023, 2024),
    )
    c = score(d, two_years, registry=registry).criterion("d")
    assert [(y.period.start.year, y.value, y.score, y.years) for y in c.per_year] == [
        (2023, 4.0, 1.0, 1.0),
        (2024, 0.0, 0.0, 1.0),
    ]
    assert c.score == 0.5
    assert c.yearly_split_unknown is False


def test_a_tally_spanning_years_cannot_be_split(two_years: Rubric, registry: Registry) -> None:
    """Totals reaching across the turn of the year are scored over the whole span."""
    tally = DialogueTally(
        id="t", kind=DialogueKind.HEAD_PEOPLE, period=Period.years(2023, 2024), count=4
    )
    d = dossier(tally, dialogue(D(2023, 5, 1), "d"), period=Period.years(2023, 2024))
    reg = registry

    @reg.indicator(name="m.tallied", title=("Đếm", "Tallied"), unit="count")
    def tallied(*, dossier: Dossier, context: Any) -> Measurement:
        """The tallies' counts overlapping the period, without the `prorated` flag."""
        found = tallies_in(dossier, context.period, DialogueTally)
        if not found:
            return Measurement.missing()
        return Measurement.of(sum(t.count or 0 for t in found), found)

    c = score(d, on(two_years, "m.tallied", reg), registry=reg).criterion("d")
    assert c.yearly_split_unknown is True
    assert c.per_year == ()
    assert (c.value, c.score) == (4.0, 1.0)


def test_a_year_within_its_tally_splits(two_years: Rubric, registry: Registry) -> None:
    """Tallies each within a calendar year are split year by year."""
    tallies = [
        DialogueTally(id=f"t{y}", kind=DialogueKind.HEAD_PEOPLE, period=Period.year(y), count=c)
        for y, c in ((2023, 2), (2024, 1))
    ]
    reg = registry

    @reg.indicator(name="m.tallied", title=("Đếm", "Tallied"), unit="count")
    def tallied(*, dossier: Dossier, context: Any) -> Measurement:
        """The tallies' counts overlapping the period."""
        found = tallies_in(dossier, context.period, DialogueTally)
        if not found:
            return Measurement.missing()
        return Measurement.of(sum(t.count or 0 for t in found), found)

    d = dossier(*tallies, period=Period.years(2023, 2024))
    c = score(d, on(two_years, "m.tallied", reg), registry=reg).criterion("d")
    assert c.yearly_split_unknown is False
    assert [(y.value, y.score) for y in c.per_year] == [(2.0, 1.0), (1.0, 0.5)]
    assert c.score == 0.75


def test_a_prorated_measurement_cannot_be_split(two_years: Rubric, registry: Registry) -> None:
    """An indicator flagging its value as prorated is scored over the whole span."""
    reg = registry

    @reg.indicator(name="m.prorated", title=("Chia", "Prorated"), unit="count")
    def prorated(*, dossier: Dossier, context: Any) -> Measurement:
        """Four events a year, said to be prorated."""
        return Measurement.of(4 * years_in_force(context.period), prorated=True)

    d = dossier(period=Period.years(2023, 2024))
    c = score(d, on(two_years, "m.prorated", reg), registry=reg).criterion("d")
    assert c.yearly_split_unknown is True
    assert c.per_year == ()


def test_a_span_within_one_year_is_not_split(two_years: Rubric, registry: Registry) -> None:
    """A period inside one calendar year is scored as one span."""
    d = dossier(
        dialogue(D(2024, 5, 1), "d"), period=Period(start=D(2024, 1, 1), end=D(2024, 6, 30))
    )
    c = score(d, two_years, registry=registry).criterion("d")
    assert c.per_year == ()
    assert (c.value, c.years, c.score) == (1.0, 0.5, 1.0)


def test_a_span_without_evidence_is_not_split(two_years: Rubric, registry: Registry) -> None:
    """Over several years with no evidence at all, there is nothing to split."""
    c = score(dossier(period=Period.years(2023, 2024)), two_years, registry=registry).criterion("d")
    assert c.per_year == ()
    assert c.status is Status.NO_EVIDENCE


# --------------------------------------------------------------------------- helpers
def test_years_in_force_count_whole_months() -> None:
    """A year is 1, a half year 0.5 (although 181 days), two weeks 0."""
    assert years_in_force(Period.year(2023)) == 1.0
    assert years_in_force(Period(start=D(2023, 1, 1), end=D(2023, 6, 30))) == 0.5
    assert years_in_force(Period(start=D(2023, 7, 1), end=D(2023, 12, 31))) == 0.5
    assert years_in_force(Period(start=D(2023, 1, 1), end=D(2023, 1, 14))) == 0.0
    assert years_in_force(Period.years(2021, 2024)) == 4.0


def test_calendar_years_cut_at_the_turn_of_the_year() -> None:
    """A span is cut into its calendar years, the first and last partial."""
    parts = calendar_years(Period(start=D(2022, 7, 1), end=D(2024, 3, 31)))
    assert [(p.start, p.end) for p in parts] == [
        (D(2022, 7, 1), D(2022, 12, 31)),
        (D(2023, 1, 1), D(2023, 12, 31)),
        (D(2024, 1, 1), D(2024, 3, 31)),
    ]
    assert calendar_years(Period.year(2024)) == [Period.year(2024)]


def test_overlap_fraction_and_pro_rata() -> None:
    """The share of a tally's days in a period, and its count attributed to it."""
    year = Period.year(2023)
    assert overlap_fraction(year, year) == 1.0
    first_half = Period(start=D(2023, 1, 1), end=D(2023, 7, 2))
    assert overlap_fraction(year, first_half) == 183 / 365
    assert overlap_fraction(year, Period.year(2024)) == 0.0
    assert (
        overlap_fraction(Period(start=D(2023, 12, 31), end=D(2024, 1, 1)), Period.year(2024)) == 0.5
    )
    assert pro_rata(10.0, Period.years(2023, 2024), Period.year(2024)) == 10.0 * 366 / 731


def test_records_sort_by_id_then_content() -> None:
    """Records come in a stable order whatever the dossier's: ids first, then content."""
    a, b = dialogue(D(2024, 5, 1), "b"), dialogue(D(2024, 1, 1), "a")
    plain = Dialogue(kind=DialogueKind.HEAD_PEOPLE, held_on=D(2024, 2, 1))
    d = dossier(plain, a, b)
    assert records_of(d, Dialogue) == [b, a, plain]
    assert records_of(d, Dialogue) == records_of(dossier(b, plain, a), Dialogue)
    assert stable_key(a) == (False, "b")
    assert stable_key(plain)[0] is True


def test_tallies_in_keep_those_overlapping() -> None:
    """Only tallies whose period overlaps the one asked for are found."""
    t23 = DialogueTally(id="a", kind=DialogueKind.HEAD_PEOPLE, period=Period.year(2023), count=1)
    t24 = DialogueTally(id="b", kind=DialogueKind.HEAD_PEOPLE, period=Period.year(2024), count=1)
    d = dossier(t24, t23)
    assert tallies_in(d, Period.year(2024), DialogueTally) == [t24]
    assert tallies_in(d, Period.years(2023, 2024), DialogueTally) == [t23, t24]


def test_measurements_keep_their_evidence_sorted() -> None:
    """Measurements list the ids of their records once each, sorted; missing has none."""
    a, b = dialogue(D(2024, 5, 1), "b"), dialogue(D(2024, 1, 1), "a")
    m = Measurement.of(True, [a, b, a])
    assert (m.value, m.evidence, m.is_missing) == (1.0, ("a", "b"), False)
    gone = Measurement.missing("nothing")
    assert (gone.value, gone.note, gone.is_missing) == (None, "nothing", True)


def test_an_indicator_over_a_part_of_the_period_keeps_its_context(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """Measured over the part in force, an indicator still gets the unit, regime and rubric."""

    @registry.indicator(name="m.context", title=("Bối cảnh", "Context"), unit="bool")
    def context_seen(*, dossier: Dossier, context: Any) -> Measurement:
        """Met, noting the context it was given."""
        p = context.period
        return Measurement.of(
            True, note=f"{context.unit.id} {context.regime} {context.rubric_id} {p.start} {p.end}"
        )

    rubric = build(
        sect("s", crit("c", "m.context", "boolean", extra="in_force_from = 2024-07-01\n"))
    )
    c = score(dossier(), rubric, registry=registry).criterion("c")
    assert c.note == "u law m 2024-07-01 2024-12-31"


def test_an_indicator_returning_no_measurement_is_refused(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """An indicator returning something else than a Measurement gets a clear DancosoError."""

    @registry.indicator(name="m.broken", title=("Hỏng", "Broken"), unit="count")
    def broken(*, dossier: Dossier, context: Any) -> Any:
        """Returns a bare number."""
        return 3

    rubric = build(sect("s", crit("b", "m.broken", "boolean")))
    with pytest.raises(DancosoError) as info:
        score(dossier(), rubric, registry=registry)
    assert str(info.value) == "indicator 'm.broken' returned int, not a Measurement"


def test_inapplicable_measurements_keep_reason_records_and_note() -> None:
    """`Measurement.inapplicable` keeps its reason, the sorted ids of its records and a note."""
    reason = Label(vi="Không có Hội đồng nhân dân", en="No People's Council")
    a, b = dialogue(D(2024, 5, 1), "b"), dialogue(D(2024, 1, 1), "a")
    plain = Dialogue(kind=DialogueKind.HEAD_PEOPLE, held_on=D(2024, 2, 1))
    m = Measurement.inapplicable(reason, [b, plain, a], note="read from the unit")
    assert (m.value, m.evidence, m.note, m.not_applicable) == (
        None,
        ("a", "b"),
        "read from the unit",
        reason,
    )
    assert Measurement.inapplicable(reason).evidence == ()


def test_records_without_ids_sort_by_content_whatever_their_order() -> None:
    """Records without ids come in one order, by content, however the dossier lists them."""
    early = Dialogue(kind=DialogueKind.HEAD_PEOPLE, held_on=D(2024, 2, 1))
    late = Dialogue(kind=DialogueKind.HEAD_PEOPLE, held_on=D(2024, 9, 1))
    assert records_of(dossier(early, late), Dialogue) == records_of(dossier(late, early), Dialogue)


def test_a_tally_without_ids_spanning_years_is_not_split(
    two_years: Rubric, registry: Registry
) -> None:
    """A value read from a tally reaching past the year counts as spanning, by the tallies it
    names; a value naming no records is judged by the `prorated` flag alone."""

    @registry.indicator(name="m.unnamed", title=("Không tên", "Unnamed"), unit="count")
    def unnamed(*, dossier: Dossier, context: Any) -> Measurement:
        """Two dialogues in every period, naming no record."""
        return Measurement.of(2)

    c = score(
        dossier(period=Period.years(2023, 2024)),
        on(two_years, "m.unnamed", registry),
        registry=registry,
    ).criterion("d")
    assert c.yearly_split_unknown is False
    assert [(y.value, y.score) for y in c.per_year] == [(2.0, 1.0), (2.0, 1.0)]


def test_yearly_duties_in_force_over_different_spans_split_each_their_own(
    build: Callable[..., Rubric], crit: Any, sect: Any, registry: Registry
) -> None:
    """Two yearly duties in force over different spans are each cut at their own years."""
    rubric = build(
        sect(
            "s",
            crit("all", "m.dialogues", "target", "per_year = 1"),
            crit(
                "late",
                "m.dialogues",
                "target",
                "per_year = 1",
                extra="in_force_from = 2023-07-01\n",
            ),
        )
    )
    d = dossier(
        dialogue(D(2023, 3, 1), "a"), dialogue(D(2024, 3, 1), "b"), period=Period.years(2023, 2024)
    )
    card = score(d, rubric, registry=registry)
    spans = {
        c.id: [(y.period.start, y.period.end, y.value) for y in c.per_year] for c in card.criteria
    }
    assert spans == {
        "all": [(D(2023, 1, 1), D(2023, 12, 31), 1.0), (D(2024, 1, 1), D(2024, 12, 31), 1.0)],
        "late": [(D(2023, 7, 1), D(2023, 12, 31), 0.0), (D(2024, 1, 1), D(2024, 12, 31), 1.0)],
    }
