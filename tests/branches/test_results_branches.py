"""Scorecards: their own checks, lookups, reprs and the text report's optional lines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

import dancoso
from dancoso.model import Period
from dancoso.scoring import (
    Scorecard,
    YearResult,
    dump_scorecard,
    load_scorecard,
    render_text,
    score,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return score(dancoso.load_dossier(EXAMPLES / "co-giang-2021.json"))


def problems(data: dict[str, object]) -> list[tuple[str, str]]:
    with pytest.raises(dancoso.InvalidInput) as info:
        load_scorecard(json.dumps(data))
    return [(p.path, p.message) for p in info.value.problems]


def test_a_scorecard_above_its_maximum_with_an_unknown_band_is_refused(card: Scorecard) -> None:
    """A total above max_total and a band the scorecard does not list are both reported."""
    data = json.loads(dump_scorecard(card))
    data["band"] = "nope"
    data["total"] = 1000.0
    assert problems(data) == [
        ("$.total", "total is above max_total (100)"),
        ("$.band", "no band 'nope' among the scorecard's bands"),
        ("$.band", "a scorecard that is not rated has no band"),
    ]


def test_a_rated_scorecard_without_a_band_is_refused(card: Scorecard) -> None:
    """`rated: true` with no band is a contradiction the loader reports at $.band."""
    data = json.loads(dump_scorecard(card))
    data["rated"] = True
    data["not_rated_reason"] = None
    assert problems(data) == [("$.band", "a rated scorecard names its band")]


def test_an_unrated_scorecard_says_why(card: Scorecard) -> None:
    """A scorecard that is not rated and gives no reason is refused at $.not_rated_reason."""
    data = json.loads(dump_scorecard(card))
    data["not_rated_reason"] = None
    assert problems(data) == [("$.not_rated_reason", "say why the scorecard is not rated")]


def test_dump_scorecard_refuses_other_objects() -> None:
    """dump_scorecard() of a dossier is a DancosoError naming the wrong type."""
    dossier = dancoso.load_dossier(EXAMPLES / "co-giang-2021.json")
    with pytest.raises(
        dancoso.DancosoError, match=r"^dump_scorecard\(\) takes a Scorecard, not Dossier$"
    ):
        dump_scorecard(dossier)  # type: ignore[arg-type]


def test_an_unknown_criterion_is_a_key_error(card: Scorecard) -> None:
    """Scorecard.criterion() of an id the rubric lacks raises KeyError with that id."""
    assert card.criterion(card.criteria[1].id) is card.criteria[1]
    with pytest.raises(KeyError, match="no-such-criterion"):
        card.criterion("no-such-criterion")


def test_result_reprs_name_id_status_and_score(card: Scorecard) -> None:
    """Section, criterion and yearly results have short reprs with their key facts."""
    assert repr(card.criteria[0]) == "CriterionResult(know.items, not_applicable, score=None)"
    assert repr(card.sections[0]) == "SectionResult(know, score=0.0)"
    year = YearResult(
        period=Period(start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31)),
        value=3.0,
        score=0.75,
        years=1.0,
    )
    assert repr(year) == "YearResult(2022: 3.0 → 0.75)"


def test_the_report_names_the_gates_that_capped_the_band(card: Scorecard) -> None:
    """A scorecard capped by failed gates says which ones, in one line after the head."""
    capped = attrs.evolve(card, capped_by=("rules.regulation", "meet.dialogue"))
    lines = render_text(capped).splitlines()
    assert "band capped by failed gate(s): rules.regulation, meet.dialogue" in lines
    assert not any(line.startswith("band capped") for line in render_text(card).splitlines())


def test_the_report_omits_the_way_up_when_the_rubric_is_not_at_hand(card: Scorecard) -> None:
    """A scorecard of a rubric nobody registered still renders, without the 'to be rated' list."""
    assert "to be rated:" in render_text(card).splitlines()
    orphan = attrs.evolve(card, rubric_id="gone")
    lines = render_text(orphan).splitlines()
    assert "to be rated:" not in lines
    assert lines[0] == render_text(card).splitlines()[0]
