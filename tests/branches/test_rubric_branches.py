"""Rubric checks: each structural mistake is refused at its path, and the short reprs."""

from __future__ import annotations

import pytest

import dancoso
from dancoso.scoring import Registry, Rubric, load_rubric

from .conftest import RUBRIC

SAID = "params = { edges = [1, 3], scores = [0, 0.5, 1] }"
REGIMES = """unit_kinds = ["ward"]

[[regimes]]
id = "a"
title = { vi = "A", en = "A" }
end = 2023-06-30

[[regimes]]
id = "b"
title = { vi = "B", en = "B" }
start = %s
"""


def problems(text: str, registry: Registry) -> list[tuple[str, str]]:
    with pytest.raises(dancoso.InvalidInput) as info:
        load_rubric(text, registry=registry)
    return [(p.path, p.message) for p in info.value.problems]


def test_bad_bands_parameters_are_all_reported(registry: Registry) -> None:
    """Bands with too few, out-of-range, falling scores and falling edges: four problems."""
    bad = RUBRIC.replace(SAID, "params = { edges = [3, 1], scores = [2, 0.5] }")
    at = "$.sections[0].criteria[1].params"
    assert problems(bad, registry) == [
        (at, "scores needs one more entry than edges (3, got 2)"),
        (at, "scores must lie in [0, 1]"),
        (at, "scores must not decrease"),
        (at, "edges must be strictly increasing"),
    ]


def test_bands_need_at_least_one_edge(registry: Registry) -> None:
    """An empty edge list is refused even when the scores' count fits it."""
    bad = RUBRIC.replace(SAID, "params = { edges = [], scores = [1] }")
    assert problems(bad, registry) == [
        ("$.sections[0].criteria[1].params", "edges must be strictly increasing")
    ]


def test_a_choice_parameter_outside_its_choices_is_refused(registry: Registry) -> None:
    """direction = "sideways" is refused, listing the choices the method knows."""
    bad = RUBRIC.replace(SAID, SAID[:-2] + ', direction = "sideways" }')
    assert problems(bad, registry) == [
        (
            "$.sections[0].criteria[1].params.direction",
            "'direction' must be one of at_least, at_most",
        )
    ]


def test_a_yearly_target_of_zero_is_refused(registry: Registry) -> None:
    """target with per_year = 0 would make every count meet it: refused."""
    bad = RUBRIC.replace("per_year = 2", "per_year = 0")
    assert problems(bad, registry) == [
        ("$.sections[0].criteria[0].params", "per_year must be above 0")
    ]


def test_a_policy_threshold_says_why(registry: Registry) -> None:
    """policy = true without a policy_note is refused at the criterion."""
    bad = RUBRIC.replace(
        'recommendation = { vi = "Ghi', 'policy = true\nrecommendation = { vi = "Ghi'
    )
    assert problems(bad, registry) == [
        ("$.sections[0].criteria[1].policy_note", "say why the policy threshold was chosen")
    ]


def test_the_lowest_band_starts_at_zero(registry: Registry) -> None:
    """A rubric whose lowest band starts at 5 leaves totals below 5 without a band."""
    assert problems(RUBRIC.replace("min_total = 0", "min_total = 5"), registry) == [
        ("$.bands[0].min_total", "the lowest band starts at 0")
    ]


def test_band_ids_are_unique(registry: Registry) -> None:
    """Two bands called 'low' are refused."""
    assert problems(RUBRIC.replace('id = "high"', 'id = "low"'), registry) == [
        ("$.bands", "band ids must be unique")
    ]


def test_a_rubric_needs_sections_and_bands(registry: Registry) -> None:
    """A rubric without sections, or without bands, is refused at that list."""
    sections = RUBRIC.index("[[sections]]")
    bands = RUBRIC.index("[[bands]]")
    assert problems(RUBRIC[:sections], registry) == [
        ("$.sections", "a rubric has at least one section")
    ]
    assert problems(RUBRIC[:bands] + RUBRIC[sections:], registry) == [
        ("$.bands", "a rubric has at least one band")
    ]


def test_an_empty_section_is_refused(registry: Registry) -> None:
    """A section with neither criteria nor subsections is refused at its own path."""
    bad = RUBRIC + '\n[[sections]]\nid = "empty"\ntitle = { vi = "Trống", en = "Empty" }\n'
    assert problems(bad, registry) == [
        ("$.sections[1]", "a section holds at least one criterion or subsection")
    ]


def test_a_points_sheet_gives_every_part_points(registry: Registry) -> None:
    """Under `points`, a section or a criterion without points is refused at its path."""
    top = RUBRIC.replace('unit_kinds = ["ward"]', 'unit_kinds = ["ward"]\naggregator = "points"')
    assert problems(top, registry) == [
        ("$.sections[0].points", "a points sheet gives every part points")
    ]
    inner = RUBRIC.replace(
        'title = { vi = "Gặp gỡ", en = "Meet" }',
        'title = { vi = "Gặp gỡ", en = "Meet" }\naggregator = "points"\npoints = 10',
    ).replace("params = { per_year = 2 }", "params = { per_year = 2 }\npoints = 4")
    assert problems(inner, registry) == [
        ("$.sections[0].criteria[1].points", "a points sheet gives every part points")
    ]


def test_overlapping_regimes_are_refused(registry: Registry) -> None:
    """A regime starting before the previous one ends is refused; one the day after is fine."""
    overlap = RUBRIC.replace('unit_kinds = ["ward"]\n', REGIMES % "2023-01-01")
    assert problems(overlap, registry) == [
        ("$.regimes[1].start", "regimes are listed in order, without overlap")
    ]
    fine = load_rubric(
        RUBRIC.replace('unit_kinds = ["ward"]\n', REGIMES % "2023-07-01"), registry=registry
    )
    assert [repr(r) for r in fine.regimes] == [
        "Regime(a, None..2023-06-30)",
        "Regime(b, 2023-07-01..None)",
    ]


def test_rubric_parts_have_short_reprs_and_bands_are_found_by_id(registry: Registry) -> None:
    """Sections, criteria, bands and legal bases show their ids; Rubric.band() finds a band."""
    r: Rubric = load_rubric(RUBRIC, registry=registry)
    section = r.sections[0]
    assert repr(section) == "Section(meet, 0 sections, 2 criteria)"
    assert repr(section.criteria[0]) == "Criterion(dialogue, mini.dialogues by target)"
    assert repr(section.criteria[0].legal_basis[0]) == "LegalBasis('Law 10/2022/QH15 Art. 32.1')"
    assert repr(r.band("high")) == "Band(high, ≥60)"
    assert r.band("high").min_total == 60
