"""Real reports under examples/reports: each dossier round-trips, validates and scores; each
fact ledger is well formed and its shares add up; and the key facts of the local-unit reports."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

import jsonschema
import pytest

import dancoso
from dancoso.model import (
    AwardForm,
    CitizenReceptionTally,
    Commendation,
    Conference,
    ConferenceKind,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Disclosure,
    Dossier,
    ImplementationPlan,
    Inspection,
    ItemList,
    MobilisationModelTally,
    OversightMode,
    OversightTally,
    Period,
    PetitionTally,
    Ratio,
    RecipientKind,
    Satisfaction,
    Statement,
    Supervision,
    TaskList,
    UnitKind,
)

T = TypeVar("T")

REPORTS_DIR = Path(__file__).resolve().parents[2] / "examples" / "reports"
REPORTS = sorted(REPORTS_DIR.glob("*.json"))
LEDGERS = sorted(REPORTS_DIR.glob("*.ledger.tsv"))
LEDGER_SUFFIX = ".ledger.tsv"
HEADER = ("fact", "held_in", "slot", "approx")
SLOTS = ("typed", "prose", "note")
APPROX = ("exact", "approx_typed", "approx_note")
VALIDATOR = jsonschema.Draft202012Validator(
    dancoso.json_schema(), format_checker=jsonschema.FormatChecker()
)

# The local-unit reports of this folder (other reports, of agencies and employers, sit beside).
LOCAL_REPORTS = (
    "ba-ria-vung-tau-dvk-2021",
    "cho-don-dvk-2022",
    "dong-ha-dialogue-2022",
    "dong-mo-inspection-2023",
    "duy-vinh-supervision-2023",
    "hoa-hiep-bac-inspection-2013",
    "lam-dong-citizen-reception-2017-h1",
    "phu-hoa-supervision-2024",
    "quang-dien-review-2015",
    "tan-doan-dialogue-2025",
    "thuan-an-dialogue-2025",
)
LAW_IN_FORCE = dt.date(2023, 7, 1)
TWO_LEVEL_GOVERNMENT = dt.date(2025, 7, 1)


# --------------------------------------------------------------------------- ledgers
@dataclass(frozen=True)
class LedgerRow:
    """One fact of a report and where the dossier holds it."""

    fact: str
    held_in: str
    slot: str
    approx: str


@dataclass(frozen=True)
class Shares:
    """How the facts of some ledgers are held: counts, and shares of all facts."""

    facts: int
    typed: int
    prose: int
    note: int
    approx_typed: int
    approx_note: int

    def share(self, slot: str) -> float:
        """The share of facts held in `slot` ("typed", "prose" or "note"); 0 with no facts."""
        count: int = getattr(self, slot)
        return count / self.facts if self.facts else 0.0


def read_ledger(path: Path) -> list[LedgerRow]:
    """The rows of a ledger; a wrong header or a row without four cells raises ValueError."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != HEADER:
        raise ValueError(f"{path.name}: the header must be {chr(9).join(HEADER)!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(HEADER):
            raise ValueError(f"{path.name}:{number}: {len(cells)} cells, expected {len(HEADER)}")
        rows.append(LedgerRow(*cells))
    return rows


def ledger_shares(paths: Iterable[Path]) -> Shares:
    """Typed, prose and note counts, and approximate figures, over all rows of the ledgers."""
    counts: Counter[str] = Counter()
    for path in paths:
        for row in read_ledger(path):
            counts["facts"] += 1
            counts[row.slot] += 1
            counts[row.approx] += 1
    return Shares(
        facts=counts["facts"],
        typed=counts["typed"],
        prose=counts["prose"],
        note=counts["note"],
        approx_typed=counts["approx_typed"],
        approx_note=counts["approx_note"],
    )


_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_NOTE_PATH = re.compile(r"\.(note|notes\[\d+\])$")


def resolve(document: object, path: str) -> object:
    """The value at a JSON path such as `$.evidence[3].count`; KeyError if there is none."""
    if not path.startswith("$"):
        raise KeyError(f"{path!r} does not start with '$'")
    position, value = 1, document
    while position < len(path):
        step = _STEP.match(path, position)
        if step is None:
            raise KeyError(f"{path!r}: cannot read {path[position:]!r}")
        key, index = step.groups()
        if key is not None:
            if not isinstance(value, dict) or key not in value:
                raise KeyError(f"{path!r}: no {key!r}")
            value = value[key]
        else:
            if not isinstance(value, list) or int(index) >= len(value):
                raise KeyError(f"{path!r}: no item {index}")
            value = value[int(index)]
        position = step.end()
    return value


def ledger_problems(path: Path) -> list[str]:
    """Everything wrong with a ledger, checked against the dossier beside it."""
    document = json.loads(path.with_name(path.name[: -len(LEDGER_SUFFIX)] + ".json").read_text())
    problems = []
    for number, row in enumerate(read_ledger(path), start=2):
        where = f"{path.name}:{number}"
        if not row.fact.strip():
            problems.append(f"{where}: empty fact")
        if row.slot not in SLOTS:
            problems.append(f"{where}: slot {row.slot!r}")
        if row.approx not in APPROX:
            problems.append(f"{where}: approx {row.approx!r}")
        if row.approx == "approx_typed" and row.slot != "typed":
            problems.append(f"{where}: approx_typed in a {row.slot} slot")
        if row.approx == "approx_note" and row.slot == "typed":
            problems.append(f"{where}: approx_note in a typed slot")
        if (row.slot == "note") != bool(_NOTE_PATH.search(row.held_in)):
            problems.append(f"{where}: slot {row.slot} for {row.held_in}")
        try:
            value = resolve(document, row.held_in)
        except KeyError as exc:
            problems.append(f"{where}: {exc.args[0]}")
            continue
        if row.slot != "typed" and not isinstance(value, str):
            problems.append(f"{where}: a {row.slot} slot holds {type(value).__name__}")
    return problems


def test_every_report_has_a_ledger() -> None:
    """Each dossier under examples/reports has a ledger beside it, and each ledger a dossier."""
    dossiers = [p.stem for p in REPORTS]
    ledgers = [p.name[: -len(LEDGER_SUFFIX)] for p in LEDGERS]
    assert dossiers == ledgers


@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.name[: -len(LEDGER_SUFFIX)])
def test_ledger_is_well_formed(path: Path) -> None:
    """Header, slot and approx values valid; every path resolves; note slots are note fields."""
    assert read_ledger(path), f"{path.name} lists no fact"
    expected: list[str] = []
    assert expected == ledger_problems(path)


@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.name[: -len(LEDGER_SUFFIX)])
def test_shares_agree_with_a_direct_count(path: Path) -> None:
    """ledger_shares on one ledger gives the counts a csv reading of the file gives."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    slots = Counter(r["slot"] for r in rows)
    approx = Counter(r["approx"] for r in rows)
    expected = Shares(
        facts=len(rows),
        typed=slots["typed"],
        prose=slots["prose"],
        note=slots["note"],
        approx_typed=approx["approx_typed"],
        approx_note=approx["approx_note"],
    )
    actual = ledger_shares([path])
    assert expected == actual
    assert sum(actual.share(s) for s in SLOTS) == pytest.approx(1.0)


def _write(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["\t".join(HEADER), *rows]) + "\n", encoding="utf-8")
    return path


def test_ledger_shares_arithmetic_on_a_hand_made_ledger(tmp_path: Path) -> None:
    """Two small ledgers: 5 facts, 2 typed (1 approximate), 2 prose (1 approximate), 1 note."""
    first = _write(
        tmp_path / "a.ledger.tsv",
        [
            "gần 200 người\t$.evidence[0].participants\ttyped\tapprox_typed",
            "ngày 1/7\t$.x\ttyped\texact",
        ],
    )
    second = _write(
        tmp_path / "b.ledger.tsv",
        [
            "nhiều ý kiến\t$.evidence[1].text\tprose\tapprox_note",
            "đối thoại trực tuyến\t$.evidence[0].note\tnote\texact",
            "chủ đề\t$.evidence[0].topics[0]\tprose\texact",
        ],
    )
    shares = ledger_shares([first, second])
    actual = (shares, [shares.share(s) for s in SLOTS])
    expected = (
        Shares(facts=5, typed=2, prose=2, note=1, approx_typed=1, approx_note=1),
        [0.4, 0.4, 0.2],
    )
    assert expected == actual


def test_ledger_shares_of_no_ledger_are_zero() -> None:
    """No ledger: no facts, and every share is 0 rather than a division by zero."""
    shares = ledger_shares([])
    expected = (0, [0.0, 0.0, 0.0])
    assert expected == (shares.facts, [shares.share(s) for s in SLOTS])


def test_a_ledger_with_a_wrong_header_is_rejected(tmp_path: Path) -> None:
    """A ledger whose header is not fact/held_in/slot/approx raises ValueError."""
    path = tmp_path / "bad.ledger.tsv"
    path.write_text("fact\tpath\tslot\n", encoding="utf-8")
    with pytest.raises(ValueError, match="the header must be"):
        ledger_shares([path])


def test_a_row_with_three_cells_is_rejected(tmp_path: Path) -> None:
    """A row without four tab-separated cells raises ValueError naming its line."""
    path = _write(tmp_path / "short.ledger.tsv", ["ngày 1/7\t$.x\ttyped"])
    with pytest.raises(ValueError, match=r"short\.ledger\.tsv:2: 3 cells"):
        read_ledger(path)


def test_the_checker_finds_a_dangling_path_and_a_misplaced_note(tmp_path: Path) -> None:
    """ledger_problems reports a path that resolves to nothing and a note slot in a typed field."""
    (tmp_path / "r.json").write_text(json.dumps({"evidence": [{"count": 1, "note": "x"}]}))
    path = _write(
        tmp_path / "r.ledger.tsv",
        [
            "một cuộc\t$.evidence[0].count\tnote\texact",
            "hai cuộc\t$.evidence[1].count\ttyped\texact",
            "ghi chú\t$.evidence[0].note\tnote\texact",
        ],
    )
    expected = [
        "r.ledger.tsv:2: slot note for $.evidence[0].count",
        "r.ledger.tsv:2: a note slot holds int",
        "r.ledger.tsv:3: '$.evidence[1].count': no item 1",
    ]
    assert expected == ledger_problems(path)


# --------------------------------------------------------------------------- dossiers
@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_json_round_trip_is_byte_identical(path: Path) -> None:
    """Dumping the loaded dossier as JSON gives back the file byte for byte."""
    text = path.read_text(encoding="utf-8")
    assert text == dancoso.dump_dossier(dancoso.load_dossier(path))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_toml_round_trip_gives_an_equal_dossier(path: Path) -> None:
    """Dumping as TOML and loading again gives an equal dossier."""
    dossier = dancoso.load_dossier(path)
    assert dossier == dancoso.load_dossier(dancoso.dump_dossier(dossier, format="toml"))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_validates_against_the_json_schema(path: Path) -> None:
    """The file validates against the dossier JSON Schema, formats included."""
    errors = [e.message for e in VALIDATOR.iter_errors(json.loads(path.read_text("utf-8")))]
    expected: list[str] = []
    assert expected == errors


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_scores_with_the_reference_rubric(path: Path) -> None:
    """The reference rubric for the unit's kind scores the dossier, total and coverage in range."""
    card = dancoso.score(dancoso.load_dossier(path))
    assert 0.0 <= card.total <= 100.0
    assert 0.0 <= card.coverage <= 1.0


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_every_record_cites_its_source_with_a_quote(path: Path) -> None:
    """Each evidence record has an id and quotes a source of the dossier; sources have a URL."""
    dossier = dancoso.load_dossier(path)
    sources = {s.id for s in dossier.sources if s.url}
    uncited = [
        e.id
        for e in dossier.evidence
        if e.id is None or e.source is None or e.source.source not in sources or not e.source.quote
    ]
    expected: list[str] = []
    assert expected == uncited


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_text_has_no_unicode_escapes(path: Path) -> None:
    """Vietnamese is kept as UTF-8 text, with no \\u escapes."""
    assert "\\u" not in path.read_text(encoding="utf-8")


def test_local_reports_span_the_three_regimes() -> None:
    """Local-unit reports cover periods under the Ordinance, under the Law, and after 2025-07-01."""
    periods = [_dossier(slug).period for slug in LOCAL_REPORTS]
    actual = (
        any(p.end < LAW_IN_FORCE for p in periods),
        any(p.start >= LAW_IN_FORCE and p.end < TWO_LEVEL_GOVERNMENT for p in periods),
        any(p.start >= TWO_LEVEL_GOVERNMENT for p in periods),
        len({_dossier(slug).unit.id for slug in LOCAL_REPORTS}),
    )
    assert (True, True, True, len(LOCAL_REPORTS)) == actual


# --------------------------------------------------------------------------- key facts
@cache
def _dossier(slug: str) -> Dossier:
    return dancoso.load_dossier(REPORTS_DIR / f"{slug}.json")


def _get(slug: str, ident: str, cls: type[T]) -> T:
    record = _dossier(slug).find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def test_hoa_hiep_bac_inspected_by_the_city_committee_on_2012_and_half_2013() -> None:
    """Đà Nẵng's committee inspected the ward on 2013-07-23, on 2012 and the first half of 2013."""
    record = _get("hoa-hiep-bac-inspection-2013", "inspection-2013-07-23", Inspection)
    head = record.delegation.head if record.delegation else None
    actual = (record.start, record.period_covered, record.conducted_by_body, head and head.name)
    expected = (
        dt.date(2013, 7, 23),
        Period(start=dt.date(2012, 1, 1), end=dt.date(2013, 6, 30)),
        "da-nang.bcd",
        "Nguyễn Thanh Quang",
    )
    assert expected == actual


def test_hoa_hiep_bac_planning_disclosure_is_ordinance_item_2() -> None:
    """The disclosure of planning projects and compensation is item 2 of Ordinance Art. 5."""
    record = _get("hoa-hiep-bac-inspection-2013", "disclosed-planning", Disclosure)
    expected = (2, ItemList.ORDINANCE_ART5, ("item", "period"))
    assert expected == (record.item, record.item_list, record.inferred)


def test_quang_dien_review_conference_commends_5_collectives_and_10_individuals() -> None:
    """The 2015-10-13 review conference; the district UBND commended 5 collectives, 10 people."""
    slug = "quang-dien-review-2015"
    conference = _get(slug, "conference-2015-10-13", Conference)
    awards = [
        (c.recipient_kind, c.recipient_count, c.awarded_by)
        for c in _dossier(slug).of_type(Commendation)
    ]
    actual = (conference.kind, conference.held_on, awards)
    expected = (
        ConferenceKind.REVIEW,
        dt.date(2015, 10, 13),
        [
            (RecipientKind.COLLECTIVE, 5, "Uỷ ban nhân dân huyện Quảng Điền"),
            (RecipientKind.INDIVIDUAL, 10, "Uỷ ban nhân dân huyện Quảng Điền"),
        ],
    )
    assert expected == actual


def test_lam_dong_received_1647_visits_in_the_first_half_of_2017() -> None:
    """1.647 visits: regular 1.147 (1.325 people), scheduled 500 (761 people)."""
    record = _get("lam-dong-citizen-reception-2017-h1", "reception-2017-h1", CitizenReceptionTally)
    parts = [(p.label, p.count, p.participants) for p in record.parts]
    actual = (record.visits, record.period, parts)
    expected = (
        1647,
        Period(start=dt.date(2017, 1, 1), end=dt.date(2017, 6, 30)),
        [("tiếp thường xuyên", 1147, 1325), ("tiếp định kỳ", 500, 761)],
    )
    assert expected == actual


def test_lam_dong_resolved_349_of_660_cases_taken_on() -> None:
    """Of the 660 cases taken on for resolution, 349 were resolved."""
    record = _get("lam-dong-citizen-reception-2017-h1", "reception-cases-handled", PetitionTally)
    assert (660, Ratio(part=349, whole=660)) == (record.accepted, record.resolved)


def test_dong_ha_online_dialogue_organised_by_the_front_on_three_issues() -> None:
    """The Front held the heads' dialogue with thôn 2A on 2022-05-26; three issues are named."""
    record = _get("dong-ha-dialogue-2022", "dialogue-2022-05-26", Dialogue)
    actual = (record.kind, record.held_on, record.organisers, len(record.topics))
    expected = (
        DialogueKind.HEAD_PEOPLE,
        dt.date(2022, 5, 26),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam xã Đông Hà",),
        3,
    )
    assert expected == actual


def test_cho_don_recognised_123_models_and_55_exemplars_in_2022() -> None:
    """Chợ Đồn recognised 123 models in 2022, 55 of them exemplary; the award is only proposed."""
    slug = "cho-don-dvk-2022"
    tally = _get(slug, "dvk-models-2022", MobilisationModelTally)
    proposal = _get(slug, "proposed-commendation", Statement)
    actual = (tally.recognised, tally.exemplars, tally.registered, proposal.period)
    expected = (123, 55, None, Period.years(2020, 2022))
    assert expected == actual
    assert not _dossier(slug).of_type(Commendation)


def test_dong_mo_dialogues_of_the_first_five_months_of_2023() -> None:
    """One heads' dialogue (130 people, 6 of 6 opinions answered), one with the youth (9 of 9)."""
    slug = "dong-mo-inspection-2023"
    tallies = [
        (t.kind, t.count, t.participants, t.issues_raised, t.issues_answered, t.period.end)
        for t in _dossier(slug).of_type(DialogueTally)
    ]
    end = dt.date(2023, 5, 31)
    expected = [
        (DialogueKind.HEAD_PEOPLE, 1, 130, 6, 6, end),
        (DialogueKind.OTHER, 1, None, 9, 9, end),
    ]
    assert expected == tallies


def test_dong_mo_more_than_95_percent_is_stored_as_0_95_with_its_words() -> None:
    """“trên 95%” is stored as the share 0.95 with the printed words; inspection on 2023-09-15."""
    slug = "dong-mo-inspection-2023"
    rating = _get(slug, "disclosure-rating", Satisfaction)
    inspection = _get(slug, "inspection-2023-09-15", Inspection)
    expected = (Ratio(share=0.95, of="số ý kiến", printed="trên 95%"), dt.date(2023, 9, 15))
    assert expected == (rating.rate, inspection.start)


def test_duy_vinh_supervised_by_the_district_front_on_7_july_2023() -> None:
    """The Duy Xuyên Front supervised the commune UBND on 2023-07-07, led by Nguyễn Thanh Hải."""
    record = _get("duy-vinh-supervision-2023", "supervision-2023-07-07", Supervision)
    head = record.delegation.head if record.delegation else None
    actual = (record.start, record.conducted_by_body, head and head.name, record.targets[0].body)
    expected = (dt.date(2023, 7, 7), "duy-xuyen.mttq", "Nguyễn Thanh Hải", "UBND xã Duy Vinh")
    assert expected == actual


def test_phu_hoa_commune_fronts_supervised_13_subjects_in_nine_months() -> None:
    """13 supervisions by commune Fronts, January–September 2024; five communes named."""
    record = _get("phu-hoa-supervision-2024", "commune-front-supervisions", OversightTally)
    actual = (record.mode, record.count, record.period, [p.unit for p in record.parts])
    expected = (
        OversightMode.SUPERVISION,
        13,
        Period(start=dt.date(2024, 1, 1), end=dt.date(2024, 9, 30)),
        ["hoa-tri", "hoa-dinh-tay", "hoa-dinh-dong", "hoa-quang-nam", "hoa-an"],
    )
    assert expected == actual


def test_tan_doan_dialogue_after_the_reorganisation_under_plan_14() -> None:
    """Tân Đoàn (21 villages, directly under the province) held its dialogue on 2025-10-08."""
    slug = "tan-doan-dialogue-2025"
    dossier = _dossier(slug)
    dialogue = _get(slug, "dialogue-2025-10-08", Dialogue)
    plan = _get(slug, "plan-14-kh-du", ImplementationPlan)
    parent = dossier.units_by_id()[dossier.unit.parent or ""]
    chair = dialogue.chaired_by.name if dialogue.chaired_by else None
    actual = (
        dossier.unit.residential_communities,
        parent.kind,
        dialogue.held_on,
        chair,
        [d.number for d in plan.documents],
    )
    expected = (21, UnitKind.PROVINCE, dt.date(2025, 10, 8), "Hứa Phong Lan", ["14-KH/ĐU"])
    assert expected == actual


def test_thuan_an_ward_dialogue_and_the_secretary_s_follow_up_task() -> None:
    """Thuận An (under TP HCM) held a dialogue on 2025-10-24; the Party secretary set a task."""
    slug = "thuan-an-dialogue-2025"
    dossier = _dossier(slug)
    dialogue = _get(slug, "dialogue-2025-10-24", Dialogue)
    task = _get(slug, "follow-up", TaskList)
    parent = dossier.units_by_id()[dossier.unit.parent or ""]
    by = task.requested_by.name if task.requested_by else None
    actual = (parent.kind, dialogue.kind, dialogue.held_on, task.announced_at, by)
    expected = (
        UnitKind.CENTRAL_CITY,
        DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
        dt.date(2025, 10, 24),
        "dialogue-2025-10-24",
        "Trần Thị Diễm Trinh",
    )
    assert expected == actual


def test_ba_ria_vung_tau_2071_models_and_four_certificates_of_merit() -> None:
    """2.071 models registered in 2021; Bằng khen to 28 + 14 + 5 collectives and 12 individuals."""
    slug = "ba-ria-vung-tau-dvk-2021"
    tally = _get(slug, "dvk-models-2021", MobilisationModelTally)
    awards = [
        (c.form, c.recipient_kind, c.recipient_count) for c in _dossier(slug).of_type(Commendation)
    ]
    higher = AwardForm.HIGHER_CERTIFICATE_OF_MERIT
    expected = (
        2071,
        [
            (higher, RecipientKind.COLLECTIVE, 28),
            (higher, RecipientKind.INDIVIDUAL, 12),
            (higher, RecipientKind.COLLECTIVE, 14),
            (higher, RecipientKind.COLLECTIVE, 5),
        ],
    )
    assert expected == (tally.registered, awards)
