"""The Hoàn Kiếm example dossier (seed report of 31/07/2020) holds the report's key facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TypeVar

import pytest

import dancoso
from dancoso.model import (
    AdministrativeProcedures,
    CitizenReceptionTally,
    DemocracyRegulation,
    DialogueKind,
    DialogueTally,
    DocumentKind,
    DocumentRef,
    Dossier,
    OnlineServiceLevel,
    OnlineServices,
    OversightMode,
    OversightTally,
    Period,
    PetitionKind,
    PetitionTally,
    QuestionTally,
    Ratio,
    Receiver,
    Satisfaction,
    SatisfactionMethod,
    Statement,
    UnitKind,
    VoterContactKind,
    VoterContactTally,
)

T = TypeVar("T")

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "hoan-kiem-2015-2020.json"
FIVE_YEARS = Period(start=dt.date(2015, 7, 14), end=dt.date(2020, 7, 31))
CONCLUSION_114 = DocumentRef(
    number="114-KL/TW",
    kind=DocumentKind.CONCLUSION,
    issued_on=dt.date(2015, 7, 14),
    issuer="Ban Bí thư Trung ương Đảng (khóa XI)",
    title="về nâng cao hiệu quả công tác dân vận của cơ quan nhà nước các cấp",
)


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return dancoso.load_dossier(EXAMPLE)


def _get(dossier: Dossier, ident: str, cls: type[T]) -> T:
    record = dossier.find(ident)
    assert isinstance(record, cls), f"{ident} is {type(record).__name__}, not {cls.__name__}"
    return record


def _parts(tally: object) -> list[tuple[str, int]]:
    return [(p.label, p.count) for p in tally.parts]  # type: ignore[attr-defined]


def _statements(dossier: Dossier) -> list[Statement]:
    return [e for e in dossier.evidence if isinstance(e, Statement)]


def test_unit_is_hoan_kiem_district_of_ha_noi(dossier: Dossier) -> None:
    """The unit is quận Hoàn Kiếm, an urban district of Hà Nội valid until 2025-06-30."""
    units = dossier.units_by_id()
    actual = (
        dossier.unit.name,
        dossier.unit.kind,
        dossier.unit.valid_until,
        units[dossier.unit.parent or ""].kind,
        dossier.unit.subunits,
    )
    expected = (
        "Quận Hoàn Kiếm",
        UnitKind.URBAN_DISTRICT,
        dt.date(2025, 6, 30),
        UnitKind.CENTRAL_CITY,
        18,
    )
    assert expected == actual


def test_dossier_period_is_five_years_since_conclusion_114(dossier: Dossier) -> None:
    """The dossier runs from Conclusion 114-KL/TW (14/7/2015) to publication (31/7/2020)."""
    expected = (FIVE_YEARS, ("period",))
    assert expected == (dossier.period, dossier.inferred)


def test_report_is_framed_by_conclusion_114(dossier: Dossier) -> None:
    """The dossier's basis is Conclusion 114-KL/TW of the Party Secretariat (11th term)."""
    expected = ((CONCLUSION_114,), DocumentKind.CONCLUSION)
    assert expected == (dossier.basis, DocumentRef.parse("114-KL/TW").kind)


def test_opening_statement_cites_conclusion_114(dossier: Dossier) -> None:
    """The opening statement cites the conclusion it reports five years of."""
    rec = _get(dossier, "hk-conclusion-114", Statement)
    expected = ((CONCLUSION_114,), None)
    assert expected == (rec.documents, rec.note)


def test_unstated_periods_are_marked_inferred(dossier: Dossier) -> None:
    """Every record with a period lists it as inferred except the dated procedure tallies."""
    dated = {"hk-procedures-district", "hk-procedures-wards"}
    actual = {
        e.id
        for e in dossier.evidence
        if getattr(e, "period", None) is not None and "period" not in e.inferred
    }
    assert dated == actual


def test_citizen_reception_visits_and_parts(dossier: Dossier) -> None:
    """4,723 citizen visits in five years, with the three named receivers' parts."""
    tally = _get(dossier, "hk-citizen-reception", CitizenReceptionTally)
    expected = (
        4723,
        [
            ("Bí thư Quận ủy - Chủ tịch HĐND quận", 71),
            ("Lãnh đạo UBND quận", 1292),
            ("Ban Tiếp công dân quận", 1033),
        ],
        dossier.period,
    )
    assert expected == (tally.visits, _parts(tally), tally.period)


def test_only_the_reception_board_part_is_regular(dossier: Dossier) -> None:
    """'Tiếp thường xuyên' qualifies the reception board's part only, not the whole tally."""
    tally = _get(dossier, "hk-citizen-reception", CitizenReceptionTally)
    expected = ([(), (), ("tiếp thường xuyên",)], ())
    assert expected == ([p.tags for p in tally.parts], tally.kinds)


def test_citizen_reception_venues_cover_all_wards(dossier: Dossier) -> None:
    """100 % of wards and the district UBND have a reception venue; four receivers are named."""
    tally = _get(dossier, "hk-citizen-reception", CitizenReceptionTally)
    expected = (
        Ratio(share=1.0, of="phường và UBND quận"),
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
    expected = (
        97,
        Ratio(part=92, whole=97, share=0.948, of="vụ", printed="94,8%"),
        Ratio(share=1.0, of="vụ việc"),
        35,
    )
    assert expected == (tally.accepted, tally.resolved, tally.on_time, tally.backlog_resolved)


def test_dialogues_since_2016(dossier: Dossier) -> None:
    """84 dialogue conferences since 2016 (12 district, 72 ward) with 8,190 attendances."""
    tally = _get(dossier, "hk-dialogues", DialogueTally)
    expected = (
        84,
        [("cấp quận", 12), ("cấp phường", 72)],
        8190,
        DialogueKind.HEAD_PEOPLE,
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


def test_online_services_are_a_stock_on_the_article_date(dossier: Dossier) -> None:
    """Both service counts describe the day of publication, an inferred date, with a purpose."""
    actual = [
        (e.as_of, e.inferred, e.purpose)
        for e in dossier.of_type(OnlineServices)
        if isinstance(e, OnlineServices)
    ]
    expected = [
        (dt.date(2020, 7, 31), ("period", "as_of"), "giảm bớt phiền hà đi lại của Nhân dân")
    ] * 2
    assert expected == actual


def test_district_procedures_all_on_time(dossier: Dossier) -> None:
    """The district UBND resolved 72,442/72,442 dossiers on time, 01/01/2016–15/4/2020."""
    rec = _get(dossier, "hk-procedures-district", AdministrativeProcedures)
    expected = (
        Ratio(part=72442, whole=72442, share=1.0, of="hồ sơ hành chính", printed="100%"),
        Period(start=dt.date(2016, 1, 1), end=dt.date(2020, 4, 15)),
        "hoan-kiem",
    )
    assert expected == (rec.on_time, rec.period, rec.unit)


def test_ward_procedures_keep_counts_and_the_printed_figure(dossier: Dossier) -> None:
    """The wards' 39,055/39,409 is kept with the misprinted '99,91%', and no share."""
    rec = _get(dossier, "hk-procedures-wards", AdministrativeProcedures)
    expected = (
        Ratio(part=39055, whole=39409, of="hồ sơ hành chính", printed="99,91%"),
        None,
        "UBND các phường",
    )
    on_time = rec.on_time
    assert on_time is not None
    assert expected == (on_time, on_time.share, rec.handled_by)


def test_ward_procedures_value_is_the_counts_not_the_print(dossier: Dossier) -> None:
    """The value read from the wards' ratio is 39,055/39,409 (99.10 %), not 99.91 %."""
    on_time = _get(dossier, "hk-procedures-wards", AdministrativeProcedures).on_time
    assert on_time is not None
    expected = 0.991
    assert expected == round(on_time.value or 0, 4)


def test_public_duty_inspections_regular_and_ad_hoc(dossier: Dossier) -> None:
    """Units and wards inspect public duty regularly and ad hoc; no count is given."""
    rec = _get(dossier, "hk-public-duty-inspections", OversightTally)
    expected = (
        OversightMode.INSPECTION,
        "các đơn vị và các phường",
        True,
        True,
        None,
        ("kiểm tra công vụ",),
    )
    actual = (rec.mode, rec.conducted_by, rec.regular, rec.ad_hoc, rec.count, rec.topics)
    assert expected == actual


def test_hdnd_supervision_centres_on_qcdc(dossier: Dossier) -> None:
    """The HĐND's supervision of agencies and staff centres on implementing QCDC."""
    rec = _get(dossier, "hk-hdnd-supervision", OversightTally)
    expected = (
        OversightMode.SUPERVISION,
        "HĐND",
        (
            "việc thực hiện nhiệm vụ của các cơ quan, tổ chức và CB, CC, VC",
            "việc thực hiện QCDC ở cơ sở",
        ),
        None,
    )
    assert expected == (rec.mode, rec.conducted_by, rec.topics, rec.count)


def test_hdnd_question_time_without_counts(dossier: Dossier) -> None:
    """Question time at HĐND sessions is a tally without counts, its assessment a statement."""
    rec = _get(dossier, "hk-question-tally", QuestionTally)
    assessment = _get(dossier, "hk-question-sessions", Statement)
    expected = ("HĐND quận Hoàn Kiếm", None, None, FIVE_YEARS, True)
    actual = (
        rec.council,
        rec.sessions,
        rec.questions,
        rec.period,
        assessment.text.startswith("Hoạt động chất vấn và trả lời chất vấn"),
    )
    assert expected == actual


def test_regulations_say_who_directed_them(dossier: Dossier) -> None:
    """Three regulations were drafted at the direction of the UBND quận or the Quận ủy."""
    ids = ("hk-reg-reception-complaints", "hk-reg-rights-duties", "hk-reg-new-fields")
    actual = [_get(dossier, i, DemocracyRegulation).directed_by for i in ids]
    expected = ["UBND quận", "Quận ủy, BCĐ QCDC quận", "Quận ủy, BCĐ QCDC quận"]
    assert expected == actual


def test_ward_regulations_discussed_by_people_approved_by_authority(dossier: Dossier) -> None:
    """Residents, staff and workers discuss the regulations; the competent level approves."""
    rec = _get(dossier, "hk-reg-wards-units", DemocracyRegulation)
    expected = (
        (
            "Nhân dân ở phường",
            "CB, CC, VC, người lao động trong các cơ quan, doanh nghiệp",
        ),
        "cấp có thẩm quyền",
    )
    assert expected == (rec.discussed_by, rec.approved_by)


def test_intentions_for_the_coming_period_are_prospective(dossier: Dossier) -> None:
    """The closing paragraphs are five prospective statements, after every result."""
    statements = _statements(dossier)
    prospective = [s.id for s in statements if s.prospective]
    expected = (
        [
            "hk-next-dan-van",
            "hk-next-qcdc-cchc",
            "hk-next-legal-education",
            "hk-next-discipline",
            "hk-next-front",
        ],
        prospective,
    )
    actual = ([e.id for e in dossier.evidence[-5:]], prospective)
    assert expected == actual


def test_intentions_have_no_period_and_keep_the_words(dossier: Dossier) -> None:
    """Prospective statements carry no period; the first opens with 'Thời gian tới'."""
    intentions = [s for s in _statements(dossier) if s.prospective]
    expected = ([None] * 5, True)
    actual = (
        [s.period for s in intentions],
        intentions[0].text.startswith("Thời gian tới, quận Hoàn Kiếm tiếp tục đổi mới"),
    )
    assert expected == actual


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
