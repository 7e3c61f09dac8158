"""The five reference rubrics: they load, cite the law, use only catalogued indicators,
fit their methods to the indicators, and are documented in docs/rubrics.md."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import dancoso
from dancoso.model import MottoPart, UnitKind
from dancoso.scoring import Measurement, Registry, citation_for
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS
from dancoso.scoring._rubric import (
    NOT_RATED_CAP,
    Criterion,
    NAPolicy,
    Rubric,
    Section,
    problems_against,
)

ROOT = Path(__file__).resolve().parents[2]
RUBRICS = ROOT / "src" / "dancoso" / "scoring" / "rubrics"
DOCS = ROOT / "docs" / "rubrics.md"
NAMES = ("commune", "agency", "soe", "employer", "local", "commune-points")

COMMUNE = frozenset({"commune", "ward", "special_zone", "township"})
AGENCY = frozenset({"state_agency", "public_service_unit"})
SOE = frozenset({"state_owned_enterprise"})
PRIVATE = frozenset({"non_state_employer"})
LOCAL = frozenset(
    {
        "urban_district",
        "rural_district",
        "district_town",
        "provincial_city",
        "municipal_city",
        "province",
        "central_city",
    }
)

#: The indicator catalogue (name → unit kinds it is defined for); every one is "higher is better".
CATALOGUE: dict[str, frozenset[str]] = {
    "disclosure.item_coverage": COMMUNE | AGENCY | SOE | PRIVATE,
    "disclosure.on_time_share": COMMUNE | AGENCY | SOE,
    "disclosure.posting_share": COMMUNE | AGENCY | SOE,
    "disclosure.permanent_posting": COMMUNE,
    "disclosure.register_postings": COMMUNE,
    "regulation.issued": COMMUNE | AGENCY | SOE | PRIVATE,
    "decision.valid_share": COMMUNE,
    "decision.filed_on_time_share": COMMUNE,
    "consultation.window_share": COMMUNE,
    "consultation.feedback_share": COMMUNE | AGENCY | SOE,
    "convention.coverage": COMMUNE,
    "convention.review_share": COMMUNE,
    "convention.recognised_on_time_share": COMMUNE,
    "dialogue.people_count": COMMUNE | LOCAL,
    "dialogue.committee_people_count": COMMUNE,
    "dialogue.business_count": COMMUNE | LOCAL,
    "conference.year_end_coverage": COMMUNE,
    "pib.constituted": COMMUNE | AGENCY | SOE,
    "pib.reports": COMMUNE | AGENCY | SOE,
    "board.answer_share": COMMUNE | AGENCY | SOE,
    "cisb.active": COMMUNE,
    "satisfaction.system_in_use": COMMUNE | AGENCY,
    "satisfaction.rate": COMMUNE | AGENCY | LOCAL,
    "voter_contact.count": COMMUNE | LOCAL,
    "reception.head_sessions": COMMUNE | AGENCY | LOCAL,
    "reception.party_secretary_sessions": COMMUNE | LOCAL,
    "reception.reply_on_time_share": COMMUNE | AGENCY | LOCAL,
    "complaints.accepted_on_time_share": COMMUNE | AGENCY | LOCAL,
    "complaints.resolved_on_time_share": COMMUNE | AGENCY | LOCAL,
    "complaints.resolved_share": COMMUNE | AGENCY | LOCAL,
    "denunciations.processed_on_time_share": COMMUNE | AGENCY | LOCAL,
    "admin.on_time_share": COMMUNE | AGENCY | LOCAL,
    "online.usage_share": COMMUNE | AGENCY | LOCAL,
    "online.services": COMMUNE | AGENCY | LOCAL,
    "conference.staff_held": AGENCY,
    "conference.workers_held": SOE | PRIVATE,
    "dialogue.workplace_count": SOE | PRIVATE,
    "dialogue.workplace_valid_share": SOE | PRIVATE,
    "dialogue.request_response_share": SOE | PRIVATE,
    "cba.ratified": SOE | PRIVATE,
    "mobilisation.models_commended": COMMUNE | AGENCY | LOCAL,
    "oversight.conducted": LOCAL,
    "oversight.units_inspected": LOCAL,
    "commendation.awarded": LOCAL,
}

REGIMES = {
    "commune": [
        ("ordinance-34-2007", dt.date(2007, 7, 1), dt.date(2023, 6, 30)),
        ("law-10-2022", dt.date(2023, 7, 1), None),
    ],
    "agency": [
        ("decree-04-2015", dt.date(2015, 2, 25), dt.date(2023, 6, 30)),
        ("law-10-2022", dt.date(2023, 7, 1), None),
    ],
    "soe": [
        ("labour-code-2012", dt.date(2013, 8, 15), dt.date(2020, 12, 31)),
        ("decree-145-2020", dt.date(2021, 1, 1), dt.date(2023, 6, 30)),
        ("law-10-2022", dt.date(2023, 7, 1), None),
    ],
    "employer": [
        ("labour-code-2012", dt.date(2013, 8, 15), dt.date(2020, 12, 31)),
        ("labour-code-2019", dt.date(2021, 1, 1), None),
    ],
    "local": [
        ("ordinance-34-2007", dt.date(2007, 7, 1), dt.date(2023, 6, 30)),
        ("law-10-2022", dt.date(2023, 7, 1), None),
    ],
    "commune-points": [("law-10-2022", dt.date(2023, 7, 1), None)],
}

UNIT_KINDS = {
    "commune": COMMUNE,
    "agency": AGENCY,
    "soe": SOE,
    "employer": PRIVATE,
    "local": LOCAL,
    "commune-points": COMMUNE,
}

BANDS = [
    ("not_completed", 0.0, "Không hoàn thành nhiệm vụ", "Not completed"),
    ("completed", 50.0, "Hoàn thành nhiệm vụ", "Completed"),
    ("good", 75.0, "Hoàn thành tốt nhiệm vụ", "Completed well"),
    ("excellent", 90.0, "Hoàn thành xuất sắc nhiệm vụ", "Completed excellently"),
]
#: The points sheet borrows Decree 335/2025's cut-offs (90, 70, 50) with the same labels.
POINTS_BANDS = [(i, 70.0 if i == "good" else m, vi, en) for i, m, vi, en in BANDS]


def raw(name: str) -> dict[str, Any]:
    """The parsed TOML of a reference rubric."""
    with (RUBRICS / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def build(name: str) -> Rubric:
    """A reference rubric built from its TOML."""
    return dancoso.from_data(Rubric, raw(name))


def sections(rubric: Rubric) -> list[Section]:
    """Every section and subsection of a rubric."""
    return [node for _, node in rubric.walk() if isinstance(node, Section)]


def catalogue_registry() -> Registry:
    """The built-in methods and aggregators, with a stub for every catalogued indicator."""
    reg = Registry(entry_points=False)
    for method in BUILTIN_METHODS:
        reg.method(method)
    for aggregator in BUILTIN_AGGREGATORS:
        reg.aggregator(aggregator)
    for name, kinds in CATALOGUE.items():

        def stub(*, dossier: object, context: object) -> Measurement:
            return Measurement.missing()

        reg.indicator(
            stub, name=name, title=(name, name), direction="higher", unit_kinds=sorted(kinds)
        )
    return reg


def rubric_part_of_docs(name: str) -> str:
    """The part of docs/rubrics.md from the heading naming rubric `name` to the next one."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"(?m)^(?=## )", text)
    return next(
        (p for p in parts if p.startswith("## ") and f"(`{name}`)" in p.splitlines()[0]), ""
    )


def spans_overlap(a: Criterion, b: Criterion) -> bool:
    """Whether the in-force spans of two criteria share a day."""
    a_start = a.in_force_from or dt.date.min
    a_end = a.in_force_until or dt.date.max
    b_start = b.in_force_from or dt.date.min
    b_end = b.in_force_until or dt.date.max
    return a_start <= b_end and b_start <= a_end


@pytest.mark.parametrize("name", NAMES)
def test_rubric_file_builds_with_its_id_and_version(name: str) -> None:
    """Each TOML file parses with tomllib and builds a Rubric whose id is the file stem."""
    rubric = build(name)
    assert (name, "2026.1") == (rubric.id, rubric.version)


@pytest.mark.parametrize("name", NAMES)
def test_rubric_rates_its_unit_kinds(name: str) -> None:
    """Each rubric rates exactly the unit kinds of its group."""
    expected = UNIT_KINDS[name]
    assert expected == {k.value for k in build(name).unit_kinds}


@pytest.mark.parametrize("name", NAMES)
def test_regimes_are_the_catalogue_regimes_in_date_order(name: str) -> None:
    """Each rubric lists its legal regimes, in date order, with their spans and main acts."""
    rubric = build(name)
    expected = REGIMES[name]
    assert expected == [(g.id, g.start, g.end) for g in rubric.regimes]
    assert all(g.basis for g in rubric.regimes)


@pytest.mark.parametrize("name", NAMES)
def test_bands_are_the_four_party_levels(name: str) -> None:
    """Each rubric has the four bands, with the Party's labels and the policy cut-offs."""
    rubric = build(name)
    expected = POINTS_BANDS if name == "commune-points" else BANDS
    assert expected == [(b.id, b.min_total, b.label.vi, b.label.en) for b in rubric.bands]


@pytest.mark.parametrize("name", NAMES)
def test_description_says_no_national_scale_exists(name: str) -> None:
    """Each description says plainly that no national rating scale exists."""
    description = build(name).description or ""
    assert "No national rating scale" in description
    assert "policy" in description


@pytest.mark.parametrize("name", NAMES)
def test_every_criterion_cites_an_article(name: str) -> None:
    """Every criterion cites an article, unless it is plain policy resting only on Party or
    Government policy documents, as the citation table marks them."""

    def policy_only(c: Criterion) -> bool:
        entries = [citation_for(b) for b in c.legal_basis]
        return c.policy and all(e is not None and e.not_law for e in entries)

    uncited = [
        c.id
        for c in build(name).criteria()
        if not any(b.article for b in c.legal_basis) and not policy_only(c)
    ]
    expected: list[object] = []
    assert expected == uncited


@pytest.mark.parametrize("name", NAMES)
def test_every_policy_criterion_says_why(name: str) -> None:
    """Every criterion marked as policy has a note explaining the choice."""
    silent = [c.id for c in build(name).criteria() if c.policy and not c.policy_note]
    expected: list[object] = []
    assert expected == silent


@pytest.mark.parametrize("name", NAMES)
def test_every_criterion_has_a_recommendation_citing_a_source(name: str) -> None:
    """Every recommendation, in both languages, points at the provision it rests on (an
    article, or the Party or policy document a policy criterion rests on)."""
    cite = re.compile(
        r"Art\.|Arts |Điều|Quy định|Regulation|Nghị quyết|Resolution|Chỉ thị|Directive"
    )
    missing = [
        c.id
        for c in build(name).criteria()
        if not (cite.search(c.recommendation.vi) and cite.search(c.recommendation.en))
    ]
    expected: list[object] = []
    assert expected == missing


@pytest.mark.parametrize("name", NAMES)
def test_indicators_are_in_the_catalogue(name: str) -> None:
    """Every indicator a rubric names is in the indicator catalogue."""
    unknown = sorted({c.indicator for c in build(name).criteria()} - set(CATALOGUE))
    expected: list[object] = []
    assert expected == unknown


@pytest.mark.parametrize("name", NAMES)
def test_criterion_unit_kinds_are_within_the_rubric_and_the_indicator(name: str) -> None:
    """Each criterion applies to rubric unit kinds for which its indicator is defined."""
    rubric = build(name)
    rubric_kinds = {k.value for k in rubric.unit_kinds}
    misfits = []
    for c in rubric.criteria():
        kinds = {k.value for k in c.unit_kinds} or rubric_kinds
        if not kinds <= rubric_kinds or not kinds <= CATALOGUE.get(c.indicator, frozenset()):
            misfits.append(c.id)
    expected: list[object] = []
    assert expected == misfits


@pytest.mark.parametrize("name", NAMES)
def test_methods_and_parameters_fit_the_catalogue(name: str) -> None:
    """Names, method parameters and score directions all check against the catalogue."""
    expected: list[object] = []
    assert expected == problems_against(build(name), catalogue_registry())


@pytest.mark.parametrize("name", NAMES)
def test_one_indicator_twice_only_over_disjoint_spans_or_kinds(name: str) -> None:
    """Two criteria on one indicator never apply to the same unit kind on the same day."""
    rubric = build(name)
    crits = rubric.criteria()
    clashes = []
    for i, a in enumerate(crits):
        for b in crits[i + 1 :]:
            if a.indicator != b.indicator or not spans_overlap(a, b):
                continue
            a_kinds = set(a.unit_kinds or rubric.unit_kinds)
            b_kinds = set(b.unit_kinds or rubric.unit_kinds)
            # a veto worth no points beside the criterion that scores the same fact
            veto = any(c.gate and c.points == 0 for c in (a, b))
            if a_kinds & b_kinds and not veto:
                clashes.append((a.id, b.id))
    expected: list[object] = []
    assert expected == clashes


@pytest.mark.parametrize("name", NAMES)
def test_gates_cap_at_a_band_and_at_most_two_apply_on_any_day(name: str) -> None:
    """Every rubric has a gate; each caps at one of its bands; no day has more than two."""
    rubric = build(name)
    gates = [c for c in rubric.criteria() if c.gate]
    band_ids = {b.id for b in rubric.bands} | {NOT_RATED_CAP}
    assert gates
    assert all(c.cap_band in band_ids for c in gates)
    days = {c.in_force_from for c in gates if c.in_force_from} | {dt.date(2000, 1, 1)}
    most = max(
        sum(
            (c.in_force_from or dt.date.min) <= day <= (c.in_force_until or dt.date.max)
            for c in gates
        )
        for day in days
    )
    assert most <= 2


@pytest.mark.parametrize("name", NAMES)
def test_hash_ignores_formatting(name: str) -> None:
    """The content hash is the same from the TOML and after a JSON round trip."""
    rubric = build(name)
    again = dancoso.loads(Rubric, dancoso.dumps(rubric))
    assert rubric.hash == again.hash


def test_hash_ignores_key_order() -> None:
    """Building from the same data with keys in reverse order gives the same hash."""

    def reverse(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: reverse(value[k]) for k in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(v) for v in value]
        return value

    data = json.loads(dancoso.dumps(build("commune")))
    assert build("commune").hash == dancoso.from_data(Rubric, reverse(data)).hash


def test_hashes_tell_the_rubrics_apart() -> None:
    """The five reference rubrics have five different hashes."""
    expected = len(NAMES)
    assert expected == len({build(name).hash for name in NAMES})


def test_every_aggregator_and_na_policy_is_used() -> None:
    """Across the rubrics each aggregator and each N/A policy is used at least once."""
    used = [s for name in NAMES for s in sections(build(name))]
    expected = {"weighted_mean", "geometric_mean", "minimum", "points"}
    assert expected == {s.aggregator for s in used}
    assert set(NAPolicy) == {s.na_policy for s in used}


def test_commune_sections_follow_the_motto() -> None:
    """The commune rubric's top sections are the six parts of the motto, in order."""
    rubric = build("commune")
    assert list(MottoPart) == [s.motto for s in rubric.sections]


def test_local_rubric_uses_only_local_indicators() -> None:
    """Every indicator of the local rubric is defined for district and provincial units."""
    rubric = build("local")
    outside = [c.id for c in rubric.criteria() if not LOCAL.issubset(CATALOGUE[c.indicator])]
    expected: list[str] = []
    assert expected == outside


@pytest.mark.parametrize(
    ("name", "criterion", "expected"),
    [
        ("commune", "supervise.dialogue", (dt.date(2023, 7, 1), None, {"per_year": 1.0})),
        ("commune", "supervise.year_end_conference", (dt.date(2023, 7, 1), None, None)),
        ("commune", "supervise.chair_reception", (dt.date(2014, 7, 1), None, {"per_year": 52.0})),
        ("commune", "know.register", (dt.date(2023, 7, 1), None, {"per_year": 4.0})),
        ("agency", "supervise.head_reception", (dt.date(2014, 7, 1), None, {"per_year": 12.0})),
        ("employer", "statutory.dialogue", (dt.date(2021, 1, 1), None, {"per_year": 1.0})),
        (
            "employer",
            "statutory.dialogue_quarterly",
            (dt.date(2013, 8, 15), dt.date(2020, 12, 31), {"per_year": 4.0}),
        ),
        (
            "soe",
            "dialogue.quarterly",
            (dt.date(2013, 8, 15), dt.date(2020, 12, 31), {"per_year": 4.0}),
        ),
        ("commune", "inspect.pib_reports", (dt.date(2023, 8, 15), None, {"per_year": 4.0})),
        ("agency", "inspect.pib_reports", (dt.date(2023, 8, 15), None, {"per_year": 4.0})),
        ("soe", "supervise.pib_reports", (dt.date(2023, 8, 15), None, {"per_year": 4.0})),
        ("commune", "supervise.voter_contact", (dt.date(2016, 1, 1), None, {"per_year": 2.0})),
        ("local", "dialogue.voters", (dt.date(2016, 1, 1), None, {"per_year": 4.0})),
        ("commune", "do.convention_recognition", (dt.date(2023, 8, 16), None, None)),
        ("employer", "know.items", (dt.date(2021, 2, 1), None, None)),
        (
            "local",
            "receive.chair_district",
            (dt.date(2014, 7, 1), dt.date(2025, 6, 30), {"per_year": 24.0}),
        ),
    ],
)
def test_dated_obligations(name: str, criterion: str, expected: tuple[Any, ...]) -> None:
    """Obligations that started or ended on a date carry that span and the legal frequency."""
    found = next(c for c in build(name).criteria() if c.id == criterion)
    start, end, params = expected
    assert (start, end) == (found.in_force_from, found.in_force_until)
    if params is not None:
        assert params == found.params


def test_regulation_gates_cap_at_completed() -> None:
    """Where a democracy regulation is required, failing to issue it caps the band at completed."""
    caps = {
        name: {c.cap_band for c in build(name).criteria() if c.indicator == "regulation.issued"}
        for name in ("commune", "agency", "soe", "employer")
    }
    expected = {name: {"completed"} for name in caps}
    assert expected == caps


@pytest.mark.parametrize("name", NAMES)
def test_docs_list_every_criterion_with_its_first_citation(name: str) -> None:
    """docs/rubrics.md names every criterion id and its first legal-basis citation."""
    rows = {
        line.split("|")[1].strip(): line
        for line in rubric_part_of_docs(name).splitlines()
        if line.startswith("| `")
    }
    missing = []
    for c in build(name).criteria():
        row = rows.get(f"`{c.id}`")
        if row is None or c.legal_basis[0].citation not in row:
            missing.append(c.id)
    expected: list[object] = []
    assert expected == missing


@pytest.mark.parametrize("name", NAMES)
def test_docs_have_a_section_for_each_rubric(name: str) -> None:
    """docs/rubrics.md has a heading naming each rubric id."""
    assert rubric_part_of_docs(name).startswith("## ")


def test_docs_link_only_to_existing_pages() -> None:
    """Every relative link in docs/rubrics.md points at a page that exists."""
    text = DOCS.read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text)
    missing = [t for t in targets if "://" not in t and not (DOCS.parent / t).exists()]
    expected: list[object] = []
    assert expected == missing


def test_docs_anchors_match_headings() -> None:
    """Every in-page link of docs/rubrics.md targets a heading of the page."""
    text = DOCS.read_text(encoding="utf-8")

    def slug(heading: str) -> str:
        plain = re.sub(r"[^\w\s-]", "", heading.replace("`", "")).strip().lower()
        return re.sub(r"[\s]+", "-", plain)

    slugs = {slug(line.lstrip("#")) for line in text.splitlines() if line.startswith("#")}
    anchors = re.findall(r"\]\(#([^)]+)\)", text)
    assert anchors
    expected: list[object] = []
    assert expected == [a for a in anchors if a not in slugs]


def test_unit_kind_names_in_tables_are_real() -> None:
    """The unit kinds docs/rubrics.md restricts criteria to are real unit kinds."""
    text = DOCS.read_text(encoding="utf-8")
    named = {
        k.strip() for group in re.findall(r"\(only ([a-z_, ]+)\)", text) for k in group.split(",")
    }
    assert named
    assert named <= {k.value for k in UnitKind}
