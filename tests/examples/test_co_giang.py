"""The Cô Giang example dossier (inspection of 12/4/2022, year 2021) holds the report's facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

import pytest

import dancoso
from dancoso.model import (
    AdministrativeProcedures,
    CitizenReceptionTally,
    ConferenceKind,
    ConferenceTally,
    Consultation,
    ConsultationForm,
    DemocracyRegulation,
    DialogueKind,
    DialogueTally,
    Disclosure,
    DisclosureChannel,
    DocumentKind,
    Dossier,
    FindingKind,
    Inspection,
    ItemList,
    LineageKind,
    MottoPart,
    OnlineServiceLevel,
    OnlineServices,
    Period,
    Ratio,
    Receiver,
    ReceptionKind,
    Satisfaction,
    SatisfactionMethod,
    Statement,
    UnitKind,
    VoterContactKind,
    VoterContactTally,
)

T = TypeVar("T")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "co-giang-2021.json"
YEAR_2021 = Period.year(2021)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return dancoso.load_dossier(EXAMPLE)


@pytest.fixture(scope="module")
def inspection(dossier: Dossier) -> Inspection:
    return _get(dossier, "inspection-2022-04-12", Inspection)


def _get(dossier: Dossier, ident: str, cls: type[T]) -> T:
    record = dossier.find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def test_unit_is_ward_with_5_quarters_and_66_residential_groups(dossier: Dossier) -> None:
    """The unit is phường Cô Giang, a ward with 5 quarters and 66 residential groups."""
    unit = dossier.unit
    actual = (unit.name, unit.kind, unit.quarters, unit.residential_communities, unit.website)
    expected = ("Phường Cô Giang", UnitKind.WARD, 5, 66, "www.phuongcogiang.gov.vn")
    assert expected == actual


def test_parents_are_quan_1_and_ho_chi_minh_city(dossier: Dossier) -> None:
    """The ward sits in Quận 1 (urban district, until 2025-06-30) of Thành phố Hồ Chí Minh."""
    units = dossier.units_by_id()
    district = units[dossier.unit.parent or ""]
    city = units[district.parent or ""]
    actual = (district.name, district.kind, district.valid_until, city.name, city.kind)
    expected = (
        "Quận 1",
        UnitKind.URBAN_DISTRICT,
        dt.date(2025, 6, 30),
        "Thành phố Hồ Chí Minh",
        UnitKind.CENTRAL_CITY,
    )
    assert expected == actual


def test_quan_1_ended_with_the_district_level_on_1_july_2025(dossier: Dossier) -> None:
    """Quận 1 has one lineage event: dissolved on 2025-07-01, with no successor named."""
    district = dossier.units_by_id()["quan-1"]
    actual = [(e.kind, e.units, e.on) for e in district.lineage]
    expected = [(LineageKind.DISSOLVED, (), dt.date(2025, 7, 1))]
    assert expected == actual


def test_dossier_covers_2021(dossier: Dossier) -> None:
    """The dossier period is the year inspected, 2021, read from the report (not inferred)."""
    actual = (dossier.period, dossier.inferred)
    expected = (YEAR_2021, ())
    assert expected == actual


def test_motto_statement_bears_on_its_four_parts(dossier: Dossier) -> None:
    """The motto "dân biết, dân bàn, dân làm, dân kiểm tra" bears on its four parts."""
    record = _get(dossier, "motto", Statement)
    expected = (MottoPart.KNOW, MottoPart.DISCUSS, MottoPart.DO, MottoPart.INSPECT)
    assert expected == record.aspects


def test_satisfaction_is_99_89_percent_by_survey_machine(dossier: Dossier) -> None:
    """Satisfaction measured by the survey terminals reached 99.89 % in 2021."""
    record = _get(dossier, "satisfaction", Satisfaction)
    actual = (record.rate, record.methods, record.system_in_use, record.period)
    expected = (
        Ratio(share=0.9989, printed="99,89%"),
        (SatisfactionMethod.SURVEY_MACHINE,),
        True,
        YEAR_2021,
    )
    assert expected == actual


def test_all_dossiers_resolved_on_time_and_all_procedures_posted(dossier: Dossier) -> None:
    """100 % of administrative dossiers were resolved on time; every procedure is posted."""
    record = _get(dossier, "admin-procedures", AdministrativeProcedures)
    actual = (record.on_time, record.all_procedures_posted, record.unit, record.period)
    expected = (Ratio(share=1.0, of="hồ sơ", printed="100%"), True, "co-giang", YEAR_2021)
    assert expected == actual


def test_procedures_posting_is_a_disclosure_of_item_10(dossier: Dossier) -> None:
    """The posting of all procedures is a disclosure by posting, Ordinance 34/2007 item 10."""
    record = _get(dossier, "procedures-posted", Disclosure)
    actual = (record.subject, record.item, record.item_list, record.channels)
    expected = (
        "tất cả các quy trình, thủ tục hành chính",
        10,
        ItemList.ORDINANCE_ART5,
        (DisclosureChannel.POSTING,),
    )
    assert expected == actual


def test_online_services_levels_3_and_4_upgraded_on_ward_website(dossier: Dossier) -> None:
    """Level 3 and 4 online services were upgraded on the ward's website, for a stated purpose."""
    record = _get(dossier, "online-services", OnlineServices)
    actual = (record.level, record.upgraded, record.portal, record.usage, record.purpose)
    expected = (
        OnlineServiceLevel.LEVELS_3_4,
        True,
        "www.phuongcogiang.gov.vn",
        None,
        (
            "nâng cao chất lượng phục vụ, giảm bớt phiền hà cho người dân và doanh nghiệp và "
            "đảm bảo công tác phòng chống dịch bệnh Covid-19"
        ),
    )
    assert expected == actual


def test_exactly_one_dialogue_with_businesses_in_2021(dossier: Dossier) -> None:
    """The ward held exactly one dialogue with businesses in 2021."""
    tallies = [e for e in dossier.evidence if isinstance(e, DialogueTally)]
    actual = [(t.kind, t.count, t.period) for t in tallies]
    expected = [(DialogueKind.HEAD_BUSINESSES, 1, YEAR_2021)]
    assert expected == actual


def test_peoples_conferences_twice_a_year(dossier: Dossier) -> None:
    """People's conferences are held twice a year by the UBND with the Fatherland Front."""
    record = _get(dossier, "peoples-conferences-2021", ConferenceTally)
    actual = (record.kind, record.frequency_per_year, record.period, record.organisers)
    expected = (
        ConferenceKind.PEOPLES,
        2,
        YEAR_2021,
        ("UBND phường", "Ủy ban MTTQ Việt Nam phường"),
    )
    assert expected == actual


def test_q1_2022_peoples_conference_in_all_5_quarters(dossier: Dossier) -> None:
    """The people's conference of Q1 2022 was held in all 5 quarters, a reading marked inferred."""
    record = _get(dossier, "peoples-conference-2022-q1", ConferenceTally)
    actual = (record.kind, record.coverage, record.period, record.inferred)
    expected = (
        ConferenceKind.PEOPLES,
        Ratio(part=5, whole=5, of="khu phố"),
        Period.quarter(2022, 1),
        ("coverage",),
    )
    assert expected == actual


def test_voter_contacts_before_and_after_sessions_answered_in_writing(dossier: Dossier) -> None:
    """Voters were met before and after sessions; the UBND answered every opinion in writing."""
    record = _get(dossier, "voter-contacts", VoterContactTally)
    actual = (record.kinds, record.answered_in_writing, record.answered_by, record.inferred)
    expected = (
        (VoterContactKind.BEFORE_SESSION, VoterContactKind.AFTER_SESSION),
        Ratio(share=1.0, of="các ý kiến cử tri"),
        "UBND phường Cô Giang",
        ("answered_in_writing",),
    )
    assert expected == actual


def test_citizens_received_regularly_and_ad_hoc_by_secretary_and_chair(dossier: Dossier) -> None:
    """The Party secretary and the UBND chair receive citizens regularly and ad hoc."""
    record = _get(dossier, "citizen-reception", CitizenReceptionTally)
    actual = (record.receivers, record.kinds)
    expected = (
        (Receiver.PARTY_SECRETARY, Receiver.PEOPLES_COMMITTEE_CHAIR),
        (ReceptionKind.REGULAR, ReceptionKind.AD_HOC),
    )
    assert expected == actual


def test_prompt_settling_of_petitions_is_a_statement_without_counts(dossier: Dossier) -> None:
    """The claim that petitions and complaints were settled promptly is kept as a statement."""
    record = _get(dossier, "petition-handling", Statement)
    actual = (record.text, record.period)
    expected = ("kịp thời giải quyết phản ánh, kiến nghị, khiếu nại của người dân", YEAR_2021)
    assert expected == actual


def test_socio_economic_plan_consulted_at_staff_conference_and_briefings(
    dossier: Dossier,
) -> None:
    """The socio-economic plan (Ordinance Art. 19 item 1) was put to staff and residents."""
    record = _get(dossier, "sedp-consultation", Consultation)
    actual = (record.subject, record.item, record.item_list, record.forms, record.consulted)
    expected = (
        "kế hoạch phát triển kinh tế – xã hội của phường",
        1,
        ItemList.ORDINANCE_ART19,
        (ConsultationForm.STAFF_CONFERENCE, ConsultationForm.BRIEFING),
        ("cán bộ, công chức", "các tầng lớp nhân dân"),
    )
    assert expected == actual


def test_construction_works_disclosed_under_directive_23(dossier: Dossier) -> None:
    """The list of construction works was made public under Directive 23-CT/TU, for supervision."""
    record = _get(dossier, "construction-works", Disclosure)
    under = record.under
    assert under is not None
    actual = (
        record.subject,
        record.item,
        record.item_list,
        under.number,
        under.kind,
        record.purpose,
    )
    expected = (
        "danh sách các công trình xây dựng trên địa bàn",
        11,
        ItemList.ORDINANCE_ART5,
        "23-CT/TU",
        DocumentKind.DIRECTIVE,
        "để hệ thống chính trị và nhân dân tham gia giám sát",
    )
    assert expected == actual


def test_internal_rules_issued_by_ward_committee(dossier: Dossier) -> None:
    """The ward People's Committee issued internal rules and regulations."""
    record = _get(dossier, "internal-rules", DemocracyRegulation)
    actual = (record.title, record.issued_by)
    expected = ("các nội quy, quy chế", "UBND phường Cô Giang")
    assert expected == actual


def test_inspection_on_12_april_2022_covers_2021(inspection: Inspection) -> None:
    """The inspection took place on 2022-04-12 and examined the year 2021."""
    actual = (inspection.start, inspection.end, inspection.period_covered)
    expected = (dt.date(2022, 4, 12), None, YEAR_2021)
    assert expected == actual


def test_inspection_run_by_quan_1_steering_committee(inspection: Inspection) -> None:
    """The delegation came from the Quận 1 grassroots-democracy steering committee."""
    body = inspection.conducted_by
    assert body is not None
    actual = (body.name, body.unit)
    expected = ("Ban chỉ đạo quy chế dân chủ cơ sở Quận 1", "quan-1")
    assert expected == actual


def test_delegation_name_and_deputy_head_do_phuong_loi(inspection: Inspection) -> None:
    """The delegation is named as written; its deputy head is Đỗ Phương Lợi; no head is named."""
    delegation = inspection.delegation
    assert delegation is not None
    actual = (
        delegation.name,
        delegation.head,
        [(p.name, p.title) for p in delegation.deputies],
    )
    expected = (
        "đoàn kiểm tra – Ban chỉ đạo quy chế dân chủ cơ sở Quận 1",
        None,
        [("Đỗ Phương Lợi", "Phó Trưởng Ban Dân vận Quận ủy Quận 1")],
    )
    assert expected == actual


def test_hosts_are_party_secretary_and_committee_chair(inspection: Inspection) -> None:
    """The delegation was received by the Party secretary and the ward UBND chair."""
    actual = [(p.name, p.title) for p in inspection.hosts]
    expected = [
        ("Lê Thu Huyền", "Bí thư Đảng ủy"),
        ("Trần Trọng Nghĩa", "Chủ tịch UBND phường"),
    ]
    assert expected == actual


def test_conclusion_by_do_phuong_loi_with_two_strengths(inspection: Inspection) -> None:
    """Đỗ Phương Lợi concluded, recognising two strengths backed by evidence."""
    concluded_by = inspection.concluded_by
    assert concluded_by is not None
    kinds = [f.kind for f in inspection.findings]
    backed = all(f.evidence for f in inspection.findings)
    actual = (concluded_by.name, kinds, backed)
    expected = ("Đỗ Phương Lợi", [FindingKind.STRENGTH, FindingKind.STRENGTH], True)
    assert expected == actual


def test_four_recommendations_to_ward_leaders(inspection: Inspection) -> None:
    """The conclusion makes four recommendations, all to the ward's leaders."""
    actual = [(r.id, r.addressee) for r in inspection.recommendations]
    expected = [(f"rec-{i}", "lãnh đạo phường") for i in range(1, 5)]
    assert expected == actual


def test_only_two_readings_are_marked_inferred(dossier: Dossier) -> None:
    """Only the 5-of-5 quarters and the answers to every voter opinion are marked inferred."""
    actual = {e.id: e.inferred for e in dossier.evidence if e.inferred}
    expected = {
        "peoples-conference-2022-q1": ("coverage",),
        "voter-contacts": ("answered_in_writing",),
    }
    assert expected == actual


def test_every_evidence_record_has_an_id_and_a_quote(dossier: Dossier) -> None:
    """Every evidence record has an id and quotes the single source."""
    source_ids = [s.id for s in dossier.sources]
    missing = [
        i
        for i, e in enumerate(dossier.evidence)
        if e.id is None
        or e.source is None
        or e.source.source not in source_ids
        or not e.source.quote
    ]
    expected: list[int] = []
    assert expected == missing


def test_source_names_the_report(dossier: Dossier) -> None:
    """The single source names the report, its publisher, byline and seed file."""
    actual = [(s.title, s.publisher, s.author, s.file) for s in dossier.sources]
    expected = [
        (
            "Phường Cô Giang tuyên truyền sâu rộng về thực hiện quy chế dân chủ cơ sở",
            "Quanuy1hcm.org.vn",
            "N.T",
            "000_055a4ad292c826ae.txt",
        )
    ]
    assert expected == actual
