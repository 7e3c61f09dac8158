"""Nine real reports on agencies, public service units and employers hold their key facts."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, TypeVar

import pytest

import dancoso
from dancoso.model import (
    Board,
    BoardActivity,
    CollectiveAgreement,
    Commendation,
    Conference,
    ConferenceKind,
    ConferenceTally,
    DemocracyRegulation,
    Dialogue,
    DialogueKind,
    DocumentKind,
    Dossier,
    FindingKind,
    Inspection,
    MobilisationModel,
    MobilisationModelTally,
    Period,
    Ratio,
    RecipientKind,
    Statement,
    UnitKind,
)

T = TypeVar("T")

REPORTS = Path(__file__).resolve().parents[2] / "examples" / "reports"
SLUGS = [
    "cho-lon-water-periodic-dialogue-2023",
    "habeco-workers-conference-2022",
    "hue-ump-hospital-staff-conference-2022",
    "hung-yen-natural-resources-dept-inspection-2017",
    "khe-mo-primary-staff-conference-2021",
    "nghe-an-eye-hospital-staff-conference-2026",
    "pc-thanh-hoa-workers-conference-2025",
    "rang-dong-workers-conference-2023",
    "vinh-long-science-dept-dan-van-kheo-2015-2017",
]
LEDGER_HEADER = ["fact", "held_in", "slot", "approx"]
SLOTS = {"typed", "prose", "note"}
APPROX = {"exact", "approx_typed", "approx_note"}
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def _load(slug: str) -> Dossier:
    return dancoso.load_dossier(REPORTS / f"{slug}.json")


def _get(dossier: Dossier, ident: str, cls: type[T]) -> T:
    record = dossier.find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def _resolve(data: Any, path: str) -> Any:
    """The value at a JSON path such as `$.evidence[3].count` (KeyError or IndexError if none)."""
    assert path.startswith("$"), path
    rest, pos, node = path[1:], 0, data
    while pos < len(rest):
        step = _STEP.match(rest, pos)
        assert step is not None, f"{path!r}: cannot read {rest[pos:]!r}"
        node = node[step.group(1)] if step.group(1) is not None else node[int(step.group(2))]
        pos = step.end()
    return node


def _ledger(slug: str) -> list[dict[str, str]]:
    with (REPORTS / f"{slug}.ledger.tsv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        assert reader.fieldnames == LEDGER_HEADER
        return list(reader)


# --------------------------------------------------------------------------- every report


def test_the_nine_reports_are_present() -> None:
    """Each of the nine slugs has its dossier and its ledger."""
    missing = [
        name
        for slug in SLUGS
        for name in (f"{slug}.json", f"{slug}.ledger.tsv")
        if not (REPORTS / name).is_file()
    ]
    expected: list[str] = []
    assert expected == missing


@pytest.mark.parametrize("slug", SLUGS)
def test_report_round_trips_byte_for_byte(slug: str) -> None:
    """The dossier loads and dumps back to the file byte for byte."""
    path = REPORTS / f"{slug}.json"
    assert path.read_text(encoding="utf-8") == dancoso.dump_dossier(dancoso.load_dossier(path))


@pytest.mark.parametrize("slug", SLUGS)
def test_report_scores_with_the_reference_rubric(slug: str) -> None:
    """The reference rubric for the unit's kind scores the dossier with a total in [0, 100]."""
    card = dancoso.score(_load(slug))
    actual = (card.unit_id, 0.0 <= card.total <= 100.0, 0.0 <= card.coverage <= 1.0)
    assert (_load(slug).unit.id, True, True) == actual


@pytest.mark.parametrize("slug", SLUGS)
def test_report_records_its_source_and_quotes_it(slug: str) -> None:
    """One source with its address; every evidence record has an id and quotes that source."""
    dossier = _load(slug)
    (source,) = dossier.sources
    uncited = [
        e.id
        for e in dossier.evidence
        if e.id is None or e.source is None or e.source.source != source.id or not e.source.quote
    ]
    actual = (bool(source.url and source.url.startswith("http")), bool(source.publisher), uncited)
    expected: tuple[bool, bool, list[str | None]] = (True, True, [])
    assert expected == actual


@pytest.mark.parametrize("slug", SLUGS)
def test_ledger_rows_are_well_formed(slug: str) -> None:
    """Every ledger row has a fact, a known slot and a known approximation flag."""
    rows = _ledger(slug)
    bad = [
        r
        for r in rows
        if not r["fact"].strip() or r["slot"] not in SLOTS or r["approx"] not in APPROX
    ]
    actual = (len(rows) >= 10, bad)
    expected: tuple[bool, list[dict[str, str]]] = (True, [])
    assert expected == actual


@pytest.mark.parametrize("slug", SLUGS)
def test_ledger_paths_resolve_in_the_dossier(slug: str) -> None:
    """Every `held_in` path points at a value present in the dossier file."""
    data = json.loads((REPORTS / f"{slug}.json").read_text(encoding="utf-8"))
    unresolved = []
    for row in _ledger(slug):
        try:
            value = _resolve(data, row["held_in"])
        except (KeyError, IndexError, TypeError):
            unresolved.append(row["held_in"])
            continue
        if value in (None, "", [], {}):
            unresolved.append(row["held_in"])
    expected: list[str] = []
    assert expected == unresolved


@pytest.mark.parametrize("slug", SLUGS)
def test_ledger_note_slots_point_at_notes(slug: str) -> None:
    """A row in the `note` slot points at a `note` field, and only such rows do."""
    wrong = [
        (r["slot"], r["held_in"])
        for r in _ledger(slug)
        if (r["slot"] == "note") != r["held_in"].endswith(".note")
    ]
    expected: list[tuple[str, str]] = []
    assert expected == wrong


def test_resolve_rejects_a_path_that_is_not_there() -> None:
    """The ledger path check fails on an index or key the dossier does not have."""
    data = {"evidence": [{"count": 3}]}
    assert _resolve(data, "$.evidence[0].count") == 3
    with pytest.raises(IndexError):
        _resolve(data, "$.evidence[1].count")
    with pytest.raises(KeyError):
        _resolve(data, "$.evidence[0].total")


# --------------------------------------------------------------------------- key facts


def test_khe_mo_staff_conference_on_22_october_2021_under_letter_95() -> None:
    """Khe Mo held its staff conference on 22/10/2021 under official letter 95/PGDĐT of 21/9."""
    dossier = _load("khe-mo-primary-staff-conference-2021")
    conference = _get(dossier, "hoi-nghi-vc-nld-2021", Conference)
    (letter,) = _get(dossier, "cv-95-pgddt", Statement).documents
    actual = (
        dossier.unit.kind,
        conference.kind,
        conference.held_on,
        (letter.number, letter.kind, letter.issued_on),
    )
    expected = (
        UnitKind.PUBLIC_SERVICE_UNIT,
        ConferenceKind.STAFF,
        dt.date(2021, 10, 22),
        ("95/PGDĐT", DocumentKind.OFFICIAL_LETTER, dt.date(2021, 9, 21)),
    )
    assert expected == actual


def test_khe_mo_inspection_board_head_reported_once() -> None:
    """The school's People's Inspection Board, headed by Nguyễn Tiến Dũng, made one report."""
    dossier = _load("khe-mo-primary-staff-conference-2021")
    board = _get(dossier, "ban-ttnd", Board)
    activity = _get(dossier, "ban-ttnd-bao-cao", BoardActivity)
    head = board.head.name if board.head else None
    actual = (head, activity.board, activity.reports)
    expected = ("Nguyễn Tiến Dũng", "ban-ttnd", 1)
    assert expected == actual


def test_khe_mo_heard_five_contributions_kept_as_prose() -> None:
    """The "05 ý kiến tham luận" has no typed slot and is kept in a statement's text."""
    statement = _get(_load("khe-mo-primary-staff-conference-2021"), "dien-bien", Statement)
    assert "05 ý kiến tham luận" in statement.text


def test_hue_hospital_conference_year_inferred_and_attendance_not_typed() -> None:
    """The Huế conference of "22/11" has its year inferred; "hơn 200" is not stored as present."""
    dossier = _load("hue-ump-hospital-staff-conference-2022")
    conference = _get(dossier, "hoi-nghi-dai-bieu-2022", Conference)
    actual = (conference.held_on, conference.inferred, conference.present, dossier.unit.parent)
    expected = (dt.date(2022, 11, 22), ("held_on",), None, "truong-dhyd-hue")
    assert expected == actual


def test_hue_hospital_period_is_the_school_year() -> None:
    """The Huế dossier covers the school year 2022-2023, an inferred period."""
    dossier = _load("hue-ump-hospital-staff-conference-2022")
    period = Period(start=dt.date(2022, 9, 1), end=dt.date(2023, 8, 31))
    assert (period, ("period",)) == (dossier.period, dossier.inferred)


def test_nghe_an_eye_hospital_conference_is_an_undated_tally_after_the_reform() -> None:
    """The undated 2026 conference is one staff conference before 20/1/2026, post-reform ward."""
    dossier = _load("nghe-an-eye-hospital-staff-conference-2026")
    tally = _get(dossier, "hoi-nghi-vc-nld-2026", ConferenceTally)
    ward = dossier.units_by_id()["phuong-vinh-phu"]
    actual = (tally.kind, tally.count, tally.period.end, ward.kind, ward.valid_from)
    expected = (
        ConferenceKind.STAFF,
        1,
        dt.date(2026, 1, 20),
        UnitKind.WARD,
        dt.date(2025, 7, 1),
    )
    assert expected == actual


def test_nghe_an_commendation_names_no_recipient_kind() -> None:
    """ "các tập thể, cá nhân" fits no single recipient kind, so none is stored."""
    commendation = _get(
        _load("nghe-an-eye-hospital-staff-conference-2026"), "khen-thuong-2025", Commendation
    )
    actual = (commendation.recipient_kind, commendation.period)
    assert (None, Period.year(2025)) == actual


def test_hung_yen_inspection_by_mass_mobilisation_commission() -> None:
    """Tổ kiểm tra số 1 of the Ban Dân vận Tỉnh ủy inspected the Sở on 1/12/2017."""
    dossier = _load("hung-yen-natural-resources-dept-inspection-2017")
    inspection = _get(dossier, "kiem-tra-2017-12-01", Inspection)
    delegation = inspection.delegation
    assert delegation is not None
    actual = (
        inspection.start,
        inspection.conducted_by_body,
        delegation.name,
        [t.unit for t in inspection.targets],
    )
    expected = (
        dt.date(2017, 12, 1),
        "hung-yen.bdv",
        "Tổ kiểm tra số 1 của Ban Dân vận Tỉnh ủy",
        ["so-tnmt-hung-yen"],
    )
    assert expected == actual


def test_hung_yen_three_strengths_three_requests_four_models() -> None:
    """Three strengths, three requests to the Sở and four named "Dân vận khéo" models."""
    dossier = _load("hung-yen-natural-resources-dept-inspection-2017")
    inspection = _get(dossier, "kiem-tra-2017-12-01", Inspection)
    models = dossier.of_type(MobilisationModel)
    actual = (
        [f.kind for f in inspection.findings],
        [r.addressee for r in inspection.recommendations],
        len(models),
    )
    expected = (
        [FindingKind.STRENGTH] * 3,
        ["Sở Tài nguyên và Môi trường"] * 3,
        4,
    )
    assert expected == actual


def test_vinh_long_registrations_19_collectives_60_individuals() -> None:
    """19 collective and 60 individual registrations of "Dân vận khéo" models, 2015–2017."""
    tally = _get(
        _load("vinh-long-science-dept-dan-van-kheo-2015-2017"),
        "dang-ky-dvk-2015-2017",
        MobilisationModelTally,
    )
    actual = ([(p.label, p.count) for p in tally.parts], tally.registered, tally.inferred)
    expected = (
        [("lượt tập thể", 19), ("lượt cá nhân", 60)],
        79,
        ("period", "registered"),
    )
    assert expected == actual


def test_vinh_long_praise_13_collectives_and_26_individuals() -> None:
    """The praise adds up to 13 collectives (5, 4, 4) and 26 individuals (15, 7, 4)."""
    dossier = _load("vinh-long-science-dept-dan-van-kheo-2015-2017")
    by_kind: dict[RecipientKind | None, list[int | None]] = {}
    for c in dossier.of_type(Commendation):
        assert isinstance(c, Commendation)
        by_kind.setdefault(c.recipient_kind, []).append(c.recipient_count)
    expected = {RecipientKind.COLLECTIVE: [5, 4, 4], RecipientKind.INDIVIDUAL: [15, 7, 4]}
    assert expected == by_kind
    totals = tuple(sum(n or 0 for n in counts) for counts in by_kind.values())
    expected_totals = (13, 26)
    assert expected_totals == totals


def test_pc_thanh_hoa_workers_conference_18_april_2025_with_161_delegates() -> None:
    """PC Thanh Hóa held its workers' conference on 18/4/2025 with 161 delegates."""
    dossier = _load("pc-thanh-hoa-workers-conference-2025")
    conference = _get(dossier, "hoi-nghi-nld-2025", Conference)
    actual = (dossier.unit.kind, conference.kind, conference.held_on, conference.present)
    expected = (
        UnitKind.STATE_OWNED_ENTERPRISE,
        ConferenceKind.WORKERS,
        dt.date(2025, 4, 18),
        161,
    )
    assert expected == actual


def test_pc_thanh_hoa_conference_after_march_is_judged_late() -> None:
    """Held in April, the SOE's conference fails the three-months rule of Law Art. 69."""
    card = dancoso.score(_load("pc-thanh-hoa-workers-conference-2025"))
    result = card.criterion("discuss.workers_conference")
    assert (result.status, result.score) == ("not_met", 0.0)


def test_cho_lon_periodic_dialogue_22_representatives_under_decree_60() -> None:
    """The periodic dialogue of 18/10/2023 had 22 worker representatives; basis Decree 60/2013."""
    dossier = _load("cho-lon-water-periodic-dialogue-2023")
    dialogue = _get(dossier, "doi-thoai-dinh-ky-2023-10-18", Dialogue)
    (basis,) = dossier.basis
    actual = (
        dialogue.kind,
        dialogue.held_on,
        dialogue.representatives_present,
        (basis.number, basis.kind),
    )
    expected = (
        DialogueKind.WORKPLACE_PERIODIC,
        dt.date(2023, 10, 18),
        22,
        ("60/2013/NĐ-CP", DocumentKind.DECREE),
    )
    assert expected == actual


def test_cho_lon_regulation_issued_by_decision_73() -> None:
    """The workplace democracy regulation was issued by Decision 73/QĐ-CNCL-TCHC, undated."""
    regulation = _get(
        _load("cho-lon-water-periodic-dialogue-2023"), "quy-che-dan-chu-qd-73", DemocracyRegulation
    )
    document = regulation.document
    assert document is not None
    actual = (document.number, document.kind, regulation.issued_on)
    expected = ("73/QĐ-CNCL-TCHC", DocumentKind.DECISION, None)
    assert expected == actual


def test_rang_dong_agreement_approved_by_all_delegates() -> None:
    """The 2023 collective agreement was approved by 100% of the workers' delegates."""
    agreement = _get(
        _load("rang-dong-workers-conference-2023"), "thoa-uoc-2023", CollectiveAgreement
    )
    expected = Ratio(share=1.0, of="đại biểu công nhân lao động", printed="100%")
    assert (expected, None) == (agreement.approval, agreement.signed_on)


def test_rang_dong_is_a_non_state_employer_with_one_conference_in_2023() -> None:
    """Rạng Đông is read as a non-state employer with one workers' conference in 2023."""
    dossier = _load("rang-dong-workers-conference-2023")
    tally = _get(dossier, "hoi-nghi-dai-bieu-nld-2023", ConferenceTally)
    actual = (dossier.unit.kind, dossier.unit.inferred, tally.kind, tally.count, tally.period)
    expected = (
        UnitKind.NON_STATE_EMPLOYER,
        ("kind", "name"),
        ConferenceKind.WORKERS,
        1,
        Period.year(2023),
    )
    assert expected == actual


def test_habeco_conference_and_its_lower_level_conferences_in_2022() -> None:
    """Habeco: one workers' conference in 2022, after the teams', sections' and plants' ones."""
    dossier = _load("habeco-workers-conference-2022")
    main = _get(dossier, "hoi-nghi-nld-tong-cong-ty-2022", ConferenceTally)
    lower = _get(dossier, "hoi-nghi-cap-to-2022", ConferenceTally)
    actual = (dossier.unit.kind, main.count, lower.count, lower.organisers)
    expected = (UnitKind.STATE_OWNED_ENTERPRISE, 1, None, ("các tổ, bộ phận, nhà máy",))
    assert expected == actual


def test_habeco_convened_delegates_have_no_typed_slot() -> None:
    """The 170 convened delegates (62 + 108) fit no tally field and are kept in its note."""
    main = _get(
        _load("habeco-workers-conference-2022"), "hoi-nghi-nld-tong-cong-ty-2022", ConferenceTally
    )
    note = main.note or ""
    actual = ("170" in note, "62" in note, "108" in note, main.participants)
    expected = (True, True, True, None)
    assert expected == actual
