"""The way up: improvements beyond the sizes searched in full, and the errors on the way."""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import pytest

import dancoso
from dancoso.model import Dossier, Period, Statement, Unit, UnitKind
from dancoso.scoring import (
    Measurement,
    Registry,
    Rubric,
    Scorecard,
    ScoringError,
    improvements,
    load_rubric,
    score,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HEAD = """
id = "six"
version = "1"
title = { vi = "Sáu", en = "Six" }
unit_kinds = ["ward"]

[[regimes]]
id = "law"
title = { vi = "Luật", en = "Law" }
start = 2023-07-01

[[bands]]
id = "low"
label = { vi = "Thấp", en = "Low" }
min_total = 0

[[bands]]
id = "high"
label = { vi = "Cao", en = "High" }
min_total = 90

[[sections]]
id = "all"
title = { vi = "Tất cả", en = "All" }
"""
CRITERION = """
[[sections.criteria]]
id = "c{i}"
title = {{ vi = "Tiêu chí {i}", en = "Criterion {i}" }}
indicator = "six.c{i}"
method = "boolean"
legal_basis = [{{ act = "Law 10/2022/QH15", article = 5, clause = 1 }}]
recommendation = {{ vi = "Thực hiện", en = "Do it" }}
"""


def six(registry: Registry) -> Rubric:
    """Six yes/no criteria of equal weight; 'high' needs all six (90 of 100)."""
    for i in range(6):

        def met(*, dossier: Dossier, context: object, i: int = i) -> Measurement:
            found = [e for e in dossier.evidence if isinstance(e, Statement)]
            return Measurement.of(any(e.text == f"yes{i}" for e in found), found)

        registry.indicator(met, name=f"six.c{i}", title=(f"Tiêu chí {i}", f"Criterion {i}"))
    return load_rubric(HEAD + "".join(CRITERION.format(i=i) for i in range(6)), registry=registry)


def ward(*said: str) -> Dossier:
    return Dossier(
        unit=Unit(id="w", kind=UnitKind.WARD, name="Phường X"),
        period=Period.year(2024),
        evidence=tuple(Statement(id=f"s{n}", text=t) for n, t in enumerate(said)),
    )


def test_more_than_four_steps_are_found_by_the_greedy_search(registry: Registry) -> None:
    """Five criteria to raise (more than the sets searched in full) are all proposed, and
    meeting them reaches the band."""
    rubric = six(registry)
    card = score(ward("yes0"), rubric, registry=registry)
    assert (card.rated, card.band) == (True, "low")
    steps = improvements(card)
    assert [(s.criterion, s.current_value, s.needed_value) for s in steps] == [
        (f"c{i}", 0.0, 1.0) for i in range(1, 6)
    ]
    after = score(ward("yes0", *(f"yes{i}" for i in range(1, 6))), rubric, registry=registry)
    assert after.band == "high"


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return score(dancoso.load_dossier(EXAMPLES / "co-giang-2021.json"))


def test_an_unknown_target_band_is_refused(card: Scorecard) -> None:
    """improvements(target=...) of a band the rubric lacks lists the bands it has."""
    with pytest.raises(
        ScoringError,
        match=r"^no band 'gold' in rubric 'commune': not_completed, completed, good, excellent$",
    ):
        improvements(card, target="gold")


def test_a_scorecard_of_an_unregistered_rubric_says_so(card: Scorecard) -> None:
    """A scorecard whose rubric id nobody registered: the ScoringError of the look-up."""
    with pytest.raises(ScoringError, match=r"'gone'"):
        improvements(attrs.evolve(card, rubric_id="gone"))


def test_a_scorecard_missing_a_criterion_does_not_fit_its_rubric(card: Scorecard) -> None:
    """A scorecard lacking one criterion's result was not computed with the rubric: refused."""
    first = card.criteria[0].id
    with pytest.raises(
        ScoringError,
        match=rf"^the scorecard has no result for criterion '{first}' of rubric 'commune'",
    ):
        improvements(attrs.evolve(card, criteria=card.criteria[1:]))


def test_a_criterion_every_value_meets_is_proposed_at_a_finite_value() -> None:
    """A step that scores 1 for any value (inverse ±inf) is proposed at the least evidence
    of it, never at an infinite value nobody could record."""
    from .conftest import RUBRIC, mini_registry

    reg = mini_registry()
    text = RUBRIC.replace(
        "params = { edges = [1, 3], scores = [0, 0.5, 1] }",
        "params = { edges = [0], scores = [1, 1] }",
    )
    assert text != RUBRIC
    # the dialogue criterion out: the statements are the only way up
    start = text.index('[[sections.criteria]]\nid = "dialogue"')
    text = text[:start] + text[text.index("[[sections.criteria]]", start + 1) :]
    regime = '[[regimes]]\nid = "law"\ntitle = { vi = "Luật", en = "Law" }\n\n[[bands]]'
    text = text.replace("[[bands]]", regime, 1)
    rubric = load_rubric(text, registry=reg)
    card = score(ward(), rubric, registry=reg)
    steps = improvements(card, rubric, target="high", registry=reg)
    said = [s for s in steps if s.criterion == "said"]
    assert said
    assert all(math.isfinite(s.needed_value) for s in steps)
    assert said[0].needed_value == 0.0
