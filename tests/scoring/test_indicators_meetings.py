"""Meeting indicators: dialogues with people and businesses, year-end conferences, voters."""

from __future__ import annotations

import datetime as dt

import pytest

from dancoso.model import (
    AnyEvidence,
    Conference,
    ConferenceKind,
    ConferenceTally,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Dossier,
    Period,
    Ratio,
    Unit,
    UnitKind,
    VoterContact,
    VoterContactKind,
    VoterContactTally,
)
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._indicators._util import LAW_10, regime_on
from dancoso.scoring._measure import Context, Measurement

D = dt.date
Y2024 = Period.year(2024)
K = DialogueKind


def dossier(
    *evidence: AnyEvidence,
    kind: UnitKind = UnitKind.COMMUNE,
    period: Period = Y2024,
    communities: int | None = None,
) -> Dossier:
    unit = Unit(id="u", kind=kind, name="Xã Thử", residential_communities=communities)
    villages = tuple(
        Unit(id=f"v{i}", kind=UnitKind.VILLAGE, name=f"Thôn {i}", parent="u") for i in (1, 2, 3)
    )
    return Dossier(unit=unit, period=period, evidence=evidence, related_units=villages)


def measure(name: str, d: Dossier, regime: str | None = None) -> Measurement:
    regime = regime or regime_on(d.unit.kind, d.period.end) or LAW_10
    context = Context(unit=d.unit, period=d.period, regime=regime)
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def dialogue(ident: str, kind: DialogueKind, day: dt.date) -> Dialogue:
    return Dialogue(id=ident, kind=kind, held_on=day)


def tally(ident: str, kind: DialogueKind, period: Period, count: int) -> DialogueTally:
    return DialogueTally(id=ident, kind=kind, period=period, count=count)


# --------------------------------------------------------------------------- dialogues
PEOPLE = "dialogue.people_count"
BUSINESS = "dialogue.business_count"


@pytest.mark.parametrize("name", [PEOPLE, BUSINESS])
def test_dialogue_counts_are_missing_without_evidence(name: str) -> None:
    """No dialogue of the kinds counted gives a missing value, not zero."""
    d = dossier(dialogue("x", K.WORKPLACE_PERIODIC, D(2024, 3, 1)))
    assert measure(name, d).is_missing


def test_people_count_counts_dialogues_of_the_period() -> None:
    """UBND, head and Party-head dialogues of the period count; other kinds and years do not."""
    d = dossier(
        dialogue("a", K.PEOPLES_COMMITTEE_PEOPLE, D(2024, 3, 1)),
        dialogue("b", K.PARTY_HEAD_PEOPLE, D(2024, 9, 1)),
        dialogue("c", K.HEAD_BUSINESSES, D(2024, 9, 1)),
        dialogue("d", K.PEOPLES_COMMITTEE_PEOPLE, D(2023, 9, 1)),
        dialogue("e", K.HEAD_PEOPLE, D(2024, 10, 1)),
    )
    m = measure(PEOPLE, d)
    expected = (3.0, ("a", "b", "e"))
    assert expected == (m.value, m.evidence)


def test_people_count_pro_rates_tallies() -> None:
    """A tally straddling the period adds its count in proportion to the days inside."""
    span = Period(start=D(2023, 7, 1), end=D(2024, 6, 30))
    m = measure(PEOPLE, dossier(tally("t", K.PEOPLES_COMMITTEE_PEOPLE, span, 12)))
    expected = (pytest.approx(12 * 182 / 366), ("t",))
    assert expected == (m.value, m.evidence)


def test_people_count_never_counts_an_event_twice() -> None:
    """A tally includes the events of its kind in its period: only the rest is added."""
    d = dossier(
        dialogue("a", K.PEOPLES_COMMITTEE_PEOPLE, D(2024, 2, 1)),
        dialogue("b", K.PARTY_HEAD_PEOPLE, D(2024, 3, 1)),
        tally("q1", K.PEOPLES_COMMITTEE_PEOPLE, Period.quarter(2024, 1), 3),
        tally("q3", K.PARTY_HEAD_PEOPLE, Period.quarter(2024, 3), 2),
    )
    m = measure(PEOPLE, d)
    expected = (6.0, ("a", "b", "q1", "q3"))
    assert expected == (m.value, m.evidence)


def test_business_count_counts_events_and_tallies_at_a_local_unit() -> None:
    """Dialogues with businesses count at a province as at a commune, in the period only."""
    d = dossier(
        dialogue("a", K.HEAD_BUSINESSES, D(2024, 2, 1)),
        dialogue("old", K.HEAD_BUSINESSES, D(2023, 2, 1)),
        tally("h2", K.HEAD_BUSINESSES, Period(start=D(2024, 7, 1), end=D(2024, 12, 31)), 2),
        kind=UnitKind.PROVINCE,
    )
    m = measure(BUSINESS, d)
    expected = (3.0, ("a", "h2"))
    assert expected == (m.value, m.evidence)


# --------------------------------------------------------------------------- year-end conferences
YEAR_END = "conference.year_end_coverage"


def conference(ident: str, community: str | None, day: dt.date) -> Conference:
    return Conference(
        id=ident, kind=ConferenceKind.YEAR_END_COMMUNITY, community=community, held_on=day
    )


def test_year_end_coverage_is_missing_without_evidence() -> None:
    """No year-end conference and no tally give a missing value."""
    assert measure(YEAR_END, dossier(communities=3)).is_missing


def test_year_end_coverage_counts_distinct_communities() -> None:
    """Two of three communities held it: 2/3; the commune itself and other years do not count."""
    d = dossier(
        conference("a", "v1", D(2024, 12, 10)),
        conference("b", "v1", D(2024, 12, 20)),
        conference("c", "v2", D(2024, 12, 15)),
        conference("d", "u", D(2024, 12, 15)),
        conference("e", "v3", D(2023, 12, 15)),
        communities=3,
    )
    m = measure(YEAR_END, d)
    expected = (2 / 3, ("a", "b", "c"))
    assert expected == (m.value, m.evidence)


def test_year_end_coverage_falls_back_to_tallies() -> None:
    """Without community events, the tally's coverage is used."""
    d = dossier(
        ConferenceTally(
            id="t",
            kind=ConferenceKind.YEAR_END_COMMUNITY,
            period=Y2024,
            coverage=Ratio(part=5, whole=5),
        ),
        ConferenceTally(
            id="other", kind=ConferenceKind.PEOPLES, period=Y2024, coverage=Ratio(share=0.2)
        ),
    )
    m = measure(YEAR_END, d)
    expected = (1.0, ("t",))
    assert expected == (m.value, m.evidence)


def test_year_end_coverage_looks_only_at_the_months_under_the_law() -> None:
    """In 2023 only conferences from 1 July count: the duty is new with the law."""
    d = dossier(
        conference("a", "v1", D(2023, 6, 20)),
        conference("b", "v2", D(2023, 12, 20)),
        communities=3,
        period=Period.year(2023),
    )
    m = measure(YEAR_END, d)
    expected = (1 / 3, ("b",))
    assert expected == (m.value, m.evidence)


def test_year_end_coverage_is_missing_before_the_law() -> None:
    """A period ending before 2023-07-01 gives a missing value whatever was held."""
    d = dossier(conference("a", "v1", D(2022, 12, 20)), communities=3, period=Period.year(2022))
    assert measure(YEAR_END, d).is_missing


# --------------------------------------------------------------------------- voter contacts
VOTERS = "voter_contact.count"


def test_voter_contacts_are_missing_without_evidence() -> None:
    """No voter contact gives a missing value."""
    assert measure(VOTERS, dossier(kind=UnitKind.PROVINCE)).is_missing


def test_voter_contacts_count_events_of_the_period() -> None:
    """Each voter contact held in the period counts one; one held after it does not."""
    d = dossier(
        VoterContact(id="a", kind=VoterContactKind.BEFORE_SESSION, held_on=D(2024, 6, 1)),
        VoterContact(id="b", kind=VoterContactKind.AFTER_SESSION, held_on=D(2025, 1, 5)),
        kind=UnitKind.PROVINCE,
    )
    m = measure(VOTERS, d)
    expected = (1.0, ("a",))
    assert expected == (m.value, m.evidence)


def test_voter_contacts_pro_rate_tallies() -> None:
    """A tally over 2024–2025 adds its count times the share of its days in 2024."""
    d = dossier(
        VoterContactTally(id="t", period=Period.years(2024, 2025), count=20),
        VoterContactTally(id="old", period=Period.years(2022, 2023), count=20),
        kind=UnitKind.PROVINCE,
    )
    m = measure(VOTERS, d)
    expected = (pytest.approx(20 * 366 / 731), ("t",))
    assert expected == (m.value, m.evidence)


def voter_contact(ident: str, day: dt.date) -> VoterContact:
    return VoterContact(id=ident, kind=VoterContactKind.BEFORE_SESSION, held_on=day)


def ward(gap: Period | None, period: Period = Y2024, *evidence: AnyEvidence) -> Dossier:
    unit = Unit(id="w", kind=UnitKind.WARD, name="Phường Thử", no_peoples_council=gap)
    return Dossier(unit=unit, period=period, evidence=evidence)


def test_voter_contacts_do_not_bind_a_ward_without_a_council() -> None:
    """A ward with no People's Council all period is not bound: the measurement says why."""
    d = ward(Period(start=D(2021, 7, 1), end=D(2025, 6, 30)), Y2024)
    m = measure(VOTERS, d)
    assert m.is_missing
    assert m.not_applicable is not None
    assert "Hội đồng nhân dân" in m.not_applicable.vi
    assert "People's Council" in m.not_applicable.en


def test_voter_contacts_count_only_the_months_with_a_council() -> None:
    """Half a year with a council: its meetings, scaled to the whole period."""
    period = Period.year(2021)
    gap = Period(start=D(2021, 7, 1), end=D(2025, 6, 30))
    d = ward(gap, period, voter_contact("a", D(2021, 3, 1)), voter_contact("b", D(2021, 9, 1)))
    m = measure(VOTERS, d)
    expected = (pytest.approx(365 / 181), ("a",))
    assert expected == (m.value, m.evidence)
    assert m.not_applicable is None


def test_voter_contacts_of_a_unit_silent_about_its_council_count_as_usual() -> None:
    """Not stating the council is never read as having none: every meeting counts."""
    d = ward(None, Y2024, voter_contact("a", D(2024, 3, 1)))
    m = measure(VOTERS, d)
    expected = (1.0, ("a",), None)
    assert expected == (m.value, m.evidence, m.not_applicable)


def test_voter_contacts_around_a_gap_inside_the_period_count_both_sides() -> None:
    """A gap in the middle of the period leaves the days before and after it."""
    period = Period.years(2020, 2026)
    gap = Period(start=D(2021, 7, 1), end=D(2025, 6, 30))
    d = ward(gap, period, voter_contact("a", D(2020, 5, 1)), voter_contact("b", D(2026, 5, 1)))
    m = measure(VOTERS, d)
    council_days = period.days - gap.days
    assert (pytest.approx(2 * period.days / council_days), ("a", "b")) == (m.value, m.evidence)


COMMITTEE = "dialogue.committee_people_count"


def test_committee_count_counts_only_the_peoples_committee_dialogue() -> None:
    """Art. 32.1: the People's Committee's dialogue counts; a Party head's does not."""
    d = dossier(
        dialogue("ubnd", K.PEOPLES_COMMITTEE_PEOPLE, D(2024, 5, 1)),
        dialogue("party", K.PARTY_HEAD_PEOPLE, D(2024, 6, 1)),
        dialogue("head", K.HEAD_PEOPLE, D(2024, 7, 1)),
    )
    m = measure(COMMITTEE, d)
    expected = (1.0, ("ubnd",))
    assert expected == (m.value, m.evidence)
    assert measure(PEOPLE, d).value == 3.0


def test_committee_count_is_missing_with_only_other_dialogues() -> None:
    """Only a Party head's dialogue: no evidence of the People's Committee's dialogue."""
    d = dossier(dialogue("party", K.PARTY_HEAD_PEOPLE, D(2024, 6, 1)))
    assert measure(COMMITTEE, d).is_missing
