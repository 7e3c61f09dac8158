"""Encoding invariance: the same facts, encoded in any documented way, give the same values.

docs/scoring.md ("How indicators count") says how each built-in indicator counts; these
properties hold the indicators to it. Facts are drawn once and encoded several ways: as
events, as tallies, as both, split or merged, reordered, under other spellings.
"""

from __future__ import annotations

import datetime as dt
import itertools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dancoso.model import (
    AnyEvidence,
    Board,
    BoardActivity,
    BoardKind,
    Body,
    BodyKind,
    CitizenReception,
    CitizenReceptionTally,
    Commendation,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Dossier,
    Evidence,
    Inspection,
    MobilisationModel,
    MobilisationModelTally,
    OversightMode,
    OversightTally,
    OversightTarget,
    Period,
    Receiver,
    Supervision,
    Tally,
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
PERIOD = Period.year(2024)
WARDS = tuple(f"w{i}" for i in range(1, 9))


def measure(name: str, d: Dossier) -> Measurement:
    context = Context(
        unit=d.unit, period=d.period, regime=regime_on(d.unit.kind, d.period.end) or LAW_10
    )
    m: Measurement = REGISTRY.get_indicator(name).compute(dossier=d, context=context)
    return m


def value(name: str, evidence: Sequence[Evidence], unit: Unit) -> float | None:
    return measure(name, dossier(unit, evidence)).value


def dossier(unit: Unit, evidence: Sequence[Evidence]) -> Dossier:
    related = (
        ()
        if unit.kind is UnitKind.WARD
        else tuple(
            Unit(id=w, kind=UnitKind.WARD, name=f"Phường {w}", parent=unit.id) for w in WARDS
        )
    )
    return Dossier(
        unit=unit,
        period=PERIOD,
        evidence=tuple(evidence),  # type: ignore[arg-type]
        related_units=related,
    )


DISTRICT_BODY = Body(kind=BodyKind.STEERING_COMMITTEE, name="Ban Chỉ đạo QCDC quận", id="bcd")
WARD = Unit(id="u", kind=UnitKind.WARD, name="Phường Thử")
DISTRICT = Unit(
    id="u",
    kind=UnitKind.URBAN_DISTRICT,
    name="Quận Thử",
    valid_until=D(2025, 6, 30),
    bodies=(DISTRICT_BODY,),
)
EMPLOYER = Unit(id="u", kind=UnitKind.NON_STATE_EMPLOYER, name="Công ty TNHH Thử")


# --------------------------------------------------------------------------- facts
@dataclass(frozen=True)
class Fact:
    """One thing that happened: what kind of thing (`key`), when, and its size (targets)."""

    key: object
    day: dt.date
    days: int = 1  # how long it lasted
    size: int = 1  # units visited, for oversight


@dataclass(frozen=True)
class CountCase:
    """A count indicator with both an event and a tally form, and how to encode facts."""

    indicator: str
    unit: Unit
    keys: tuple[object, ...]
    event: Callable[[Fact, str], Evidence]
    tally: Callable[[object, Period, Sequence[Fact], str], Tally]
    #: What each fact adds to the value (one, or its size).
    weight: Callable[[Fact], int] = lambda f: 1

    def __repr__(self) -> str:
        return self.indicator


def _dialogue(f: Fact, ident: str) -> Evidence:
    assert isinstance(f.key, DialogueKind)
    return Dialogue(id=ident, kind=f.key, held_on=f.day)


def _dialogue_tally(key: object, p: Period, facts: Sequence[Fact], ident: str) -> Tally:
    assert isinstance(key, DialogueKind)
    return DialogueTally(id=ident, kind=key, period=p, count=len(facts))


def _voter(f: Fact, ident: str) -> Evidence:
    assert isinstance(f.key, VoterContactKind)
    return VoterContact(id=ident, kind=f.key, held_on=f.day)


def _voter_tally(key: object, p: Period, facts: Sequence[Fact], ident: str) -> Tally:
    assert isinstance(key, VoterContactKind)
    return VoterContactTally(id=ident, kinds=(key,), period=p, count=len(facts))


def _reception(f: Fact, ident: str) -> Evidence:
    assert isinstance(f.key, Receiver)
    return CitizenReception(id=ident, receiver=f.key, held_on=f.day)


def _reception_tally(key: object, p: Period, facts: Sequence[Fact], ident: str) -> Tally:
    assert isinstance(key, Receiver)
    return CitizenReceptionTally(id=ident, receivers=(key,), period=p, sessions=len(facts))


def _model(f: Fact, ident: str) -> Evidence:
    return MobilisationModel(id=ident, name=f"Mô hình {ident}", recognised_on=f.day)


def _model_tally(key: object, p: Period, facts: Sequence[Fact], ident: str) -> Tally:
    n = len(facts)
    return MobilisationModelTally(id=ident, period=p, registered=n, recognised=n)


def _oversight(f: Fact, ident: str) -> Evidence:
    cls = Inspection if f.key is OversightMode.INSPECTION else Supervision
    return cls(
        id=ident,
        start=f.day,
        end=f.day + dt.timedelta(days=f.days - 1) if f.days > 1 else None,
        targets=tuple(OversightTarget(unit=w) for w in WARDS[: f.size]),
        conducted_by_body="bcd",
    )


def _oversight_tally(key: object, p: Period, facts: Sequence[Fact], ident: str) -> Tally:
    assert isinstance(key, OversightMode)
    return OversightTally(
        id=ident,
        mode=key,
        period=p,
        count=len(facts),
        targets_covered=sum(f.size for f in facts),
    )


PEOPLE = (
    DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
    DialogueKind.HEAD_PEOPLE,
    DialogueKind.PARTY_HEAD_PEOPLE,
)
MODES = (OversightMode.INSPECTION, OversightMode.SUPERVISION)
CASES = (
    CountCase("dialogue.people_count", WARD, PEOPLE, _dialogue, _dialogue_tally),
    CountCase(
        "dialogue.business_count",
        DISTRICT,
        (DialogueKind.HEAD_BUSINESSES,),
        _dialogue,
        _dialogue_tally,
    ),
    CountCase(
        "voter_contact.count",
        WARD,
        (VoterContactKind.BEFORE_SESSION, VoterContactKind.AFTER_SESSION),
        _voter,
        _voter_tally,
    ),
    CountCase(
        "reception.head_sessions",
        WARD,
        (Receiver.PEOPLES_COMMITTEE_CHAIR,),
        _reception,
        _reception_tally,
    ),
    CountCase(
        "reception.party_secretary_sessions",
        DISTRICT,
        (Receiver.PARTY_SECRETARY,),
        _reception,
        _reception_tally,
    ),
    CountCase(
        "dialogue.workplace_count",
        EMPLOYER,
        (DialogueKind.WORKPLACE_PERIODIC, DialogueKind.UNION_EMPLOYER_WORKERS),
        _dialogue,
        _dialogue_tally,
    ),
    CountCase("mobilisation.models_commended", WARD, (None,), _model, _model_tally),
    CountCase("oversight.conducted", DISTRICT, MODES, _oversight, _oversight_tally),
    CountCase(
        "oversight.units_inspected",
        DISTRICT,
        MODES,
        _oversight,
        _oversight_tally,
        weight=lambda f: f.size,
    ),
)


@st.composite
def spans(draw: st.DrawFn, within: Period = PERIOD) -> Period:
    """A sub-period of `within`."""
    a = draw(st.integers(0, within.days - 1))
    b = draw(st.integers(a, within.days - 1))
    return Period(start=within.start + dt.timedelta(a), end=within.start + dt.timedelta(b))


@st.composite
def facts_in(draw: st.DrawFn, case: CountCase, span: Period, max_size: int = 6) -> list[Fact]:
    """Facts of the case's kinds on days within `span`."""
    offsets = st.integers(0, span.days - 1)
    return draw(
        st.lists(
            st.builds(
                Fact,
                key=st.sampled_from(case.keys),
                day=offsets.map(lambda n: span.start + dt.timedelta(n)),
                days=st.integers(1, 3),
                size=st.integers(1, len(WARDS)),
            ),
            max_size=max_size,
        )
    )


def events_of(case: CountCase, facts: Sequence[Fact], prefix: str = "e") -> list[Evidence]:
    return [case.event(f, f"{prefix}{i}") for i, f in enumerate(facts)]


def tallies_of(
    case: CountCase, facts: Sequence[Fact], span: Period, prefix: str = "t"
) -> list[Evidence]:
    """One tally per kind over `span`, counting the facts of that kind."""
    return [
        case.tally(k, span, [f for f in facts if f.key == k], f"{prefix}{i}")
        for i, k in enumerate(case.keys)
    ]


def approx(x: float | None) -> object:
    return None if x is None else pytest.approx(x)


# --------------------------------------------------------------------------- tally vs events
def split_at(span: Period, cuts: Sequence[int]) -> list[Period]:
    """`span` cut into consecutive periods before each of the day offsets `cuts`."""
    bounds = [0, *sorted({c for c in cuts if 0 < c < span.days}), span.days]
    return [
        Period(start=span.start + dt.timedelta(a), end=span.start + dt.timedelta(b - 1))
        for a, b in itertools.pairwise(bounds)
    ]


@pytest.mark.parametrize("case", CASES, ids=repr)
@given(data=st.data())
def test_the_same_facts_as_events_or_tallies_give_the_same_count(
    case: CountCase, data: st.DataObject
) -> None:
    """Facts within the period count the same as events, as a tally per kind, as both, as a
    tally with only some of its events also recorded one by one, and as the tally split at
    any days into consecutive tallies whose counts add up (beside its events or not)."""
    span = data.draw(spans())
    facts = data.draw(facts_in(case, span))
    detailed = data.draw(st.lists(st.booleans(), min_size=len(facts), max_size=len(facts)))
    cuts = data.draw(st.lists(st.integers(1, span.days), max_size=3))
    events = events_of(case, facts)
    tallies = tallies_of(case, facts, span)
    some = [e for e, keep in zip(events, detailed, strict=True) if keep]
    split: list[Evidence] = []
    for j, part in enumerate(split_at(span, cuts)):
        split += tallies_of(case, [f for f in facts if f.day in part], part, prefix=f"s{j}-")
    encodings = (tallies, tallies + events, tallies + some, split, split + some)
    expected = float(sum(case.weight(f) for f in facts))
    assert [approx(expected)] * len(encodings) == [
        value(case.indicator, ev, case.unit) for ev in encodings
    ]
    assert (approx(expected) if facts else None) == value(case.indicator, events, case.unit)


# --------------------------------------------------------------------------- order
WIDE = Period(start=D(2023, 7, 1), end=D(2025, 6, 30))


@given(data=st.data())
def test_reordering_records_changes_no_indicator(data: st.DataObject) -> None:
    """Every built-in indicator gives the same measurement whatever the order of the records,
    on dossiers mixing events and tallies of every count of a unit, some straddling the
    period, with boards and commendations."""
    unit = data.draw(st.sampled_from((WARD, DISTRICT, EMPLOYER)))
    records: list[Evidence] = []
    for n, case in enumerate(c for c in CASES if c.unit is unit):
        facts = data.draw(facts_in(case, WIDE, max_size=4))
        records += events_of(case, facts, prefix=f"e{n}-")
        for j in range(data.draw(st.integers(0, 3))):
            span = data.draw(spans(within=WIDE))
            inside = [f for f in facts if f.day in span]
            records += tallies_of(case, inside, span, prefix=f"t{n}-{j}-")
    records += [
        Board(id=f"b{i}", kind=kind, members=data.draw(st.none() | st.integers(0, 9)))
        for i, kind in enumerate(data.draw(st.lists(st.sampled_from(BoardKind), max_size=3)))
    ]
    records += [
        _commendation(f"c{i}", "Quận ủy Thử", n, field)
        for i, (field, n) in enumerate(
            data.draw(
                st.lists(
                    st.tuples(st.sampled_from(QCDC_FIELDS + OTHER_FIELDS), st.integers(1, 9)),
                    max_size=3,
                )
            )
        )
    ]
    shuffled = data.draw(st.permutations(records))
    a, b = dossier(unit, records), dossier(unit, shuffled)
    for spec in REGISTRY.indicators():
        if spec.compute.__module__.startswith("dancoso.scoring._indicators."):
            assert measure(spec.name, a) == measure(spec.name, b), spec.name


# --------------------------------------------------------------------------- trips
@given(data=st.data())
def test_a_trip_counts_once_as_an_activity_and_once_per_unit_however_recorded(
    data: st.DataObject,
) -> None:
    """A trip of any length to N units is one activity and N unit visits; recorded as
    several records sharing out its targets it is still N unit visits."""
    day = data.draw(st.dates(PERIOD.start, PERIOD.end))
    n = data.draw(st.integers(1, len(WARDS)))
    days = data.draw(st.integers(1, 5))
    mode = data.draw(st.sampled_from(MODES))
    trip = _oversight(Fact(key=mode, day=day, days=days, size=n), "trip")
    one_day = attrs.evolve(trip, end=None)
    groups = data.draw(st.integers(1, n))
    shares = [WARDS[i:n:groups] for i in range(groups)]
    split = [
        attrs.evolve(trip, id=f"part{i}", targets=tuple(OversightTarget(unit=w) for w in share))
        for i, share in enumerate(shares)
    ]
    activities = [1.0, 1.0]
    assert activities == [value("oversight.conducted", [r], DISTRICT) for r in (trip, one_day)]
    expected = [float(n)] * 3
    got = [value("oversight.units_inspected", ev, DISTRICT) for ev in ([trip], [one_day], split)]
    assert expected == got


# --------------------------------------------------------------------------- boards
COMMUNE = Unit(id="u", kind=UnitKind.COMMUNE, name="Xã Thử")
BOARD_UNITS = (
    COMMUNE,
    Unit(id="u", kind=UnitKind.STATE_AGENCY, name="Sở Thử"),
    Unit(id="u", kind=UnitKind.STATE_OWNED_ENTERPRISE, name="Công ty Thử"),
)
BOARD_STATES = ("pib.constituted", "cisb.active")


@st.composite
def boards(draw: st.DrawFn) -> tuple[Unit, Board]:
    """A board record in place during the period: dated by its term or set-up day, or not."""
    unit = draw(st.sampled_from(BOARD_UNITS))
    kind = draw(
        st.sampled_from(
            (BoardKind.PEOPLES_INSPECTION_BOARD, BoardKind.COMMUNITY_INVESTMENT_SUPERVISION_BOARD)
        )
    )
    members = draw(st.none() | st.integers(0, 12))
    dating = draw(st.sampled_from(("term", "established", "undated")))
    term = Period.years(2023, 2025) if dating == "term" else None
    established = D(2022, 3, 1) if dating == "established" else None
    board = Board(id="b", kind=kind, members=members, term=term, established_on=established)
    return unit, board


@st.composite
def activities_of(draw: st.DrawFn, board: Board) -> BoardActivity:
    """An activity of `board` within the period, with any counts."""
    counts = st.none() | st.integers(0, 5)
    return BoardActivity(
        id="a",
        board="b",
        board_kind=board.kind,
        period=draw(spans()),
        supervisions=draw(counts),
        reports=draw(counts),
        units_covered=draw(counts),
    )


@given(data=st.data())
def test_a_board_and_its_activity_are_one_board(data: st.DataObject) -> None:
    """A board in place reads the same alone and with an activity of it in the period."""
    unit, board = data.draw(boards())
    act = data.draw(activities_of(board))
    for name in BOARD_STATES:
        assert value(name, [board], unit) == value(name, [board, act], unit), name


@given(data=st.data())
def test_an_undated_board_reads_as_one_dated_for_the_period(data: st.DataObject) -> None:
    """A board without dates gives the values of the same board with a term covering the
    period, and of the same board with an activity of it over the period."""
    unit, board = data.draw(boards())
    undated = attrs.evolve(board, term=None, established_on=None)
    dated = attrs.evolve(board, term=PERIOD, established_on=None)
    act = BoardActivity(id="a", board="b", board_kind=board.kind, period=PERIOD, supervisions=1)
    for name in BOARD_STATES:
        expected = value(name, [dated], unit)
        assert expected == value(name, [undated], unit), name
        assert expected == value(name, [undated, act], unit), name


# --------------------------------------------------------------------------- names
NAMES = (
    (UnitKind.PROVINCIAL_CITY, "Thành phố", "Thành ủy", "Phan Rang-Tháp Chàm"),
    (UnitKind.PROVINCE, "Tỉnh", "Tỉnh ủy", "Bà Rịa-Vũng Tàu"),
    (UnitKind.PROVINCE, "Tỉnh", "Tỉnh ủy", "Hòa Bình"),
    (UnitKind.URBAN_DISTRICT, "Quận", "Quận ủy", "Đống Đa"),
    (UnitKind.RURAL_DISTRICT, "Huyện", "Huyện ủy", "Thủy Nguyên"),
)
DASHES = ("-", "\u2013", "\u2014", " - ", " \u2013 ", "\u2011")


def _new_tone_style(text: str) -> str:
    """ "Hòa" as "Hoà", "ủy" as "uỷ": the tone on the second vowel, as many write it."""
    return text.replace("òa", "oà").replace("ủy", "uỷ").replace("Ủy", "Uỷ")


VARIANTS: tuple[Callable[[str], str], ...] = (
    lambda s: unicodedata.normalize("NFD", s),
    lambda s: s.replace(" ", "  "),
    lambda s: s.replace(" ", "\u00a0"),
    str.upper,
    str.lower,
    _new_tone_style,
    lambda s: f" {s} ",
)


@st.composite
def spellings(draw: st.DrawFn, text: str) -> str:
    """`text` with its hyphens as any dash, and any variants of case, spaces, form, tones."""
    out = "".join(draw(st.sampled_from(DASHES)) if ch == "-" else ch for ch in text)
    for variant in draw(st.lists(st.sampled_from(VARIANTS), max_size=4)):
        out = variant(out)
    return out


def _commendation(
    ident: str, by: str, n: int, field: str | None = "thực hiện QCDC"
) -> Commendation:
    return Commendation(
        id=ident, awarded_by=by, awarded_on=D(2024, 12, 20), recipient_count=n, field=field
    )


@given(data=st.data())
def test_spellings_of_a_name_give_the_same_commendation_count(data: st.DataObject) -> None:
    """The awarding body and the unit's name match under NFC or NFD, any dash, doubled or
    odd spaces, case and old or new tone placement, written either way round."""
    kind, prefix, party, core = data.draw(st.sampled_from(NAMES))
    name = f"{prefix} {core}"
    committee = Body(kind=BodyKind.OTHER, name="Hội đồng Thi đua - Khen thưởng", id="hdtd")
    unit = Unit(id="u", kind=kind, name=name, valid_until=D(2025, 6, 30), bodies=(committee,))
    written = data.draw(spellings(name))
    spelt = attrs.evolve(unit, name=written)
    n = data.draw(st.integers(1, 60))
    by_party = _commendation("a", f"{party} {core}", n)
    by_party_spelt = _commendation("a", data.draw(spellings(f"{party} {core}")), n)
    by_body_spelt = _commendation("a", data.draw(spellings(committee.name)), n)
    expected = [float(n)] * 4
    got = [
        value("commendation.awarded", [by_party], unit),
        value("commendation.awarded", [by_party_spelt], unit),
        value("commendation.awarded", [by_party], spelt),
        value("commendation.awarded", [by_body_spelt], unit),
    ]
    assert expected == got


OTHER_FIELDS = (
    "phong trào thể dục thể thao",
    "công tác phòng, chống dịch COVID-19",
    "hoàn thành xuất sắc nhiệm vụ năm",
    "xây dựng nông thôn mới",
    "thi đua yêu nước",
    None,
)
QCDC_FIELDS = (
    "thực hiện quy chế dân chủ ở cơ sở",
    "thực hiện QCDC ở cơ sở",
    "Phong trào thi đua “Dân vận khéo”",
    "công tác dân vận",
    "thực hiện dân chủ cơ sở",
)


@given(
    qcdc=st.lists(st.tuples(st.sampled_from(QCDC_FIELDS), st.integers(1, 30)), max_size=4),
    other=st.lists(st.tuples(st.sampled_from(OTHER_FIELDS), st.integers(1, 60)), max_size=4),
)
def test_commendations_of_other_fields_do_not_count(
    qcdc: list[tuple[str, int]], other: list[tuple[str | None, int]]
) -> None:
    """Awards for other fields, or stating none, change nothing: the count is the recipients
    of the grassroots-democracy and mass-mobilisation awards (missing when there is none)."""
    ours = [_commendation(f"q{i}", "Quận ủy Thử", n, f) for i, (f, n) in enumerate(qcdc)]
    theirs = [_commendation(f"o{i}", "Quận ủy Thử", n, f) for i, (f, n) in enumerate(other)]
    expected = float(sum(n for _, n in qcdc)) if qcdc else None
    assert expected == value("commendation.awarded", ours, DISTRICT)
    assert expected == value("commendation.awarded", ours + theirs, DISTRICT)


@given(counts=st.lists(st.integers(1, 20), min_size=1, max_size=5))
def test_one_commendation_or_several_give_the_same_count(counts: list[int]) -> None:
    """One decision commending N recipients counts as decisions commending parts of them."""
    one = [_commendation("a", "Quận ủy Thử", sum(counts))]
    many = [_commendation(f"a{i}", "Quận ủy Thử", n) for i, n in enumerate(counts)]
    named = [
        attrs.evolve(c, recipient_count=None, recipients=tuple(f"X{j}" for j in range(n)))
        for c, n in zip(many, counts, strict=True)
    ]
    expected = [float(sum(counts))] * 3
    assert expected == [value("commendation.awarded", ev, DISTRICT) for ev in (one, many, named)]


def test_voter_contact_tallies_hold_only_their_kinds() -> None:
    """Two tallies by kind, with the meetings of one kind also recorded, count every meeting."""
    before = VoterContactKind.BEFORE_SESSION
    after = VoterContactKind.AFTER_SESSION
    tallies: list[AnyEvidence] = [
        VoterContactTally(id="tb", kinds=(before,), period=PERIOD, count=2),
        VoterContactTally(id="ta", kinds=(after,), period=PERIOD, count=2),
    ]
    events = [VoterContact(id=f"e{m}", kind=before, held_on=D(2024, m, 1)) for m in (3, 9)]
    expected = 4.0
    assert expected == value("voter_contact.count", [*tallies, *events], WARD)
