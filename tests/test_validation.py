"""Model objects built in Python validate themselves: every kind of check, its path and message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import dancoso.model as model
from dancoso.errors import DancosoError, InvalidInput, Problem
from dancoso.model import (
    AdministrativeProcedures,
    BandReached,
    Board,
    BoardActivity,
    BoardKind,
    Commendation,
    CommendationCriteria,
    CommunityConvention,
    CommunityDecision,
    CommunityMatter,
    Conference,
    ConferenceKind,
    Consultation,
    ConventionKind,
    DecisionForm,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Disclosure,
    DisclosureChannel,
    DisclosureTally,
    DocumentKind,
    DocumentRef,
    Dossier,
    Finding,
    FindingKind,
    Inspection,
    Label,
    LineageEvent,
    LineageKind,
    MinimumTotal,
    MobilisationModel,
    NoFailedGate,
    OversightTarget,
    Period,
    Person,
    Petition,
    PetitionKind,
    PetitionTally,
    Ratio,
    Recommendation,
    Source,
    SourceRef,
    Statement,
    Supervision,
    TallyPart,
    Term,
    Unit,
    UnitKind,
    UnitLevel,
)

D = dt.date
YEAR = Period(start=D(2021, 1, 1), end=D(2021, 12, 31))
IDENTIFIER_HINT = "is not a valid identifier (letters, digits, '.', '_', ':', '-')"


def problems(build: Callable[[], object]) -> list[tuple[str, str]]:
    """The (path, message) pairs of the InvalidInput that `build()` raises."""
    with pytest.raises(InvalidInput) as info:
        build()
    return [(p.path, p.message) for p in info.value.problems]


def ward(**changes: Any) -> Unit:
    fields: dict[str, Any] = {"id": "co-giang", "kind": UnitKind.WARD, "name": "Phường Cô Giang"}
    return Unit(**{**fields, **changes})


def dossier(**changes: Any) -> Dossier:
    fields: dict[str, Any] = {"unit": ward(), "period": YEAR}
    return Dossier(**{**fields, **changes})


def petition(**changes: Any) -> Petition:
    fields: dict[str, Any] = {"kind": PetitionKind.COMPLAINT, "received_on": D(2021, 5, 1)}
    return Petition(**{**fields, **changes})


def decision(**changes: Any) -> CommunityDecision:
    fields: dict[str, Any] = {"matter": CommunityMatter.CONVENTION, "decided_on": D(2021, 5, 1)}
    return CommunityDecision(**{**fields, **changes})


def dialogue(**changes: Any) -> Dialogue:
    fields: dict[str, Any] = {
        "kind": DialogueKind.PEOPLES_COMMITTEE_PEOPLE,
        "held_on": D(2021, 6, 1),
    }
    return Dialogue(**{**fields, **changes})


def activity(**changes: Any) -> BoardActivity:
    fields: dict[str, Any] = {"board_kind": BoardKind.PEOPLES_INSPECTION_BOARD, "period": YEAR}
    return BoardActivity(**{**fields, **changes})


# --------------------------------------------------------------------------- dates in order
DATES_OUT_OF_ORDER = [
    pytest.param(
        lambda: Period(start=D(2021, 5, 1), end=D(2021, 4, 1)),
        ("$.end", "end (2021-04-01) is before start (2021-05-01)"),
        id="Period-end-before-start",
    ),
    pytest.param(
        lambda: petition(accepted_on=D(2021, 3, 1)),
        ("$.accepted_on", "accepted_on (2021-03-01) is before received_on (2021-05-01)"),
        id="Petition-accepted-before-received",
    ),
    pytest.param(
        lambda: petition(accepted_on=D(2021, 5, 10), resolved_on=D(2021, 5, 9)),
        ("$.resolved_on", "resolved_on (2021-05-09) is before accepted_on (2021-05-10)"),
        id="Petition-resolved-before-accepted",
    ),
    pytest.param(
        lambda: petition(due_on=D(2021, 4, 30)),
        ("$.due_on", "due_on (2021-04-30) is before received_on (2021-05-01)"),
        id="Petition-due-before-received",
    ),
    pytest.param(
        lambda: Inspection(start=D(2021, 5, 2), end=D(2021, 5, 1)),
        ("$.end", "end (2021-05-01) is before start (2021-05-02)"),
        id="Inspection-end-before-start",
    ),
    pytest.param(
        lambda: Supervision(start=D(2021, 5, 2), end=D(2021, 5, 1)),
        ("$.end", "end (2021-05-01) is before start (2021-05-02)"),
        id="Supervision-end-before-start",
    ),
    pytest.param(
        lambda: Inspection(
            start=D(2021, 5, 1), period_covered=Period(start=D(2021, 6, 1), end=D(2021, 12, 31))
        ),
        (
            "$.period_covered.start",
            "the period covered starts (2021-06-01) after the work began (2021-05-01)",
        ),
        id="Inspection-period-covered-after-start",
    ),
    pytest.param(
        lambda: decision(notice_on=D(2021, 5, 3)),
        ("$.decided_on", "decided_on (2021-05-01) is before notice_on (2021-05-03)"),
        id="CommunityDecision-notice-after-decision",
    ),
    pytest.param(
        lambda: decision(recognised_on=D(2021, 4, 1)),
        ("$.recognised_on", "recognised_on (2021-04-01) is before decided_on (2021-05-01)"),
        id="CommunityDecision-recognised-before-decided",
    ),
    pytest.param(
        lambda: ward(valid_from=D(2021, 1, 2), valid_until=D(2021, 1, 1)),
        ("$.valid_until", "valid_until (2021-01-01) is before valid_from (2021-01-02)"),
        id="Unit-valid-until-before-valid-from",
    ),
    pytest.param(
        lambda: MobilisationModel(
            name="Dân vận khéo", registered_on=D(2021, 3, 1), recognised_on=D(2021, 2, 1)
        ),
        ("$.recognised_on", "recognised_on (2021-02-01) is before registered_on (2021-03-01)"),
        id="MobilisationModel-recognised-before-registered",
    ),
    pytest.param(
        lambda: dialogue(minutes_posted_on=D(2021, 5, 31)),
        ("$.minutes_posted_on", "minutes_posted_on (2021-05-31) is before held_on (2021-06-01)"),
        id="Dialogue-minutes-before-held",
    ),
]


@pytest.mark.parametrize(("build", "expected"), DATES_OUT_OF_ORDER)
def test_dates_out_of_order_are_rejected_at_the_later_date(
    build: Callable[[], object], expected: tuple[str, str]
) -> None:
    """A date before the one it must follow is reported at the later field, naming both."""
    assert [expected] == problems(build)


def test_the_documented_petition_message_reads_as_promised() -> None:
    """The message promised in the docs is produced word for word."""
    with pytest.raises(InvalidInput) as info:
        petition(resolved_on=D(2021, 4, 1))
    expected = ["resolved_on (2021-04-01) is before received_on (2021-05-01) @ $.resolved_on"]
    assert expected == [str(p) for p in info.value.problems]


def test_equal_dates_are_in_order() -> None:
    """A one-day period and a same-day resolution are accepted."""
    expected = 1
    assert expected == Period(start=D(2021, 5, 1), end=D(2021, 5, 1)).days
    assert D(2021, 5, 1) == petition(resolved_on=D(2021, 5, 1)).resolved_on


# --------------------------------------------------------------------------- counts and bounds
NEGATIVE_COUNTS = [
    pytest.param(lambda: ward(households=-1), "$.households", id="Unit.households"),
    pytest.param(lambda: Ratio(part=-1, whole=97), "$.part", id="Ratio.part"),
    pytest.param(lambda: TallyPart(label="cấp phường", count=-1), "$.count", id="TallyPart.count"),
    pytest.param(lambda: dialogue(participants=-1), "$.participants", id="Dialogue.participants"),
    pytest.param(
        lambda: PetitionTally(period=YEAR, received=-1), "$.received", id="PetitionTally.received"
    ),
    pytest.param(
        lambda: Board(kind=BoardKind.PEOPLES_INSPECTION_BOARD, members=-1),
        "$.members",
        id="Board.members",
    ),
    pytest.param(
        lambda: decision(households_total=-1), "$.households_total", id="CommunityDecision.total"
    ),
]


@pytest.mark.parametrize(("build", "path"), NEGATIVE_COUNTS)
def test_negative_counts_are_rejected(build: Callable[[], object], path: str) -> None:
    """A count below zero is reported at its field."""
    assert [(path, "a count cannot be below 0, got -1")] == problems(build)


OUT_OF_BOUNDS = [
    pytest.param(
        lambda: Disclosure(subject="Dự toán ngân sách", item=15),
        ("$.item", "must be at most 14, got 15"),
        id="Disclosure.item-above-14",
    ),
    pytest.param(
        lambda: Disclosure(subject="Dự toán ngân sách", item=0),
        ("$.item", "a value cannot be below 1, got 0"),
        id="Disclosure.item-below-1",
    ),
    pytest.param(
        lambda: DisclosureTally(period=YEAR, items=(3, 16)),
        ("$.items[1]", "must be at most 14, got 16"),
        id="DisclosureTally.items-above-14",
    ),
    pytest.param(
        lambda: petition(round=3),
        ("$.round", "must be at most 2, got 3"),
        id="Petition.round-above-2",
    ),
    pytest.param(
        lambda: MinimumTotal(total=101),
        ("$.total", "must be at most 100, got 101"),
        id="MinimumTotal.total-above-100",
    ),
    pytest.param(
        lambda: BandReached(band="excellent", periods=0),
        ("$.periods", "a value cannot be below 1, got 0"),
        id="BandReached.periods-zero",
    ),
]


@pytest.mark.parametrize(("build", "expected"), OUT_OF_BOUNDS)
def test_numbers_outside_their_bounds_are_rejected(
    build: Callable[[], object], expected: tuple[str, str]
) -> None:
    """Bounded numbers report the bound they break."""
    assert [expected] == problems(build)


# --------------------------------------------------------------------------- parts and wholes
PARTS_LARGER_THAN_WHOLES = [
    pytest.param(
        lambda: Ratio(part=98, whole=97),
        [("$.part", "part (98) is larger than whole (97)")],
        id="Ratio",
    ),
    pytest.param(
        lambda: decision(households_total=10, households_present=11, households_in_favour=12),
        [
            (
                "$.households_present",
                "households_present (11) is larger than households_total (10)",
            ),
            (
                "$.households_in_favour",
                "households_in_favour (12) is larger than households_total (10)",
            ),
        ],
        id="CommunityDecision-households",
    ),
    pytest.param(
        lambda: decision(communities_total=5, communities_in_favour=6),
        [
            (
                "$.communities_in_favour",
                "communities_in_favour (6) is larger than communities_total (5)",
            )
        ],
        id="CommunityDecision-communities",
    ),
    pytest.param(
        lambda: decision(form=DecisionForm.MEETING, households_present=6, households_in_favour=8),
        [
            (
                "$.households_in_favour",
                "households_in_favour (8) is larger than households_present (6) at a meeting",
            )
        ],
        id="CommunityDecision-in-favour-above-present-at-a-meeting",
    ),
    pytest.param(
        lambda: dialogue(issues_raised=3, issues_answered=4, answered_in_writing=5),
        [
            ("$.issues_answered", "issues_answered (4) is larger than issues_raised (3)"),
            ("$.answered_in_writing", "answered_in_writing (5) is larger than issues_raised (3)"),
        ],
        id="Dialogue-issues",
    ),
    pytest.param(
        lambda: dialogue(worker_representatives=10, representatives_present=11),
        [
            (
                "$.representatives_present",
                "representatives_present (11) is larger than worker_representatives (10)",
            )
        ],
        id="Dialogue-representatives",
    ),
    pytest.param(
        lambda: activity(recommendations_made=1, recommendations_answered=2, answered_in_time=3),
        [
            (
                "$.recommendations_answered",
                "recommendations_answered (2) is larger than recommendations_made (1)",
            ),
            (
                "$.answered_in_time",
                "answered_in_time (3) is larger than recommendations_answered (2)",
            ),
        ],
        id="BoardActivity-recommendations",
    ),
    pytest.param(
        lambda: Board(
            kind=BoardKind.PEOPLES_INSPECTION_BOARD, members=5, communities_represented=6
        ),
        [("$.communities_represented", "communities_represented (6) is larger than members (5)")],
        id="Board-communities-represented",
    ),
    pytest.param(
        lambda: Conference(
            kind=ConferenceKind.YEAR_END_COMMUNITY, held_on=D(2021, 12, 5), eligible=80, present=81
        ),
        [("$.present", "present (81) is larger than eligible (80)")],
        id="Conference-present",
    ),
    pytest.param(
        lambda: AdministrativeProcedures(period=YEAR, received=10, resolved=11),
        [("$.resolved", "resolved (11) is larger than received (10)")],
        id="AdministrativeProcedures-resolved",
    ),
    pytest.param(
        lambda: Consultation(subject="Quy hoạch", opinions_received=3, opinions_adopted=4),
        [("$.opinions_adopted", "opinions_adopted (4) is larger than opinions_received (3)")],
        id="Consultation-opinions",
    ),
    pytest.param(
        lambda: PetitionTally(period=YEAR, accepted=5, resolved=Ratio(part=4, whole=6)),
        [("$.resolved.whole", "resolved.whole (6) differs from accepted (5)")],
        id="PetitionTally-resolved-whole-differs-from-accepted",
    ),
    pytest.param(
        lambda: Disclosure(
            subject="Dự toán ngân sách",
            disclosed_on=D(2021, 1, 1),
            posted_until=D(2021, 1, 10),
            posted_days=30,
        ),
        [
            (
                "$.posted_days",
                "posted_days (30) is longer than disclosed_on..posted_until (10 days)",
            )
        ],
        id="Disclosure-posted-days-longer-than-posting",
    ),
]


@pytest.mark.parametrize(("build", "expected"), PARTS_LARGER_THAN_WHOLES)
def test_parts_larger_than_their_wholes_are_rejected(
    build: Callable[[], object], expected: list[tuple[str, str]]
) -> None:
    """A part above its whole is reported at the part, naming both values."""
    assert expected == problems(build)


def test_parts_equal_to_their_wholes_are_accepted() -> None:
    """Everyone present and everyone in favour is a valid vote."""
    d = decision(
        form=DecisionForm.MEETING,
        households_total=97,
        households_present=97,
        households_in_favour=97,
    )
    expected = 97
    assert expected == d.households_in_favour


# --------------------------------------------------------------------------- Ratio
RATIO_PROBLEMS = [
    pytest.param({"share": 1.5}, [("$.share", "must be at most 1, got 1.5")], id="share-above-1"),
    pytest.param(
        {"share": -0.1}, [("$.share", "a value cannot be below 0, got -0.1")], id="share-below-0"
    ),
    pytest.param(
        {"part": 92, "whole": 97, "share": 0.9},
        [("$.share", "share 0.9 disagrees with part/whole 92/97 = 0.9485")],
        id="share-disagrees-with-counts",
    ),
    pytest.param(
        {"part": 92, "whole": 97, "share": 0.943},
        [("$.share", "share 0.943 disagrees with part/whole 92/97 = 0.9485")],
        id="share-just-beyond-rounding",
    ),
    pytest.param(
        {}, [("$", "give part (with whole), share, or the figure as printed")], id="nothing-given"
    ),
    pytest.param(
        {"whole": 3},
        [
            ("$", "give part (with whole), share, or the figure as printed"),
            ("$.part", "whole is given without part"),
        ],
        id="whole-without-part",
    ),
    pytest.param(
        {"part": 3}, [("$.whole", "part is given without whole or share")], id="part-alone"
    ),
]


@pytest.mark.parametrize(("fields", "expected"), RATIO_PROBLEMS)
def test_bad_ratios_are_rejected(fields: dict[str, Any], expected: list[tuple[str, str]]) -> None:
    """A ratio needs counts or a share in [0, 1], and the two must agree within rounding."""
    assert expected == problems(lambda: Ratio(**fields))


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [
        pytest.param(92, 97, 0.948, id="92/97-as-94.8%"),
        pytest.param(39_055, 39_409, 0.991, id="39055/39409-as-99.1%"),
        pytest.param(1, 3, 0.333, id="1/3-as-33.3%"),
        pytest.param(92, 97, 0.944, id="92/97-just-within-rounding"),
    ],
)
def test_a_share_agreeing_with_its_counts_within_rounding_is_accepted(
    part: int, whole: int, share: float
) -> None:
    """Reports round percentages to 0.1 %; such a share is kept next to its counts."""
    r = Ratio(part=part, whole=whole, share=share)
    assert (part, whole, share) == (r.part, r.whole, r.share)


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        pytest.param(Ratio(part=92, whole=97, share=0.948), 92 / 97, id="counts-win-over-share"),
        pytest.param(Ratio(part=3, whole=4), 0.75, id="counts-only"),
        pytest.param(Ratio(share=0.9989), 0.9989, id="share-only"),
        pytest.param(Ratio(part=0, whole=0), None, id="zero-whole-has-no-value"),
        pytest.param(Ratio(part=3, share=0.5), 0.5, id="part-with-share-uses-share"),
    ],
)
def test_ratio_value(ratio: Ratio, expected: float | None) -> None:
    """`value` is part/whole when the whole is positive, else the reported share."""
    assert expected == ratio.value


@pytest.mark.parametrize(
    ("percent", "share"),
    [
        pytest.param(99.89, 0.9989, id="99.89%"),
        pytest.param(100, 1.0, id="100%"),
        pytest.param(94.8, 0.948, id="94.8%"),
        pytest.param(0, 0.0, id="0%"),
    ],
)
def test_ratio_percent_stores_the_share(percent: float, share: float) -> None:
    """`Ratio.percent(99.89)` keeps the share 0.9989 and no counts."""
    r = Ratio.percent(percent)
    assert (None, None, share) == (r.part, r.whole, r.share)


def test_ratio_percent_above_100_is_rejected() -> None:
    """A percentage above 100 becomes a share above 1 and is rejected."""
    expected = [("$.share", "must be at most 1, got 1.05")]
    assert expected == problems(lambda: Ratio.percent(105))


# --------------------------------------------------------------------------- text and identifiers
BLANK_TEXT = [
    pytest.param(lambda: Person(name=""), "$.name", id="Person.name-empty"),
    pytest.param(lambda: Person(name="   "), "$.name", id="Person.name-spaces"),
    pytest.param(lambda: Person(name="Lê Văn A", title=" \t"), "$.title", id="Person.title-blank"),
    pytest.param(
        lambda: Person(name="Lê Văn A", titles=("Bí thư", " ")), "$.titles[1]", id="Person.titles"
    ),
    pytest.param(lambda: ward(name=""), "$.name", id="Unit.name"),
    pytest.param(lambda: Source(id="s1", title="\n"), "$.title", id="Source.title"),
    pytest.param(lambda: Statement(text=" "), "$.text", id="Statement.text"),
    pytest.param(lambda: Label(vi="", en="Label"), "$.vi", id="Label.vi"),
    pytest.param(lambda: Commendation(awarded_by=""), "$.awarded_by", id="Commendation.awarded_by"),
]


@pytest.mark.parametrize(("build", "path"), BLANK_TEXT)
def test_empty_or_blank_text_is_rejected(build: Callable[[], object], path: str) -> None:
    """Names and other texts must have at least one visible character."""
    assert [(path, "must not be empty")] == problems(build)


BAD_IDENTIFIERS = [
    pytest.param(lambda: ward(id="co giang"), "$.id", "'co giang'", id="Unit.id-space"),
    pytest.param(lambda: ward(id="-co-giang"), "$.id", "'-co-giang'", id="Unit.id-leading-dash"),
    pytest.param(lambda: ward(id="cô-giang"), "$.id", "'cô-giang'", id="Unit.id-diacritics"),
    pytest.param(lambda: ward(parent="quận/1"), "$.parent", "'quận/1'", id="Unit.parent"),
    pytest.param(lambda: Source(id="", title="Báo cáo"), "$.id", "''", id="Source.id-empty"),
    pytest.param(lambda: Statement(id="e 1", text="x"), "$.id", "'e 1'", id="Evidence.id"),
    pytest.param(
        lambda: Finding(kind=FindingKind.STRENGTH, text="Tốt", evidence=("e1", "bad id")),
        "$.evidence[1]",
        "'bad id'",
        id="Finding.evidence-item",
    ),
]


@pytest.mark.parametrize(("build", "path", "shown"), BAD_IDENTIFIERS)
def test_invalid_identifiers_are_rejected(
    build: Callable[[], object], path: str, shown: str
) -> None:
    """Identifiers take letters, digits, '.', '_', ':' and '-', starting with a letter or digit."""
    assert [(path, f"{shown} {IDENTIFIER_HINT}")] == problems(build)


@pytest.mark.parametrize("ident", ["co-giang", "hcm:q1.p10", "a_b", "2021", "X"])
def test_valid_identifiers_are_accepted(ident: str) -> None:
    """Ids such as 'hcm:q1.p10' are accepted."""
    assert ident == ward(id=ident).id


def test_duplicate_references_in_one_list_are_rejected() -> None:
    """A finding cannot cite the same evidence twice."""

    def build() -> object:
        return Finding(kind=FindingKind.STRENGTH, text="Tốt", evidence=("e1", "e1"))

    expected = [("$.evidence[1]", "duplicate value 'e1'")]
    assert expected == problems(build)


def test_duplicate_terms_in_a_unique_list_are_shown_by_their_identifier() -> None:
    """A repeated channel is reported as 'radio', not as the enum's repr."""

    def build() -> object:
        return Disclosure(
            subject="Dự toán", channels=(DisclosureChannel.RADIO, DisclosureChannel.RADIO)
        )

    expected = [("$.channels[1]", "duplicate value 'radio'")]
    assert expected == problems(build)


def test_duplicate_dates_in_a_unique_list_are_rejected() -> None:
    """The same review date twice is a duplicate, as it is for text and numbers."""
    day = D(2022, 1, 15)
    with pytest.raises(InvalidInput) as info:
        CommunityConvention(kind=ConventionKind.QUY_UOC, reviewed_on=(day, day))
    expected = ["$.reviewed_on[1]"]
    assert expected == [p.path for p in info.value.problems]
    assert info.value.problems[0].message.startswith("duplicate value")


def test_a_lineage_event_names_another_unit() -> None:
    """A reorganisation without the other units involved is rejected."""

    def build() -> object:
        return LineageEvent(kind=LineageKind.MERGED_INTO, on=D(2025, 7, 1))

    expected = [("$.units", "name at least one other unit")]
    assert expected == problems(build)


# --------------------------------------------------------------------------- abolished unit kinds
ABOLISHED_KINDS = [
    pytest.param(UnitKind.TOWNSHIP, "thị trấn", id="township"),
    pytest.param(UnitKind.URBAN_DISTRICT, "quận", id="urban_district"),
    pytest.param(UnitKind.RURAL_DISTRICT, "huyện", id="rural_district"),
    pytest.param(UnitKind.DISTRICT_TOWN, "thị xã", id="district_town"),
    pytest.param(UnitKind.PROVINCIAL_CITY, "thành phố thuộc tỉnh", id="provincial_city"),
]


@pytest.mark.parametrize(("kind", "vi"), ABOLISHED_KINDS)
def test_abolished_kinds_need_valid_until(kind: UnitKind, vi: str) -> None:
    """A township or district-level unit without valid_until is rejected."""
    expected = (
        "$.valid_until",
        (
            f"unit kind '{kind.value}' ({vi}) was abolished on 2025-07-01; "
            "set valid_until to 2025-06-30 or earlier"
        ),
    )
    assert [expected] == problems(lambda: Unit(id="u", kind=kind, name="Thị trấn Ái Tử"))


@pytest.mark.parametrize(("kind", "vi"), ABOLISHED_KINDS)
def test_abolished_kinds_cannot_outlive_2025_06_30(kind: UnitKind, vi: str) -> None:
    """valid_until after 2025-06-30, when those kinds were gone, is rejected."""
    expected = (
        "$.valid_until",
        (
            f"unit kind '{kind.value}' ({vi}) was abolished on 2025-07-01; "
            "valid_until 2025-07-01 is after 2025-06-30"
        ),
    )

    def build() -> object:
        return Unit(id="u", kind=kind, name="Quận 1", valid_until=D(2025, 7, 1))

    assert [expected] == problems(build)


@pytest.mark.parametrize(("kind", "vi"), ABOLISHED_KINDS)
def test_abolished_kinds_are_accepted_until_2025_06_30(kind: UnitKind, vi: str) -> None:
    """valid_until 2025-06-30, the last day those kinds existed, is accepted."""
    unit = Unit(id="u", kind=kind, name="Quận 1", valid_until=D(2025, 6, 30))
    assert (kind, vi, D(2025, 6, 30)) == (unit.kind, unit.kind.vi, unit.valid_until)


def test_an_abolished_kind_cannot_start_after_its_abolition() -> None:
    """A township said to exist from 2025-07-01 is rejected at valid_from too."""

    def build() -> object:
        return Unit(
            id="u",
            kind=UnitKind.TOWNSHIP,
            name="Thị trấn",
            valid_from=D(2025, 7, 1),
            valid_until=D(2025, 6, 30),
        )

    expected = [
        ("$.valid_until", "valid_until (2025-06-30) is before valid_from (2025-07-01)"),
        ("$.valid_from", "unit kind 'township' (thị trấn) does not exist from 2025-07-01"),
    ]
    assert expected == problems(build)


@pytest.mark.parametrize(
    "kind", [UnitKind.WARD, UnitKind.COMMUNE, UnitKind.SPECIAL_ZONE, UnitKind.PROVINCE]
)
def test_current_kinds_need_no_valid_until(kind: UnitKind) -> None:
    """Wards, communes, special zones and provinces exist today without an end date."""
    assert ward(kind=kind).valid_until is None


# --------------------------------------------------------------------------- tallies
TALLY_PARTS = [
    pytest.param(
        lambda parts: PetitionTally(period=YEAR, received=10, parts=parts),
        "received (10)",
        id="PetitionTally-received",
    ),
    pytest.param(
        lambda parts: activity(supervisions=10, parts=parts),
        "supervisions (10)",
        id="BoardActivity-supervisions",
    ),
    pytest.param(
        lambda parts: DialogueTally(
            period=YEAR, kind=DialogueKind.PARTY_HEAD_PEOPLE, count=10, parts=parts
        ),
        "count (10)",
        id="DialogueTally-count",
    ),
    pytest.param(
        lambda parts: AdministrativeProcedures(period=YEAR, received=10, parts=parts),
        "received (10)",
        id="AdministrativeProcedures-received",
    ),
]


@pytest.mark.parametrize(("build", "total"), TALLY_PARTS)
def test_tally_parts_cannot_add_up_to_more_than_the_total(
    build: Callable[[tuple[TallyPart, ...]], object], total: str
) -> None:
    """Parts of 6 and 5 exceed a total of 10."""
    parts = (TallyPart(label="cấp quận", count=6), TallyPart(label="cấp phường", count=5))
    expected = [("$.parts", f"parts add up to 11, more than {total}")]
    assert expected == problems(lambda: build(parts))


@pytest.mark.parametrize(("build", "total"), TALLY_PARTS)
def test_tally_parts_may_cover_all_or_part_of_the_total(
    build: Callable[[tuple[TallyPart, ...]], Any], total: str
) -> None:
    """Parts adding up to the total, or less, are accepted."""
    parts = (TallyPart(label="cấp quận", count=6), TallyPart(label="cấp phường", count=4))
    assert parts == build(parts).parts
    assert parts[:1] == build(parts[:1]).parts


def test_tally_parts_without_a_total_are_accepted() -> None:
    """When the report gives no total, parts are kept as they are."""
    parts = (TallyPart(label="cấp phường", count=60),)
    assert parts == PetitionTally(period=YEAR, parts=parts).parts


# --------------------------------------------------------------------------- dossier-wide checks
def test_duplicate_ids_in_a_dossier_are_rejected() -> None:
    """Unit, evidence and source ids must each be unique in a dossier."""

    def build() -> object:
        return dossier(
            related_units=(Unit(id="co-giang", kind=UnitKind.VILLAGE, name="Tổ dân phố 1"),),
            evidence=(
                Statement(id="e1", text="a"),
                Statement(id="e2", text="b"),
                Statement(id="e1", text="c"),
            ),
            sources=(Source(id="s1", title="Báo cáo"), Source(id="s1", title="Tin bài")),
        )

    expected = [
        ("$.related_units[0].id", "duplicate unit id 'co-giang' (first used at $.unit.id)"),
        ("$.evidence[2].id", "duplicate evidence id 'e1' (first used at $.evidence[0].id)"),
        ("$.sources[1].id", "duplicate source id 's1' (first used at $.sources[0].id)"),
    ]
    assert expected == problems(build)


def test_the_same_id_may_name_a_unit_an_evidence_record_and_a_source() -> None:
    """Ids are unique per kind, not across kinds."""
    d = dossier(
        evidence=(Statement(id="co-giang", text="a"),), sources=(Source(id="co-giang", title="t"),)
    )
    assert d.find("co-giang") == Statement(id="co-giang", text="a")


def _inspection(**changes: Any) -> Inspection:
    return Inspection(start=D(2021, 5, 1), **changes)


DANGLING_REFERENCES = [
    pytest.param(
        lambda: dossier(
            evidence=(
                _inspection(
                    findings=(Finding(kind=FindingKind.WEAKNESS, text="Chưa", evidence=("e9",)),)
                ),
            )
        ),
        ("$.evidence[0].findings[0].evidence[0]", "no evidence with id 'e9' in this dossier"),
        id="finding-evidence",
    ),
    pytest.param(
        lambda: dossier(
            evidence=(
                _inspection(recommendations=(Recommendation(text="Khắc phục", evidence=("e8",)),)),
            )
        ),
        (
            "$.evidence[0].recommendations[0].evidence[0]",
            "no evidence with id 'e8' in this dossier",
        ),
        id="recommendation-evidence",
    ),
    pytest.param(
        lambda: dossier(evidence=(_inspection(targets=(OversightTarget(unit="phuong-10"),)),)),
        ("$.evidence[0].targets[0].unit", "no unit with id 'phuong-10' in this dossier"),
        id="oversight-target",
    ),
    pytest.param(
        lambda: dossier(unit=ward(parent="quan-1")),
        ("$.unit.parent", "no unit with id 'quan-1' in this dossier"),
        id="unit-parent",
    ),
    pytest.param(
        lambda: dossier(
            related_units=(
                Unit(id="tdp-1", kind=UnitKind.RESIDENTIAL_GROUP, name="Tổ 1", parent="x"),
            )
        ),
        ("$.related_units[0].parent", "no unit with id 'x' in this dossier"),
        id="related-unit-parent",
    ),
    pytest.param(
        lambda: dossier(evidence=(Statement(text="a", source=SourceRef(source="s9")),)),
        ("$.evidence[0].source.source", "no source with id 's9' in this dossier"),
        id="source-ref",
    ),
    pytest.param(
        lambda: dossier(evidence=(activity(board="b9"),)),
        ("$.evidence[0].board", "no evidence with id 'b9' in this dossier"),
        id="board-activity-board",
    ),
    pytest.param(
        lambda: dossier(evidence=(decision(community="tdp-9"),)),
        ("$.evidence[0].community", "no unit with id 'tdp-9' in this dossier"),
        id="community-decision-community",
    ),
    pytest.param(
        lambda: dossier(
            evidence=(
                PetitionTally(
                    period=YEAR, parts=(TallyPart(label="Phường 1", count=1, unit="p1"),)
                ),
            )
        ),
        ("$.evidence[0].parts[0].unit", "no unit with id 'p1' in this dossier"),
        id="tally-part-unit",
    ),
]


@pytest.mark.parametrize(("build", "expected"), DANGLING_REFERENCES)
def test_references_must_resolve_in_the_dossier(
    build: Callable[[], object], expected: tuple[str, str]
) -> None:
    """A reference to an id the dossier does not hold is reported where it is made."""
    assert [expected] == problems(build)


def test_references_that_resolve_are_accepted() -> None:
    """Every kind of reference, pointing at something present, gives a valid dossier."""
    d = dossier(
        unit=ward(parent="quan-1"),
        related_units=(
            Unit(
                id="quan-1", kind=UnitKind.URBAN_DISTRICT, name="Quận 1", valid_until=D(2025, 6, 30)
            ),
        ),
        sources=(Source(id="s1", title="Báo cáo"),),
        evidence=(
            Statement(id="e1", text="a", source=SourceRef(source="s1")),
            Board(id="b1", kind=BoardKind.PEOPLES_INSPECTION_BOARD),
            activity(id="a1", board="b1"),
            _inspection(
                targets=(OversightTarget(unit="co-giang"),),
                findings=(Finding(kind=FindingKind.STRENGTH, text="Tốt", evidence=("e1", "a1")),),
                recommendations=(Recommendation(text="Duy trì", evidence=("b1",)),),
            ),
        ),
    )
    expected = {"co-giang", "quan-1"}
    assert expected == set(d.units_by_id())


def test_board_activity_must_point_at_a_board() -> None:
    """board_activity.board naming a statement is rejected."""

    def build() -> object:
        return dossier(evidence=(Statement(id="e1", text="a"), activity(board="e1")))

    expected = [("$.evidence[1].board", "'e1' is a statement, not a board")]
    assert expected == problems(build)


def test_board_activity_must_match_the_kind_of_its_board() -> None:
    """An inspection board's activity cannot be filed as a mediation team's."""

    def build() -> object:
        return dossier(
            evidence=(
                Board(id="b1", kind=BoardKind.PEOPLES_INSPECTION_BOARD),
                activity(board="b1", board_kind=BoardKind.MEDIATION_TEAM),
            )
        )

    expected = (
        "$.evidence[1].board_kind",
        (
            "board_kind 'mediation_team' differs from the kind of board 'b1' "
            "('peoples_inspection_board')"
        ),
    )
    assert [expected] == problems(build)


def test_every_problem_of_a_dossier_is_reported_at_once() -> None:
    """Duplicates and dangling references anywhere in a dossier come out together."""

    def build() -> object:
        return dossier(
            unit=ward(parent="nope"),
            evidence=(
                Statement(id="e1", text="a", source=SourceRef(source="s9")),
                Statement(id="e1", text="b"),
                activity(board="e1"),
            ),
        )

    expected = [
        ("$.evidence[1].id", "duplicate evidence id 'e1' (first used at $.evidence[0].id)"),
        ("$.unit.parent", "no unit with id 'nope' in this dossier"),
        ("$.evidence[0].source.source", "no source with id 's9' in this dossier"),
        ("$.evidence[2].board", "'e1' is a statement, not a board"),
    ]
    assert expected == problems(build)


# --------------------------------------------------------------------------- commendations
def test_commendation_criteria_need_a_rule() -> None:
    """Criteria without any rule are rejected."""

    def build() -> object:
        return CommendationCriteria(id="c1", title=Label(vi="Khen", en="Commend"))

    expected = [("$.rules", "give at least one rule")]
    assert expected == problems(build)


def test_commendation_criteria_with_a_rule_are_accepted() -> None:
    """One rule is enough."""
    c = CommendationCriteria(id="c1", title=Label(vi="Khen", en="Commend"), rules=(NoFailedGate(),))
    assert (NoFailedGate(),) == c.rules


def test_a_commendation_names_at_most_recipient_count_recipients() -> None:
    """Two named recipients with recipient_count 1 is rejected."""

    def build() -> object:
        return Commendation(
            awarded_by="Quận ủy Đống Đa",
            recipients=("Phường Láng Hạ", "Phường Ô Chợ Dừa"),
            recipient_count=1,
        )

    expected = [("$.recipients", "2 recipients named, more than recipient_count (1)")]
    assert expected == problems(build)


def test_a_commendation_may_name_only_some_recipients() -> None:
    """One named recipient out of 12 is accepted."""
    c = Commendation(
        awarded_by="Quận ủy Đống Đa", recipients=("Phường Láng Hạ",), recipient_count=12
    )
    expected = 12
    assert expected == c.recipient_count


# --------------------------------------------------------------------------- the error itself
def test_several_problems_of_one_object_are_reported_together() -> None:
    """A decision with three faults reports all three, in field-rule order."""

    def build() -> object:
        return decision(
            notice_on=D(2021, 5, 3),
            households_total=10,
            households_present=11,
            households_in_favour=12,
        )

    expected = [
        ("$.households_present", "households_present (11) is larger than households_total (10)"),
        (
            "$.households_in_favour",
            "households_in_favour (12) is larger than households_total (10)",
        ),
        ("$.decided_on", "decided_on (2021-05-01) is before notice_on (2021-05-03)"),
    ]
    assert expected == problems(build)


def test_field_problems_and_rule_problems_are_reported_together() -> None:
    """A negative count and dates out of order in one dialogue come out at once."""
    expected = [
        ("$.participants", "a count cannot be below 0, got -5"),
        ("$.minutes_posted_on", "minutes_posted_on (2021-05-01) is before held_on (2021-06-01)"),
    ]
    assert expected == problems(lambda: dialogue(participants=-5, minutes_posted_on=D(2021, 5, 1)))


def test_invalid_input_is_a_dancoso_error_and_a_value_error() -> None:
    """Callers may catch InvalidInput as DancosoError or as ValueError."""
    assert issubclass(InvalidInput, DancosoError)
    assert issubclass(InvalidInput, ValueError)
    with pytest.raises(ValueError, match="end"):
        Period(start=D(2021, 5, 1), end=D(2021, 4, 1))


def test_str_of_invalid_input_has_a_head_line_and_one_line_per_problem() -> None:
    """The message names the class, counts the problems and lists each with its path."""
    with pytest.raises(InvalidInput) as info:
        dialogue(issues_raised=3, issues_answered=4, answered_in_writing=5)
    expected = (
        "Dialogue has 2 problems:\n"
        "  issues_answered (4) is larger than issues_raised (3) @ $.issues_answered\n"
        "  answered_in_writing (5) is larger than issues_raised (3) @ $.answered_in_writing"
    )
    assert expected == str(info.value)
    expected = ("$.issues_answered", "$.answered_in_writing")
    assert expected == info.value.paths


def test_str_of_invalid_input_with_one_problem_is_singular() -> None:
    """One problem reads 'has 1 problem:'."""
    with pytest.raises(InvalidInput) as info:
        Period(start=D(2021, 5, 1), end=D(2021, 4, 1))
    expected = "Period has 1 problem:\n  end (2021-04-01) is before start (2021-05-01) @ $.end"
    assert expected == str(info.value)


def test_problem_under_prefixes_its_path() -> None:
    """A problem seen from a containing document keeps its message and gains the prefix."""
    p = Problem(path="$.resolved_on", message="m")
    assert Problem(path="$.evidence[4].resolved_on", message="m") == p.under("$.evidence[4]")


# --------------------------------------------------------------------------- Period helpers
@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        pytest.param(Period.year(2021), D(2021, 1, 1), D(2021, 12, 31), id="year"),
        pytest.param(Period.years(2016, 2020), D(2016, 1, 1), D(2020, 12, 31), id="years"),
        pytest.param(Period.quarter(2024, 1), D(2024, 1, 1), D(2024, 3, 31), id="Q1"),
        pytest.param(Period.quarter(2024, 2), D(2024, 4, 1), D(2024, 6, 30), id="Q2"),
        pytest.param(Period.quarter(2024, 3), D(2024, 7, 1), D(2024, 9, 30), id="Q3"),
        pytest.param(Period.quarter(2024, 4), D(2024, 10, 1), D(2024, 12, 31), id="Q4"),
        pytest.param(Period.day(D(2023, 5, 19)), D(2023, 5, 19), D(2023, 5, 19), id="day"),
    ],
)
def test_period_constructors(period: Period, start: dt.date, end: dt.date) -> None:
    """year, years, quarter and day give the expected first and last days."""
    assert (start, end) == (period.start, period.end)


@pytest.mark.parametrize("quarter", [0, 5])
def test_period_quarter_outside_1_to_4_is_rejected(quarter: int) -> None:
    """Quarters run from 1 to 4."""
    expected = [("$.quarter", f"quarter must be 1–4, got {quarter}")]
    assert expected == problems(lambda: Period.quarter(2021, quarter))


def test_period_days_and_membership() -> None:
    """A leap year has 366 days and contains its first and last day only."""
    p = Period.year(2024)
    expected = 366
    assert expected == p.days
    expected = (True, True, False)
    assert expected == (D(2024, 1, 1) in p, D(2024, 12, 31) in p, D(2025, 1, 1) in p)


# --------------------------------------------------------------------------- documents
@pytest.mark.parametrize(
    ("number", "kind", "issuer"),
    [
        pytest.param("31-KH/BCĐTP", DocumentKind.PLAN, "BCĐTP", id="party-plan"),
        pytest.param("04-CTr/BCĐQCDC", DocumentKind.PROGRAMME, "BCĐQCDC", id="party-programme"),
        pytest.param("114-KL/TW", DocumentKind.CONCLUSION, "TW", id="party-conclusion"),
        pytest.param("11-QĐi/TW", DocumentKind.REGULATION, "TW", id="party-regulation"),
        pytest.param("30-CT/TW", DocumentKind.DIRECTIVE, "TW", id="party-directive"),
        pytest.param("49-NQ/TU", DocumentKind.RESOLUTION, "TU", id="party-resolution"),
        pytest.param("124-QĐ/TW", DocumentKind.DECISION, "TW", id="party-decision"),
        pytest.param("59/2023/NĐ-CP", DocumentKind.DECREE, "CP", id="state-decree"),
        pytest.param("04/2016/TT-BNV", DocumentKind.CIRCULAR, "BNV", id="state-circular"),
        pytest.param("34/2007/PL-UBTVQH11", DocumentKind.ORDINANCE, "UBTVQH11", id="ordinance"),
        pytest.param("07/2023/QĐ-UBND", DocumentKind.DECISION, "UBND", id="state-decision"),
        pytest.param("346/QĐ-TTg", DocumentKind.DECISION, "TTg", id="state-decision-without-year"),
        pytest.param(
            "3708/QĐ-UBND", DocumentKind.DECISION, "UBND", id="ubnd-decision-without-year"
        ),
        pytest.param("12-HD/BTCTW", DocumentKind.GUIDANCE, "BTCTW", id="guidance"),
        pytest.param("10/2022/QH15", DocumentKind.LAW, None, id="law"),
        pytest.param(
            "09/2008/NQLT-CP-UBTWMTTQVN",
            DocumentKind.JOINT_RESOLUTION,
            "CP-UBTWMTTQVN",
            id="joint-resolution",
        ),
        pytest.param("5-XYZ/ABC", DocumentKind.OTHER, "ABC", id="unknown-code"),
        pytest.param("Luật Thực hiện dân chủ ở cơ sở", DocumentKind.OTHER, None, id="unparseable"),
        pytest.param("KH không số", DocumentKind.OTHER, None, id="no-number"),
    ],
)
def test_document_ref_parse_reads_kind_and_issuer(
    number: str, kind: DocumentKind, issuer: str | None
) -> None:
    """The kind code and issuer are read from the number, which is kept as written."""
    ref = DocumentRef.parse(number, issued_on=D(2023, 5, 19))
    assert (number, kind, issuer, D(2023, 5, 19)) == (
        ref.number,
        ref.kind,
        ref.issuer_code,
        ref.issued_on,
    )


# --------------------------------------------------------------------------- units and terms
def test_unit_valid_on() -> None:
    """A unit is valid on the days from valid_from to valid_until, both included."""
    u = Unit(
        id="ai-tu",
        kind=UnitKind.TOWNSHIP,
        name="Thị trấn Ái Tử",
        valid_from=D(2019, 12, 1),
        valid_until=D(2025, 6, 30),
    )
    days = [D(2019, 11, 30), D(2019, 12, 1), D(2025, 6, 30), D(2025, 7, 1)]
    expected = [False, True, True, False]
    assert expected == [u.valid_on(d) for d in days]


def test_unit_without_validity_dates_is_always_valid() -> None:
    """Without valid_from and valid_until, every day is valid."""
    expected = [True, True]
    assert expected == [ward().valid_on(D(1990, 1, 1)), ward().valid_on(D(2100, 1, 1))]


LEVELS = {
    UnitKind.COMMUNE: UnitLevel.COMMUNE,
    UnitKind.WARD: UnitLevel.COMMUNE,
    UnitKind.SPECIAL_ZONE: UnitLevel.COMMUNE,
    UnitKind.TOWNSHIP: UnitLevel.COMMUNE,
    UnitKind.URBAN_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.RURAL_DISTRICT: UnitLevel.DISTRICT,
    UnitKind.DISTRICT_TOWN: UnitLevel.DISTRICT,
    UnitKind.PROVINCIAL_CITY: UnitLevel.DISTRICT,
    UnitKind.MUNICIPAL_CITY: UnitLevel.DISTRICT,
    UnitKind.PROVINCE: UnitLevel.PROVINCE,
    UnitKind.CENTRAL_CITY: UnitLevel.PROVINCE,
    UnitKind.VILLAGE: UnitLevel.COMMUNITY,
    UnitKind.RESIDENTIAL_GROUP: UnitLevel.COMMUNITY,
    UnitKind.QUARTER: UnitLevel.COMMUNITY,
    UnitKind.STATE_AGENCY: UnitLevel.ORGANISATION,
    UnitKind.PUBLIC_SERVICE_UNIT: UnitLevel.ORGANISATION,
    UnitKind.STATE_OWNED_ENTERPRISE: UnitLevel.ORGANISATION,
    UnitKind.NON_STATE_EMPLOYER: UnitLevel.ORGANISATION,
}
ABOLISHED = {
    UnitKind.TOWNSHIP,
    UnitKind.URBAN_DISTRICT,
    UnitKind.RURAL_DISTRICT,
    UnitKind.DISTRICT_TOWN,
    UnitKind.PROVINCIAL_CITY,
    UnitKind.MUNICIPAL_CITY,
}


@pytest.mark.parametrize("kind", list(UnitKind), ids=lambda k: k.value)
def test_unit_kind_level_and_abolition(kind: UnitKind) -> None:
    """Each kind sits at its tier; only townships and district-level kinds are abolished."""
    abolished = D(2025, 7, 1) if kind in ABOLISHED else None
    assert (LEVELS[kind], abolished) == (kind.level, kind.abolished_on)


def _terms() -> list[type[Term]]:
    found = (getattr(model, name) for name in model.__all__)
    return [t for t in found if isinstance(t, type) and issubclass(t, Term) and t is not Term]


@pytest.mark.parametrize("term", _terms(), ids=lambda t: t.__name__)
def test_every_term_has_vietnamese_and_english_labels(term: type[Term]) -> None:
    """Every member has non-blank labels, and the Vietnamese one is not the identifier."""
    missing = [m.value for m in term if not m.vi.strip() or not m.en.strip() or m.vi == m.value]
    expected = []
    assert expected == missing
    first = next(iter(term))
    assert (first.vi, first.en) == (first.label("vi"), first.label("en"))
