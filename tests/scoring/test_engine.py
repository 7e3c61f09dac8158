"""The engine on a toy registry: methods, aggregation, N/A policies, gates, bands, results."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

import jsonschema
import numpy as np
import pytest

import dancoso
from dancoso.model import Dossier, Period, Unit, UnitKind
from dancoso.scoring import (
    NAPolicy,
    Registry,
    Scorecard,
    ScoringError,
    Status,
    dump_scorecard,
    load_rubric,
    load_scorecard,
    score,
)
from dancoso.scoring._methods import (
    bands,
    boolean,
    geometric_mean,
    goalposts,
    minimum,
    target,
    threshold,
    weighted_mean,
)

NAN = math.nan


def arr(*xs: float) -> np.ndarray:
    return np.array(xs, dtype=float)


# --------------------------------------------------------------------------- methods
def test_goalposts_is_linear_clipped_and_keeps_missing() -> None:
    """Goalposts scale linearly between worst and best, clip to [0, 1], and keep NaN."""
    out = goalposts(arr(0.4, 0.5, 0.75, 1.0, 1.2, NAN), years=1.0, worst=0.5, best=1.0)
    assert out[:5].tolist() == [0.0, 0.0, 0.5, 1.0, 1.0]
    assert math.isnan(out[5])


def test_goalposts_reversed_rewards_lower_values() -> None:
    """With worst above best, lower values score higher."""
    assert goalposts(arr(60, 45, 30), years=1.0, worst=60, best=30).tolist() == [0.0, 0.5, 1.0]


@pytest.mark.parametrize(
    ("direction", "expected"), [("at_least", [0.0, 1.0, 1.0]), ("at_most", [1.0, 1.0, 0.0])]
)
def test_threshold_meets_at_the_threshold(direction: str, expected: list[float]) -> None:
    """A threshold is met exactly at `at`, from the side its direction says."""
    assert threshold(arr(4, 5, 6), years=1.0, at=5, direction=direction).tolist() == expected


def test_target_scales_with_the_period_length() -> None:
    """A yearly target of 2 over half a year expects 1."""
    assert target(arr(0, 1, 3), years=0.5, per_year=2).tolist() == [0.0, 1.0, 1.0]
    assert target(arr(1), years=2.0, per_year=2).tolist() == [0.25]


def test_bands_step_up_at_edges_both_ways() -> None:
    """Step bands score the band a value falls in; `at_most` rewards low values."""
    up = bands(arr(0, 5, 10, 20), years=1.0, edges=[5, 10], scores=[0, 0.5, 1])
    assert up.tolist() == [0.0, 0.5, 1.0, 1.0]
    down = bands(
        arr(40, 30, 20, 10), years=1.0, edges=[15, 30], scores=[0, 0.5, 1], direction="at_most"
    )
    assert down.tolist() == [0.0, 0.5, 0.5, 1.0]


def test_boolean_is_one_for_yes() -> None:
    """Boolean scores yes as 1 and no as 0."""
    assert boolean(arr(1, 0), years=1.0).tolist() == [1.0, 0.0]


def test_aggregators_over_rows() -> None:
    """Each aggregator works row by row; zero weights drop a child."""
    s = np.array([[1.0, 0.5], [0.25, 1.0]])
    w = np.array([[1.0, 1.0], [3.0, 0.0]])
    assert weighted_mean(scores=s, weights=w).tolist() == [0.75, 0.25]
    assert minimum(scores=s, weights=w).tolist() == [0.5, 0.25]
    geo = geometric_mean(scores=s, weights=w)
    assert geo[0] == pytest.approx(math.sqrt(0.5))
    assert geo[1] == pytest.approx(0.25)


def test_geometric_mean_is_zero_with_a_zero_child() -> None:
    """A weighted zero makes the geometric mean zero."""
    out = geometric_mean(scores=np.array([[0.0, 1.0]]), weights=np.array([[1.0, 1.0]]))
    assert out.tolist() == [0.0]


# --------------------------------------------------------------------------- rubric loading
def test_rubric_loads_and_hash_ignores_formatting(registry: Registry, toy_text: str) -> None:
    """The content hash is the same for TOML, reformatted TOML and JSON of one rubric."""
    r = load_rubric(toy_text, registry=registry)
    again = load_rubric(toy_text.replace("\n\n", "\n").replace(" = ", "="), registry=registry)
    as_json = load_rubric(dancoso.dumps(r), registry=registry)
    assert r.hash == again.hash == as_json.hash
    assert len(r.hash) == 64


def test_rubric_hash_changes_with_content(registry: Registry, toy_text: str) -> None:
    """Changing a threshold changes the hash."""
    r = load_rubric(toy_text, registry=registry)
    changed = load_rubric(toy_text.replace("per_year = 2", "per_year = 3"), registry=registry)
    assert r.hash != changed.hash


def test_unknown_names_are_reported_with_suggestions(registry: Registry, toy_text: str) -> None:
    """Unknown indicator, method, parameter and aggregator names get paths and nearest names."""
    bad = (
        toy_text.replace('"toy.dialogues"', '"toy.dialogue"')
        .replace('"goalposts"', '"goalpost"')
        .replace('id = "rules"', 'id = "rules"\naggregator = "weighted_man"')
    )
    with pytest.raises(dancoso.InvalidInput) as info:
        load_rubric(bad, registry=registry)
    assert [(p.path, p.message) for p in info.value.problems] == [
        (
            "$.sections[0].criteria[0].indicator",
            "unknown indicator 'toy.dialogue'; did you mean 'toy.dialogues'?",
        ),
        (
            "$.sections[0].criteria[1].method",
            "unknown method 'goalpost'; did you mean 'goalposts'?",
        ),
        (
            "$.sections[1].aggregator",
            "unknown aggregator 'weighted_man'; did you mean 'weighted_mean'?",
        ),
    ]


def test_bad_parameters_are_reported(registry: Registry, toy_text: str) -> None:
    """Missing, unknown and ill-typed parameters are reported at their path."""
    bad = toy_text.replace("per_year = 2", "per_yr = 2").replace(
        "worst = 0.5, best = 1.0", 'worst = "low", best = 1.0'
    )
    with pytest.raises(dancoso.InvalidInput) as info:
        load_rubric(bad, registry=registry)
    assert [(p.path, p.message) for p in info.value.problems] == [
        (
            "$.sections[0].criteria[0].params.per_yr",
            "method 'target' takes no parameter 'per_yr'; did you mean 'per_year'?",
        ),
        ("$.sections[0].criteria[0].params.per_year", "method 'target' needs 'per_year'"),
        ("$.sections[0].criteria[1].params.worst", "'worst' must be a number"),
    ]


def test_orientation_must_match_the_indicator(registry: Registry, toy_text: str) -> None:
    """Parameters that reward a worse value are refused: scores stay monotone."""
    bad = toy_text.replace("worst = 0.5, best = 1.0", "worst = 1.0, best = 0.5")
    with pytest.raises(dancoso.InvalidInput) as info:
        load_rubric(bad, registry=registry)
    assert info.value.problems[0].path == "$.sections[0].criteria[1].params"
    assert "is better when higher" in info.value.problems[0].message


def test_rubric_structure_is_validated(registry: Registry, toy_text: str) -> None:
    """Bands out of order and duplicate ids are reported together, each at its path."""
    bad = toy_text.replace("min_total = 80", "min_total = 40").replace(
        'id = "satisfaction"', 'id = "dialogue"'
    )
    with pytest.raises(dancoso.InvalidInput) as info:
        load_rubric(bad, registry=registry)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$.bands[2].min_total", "bands are listed lowest first"),
        (
            "$.sections[0].criteria[1].id",
            "duplicate id 'dialogue' (first used at $.sections[0].criteria[0].id)",
        ),
    ]


def test_a_gate_names_its_cap(registry: Registry, toy_text: str) -> None:
    """A gate without a cap band is refused at the criterion."""
    with pytest.raises(dancoso.InvalidInput) as info:
        load_rubric(toy_text.replace('cap_band = "mid"', ""), registry=registry)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$.sections[1].criteria[0].cap_band", "a gate names the band it caps at")
    ]


def test_a_rubric_file_runs_no_code(registry: Registry, toy_text: str) -> None:
    """Rubric data cannot name a Python object: only registered names resolve."""
    bad = toy_text.replace('"toy.dialogues"', '"os.system"')
    with pytest.raises(dancoso.InvalidInput):
        load_rubric(bad, registry=registry)


# --------------------------------------------------------------------------- scoring
def test_score_totals_bands_and_points(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """Scores, points and the total agree: points add up to the total."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=1.0, regulation=True), r, registry=registry)
    assert (sc.total, sc.band, sc.capped_by, sc.coverage) == (100.0, "high", (), 1.0)
    assert sum(c.points for c in sc.criteria) == pytest.approx(sc.total)
    assert {c.id: c.status for c in sc.criteria} == dict.fromkeys(
        ("dialogue", "satisfaction", "regulation"), Status.MET
    )


def test_failed_gate_caps_the_band(registry: Registry, toy_text: str, make_dossier: Any) -> None:
    """A gate recorded as not met caps the band, whatever the total."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=1.0, regulation=False), r, registry=registry)
    assert (sc.total, sc.uncapped_band, sc.band, sc.capped_by) == (
        50.0,
        "mid",
        "mid",
        (),
    )
    assert sc.criterion("regulation").status is Status.NOT_MET
    assert sc.criterion("regulation").recommendation is not None
    # the cap shows once the total would reach above it: "rules" weighs as much as "meet"
    heavy = load_rubric(
        toy_text.replace('id = "meet"', 'id = "meet"\nweight = 9'), registry=registry
    )
    sc = score(
        make_dossier(dialogues=2, satisfaction=1.0, regulation=False), heavy, registry=registry
    )
    assert (sc.total, sc.uncapped_band, sc.band, sc.capped_by) == (
        pytest.approx(90.0),
        "high",
        "mid",
        ("regulation",),
    )


def test_a_gate_without_evidence_caps_nothing(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """Silence about a gate is not its failure: no cap, and the bounds show what is unknown."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=1.0), r, registry=registry)
    assert (sc.rated, sc.total, sc.band, sc.capped_by) == (True, 100.0, "high", ())
    assert sc.criterion("regulation").status is Status.NO_EVIDENCE
    assert (sc.band_low, sc.band_high, sc.band_certain) == ("mid", "high", False)


def test_a_gate_without_evidence_withholds_the_rating_when_gates_need_evidence(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """With `gates_need_evidence`, a gate without evidence makes the scorecard not rated."""
    text = toy_text.replace(
        'unit_kinds = ["ward", "commune"]',
        'unit_kinds = ["ward", "commune"]\ngates_need_evidence = true',
    )
    r = load_rubric(text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=1.0), r, registry=registry)
    assert (sc.rated, sc.band, sc.total) == (False, None, 100.0)
    assert sc.band_label == dancoso.scoring.NOT_RATED
    assert sc.not_rated_reason is not None
    assert sc.not_rated_reason.en == "no evidence for the gate criteria regulation"
    assert [i.criterion for i in sc.improvements()] == ["regulation"]
    met = score(make_dossier(dialogues=2, satisfaction=1.0, regulation=True), r, registry=registry)
    assert (met.rated, met.band, met.not_rated_reason) == (True, "high", None)


def test_missing_evidence_is_never_zero(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A criterion without evidence has no score, and renormalisation leaves it out."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=None, regulation=True), r, registry=registry)
    c = sc.criterion("satisfaction")
    assert (c.value, c.score, c.status, c.points) == (None, None, Status.NO_EVIDENCE, 0.0)
    assert sc.total == 100.0
    assert sc.coverage == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("policy", "total", "rated", "applied"),
    [
        (NAPolicy.RENORMALISE, 100.0, True, "Renormalised over the 1 of 2 children with evidence"),
        (NAPolicy.ZERO, 75.0, True, "1 of 2 children without evidence counted as zero"),
        (
            NAPolicy.BLOCK,
            75.0,
            False,
            "1 of 2 children lack evidence: counted as zero, and the rating is withheld",
        ),
    ],
    ids=["renormalise", "zero", "block"],
)
def test_each_na_policy_does_what_it_says(
    registry: Registry,
    policy: NAPolicy,
    total: float,
    rated: bool,
    applied: str,
    toy_text: str,
    make_dossier: Any,
) -> None:
    """One of two criteria missing: renormalise drops it, zero counts 0, block counts 0 and
    withholds the rating."""
    text = toy_text.replace('id = "meet"', f'id = "meet"\nna_policy = "{policy.value}"')
    r = load_rubric(text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=None, regulation=True), r, registry=registry)
    meet = next(s for s in sc.sections if s.id == "meet")
    assert (sc.total, sc.rated, meet.na_policy, meet.applied.en) == (total, rated, policy, applied)
    assert meet.blocked is (policy is NAPolicy.BLOCK)
    if not rated:
        assert sc.not_rated_reason is not None
        assert sc.not_rated_reason.en == "section meet needs evidence for every criterion"


def test_criteria_outside_their_dates_are_not_applicable(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A criterion whose legal basis starts after the period is not applicable, and says why."""
    text = toy_text.replace('id = "dialogue"', 'id = "dialogue"\nin_force_from = 2023-07-01')
    r = load_rubric(text, registry=registry)
    sc = score(
        make_dossier(year=2021, dialogues=0, satisfaction=1.0, regulation=True),
        r,
        registry=registry,
    )
    c = sc.criterion("dialogue")
    assert (c.status, c.value, c.message.en) == (
        Status.NOT_APPLICABLE,
        None,
        "Its legal basis was not in force during the period",
    )
    assert (sc.regime, sc.total) == ("old", 100.0)


def test_target_is_scaled_to_the_part_of_the_period_in_force(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A yearly target in force for half of 2023 expects half as many events."""
    text = toy_text.replace('id = "dialogue"', 'id = "dialogue"\nin_force_from = 2023-07-01')
    r = load_rubric(text, registry=registry)
    sc = score(
        make_dossier(year=2023, dialogues=1, satisfaction=1.0, regulation=True),
        r,
        registry=registry,
    )
    assert sc.criterion("dialogue").score == pytest.approx(1.0)
    assert sc.regime == "law"


def test_criteria_for_other_unit_kinds_are_not_applicable(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A criterion limited to communes does not apply to a ward."""
    r = load_rubric(
        toy_text.replace('id = "dialogue"', 'id = "dialogue"\nunit_kinds = ["commune"]'),
        registry=registry,
    )
    sc = score(make_dossier(), r, registry=registry)
    assert sc.criterion("dialogue").message.en == "Not applicable to a ward"


def test_improvements_reach_the_next_band(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """improvements() names the fewest criteria and the value each needs for the next band."""
    r = load_rubric(toy_text, registry=registry)
    d = make_dossier(dialogues=0, satisfaction=0.6, regulation=True)
    sc = score(d, r, registry=registry)
    assert (sc.total, sc.band, sc.next_band) == (pytest.approx(55.0), "mid", "high")
    (imp,) = sc.improvements()
    assert imp.criterion == "dialogue"
    assert imp.needed_value == 2.0  # a whole number of dialogues
    raised = make_dossier(dialogues=int(imp.needed_value), satisfaction=0.6, regulation=True)
    assert score(raised, r, registry=registry).band == "high"


def test_improvements_include_a_capping_gate(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """When a failed gate caps the band, the way up includes it."""
    r = load_rubric(toy_text.replace('id = "meet"', 'id = "meet"\nweight = 9'), registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=1.0, regulation=False), r, registry=registry)
    assert sc.capped_by == ("regulation",)
    assert [i.criterion for i in sc.improvements()] == ["regulation"]


def test_top_band_needs_no_improvement(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """At the top band there is nothing to reach."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(dialogues=2, satisfaction=1.0, regulation=True), r, registry=registry)
    assert (sc.next_band, sc.improvements()) == (None, ())


def test_scorecard_json_round_trips_and_validates(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A scorecard dumps to JSON, loads back equal, and validates against its schema."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(), r, registry=registry)
    text = dump_scorecard(sc)
    assert load_scorecard(text) == sc
    assert dump_scorecard(load_scorecard(text)) == text
    schema = dancoso.json_schema(Scorecard)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        json.loads(text)
    )


def test_scorecard_names_what_reproduces_it(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A scorecard carries rubric id, version, hash, regime, dossier hash and engine version."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(), r, registry=registry)
    assert (sc.rubric_id, sc.rubric_version, sc.rubric_hash) == ("toy", "1", r.hash)
    assert (sc.regime, sc.engine_version) == ("old", dancoso.__version__)
    assert len(sc.dossier_hash) == 64


def test_wrong_unit_kind_and_missing_regime_are_errors(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A rubric refuses units it does not rate and periods it has no regime for."""
    r = load_rubric(toy_text, registry=registry)
    agency = Dossier(
        unit=Unit(id="a", kind=UnitKind.STATE_AGENCY, name="Sở"), period=Period.year(2021)
    )
    with pytest.raises(ScoringError, match="rates ward, commune; unit 'a' is a state_agency"):
        score(agency, r, registry=registry)
    no_regime = load_rubric(
        toy_text.replace("end = 2023-06-30", "start = 2022-01-01\nend = 2023-06-30"),
        registry=registry,
    )
    with pytest.raises(ScoringError, match="no legal regime in force on 2021-12-31"):
        score(make_dossier(), no_regime, registry=registry)


def test_score_rejects_what_is_not_a_dossier() -> None:
    """score() says what it needs."""
    with pytest.raises(dancoso.DancosoError, match="takes a Dossier"):
        score({"unit": {}})  # type: ignore[arg-type]


def test_text_report_shows_sections_criteria_and_way_up(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """str(scorecard) lists the total, band, each criterion with its citation, and the way up."""
    r = load_rubric(toy_text, registry=registry)
    text = str(
        score(make_dossier(dialogues=0, satisfaction=0.6, regulation=True), r, registry=registry)
    )
    assert "total 55.0/100 · band Middle" in text
    assert "Law 10/2022/QH15 Art. 32.1" in text
    assert "to reach High:" in text


def test_same_input_same_bytes(registry: Registry, toy_text: str, make_dossier: Any) -> None:
    """Scoring twice gives byte-identical JSON."""
    r = load_rubric(toy_text, registry=registry)
    d = make_dossier()
    assert dump_scorecard(score(d, r, registry=registry)) == dump_scorecard(
        score(d, r, registry=registry)
    )


def test_scored_on_is_not_set_by_default(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """No clock enters a scorecard, so results are reproducible."""
    r = load_rubric(toy_text, registry=registry)
    assert score(make_dossier(), r, registry=registry).scored_on is None
    assert dt.date.today()  # the clock exists; the scorecard does not use it


def test_thin_evidence_is_not_rated(registry: Registry, toy_text: str, make_dossier: Any) -> None:
    """Below the rubric's min_coverage the scorecard is not rated; its total is provisional."""
    text = toy_text.replace(
        'unit_kinds = ["ward", "commune"]', 'unit_kinds = ["ward", "commune"]\nmin_coverage = 0.5'
    )
    r = load_rubric(text, registry=registry)
    thin = score(make_dossier(dialogues=2, satisfaction=None), r, registry=registry)
    assert (thin.total, thin.coverage, thin.rated, thin.band, thin.insufficient_evidence) == (
        100.0,
        0.25,
        False,
        None,
        True,
    )
    assert (thin.total_low, thin.total_high) == (pytest.approx(25.0), 100.0)
    assert thin.not_rated_reason is not None
    assert thin.not_rated_reason.en == "evidence covers 25% of the weight (at least 50% needed)"
    assert thin.not_rated_reason.vi == ("bằng chứng chỉ bao phủ 25% trọng số (cần ít nhất 50%)")
    text_report = str(thin)
    assert (
        "provisional total 100.0/100 (could lie anywhere in 25.0–100.0) · not rated" in text_report
    )
    assert "Low" not in text_report.splitlines()[2]  # never shown as the lowest band
    # the way up gives evidence that raises scores: satisfaction lifts coverage to 0.5
    steps = thin.improvements()
    assert [i.criterion for i in steps] == ["satisfaction"]
    assert all(i.needed_score > 0 for i in steps)
    enough = score(
        make_dossier(dialogues=2, satisfaction=1.0, regulation=True), r, registry=registry
    )
    assert (enough.rated, enough.band, enough.insufficient_evidence) == (True, "high", False)


def test_improvements_of_a_loaded_scorecard(
    registry: Registry, toy_text: str, make_dossier: Any
) -> None:
    """A scorecard read back from JSON finds the way up with its rubric, checked by hash."""
    r = load_rubric(toy_text, registry=registry)
    sc = score(make_dossier(dialogues=0, satisfaction=0.6, regulation=True), r, registry=registry)
    loaded = load_scorecard(dump_scorecard(sc))
    assert loaded.improvements(r, registry=registry) == sc.improvements()
    with pytest.raises(ScoringError, match="'toy' is not registered"):
        loaded.improvements(registry=registry)
    changed = load_rubric(toy_text.replace("per_year = 2", "per_year = 3"), registry=registry)
    with pytest.raises(ScoringError, match="is not the one this scorecard was computed with"):
        loaded.improvements(changed, registry=registry)


def test_reference_scorecard_finds_its_rubric_by_id() -> None:
    """A scorecard of a shipped rubric needs nothing more to find its way up after loading."""
    from dancoso.model import DialogueKind, DialogueTally

    d = Dossier(
        unit=Unit(id="w", kind=UnitKind.WARD, name="Phường Mẫu"),
        period=Period.year(2024),
        evidence=(
            DialogueTally(
                id="d",
                kind=DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
                period=Period.year(2024),
                count=1,
            ),
        ),
    )
    sc = score(d)
    assert load_scorecard(dump_scorecard(sc)).improvements() == sc.improvements()


def test_an_indicator_can_say_the_duty_does_not_bind(toy_text: str, make_dossier: Any) -> None:
    """A measurement marked not applicable makes its criterion not applicable, with its reason."""
    from dancoso.model import Label
    from dancoso.scoring import Measurement

    from .conftest import make_registry

    reg = make_registry()
    reason = Label(vi="Phường không có HĐND", en="The ward has no People's Council")

    @reg.indicator(name="toy.unbound", title=("Không áp dụng", "Unbound"), unit="count")
    def unbound(*, dossier: Dossier, context: object) -> Measurement:
        return Measurement.inapplicable(reason)

    text = toy_text.replace('indicator = "toy.dialogues"', 'indicator = "toy.unbound"')
    sc = score(make_dossier(), load_rubric(text, registry=reg), registry=reg)
    result = sc.criterion("dialogue")
    assert result.status is Status.NOT_APPLICABLE
    assert result.message == reason
    assert result.weight == 0.0
    assert result.points == 0.0
    # the sibling carries the whole section, as for any criterion that does not apply
    assert sc.criterion("satisfaction").weight == pytest.approx(0.5)
