"""The Hoàn Kiếm example dossier (seed report of 31/07/2020) holds the report's key facts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TypeVar

import jsonschema
import pytest

import dancoso
from dancoso.model import (
    AdministrativeProcedures,
    CitizenReceptionTally,
    DialogueKind,
    DialogueTally,
    Dossier,
    OnlineServiceLevel,
    OnlineServices,
    Period,
    PetitionKind,
    PetitionTally,
    Ratio,
    Receiver,
    Satisfaction,
    SatisfactionMethod,
    UnitKind,
    VoterContactKind,
    VoterContactTally,
)

T = TypeVar("T")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hoan-kiem-2015-2020.json"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return dancoso.load_dossier(EXAMPLE)


def _get(dossier: Dossier, ident: str, cls: type[T]) -> T:
    record = dossier.find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def _parts(tally: object) -> list[tuple[str, int]]:
    return [(p.label, p.count) for p in tally.parts]  # type: ignore[attr-defined]


def test_unit_is_hoan_kiem_district_of_ha_noi(dossier: Dossier) -> None:
    """The unit is quận Hoàn Kiếm, an urban district of Hà Nội valid until 2025-06-30."""
    units = dossier.units_by_id()
    actual = (
        dossier.unit.name,
        dossier.unit.kind,
        dossier.unit.valid_until,
        units[dossier.unit.parent or ""].kind,
    )
    assert (
        "Quận Hoàn Kiếm",
        UnitKind.URBAN_DISTRICT,
        dt.date(2025, 6, 30),
        UnitKind.CENTRAL_CITY,
    ) == actual


def test_dossier_period_is_five_years_since_conclusion_114(dossier: Dossier) -> None:
    """The dossier runs from Conclusion 114-KL/TW (14/7/2015) to publication (31/7/2020)."""
    assert Period(start=dt.date(2015, 7, 14), end=dt.date(2020, 7, 31)) == dossier.period


def test_citizen_reception_visits_and_parts(dossier: Dossier) -> None:
    """4,723 citizen visits in five years, with the three named receivers' parts."""
    tally = _get(dossier, "hk-citizen-reception", CitizenReceptionTally)
    expected = (
        4723,
        [
            ("Bí thư Quận ủy - Chủ tịch HĐND quận", 71),
            ("Lãnh đạo UBND quận", 1292),
            ("Ban Tiếp công dân quận (tiếp thường xuyên)", 1033),
        ],
        dossier.period,
    )
    assert expected == (tally.visits, _parts(tally), tally.period)


def test_citizen_reception_venues_cover_all_wards(dossier: Dossier) -> None:
    """100 % of wards and the district UBND have a reception venue; four receivers are named."""
    tally = _get(dossier, "hk-citizen-reception", CitizenReceptionTally)
    expected = (
        Ratio(share=1.0),
        (
            Receiver.PARTY_SECRETARY,
            Receiver.PEOPLES_COUNCIL,
            Receiver.PEOPLES_COMMITTEE_LEADERS,
            Receiver.RECEPTION_BOARD,
        ),
    )
    assert expected == (tally.venue_coverage, tally.receivers)


def test_letters_received_since_2015_by_receiving_body(dossier: Dossier) -> None:
    """4,069 complaint and denunciation letters since 2015: 2,882 district, 1,187 wards."""
    tally = _get(dossier, "hk-petitions", PetitionTally)
    expected = (
        4069,
        [("UBND quận", 2882), ("UBND phường", 1187)],
        (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION),
        Period(start=dt.date(2015, 1, 1), end=dt.date(2020, 7, 31)),
    )
    assert expected == (tally.received, _parts(tally), tally.kinds, tally.period)


def test_cases_resolved_92_of_97(dossier: Dossier) -> None:
    """97 cases accepted, 92 decided or concluded (printed 94,8 %), all on time, 35 backlog."""
    tally = _get(dossier, "hk-petitions", PetitionTally)
    expected = (97, Ratio(part=92, whole=97, share=0.948), Ratio(share=1.0), 35)
    assert expected == (tally.accepted, tally.resolved, tally.on_time, tally.backlog_resolved)


def test_dialogues_since_2016(dossier: Dossier) -> None:
    """84 dialogue conferences since 2016 (12 district, 72 ward) with 8,190 attendances."""
    tally = _get(dossier, "hk-dialogues", DialogueTally)
    expected = (
        84,
        [("cấp quận", 12), ("cấp phường", 72)],
        8190,
        DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
        Period(start=dt.date(2016, 1, 1), end=dt.date(2020, 7, 31)),
    )
    assert expected == (tally.count, _parts(tally), tally.participants, tally.kind, tally.period)


def test_dialogue_topics_as_written(dossier: Dossier) -> None:
    """The topics people raised at the dialogues are kept as written."""
    tally = _get(dossier, "hk-dialogues", DialogueTally)
    expected = (
        "cấp GCNQSDĐ",
        "công tác quản lý trật tự đô thị",
        "trật tự xây dựng",
        "TT, ATGT",
        "vệ sinh môi trường trên địa bàn quận",
        "góp ý xây dựng chính quyền quận, phường",
    )
    assert expected == tally.topics


def test_voter_contacts_with_18_wards(dossier: Dossier) -> None:
    """100 voter contacts of district deputies with voters of 18 wards, by three organisers."""
    tally = _get(dossier, "hk-voter-contacts", VoterContactTally)
    expected = (
        100,
        18,
        ("Thường trực HĐND quận", "UBND quận", "Ban Thường trực UB MTTQ quận"),
    )
    assert expected == (tally.count, tally.units_covered, tally.organisers)


def test_thematic_voter_contacts(dossier: Dossier) -> None:
    """2 thematic voter-contact conferences, on public conduct and on the environment."""
    tally = _get(dossier, "hk-voter-contacts-thematic", VoterContactTally)
    expected = (
        2,
        (VoterContactKind.THEMATIC,),
        (
            "Việc triển khai thực hiện Quy tắc ứng xử nơi công cộng trên địa bàn quận Hoàn Kiếm",
            "Nâng cao hiệu quả công tác bảo vệ môi trường trên địa bàn quận",
        ),
    )
    assert expected == (tally.count, tally.kinds, tally.topics)


def test_online_services_levels_3_and_4(dossier: Dossier) -> None:
    """88 level-3 and 141 level-4 online public services."""
    actual = {
        e.level: e.services
        for e in dossier.of_type(OnlineServices)
        if isinstance(e, OnlineServices)
    }
    expected = {OnlineServiceLevel.LEVEL_3: 88, OnlineServiceLevel.LEVEL_4: 141}
    assert expected == actual


def test_district_procedures_all_on_time(dossier: Dossier) -> None:
    """The district UBND resolved 72,442/72,442 dossiers on time, 01/01/2016–15/4/2020."""
    rec = _get(dossier, "hk-procedures-district", AdministrativeProcedures)
    expected = (
        Ratio(part=72442, whole=72442, share=1.0),
        Period(start=dt.date(2016, 1, 1), end=dt.date(2020, 4, 15)),
        "hoan-kiem",
    )
    assert expected == (rec.on_time, rec.period, rec.unit)


def test_ward_procedures_keep_counts_only(dossier: Dossier) -> None:
    """The wards' 39,055/39,409 is kept as counts; the misprinted 99,91 % is left out."""
    rec = _get(dossier, "hk-procedures-wards", AdministrativeProcedures)
    expected = (Ratio(part=39055, whole=39409), "UBND các phường")
    assert expected == (rec.on_time, rec.handled_by)


def test_satisfaction_methods_without_rate(dossier: Dossier) -> None:
    """Satisfaction is measured by rating forms, suggestion boxes and portals; no rate given."""
    rec = _get(dossier, "hk-satisfaction", Satisfaction)
    expected = (
        (SatisfactionMethod.BALLOT, SatisfactionMethod.SUGGESTION_BOX, SatisfactionMethod.PORTAL),
        None,
    )
    assert expected == (rec.methods, rec.rate)


def test_every_record_cites_the_report_with_a_quote(dossier: Dossier) -> None:
    """Every evidence record has an id and a verbatim quote from the one source."""
    source_ids = [s.id for s in dossier.sources]
    actual = [
        (
            e.id is not None,
            e.source is not None and e.source.source,
            bool(e.source and e.source.quote),
        )
        for e in dossier.evidence
    ]
    expected = [(True, "hnp-2020-07-31", True)] * len(dossier.evidence)
    assert (expected, ["hnp-2020-07-31"]) == (actual, source_ids)


def test_json_round_trip_is_byte_identical() -> None:
    """Dumping the loaded example gives back the file, byte for byte."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text == dancoso.dump_dossier(dancoso.load_dossier(EXAMPLE))


def test_toml_round_trip_gives_an_equal_dossier(dossier: Dossier) -> None:
    """Dumping as TOML and loading it back gives an equal dossier."""
    toml_text = dancoso.dump_dossier(dossier, format="toml")
    assert dossier == dancoso.load_dossier(toml_text, format="toml")


def test_validates_against_the_json_schema() -> None:
    """The file validates against the published dossier JSON Schema."""
    validator = jsonschema.Draft202012Validator(
        dancoso.json_schema(), format_checker=jsonschema.FormatChecker()
    )
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    expected: list[str] = []
    assert expected == [e.message for e in validator.iter_errors(data)]


def test_text_has_no_unicode_escapes() -> None:
    """Vietnamese text is written as UTF-8, never as \\u escapes."""
    assert "\\u" not in EXAMPLE.read_text(encoding="utf-8")
