"""The points-sheet reference rubric (`commune-points`) on one ward's invented dossiers.

The dossiers are made up to exercise the sheet: every criterion met, then one fact taken
away or changed at a time.
"""

from __future__ import annotations

import datetime as dt

import pytest

import dancoso
from dancoso import model as m
from dancoso.scoring import Role, Scorecard, Status

RUBRIC = dancoso.scoring.rubric("commune-points")
YEAR = m.Period.year(2024)
D = dt.date


def ratio(part: int, whole: int) -> m.Ratio:
    """A count ratio."""
    return m.Ratio(part=part, whole=whole)


def full() -> dict[str, object]:
    """Evidence for every criterion, all met (keyed so scenarios can drop or replace)."""
    ev: dict[str, object] = {
        "regulation": m.DemocracyRegulation(
            id="quy-che", title="Quy chế thực hiện dân chủ ở phường", issued_on=D(2023, 10, 2)
        ),
        "disclosures": m.DisclosureTally(
            id="cong-khai",
            period=YEAR,
            items=tuple(range(1, 15)),
            on_time=ratio(40, 40),
            register_postings=4,
        ),
        "posting": m.Disclosure(
            id="niem-yet-du-toan",
            subject="Dự toán ngân sách 2024",
            item=2,
            decided_on=D(2024, 1, 5),
            disclosed_on=D(2024, 1, 8),
            posted_days=30,
        ),
        "permanent4": m.Disclosure(
            id="qc", subject="Quy chế dân chủ", item=4, disclosed_on=D(2024, 1, 2), permanent=True
        ),
        "permanent13": m.Disclosure(
            id="tthc",
            subject="Thủ tục hành chính",
            item=13,
            disclosed_on=D(2024, 1, 2),
            permanent=True,
        ),
        "decision": m.CommunityDecision(
            id="duong-to-3",
            matter=m.CommunityMatter.CONTRIBUTIONS,
            subject="Đóng góp làm đường",
            decided_on=D(2024, 3, 10),
            households_total=120,
            households_in_favour=95,
            filed_on=D(2024, 3, 12),
        ),
        "consultation": m.Consultation(
            id="lay-y-kien",
            subject="Kế hoạch sử dụng đất",
            opened_on=D(2024, 4, 1),
            closes_on=D(2024, 4, 25),
            synthesis_published_on=D(2024, 5, 5),
        ),
        "conventions": m.ConventionTally(
            id="huong-uoc", period=YEAR, coverage=ratio(8, 8), reviewed=ratio(8, 8)
        ),
        "pib": m.Board(
            id="bttnd",
            kind=m.BoardKind.PEOPLES_INSPECTION_BOARD,
            established_on=D(2022, 12, 1),
            members=8,
            communities_represented=8,
        ),
        "pib_work": m.BoardActivity(
            id="bttnd-2024",
            period=YEAR,
            board_kind=m.BoardKind.PEOPLES_INSPECTION_BOARD,
            reports=4,
            recommendations_made=3,
            answered_in_time=3,
        ),
        "cisb": m.Board(
            id="bgsdtcd",
            kind=m.BoardKind.COMMUNITY_INVESTMENT_SUPERVISION_BOARD,
            established_on=D(2024, 2, 1),
            members=5,
        ),
        "dialogue": m.DialogueTally(
            id="doi-thoai",
            kind=m.DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
            period=YEAR,
            count=1,
        ),
        "year_end": m.ConferenceTally(
            id="hoi-nghi-cuoi-nam",
            kind=m.ConferenceKind.YEAR_END_COMMUNITY,
            period=YEAR,
            coverage=ratio(8, 8),
        ),
        "reception": m.CitizenReceptionTally(
            id="tiep-dan",
            period=YEAR,
            receivers=(m.Receiver.PEOPLES_COMMITTEE_CHAIR,),
            sessions=52,
        ),
        "satisfaction": m.Satisfaction(
            id="hai-long", period=YEAR, rate=ratio(372, 400), system_in_use=True
        ),
        "complaints": m.PetitionTally(
            id="khieu-nai",
            period=YEAR,
            kinds=(m.PetitionKind.COMPLAINT,),
            received=10,
            accepted=10,
            resolved=ratio(10, 10),
            on_time=ratio(10, 10),
        ),
        "reply": m.CitizenReception(
            id="tiep-dan-12-03",
            held_on=D(2024, 3, 12),
            receiver=m.Receiver.RECEPTION_BOARD,
            replied_on=D(2024, 3, 20),
        ),
        "complaint": m.Petition(
            id="kn-01",
            kind=m.PetitionKind.COMPLAINT,
            received_on=D(2024, 5, 2),
            accepted_on=D(2024, 5, 8),
            resolved_on=D(2024, 5, 30),
            outcome=m.PetitionOutcome.RESOLVED,
        ),
        "admin": m.AdministrativeProcedures(
            id="mot-cua", period=YEAR, received=2000, on_time=ratio(2000, 2000)
        ),
        "models": m.MobilisationModelTally(id="dvk", period=YEAR, recognised=1),
    }
    return ev


def card(ev: dict[str, object]) -> Scorecard:
    """The scorecard of the ward for 2024 with this evidence."""
    unit = m.Unit(
        id="tan-dinh", kind=m.UnitKind.WARD, name="Phường Tân Định", residential_communities=8
    )
    dossier = m.Dossier(unit=unit, period=YEAR, evidence=tuple(ev.values()))  # type: ignore[arg-type]
    return dancoso.score(dossier, RUBRIC)


def without(*keys: str) -> dict[str, object]:
    """The full evidence less some records."""
    ev = full()
    for k in keys:
        del ev[k]
    return ev


def replaced(**records: object) -> dict[str, object]:
    """The full evidence with some records replaced."""
    ev = full()
    ev.update(records)
    return ev


def test_the_sheet_has_100_points_and_a_5_point_bonus() -> None:
    """Six sections adding up to 100 points, and a bonus that carries the most to 105."""
    assert (RUBRIC.scale, RUBRIC.max_total) == (100.0, 105.0)
    assert [s.points for s in RUBRIC.sections] == [25, 15, 10, 20, 20, 10]
    roles = [c.role for c in RUBRIC.criteria()]
    assert (roles.count(Role.DEDUCTION), roles.count(Role.BONUS)) == (2, 1)
    vetoes = {c.id: c.cap_band for c in RUBRIC.criteria() if c.gate}
    assert vetoes == {"veto.pib": "not_rated", "veto.regulation": "not_completed"}


def test_every_duty_met_with_a_model_earns_105() -> None:
    """All met: 100 points, and the bonus for a recognised model: 105, excellent, certain."""
    sc = card(full())
    assert (round(sc.total, 6), sc.rated, sc.band, sc.band_certain) == (
        105.0,
        True,
        "excellent",
        True,
    )
    assert sum(c.points for c in sc.criteria) == pytest.approx(sc.total)
    assert sc.criterion("do.models_bonus").points == pytest.approx(5.0)


def test_without_the_model_the_bonus_is_only_a_bound() -> None:
    """No word of models: no bonus, but the upper bound keeps it."""
    sc = card(without("models"))
    assert (round(sc.total, 6), round(sc.total_high, 6), sc.band) == (100.0, 105.0, "excellent")


def test_late_complaints_take_points_off() -> None:
    """Two of ten complaints resolved late: the deduction takes its 5 points."""
    late = m.PetitionTally(
        id="khieu-nai",
        period=YEAR,
        kinds=(m.PetitionKind.COMPLAINT,),
        received=10,
        accepted=10,
        resolved=ratio(10, 10),
        on_time=ratio(8, 10),
    )
    sc = card(without("complaint") | {"complaints": late})
    deduction = sc.criterion("supervise.complaints_late")
    assert (deduction.role, deduction.points) == (Role.DEDUCTION, pytest.approx(-5.0))
    assert round(sc.total, 6) == 100.0


def test_a_regulation_issued_too_late_vetoes_the_rating_down() -> None:
    """The regulation issued after the year: whatever the points, "không hoàn thành"."""
    late = m.DemocracyRegulation(id="quy-che", title="Quy chế", issued_on=D(2025, 3, 1))
    sc = card(replaced(regulation=late))
    assert (sc.rated, sc.uncapped_band, sc.band, sc.capped_by) == (
        True,
        "excellent",
        "not_completed",
        ("veto.regulation",),
    )


def test_a_board_too_small_withholds_the_rating() -> None:
    """A People's Inspection Board of three: the veto leaves the ward not rated."""
    small = m.Board(
        id="bttnd",
        kind=m.BoardKind.PEOPLES_INSPECTION_BOARD,
        established_on=D(2022, 12, 1),
        members=3,
    )
    sc = card(replaced(pib=small))
    assert (sc.rated, sc.band) == (False, None)
    assert sc.not_rated_reason is not None
    assert sc.not_rated_reason.en == "the veto criteria veto.pib are not met"


@pytest.mark.parametrize(
    ("missing", "reason"),
    [
        (("regulation",), "no evidence for the gate criteria veto.regulation"),
        (("pib", "pib_work"), "no evidence for the gate criteria veto.pib"),
    ],
    ids=["regulation", "pib"],
)
def test_silence_on_a_veto_withholds_the_rating(missing: tuple[str, ...], reason: str) -> None:
    """A dossier silent on a veto cannot be rated: the sheet's vetoes need evidence."""
    sc = card(without(*missing))
    assert (sc.rated, sc.band) == (False, None)
    assert sc.not_rated_reason is not None
    assert sc.not_rated_reason.en == reason


def test_an_invalid_decision_takes_points_off() -> None:
    """A contribution passed by 51 % of households, below the majority Art. 21.1 asks."""
    bad = m.CommunityDecision(
        id="duong-to-3",
        matter=m.CommunityMatter.CONTRIBUTIONS,
        subject="Đóng góp làm đường",
        decided_on=D(2024, 3, 10),
        households_total=120,
        households_in_favour=61,
        filed_on=D(2024, 3, 12),
    )
    sc = card(replaced(decision=bad))
    assert sc.criterion("discuss.decisions_invalid").points == pytest.approx(-3.0)
    assert round(sc.total, 6) == 102.0


def test_recurring_duties_without_evidence_earn_nothing() -> None:
    """No dialogue and no year-end conference: their points are not earned (zero), and the
    bounds show what they could be."""
    sc = card(without("dialogue", "year_end"))
    assert sc.criterion("supervise.dialogue").status is Status.NO_EVIDENCE
    assert sc.criterion("supervise.dialogue").points == 0.0
    assert round(sc.total, 6) == 95.0
    assert round(sc.total_high, 6) == 105.0


def test_thin_evidence_is_not_rated() -> None:
    """Only the regulation and the board: far below half of the points, not rated."""
    sc = card({k: v for k, v in full().items() if k in {"regulation", "pib"}})
    assert (sc.rated, sc.band, sc.insufficient_evidence) == (False, None, True)
    assert sc.total_low <= sc.total <= sc.total_high


def test_the_text_report_shows_points() -> None:
    """The report prints points against their maxima, and the total against 105."""
    text = str(card(full()))
    assert "total 105.0/105 · band Completed excellently" in text
    assert "■ Know: disclosure — score 1.00, 25.0/25.0 pts" in text
    assert "✓ know.items                         score 1.00   10.0/10 pts" in text
