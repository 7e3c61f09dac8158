"""Verdicts on a toy registry: not rated, bounds, vetoes, points sheets, yearly duties."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest

import dancoso
from dancoso.model import (
    Dialogue,
    DialogueKind,
    DialogueTally,
    Dossier,
    Period,
    Unit,
    UnitKind,
)
from dancoso.scoring import (
    NOT_RATED,
    Registry,
    Role,
    Scorecard,
    Status,
    dump_scorecard,
    load_rubric,
    load_scorecard,
    score,
)

from .conftest import make_registry, ward_dossier

POINTS = """
id = "sheet"
version = "1"
title = { vi = "Bảng điểm", en = "Sheet" }
aggregator = "points"
na_policy = "zero"

[[regimes]]
id = "any"
title = { vi = "Mọi lúc", en = "Any" }

[[bands]]
id = "fail"
label = { vi = "Không hoàn thành", en = "Not completed" }
min_total = 0

[[bands]]
id = "pass"
label = { vi = "Hoàn thành", en = "Completed" }
min_total = 50

[[bands]]
id = "top"
label = { vi = "Xuất sắc", en = "Excellent" }
min_total = 90

[[sections]]
id = "meet"
title = { vi = "Gặp gỡ", en = "Meet" }
points = 60
aggregator = "points"
na_policy = "zero"

[[sections.criteria]]
id = "dialogue"
title = { vi = "Đối thoại", en = "Dialogue" }
indicator = "toy.dialogues"
method = "target"
params = { per_year = 2 }
points = 60
legal_basis = [{ act = "Law 10/2022/QH15", article = 32, clause = 1 }]
recommendation = { vi = "Tổ chức đối thoại", en = "Hold dialogues" }

[[sections.criteria]]
id = "unhappy"
title = { vi = "Điểm trừ: hài lòng thấp", en = "Deduction: low satisfaction" }
indicator = "toy.satisfaction"
method = "goalposts"
params = { worst = 0.5, best = 1.0 }
role = "deduction"
points = 30
policy = true
policy_note = "A test's choice."
legal_basis = [{ act = "Law 10/2022/QH15", article = 35, clause = 2, point = "a" }]
recommendation = { vi = "Khảo sát", en = "Survey" }

[[sections]]
id = "rules"
title = { vi = "Quy chế", en = "Rules" }
points = 40
aggregator = "points"

[[sections.criteria]]
id = "regulation"
title = { vi = "Quy chế dân chủ", en = "Democracy regulation" }
indicator = "toy.regulation"
method = "boolean"
points = 40
gate = true
cap_band = "fail"
legal_basis = [{ act = "Law 10/2022/QH15", article = 35, clause = 2, point = "c" }]
recommendation = { vi = "Ban hành quy chế", en = "Issue the regulation" }

[[sections.criteria]]
id = "bonus"
title = { vi = "Điểm thưởng", en = "Bonus" }
indicator = "toy.dialogues"
method = "threshold"
params = { at = 4 }
role = "bonus"
points = 5
policy = true
policy_note = "A test's choice."
legal_basis = [{ act = "Law 10/2022/QH15", article = 8, clause = 4 }]
recommendation = { vi = "Làm thêm", en = "Do more" }
"""


def ward(**facts: Any) -> Dossier:
    """The toy ward's 2024 dossier, every fact known unless told otherwise (see
    `ward_dossier`: `regulation` None says nothing of it, False records that it has none)."""
    known: dict[str, Any] = {"dialogues": 2, "satisfaction": 1.0, "regulation": True}
    return ward_dossier(year=2024, **{**known, **facts})


@pytest.fixture
def reg() -> Registry:
    return make_registry()


@pytest.fixture
def sheet(reg: Registry) -> Any:
    return load_rubric(POINTS, registry=reg)


# --------------------------------------------------------------------------- points sheets
def test_a_points_sheet_knows_its_scale_and_maximum(sheet: Any) -> None:
    """The standard total is the sections' points; bonuses add to the most it can reach."""
    assert (sheet.scale, sheet.max_total) == (100.0, 105.0)


def test_points_earned_deducted_and_added_add_up(reg: Registry, sheet: Any) -> None:
    """Each criterion's points, deductions negative, add up to the total."""
    sc = score(ward(dialogues=4, satisfaction=0.75), sheet, registry=reg)
    points = {c.id: round(c.points, 9) for c in sc.criteria}
    assert points == {"dialogue": 60.0, "unhappy": -15.0, "regulation": 40.0, "bonus": 5.0}
    assert sc.total == pytest.approx(90.0)
    assert (sc.band, sc.max_total) == ("top", 105.0)
    assert sc.criterion("unhappy").role is Role.DEDUCTION
    assert sc.criterion("unhappy").max_points == 30.0
    meet = next(s for s in sc.sections if s.id == "meet")
    assert (meet.points, meet.max_points) == (pytest.approx(60.0), pytest.approx(60.0))


def test_a_bonus_carries_the_total_past_the_scale(reg: Registry, sheet: Any) -> None:
    """Full points plus the bonus: 105 of 105."""
    sc = score(ward(dialogues=4), sheet, registry=reg)
    assert sc.total == pytest.approx(105.0)
    assert "105.0/105" in str(sc)


def test_deductions_never_take_the_total_below_zero(reg: Registry) -> None:
    """Deductions beyond the points earned leave 0, with the points still adding up."""
    text = POINTS.replace("points = 30", "points = 300").replace("min_total = 90", "min_total = 95")
    rubric = load_rubric(text, registry=reg)
    sc = score(ward(dialogues=0, satisfaction=0.5, regulation=True), rubric, registry=reg)
    assert sc.total == 0.0
    assert sum(c.points for c in sc.criteria) == pytest.approx(0.0, abs=1e-9)
    assert sc.criterion("unhappy").points == pytest.approx(-40.0)


def test_a_deduction_without_evidence_takes_nothing_but_bounds_it(
    reg: Registry, sheet: Any
) -> None:
    """Silence on a deduction takes no points off; `total_low` takes them all."""
    sc = score(ward(satisfaction=None), sheet, registry=reg)
    assert sc.criterion("unhappy").status is Status.NO_EVIDENCE
    assert sc.total == pytest.approx(100.0)
    assert sc.total_low == pytest.approx(70.0)  # 30 off, and no bonus
    assert sc.total_high == pytest.approx(100.0)  # the bonus needs 4 dialogues: it has 2


@pytest.mark.parametrize(
    ("old", "new", "message", "path"),
    [
        (
            "points = 60\nlegal_basis",
            "points = 60\nweight = 2\nlegal_basis",
            "give points or a weight, not both",
            "$.sections[0].criteria[0].weight",
        ),
        (
            'role = "bonus"\npoints = 5',
            'role = "bonus"',
            "a bonus gives its points",
            "$.sections[1].criteria[1].points",
        ),
        (
            "points = 40\ngate = true",
            'points = 40\ngate = true\nrole = "deduction"',
            "a deduction cannot be a gate",
            "$.sections[1].criteria[0].gate",
        ),
        (
            "min_total = 90",
            "min_total = 106",
            "106 is above the most the total can reach (105)",
            "$.bands[2].min_total",
        ),
        ('id = "top"', 'id = "not_rated"', "'not_rated' is reserved for vetoes", "$.bands[2].id"),
        (
            "points = 60\naggregator",
            "aggregator",
            "a points sheet gives every part points",
            "$.sections[0].points",
        ),
        (
            "points = 40\naggregator",
            "points = 45\naggregator",
            "the section is worth 45 points but its criteria add up to 40",
            "$.sections[1].points",
        ),
    ],
    ids=["both", "bonus-points", "gate-role", "band-above", "reserved", "sheet-parts", "sum"],
)
def test_points_sheets_are_validated_with_paths(
    reg: Registry, old: str, new: str, message: str, path: str
) -> None:
    """Each mistake in a points sheet is reported at its path."""
    bad = POINTS.replace(old, new, 1)
    with pytest.raises(dancoso.InvalidInput) as caught:
        load_rubric(bad, registry=reg)
    assert any(p.path == path and message in p.message for p in caught.value.problems), str(
        caught.value
    )


# --------------------------------------------------------------------------- vetoes
def test_a_veto_rates_the_unit_at_its_band_whatever_the_points(reg: Registry, sheet: Any) -> None:
    """A veto recorded as failed caps the band at its band, however high the total."""
    sc = score(ward(dialogues=4, regulation=False), sheet, registry=reg)
    assert (sc.total, sc.uncapped_band, sc.band, sc.capped_by) == (
        pytest.approx(65.0),
        "pass",
        "fail",
        ("regulation",),
    )


def test_a_veto_may_withhold_the_rating(reg: Registry) -> None:
    """`cap_band = "not_rated"`: a failed veto leaves the unit not rated."""
    rubric = load_rubric(
        POINTS.replace('cap_band = "fail"', 'cap_band = "not_rated"'), registry=reg
    )
    sc = score(ward(dialogues=4, regulation=False), rubric, registry=reg)
    assert (sc.rated, sc.band, sc.band_label) == (False, None, NOT_RATED)
    assert sc.not_rated_reason is not None
    assert sc.not_rated_reason.en == "the veto criteria regulation are not met"
    met = score(ward(dialogues=4, regulation=True), rubric, registry=reg)
    assert (met.rated, met.band) == (True, "top")


def test_a_veto_without_evidence_leaves_the_band_uncertain(reg: Registry, sheet: Any) -> None:
    """Silence on a veto caps nothing, but the band could be the veto's."""
    sc = score(ward(regulation=None), sheet, registry=reg)
    # the sheet's top counts the silent section as 0 points: 60 of 100
    assert (sc.rated, sc.total, sc.band, sc.capped_by) == (True, pytest.approx(60.0), "pass", ())
    assert (sc.band_low, sc.band_high, sc.band_certain) == ("fail", "top", False)
    assert "not certain: between Not completed and Excellent" in str(sc)


# --------------------------------------------------------------------------- not rated
def test_a_scorecard_that_is_not_rated_travels_as_json(reg: Registry, toy_text: str) -> None:
    """Not rated, with its reason and bounds, dumps and loads back and fits the schema."""
    text = toy_text.replace(
        'unit_kinds = ["ward", "commune"]', 'unit_kinds = ["ward", "commune"]\nmin_coverage = 0.9'
    )
    sc = score(
        ward(dialogues=2, satisfaction=None, regulation=None),
        load_rubric(text, registry=reg),
        registry=reg,
    )
    assert (sc.rated, sc.band, sc.provisional) == (False, None, True)
    again = load_scorecard(dump_scorecard(sc))
    assert again == sc
    schema = dancoso.json_schema(Scorecard)
    jsonschema.Draft202012Validator(schema).validate(json.loads(dump_scorecard(sc)))
    assert "not rated" in repr(sc)


def test_a_scorecard_says_whether_it_is_rated_consistently(reg: Registry, sheet: Any) -> None:
    """A loaded scorecard rated without a band, or not rated with one, is refused."""
    data = json.loads(dump_scorecard(score(ward(), sheet, registry=reg)))
    data["band"] = None
    with pytest.raises(dancoso.InvalidInput, match="a rated scorecard names its band"):
        load_scorecard(json.dumps(data))
    data["rated"] = False
    with pytest.raises(dancoso.InvalidInput, match="say why the scorecard is not rated"):
        load_scorecard(json.dumps(data))


def test_vietnamese_report_says_not_rated(reg: Registry, toy_text: str) -> None:
    """The Vietnamese text report says 'chưa đủ căn cứ xếp loại' with the reason and legend."""
    text = toy_text.replace(
        'unit_kinds = ["ward", "commune"]', 'unit_kinds = ["ward", "commune"]\nmin_coverage = 0.9'
    )
    sc = score(
        ward(satisfaction=None, regulation=None), load_rubric(text, registry=reg), registry=reg
    )
    report = dancoso.scoring.render_text(sc, lang="vi")
    assert "tổng tạm tính" in report
    assert "chưa đủ căn cứ xếp loại: bằng chứng chỉ bao phủ" in report
    assert "✓ đạt · ◐ đạt một phần" in report


# --------------------------------------------------------------------------- yearly duties
YEARLY = """
id = "yearly"
version = "1"
title = { vi = "Hằng năm", en = "Yearly" }

[[regimes]]
id = "any"
title = { vi = "Mọi lúc", en = "Any" }

[[bands]]
id = "low"
label = { vi = "Thấp", en = "Low" }
min_total = 0

[[bands]]
id = "high"
label = { vi = "Cao", en = "High" }
min_total = 90

[[sections]]
id = "meet"
title = { vi = "Gặp gỡ", en = "Meet" }

[[sections.criteria]]
id = "conference"
title = { vi = "Hội nghị hằng năm", en = "A conference every year" }
indicator = "dialogue.business_count"
method = "target"
params = { per_year = 1 }
legal_basis = [{ act = "Law 10/2022/QH15", article = 32, clause = 1 }]
recommendation = { vi = "Tổ chức hằng năm", en = "Hold one every year" }
"""


def _three_years(*evidence: object, start: dt.date = dt.date(2021, 1, 1)) -> Dossier:
    return Dossier(
        unit=Unit(id="w", kind=UnitKind.WARD, name="Phường X"),
        period=Period(start=start, end=dt.date(2023, 12, 31)),
        evidence=evidence,  # type: ignore[arg-type]
    )


def _held(*days: dt.date) -> tuple[Dialogue, ...]:
    return tuple(
        Dialogue(id=f"d{i}", kind=DialogueKind.HEAD_BUSINESSES, held_on=day)
        for i, day in enumerate(days)
    )


def test_a_surplus_one_year_does_not_make_up_for_another() -> None:
    """Two conferences in 2021 and none recorded as held in 2022 do not meet 2022's duty."""
    rubric = load_rubric(YEARLY)
    held = _held(dt.date(2021, 3, 1), dt.date(2021, 9, 1), dt.date(2023, 5, 1))
    none_2022 = DialogueTally(
        id="t2022", kind=DialogueKind.HEAD_BUSINESSES, period=Period.year(2022), count=0
    )
    sc = score(_three_years(*held, none_2022), rubric)
    c = sc.criterion("conference")
    assert [(y.period.start.year, y.value, y.score) for y in c.per_year] == [
        (2021, 2.0, 1.0),
        (2022, 0.0, 0.0),
        (2023, 1.0, 1.0),
    ]
    assert (c.value, c.score, c.status) == (3.0, pytest.approx(2 / 3), Status.PARTLY_MET)
    assert "year by year: 2021 2 (met), 2022 0 (not met), 2023 1 (met)" in c.message.en
    assert "từng năm: 2021 2 (đạt), 2022 0 (chưa đạt), 2023 1 (đạt)" in c.message.vi
    assert sc.band == "low"


def test_a_year_without_evidence_is_left_out_and_bounded() -> None:
    """A year the dossier says nothing of is left out of the mean and shows in the bounds."""
    rubric = load_rubric(YEARLY)
    sc = score(_three_years(*_held(dt.date(2021, 3, 1), dt.date(2023, 5, 1))), rubric)
    c = sc.criterion("conference")
    assert [y.value for y in c.per_year] == [1.0, None, 1.0]
    assert (c.score, sc.total) == (1.0, 100.0)
    assert (sc.total_low, sc.total_high) == (pytest.approx(200 / 3), 100.0)
    assert "2022 no evidence" in c.message.en


def test_partial_years_count_in_whole_months() -> None:
    """From July 2021: the first year weighs half, and half a conference is due in it."""
    rubric = load_rubric(YEARLY)
    held = _held(dt.date(2021, 8, 1), dt.date(2022, 3, 1))
    sc = score(_three_years(*held, start=dt.date(2021, 7, 1)), rubric)
    c = sc.criterion("conference")
    assert [(y.years, y.score) for y in c.per_year] == [(0.5, 1.0), (1.0, 1.0), (1.0, None)]
    assert "2021 (01/07–31/12)" in c.message.en


def test_a_total_spanning_years_is_scored_whole_and_says_so() -> None:
    """A tally over the three years cannot be split: scored over the span, and marked."""
    rubric = load_rubric(YEARLY)
    tally = DialogueTally(
        id="t", kind=DialogueKind.HEAD_BUSINESSES, period=Period.years(2021, 2023), count=3
    )
    c = score(_three_years(tally), rubric).criterion("conference")
    assert (c.status, c.yearly_split_unknown, c.per_year) == (Status.MET, True, ())
    assert "the per-year split is unknown" in c.message.en


def test_improving_a_yearly_duty_asks_for_every_year() -> None:
    """The way up names a value needed each year, and meeting it each year reaches the band."""
    rubric = load_rubric(YEARLY)
    none_2022 = DialogueTally(
        id="t2022", kind=DialogueKind.HEAD_BUSINESSES, period=Period.year(2022), count=0
    )
    base = (*_held(dt.date(2021, 3, 1), dt.date(2023, 5, 1)), none_2022)
    sc = score(_three_years(*base), rubric)
    (step,) = sc.improvements()
    assert (step.criterion, step.needed_value, step.per_year, step.unit) == (
        "conference",
        1.0,
        True,
        "count",
    )
    assert "≥ 1 a year" in str(sc)
    fixed = _three_years(*_held(dt.date(2021, 3, 1), dt.date(2022, 6, 1), dt.date(2023, 5, 1)))
    assert score(fixed, rubric).band == "high"
