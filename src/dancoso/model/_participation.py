"""What people are told, decide and are consulted on: the "know" and "discuss" of the motto."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    AtMost,
    Before,
    Period,
    Ratio,
    Term,
    bounded,
    flag,
    many,
    numbers,
    opt,
    opt_count,
    opt_ident,
    opt_text,
    req,
    text,
)
from dancoso.model._documents import DocumentRef, Evidence, Tally

__all__ = [
    "CollectiveAgreement",
    "CollectiveAgreementTally",
    "CommunityConvention",
    "CommunityDecision",
    "CommunityMatter",
    "Consultation",
    "ConsultationForm",
    "ConventionKind",
    "ConventionTally",
    "DecisionForm",
    "DecisionScope",
    "DemocracyRegulation",
    "Disclosure",
    "DisclosureChannel",
    "DisclosureTally",
    "ItemList",
]


class ItemList(Term):
    """The numbered list of matters an item number refers to, by law and period.

    `size` is the number of items in the list, where the text was verified. Lists whose
    items are lettered (Law Art. 64.1, Decree 145/2020 Art. 43.1: a, b, c, d, đ, e …) are
    numbered in their order: a is 1, b is 2, đ is 5.
    """

    LAW_ART11 = "law_art11", "Luật 10/2022, Điều 11 (cấp xã)", "Law 10/2022 Art. 11 (commune)"
    LAW_ART25 = "law_art25", "Luật 10/2022, Điều 25 (cấp xã)", "Law 10/2022 Art. 25 (commune)"
    LAW_ART46 = "law_art46", "Luật 10/2022, Điều 46 (cơ quan)", "Law 10/2022 Art. 46 (agency)"
    LAW_ART53 = "law_art53", "Luật 10/2022, Điều 53 (cơ quan)", "Law 10/2022 Art. 53 (agency)"
    LAW_ART64 = "law_art64", "Luật 10/2022, Điều 64 (DNNN)", "Law 10/2022 Art. 64 (SOE)"
    ORDINANCE_ART5 = "ordinance_art5", "Pháp lệnh 34/2007, Điều 5", "Ordinance 34/2007 Art. 5"
    ORDINANCE_ART19 = "ordinance_art19", "Pháp lệnh 34/2007, Điều 19", "Ordinance 34/2007 Art. 19"
    DECREE04_ART7 = "decree04_art7", "Nghị định 04/2015, Điều 7", "Decree 04/2015 Art. 7"
    DECREE145_ART43 = (
        "decree145_art43",
        "Nghị định 145/2020, khoản 1 Điều 43 (người sử dụng lao động)",
        "Decree 145/2020 Art. 43.1 (employer)",
    )

    @property
    def size(self) -> int | None:
        """How many items the list has (None where the count is not verified)."""
        return _LIST_SIZES.get(self)


_LIST_SIZES = {
    ItemList.LAW_ART11: 14,
    ItemList.LAW_ART25: 9,
    ItemList.LAW_ART46: 12,
    ItemList.LAW_ART53: 11,
    ItemList.LAW_ART64: 8,
    ItemList.ORDINANCE_ART5: 11,
    ItemList.ORDINANCE_ART19: 5,
    ItemList.DECREE04_ART7: 9,
    ItemList.DECREE145_ART43: 7,
}


def _items_within(
    item_list: ItemList | None, items: tuple[int, ...], path: str
) -> Iterator[Problem]:
    if item_list is None or item_list.size is None:
        return
    size = item_list.size
    for i, item in enumerate(items):
        if item > size:
            where = path if len(items) == 1 and path.endswith("item") else f"{path}[{i}]"
            yield Problem(where, f"{item_list.value} has {size} items, got item {item}")


class DisclosureChannel(Term):
    """How information is disclosed (Law Arts 12.1, 47.1, 65.1)."""

    POSTING = "posting", "niêm yết", "posting"
    PORTAL = "portal", "cổng/trang thông tin điện tử", "portal or website"
    RADIO = "radio", "đài truyền thanh", "radio"
    VILLAGE_HEADS = (
        "village_heads",
        "qua trưởng thôn, tổ trưởng tổ dân phố",
        "through village heads",
    )
    LETTER = "letter", "gửi văn bản", "letter"
    DIALOGUE = "dialogue", "hội nghị đối thoại", "dialogue"
    MEETING = "meeting", "hội nghị, cuộc họp", "meeting or conference"
    CITIZEN_RECEPTION = "citizen_reception", "tiếp công dân, tiếp xúc cử tri", "citizen reception"
    PRESS = "press", "báo chí, người phát ngôn", "press or spokesperson"
    MASS_ORGANISATIONS = (
        "mass_organisations",
        "qua các tổ chức chính trị – xã hội",
        "mass organisations",
    )
    SOCIAL_NETWORK = "social_network", "mạng xã hội", "social network"
    INTRANET = "intranet", "mạng nội bộ", "intranet"
    OTHER = "other", "hình thức khác", "other"


@frozen(kw_only=True, repr=False)
class Disclosure(Evidence):
    """One item of information made public (công khai thông tin).

    `item` is the number of the item in the list that applies to the unit: Law Art. 11
    (items 1–14) for communes, Art. 46 for agencies and public service units, Art. 64.1 for
    state-owned enterprises, Decree 145/2020 Art. 43.1 for other employers, and Ordinance
    34/2007 Art. 5 (items 1–11) before 2023-07-01. Lettered points count in order (a is 1).
    """

    TYPE: ClassVar[str] = "disclosure"

    subject: str = text("What was disclosed, as written.")
    item: int | None = bounded("Item number in the applicable list (1–14).", minimum=1, maximum=14)
    item_list: ItemList | None = opt("Which list `item` numbers into.")
    channels: tuple[DisclosureChannel, ...] = many("How it was disclosed.", unique=True)
    decided_on: dt.date | None = opt("Date of the decision or document disclosed.")
    disclosed_on: dt.date | None = opt("Date it was made public.")
    posted_until: dt.date | None = opt("Last day it stayed posted.")
    posted_days: int | None = opt_count("Consecutive days posted.")
    broadcast_days: int | None = opt_count("Consecutive days broadcast on the radio.")
    permanent: bool = flag("Kept posted permanently and up to date (Art. 13.2).")
    period: Period | None = opt("When only the period of the disclosure is known.")
    under: DocumentRef | None = opt("Document requiring it, e.g. a directive.")
    purpose: str | None = opt_text("Why it was disclosed, as written.")

    __rules__ = (Before("decided_on", "disclosed_on"), Before("disclosed_on", "posted_until"))

    def _check(self) -> Iterator[Problem]:
        if self.item is not None:
            yield from _items_within(self.item_list, (self.item,), "$.item")
        if self.disclosed_on is not None and self.posted_until is not None and self.posted_days:
            span = (self.posted_until - self.disclosed_on).days + 1
            if self.posted_days > span:
                yield Problem(
                    "$.posted_days",
                    f"posted_days ({self.posted_days}) is longer than disclosed_on..posted_until "
                    f"({span} days)",
                )


@frozen(kw_only=True, repr=False)
class DisclosureTally(Tally):
    """Disclosures over a period, as totals."""

    TYPE: ClassVar[str] = "disclosure_tally"

    count: int | None = opt_count("Disclosures made.")
    items: tuple[int, ...] = numbers("Item numbers covered (1–14).", minimum=1, maximum=14)
    item_list: ItemList | None = opt("Which list `items` number into.")
    channels: tuple[DisclosureChannel, ...] = many("Channels used.", unique=True)
    on_time: Ratio | None = opt("Disclosures made within the legal deadline.")
    register_postings: int | None = opt_count("Quarterly disclosure registers posted (Art. 13.2).")
    subject: str | None = opt_text("What was disclosed, as written.")

    def _check_tally(self) -> Iterator[Problem]:
        yield from _items_within(self.item_list, self.items, "$.items")


class CommunityMatter(Term):
    """Matters residents decide (Law Art. 15 items 1–6)."""

    CONTRIBUTIONS = (
        "contributions",
        "chủ trương, mức đóng góp xây dựng công trình",
        "contributions to public works",
    )
    COMMUNITY_FUNDS = "community_funds", "thu, chi quỹ, khoản đóng góp", "community funds"
    CONVENTION = "convention", "hương ước, quy ước", "community convention"
    VILLAGE_HEAD = "village_head", "bầu, cho thôi Trưởng thôn, Tổ trưởng tổ dân phố", "village head"
    BOARD_MEMBERS = "board_members", "bầu, cho thôi thành viên BTTND, BGSĐTCĐ", "board members"
    SELF_MANAGEMENT = "self_management", "công việc tự quản khác", "other self-management"

    @property
    def item(self) -> int:
        """The item number in Law Art. 15."""
        return list(CommunityMatter).index(self) + 1


class DecisionForm(Term):
    """How residents decide (Law Art. 17)."""

    MEETING = "meeting", "hội nghị cộng đồng dân cư", "community meeting"
    BALLOT = "ballot", "phát phiếu lấy ý kiến hộ gia đình", "household ballot"
    ONLINE = "online", "biểu quyết trực tuyến", "online vote"


class DecisionScope(Term):
    """Whether a decision concerns one community or the whole commune."""

    COMMUNITY = "community", "phạm vi thôn, tổ dân phố", "one community"
    COMMUNE = "commune", "phạm vi cấp xã", "commune-wide"


@frozen(kw_only=True, repr=False)
class CommunityDecision(Evidence):
    """A matter residents decided directly (Law Arts 15–22).

    Pass thresholds count *all* households (Art. 21.1), so keep the total, those present
    and those in favour.
    """

    TYPE: ClassVar[str] = "community_decision"

    matter: CommunityMatter = req("What was decided (Art. 15 item).")
    decided_on: dt.date = req("Date of the vote.")
    scope: DecisionScope | None = opt("One community or commune-wide.")
    form: DecisionForm | None = opt("Meeting, ballot or online vote.")
    subject: str | None = opt_text("The matter as written.")
    community: str | None = opt_ident("Id of the village / residential group.", ref="unit")
    households_total: int | None = opt_count("All households of the community.")
    households_present: int | None = opt_count("Household representatives present.")
    households_in_favour: int | None = opt_count("Household representatives in favour.")
    communities_total: int | None = opt_count("Communities in the commune (commune-wide votes).")
    communities_in_favour: int | None = opt_count("Communities approving (commune-wide votes).")
    initiated_by_citizens: Ratio | None = opt("Share of households backing a citizen initiative.")
    notice_on: dt.date | None = opt("When households were notified.")
    filed_on: dt.date | None = opt("When the record was sent to the UBND and MTTQ.")
    recognised_on: dt.date | None = opt(
        "When it was recognised (or refused, see recognition_refused)."
    )
    recognition_refused: bool = flag("The recognition was refused, with reasons.")

    __rules__ = (
        AtMost("households_present", "households_total"),
        AtMost("households_in_favour", "households_total"),
        AtMost("communities_in_favour", "communities_total"),
        Before("notice_on", "decided_on"),
        Before("decided_on", "filed_on"),
        Before("decided_on", "recognised_on"),
    )

    def _check(self) -> Iterator[Problem]:
        if (
            self.form is DecisionForm.MEETING
            and self.households_in_favour is not None
            and self.households_present is not None
            and self.households_in_favour > self.households_present
        ):
            yield Problem(
                "$.households_in_favour",
                f"households_in_favour ({self.households_in_favour}) is larger than "
                f"households_present ({self.households_present}) at a meeting",
            )


class ConsultationForm(Term):
    """How opinions are gathered (Law Arts 26, 54, 72)."""

    DIALOGUE = "dialogue", "đối thoại", "dialogue"
    MEETING = "meeting", "hội nghị cộng đồng dân cư", "community meeting"
    BRIEFING = "briefing", "họp giao ban khu phố, tổ dân phố", "neighbourhood briefing"
    STAFF_CONFERENCE = "staff_conference", "hội nghị cán bộ, công chức", "staff conference"
    BALLOT = "ballot", "phiếu lấy ý kiến", "ballot"
    SUGGESTION_BOX = "suggestion_box", "hòm thư góp ý, đường dây nóng", "suggestion box or hotline"
    MASS_ORGANISATIONS = (
        "mass_organisations",
        "qua Mặt trận và các đoàn thể",
        "through mass organisations",
    )
    PORTAL = "portal", "cổng thông tin điện tử", "portal"
    SOCIAL_NETWORK = "social_network", "mạng xã hội", "social network"
    OTHER = "other", "hình thức khác", "other"


@frozen(kw_only=True, repr=False)
class Consultation(Evidence):
    """A matter put to residents or staff for their opinions (Law Arts 25–29, 53–55)."""

    TYPE: ClassVar[str] = "consultation"

    subject: str = text("What was consulted on, as written.")
    item: int | None = bounded(
        "Item number in Art. 25 (communes) or Art. 53 (agencies).", minimum=1, maximum=11
    )
    item_list: ItemList | None = opt("Which list `item` numbers into.")
    forms: tuple[ConsultationForm, ...] = many("How opinions were gathered.", unique=True)
    consulted: tuple[str, ...] = many("Who was consulted, as written.")
    opened_on: dt.date | None = opt("First day of the consultation window.")
    closes_on: dt.date | None = opt("Last day of the window.")
    period: Period | None = opt("When only the period is known.")
    opinions_received: int | None = opt_count("Opinions received.")
    opinions_adopted: int | None = opt_count("Opinions taken up.")
    synthesis_published: bool | None = opt(
        "Whether the synthesis and explanation were published: true, false, or not stated."
    )
    synthesis_published_on: dt.date | None = opt(
        "When the synthesis and explanation were published."
    )

    __rules__ = (
        Before("opened_on", "closes_on"),
        Before("opened_on", "synthesis_published_on"),
        AtMost("opinions_adopted", "opinions_received"),
    )

    def _check(self) -> Iterator[Problem]:
        if self.item is not None:
            yield from _items_within(self.item_list, (self.item,), "$.item")
        if self.synthesis_published is False and self.synthesis_published_on is not None:
            yield Problem(
                "$.synthesis_published",
                "false, but synthesis_published_on gives the day it was published",
            )


class ConventionKind(Term):
    """Village conventions."""

    HUONG_UOC = "huong_uoc", "hương ước", "village covenant"
    QUY_UOC = "quy_uoc", "quy ước", "community rules"


@frozen(kw_only=True, repr=False)
class CommunityConvention(Evidence):
    """A village or residential-group convention (Decree 61/2023; Decision 22/2018 before)."""

    TYPE: ClassVar[str] = "community_convention"

    kind: ConventionKind = req("Hương ước or quy ước.")
    community: str | None = opt_ident("Id of the community it governs.", ref="unit")
    name: str | None = opt_text("Title as written.")
    draft_posted_on: dt.date | None = opt("When the draft was posted (≥30 days before the vote).")
    adopted_on: dt.date | None = opt("Date of the vote.")
    households_total: int | None = opt_count("All households of the community.")
    households_in_favour: int | None = opt_count("Household representatives in favour.")
    filed_on: dt.date | None = opt(
        "When the complete file asking for recognition reached the commune UBND "
        "(Decree 61/2023/NĐ-CP Art. 11.3)."
    )
    recognised_on: dt.date | None = opt("Date of recognition.")
    recognised_by: str | None = opt_text("Who recognised it (commune or district UBND).")
    reviewed_on: tuple[dt.date, ...] = many("Dates of the annual reviews.", unique=True)
    amended_on: dt.date | None = opt("Date of the last amendment.")

    __rules__ = (
        Before("draft_posted_on", "adopted_on"),
        Before("adopted_on", "recognised_on"),
        Before("adopted_on", "filed_on"),
        Before("filed_on", "recognised_on"),
        AtMost("households_in_favour", "households_total"),
    )


@frozen(kw_only=True, repr=False)
class ConventionTally(Tally):
    """Conventions of a unit's communities over a period, as totals."""

    TYPE: ClassVar[str] = "convention_tally"

    count: int | None = opt_count("Conventions in force.")
    coverage: Ratio | None = opt("Communities with a recognised convention.")
    reviewed: Ratio | None = opt("Conventions reviewed in the period.")
    amended: int | None = opt_count("Conventions amended or supplemented.")


@frozen(kw_only=True, repr=False)
class DemocracyRegulation(Evidence):
    """A grassroots-democracy regulation or internal rule issued by the unit.

    Law Arts 35.2.c (commune, with the Fatherland Front), 59.1.a (agencies, with the union),
    81.1.a (state-owned enterprises); Decree 145/2020 Art. 48 (employers).
    """

    TYPE: ClassVar[str] = "democracy_regulation"

    title: str = text("Title or subject as written.")
    issued_by: str | None = opt_text("Who issued it.")
    jointly_with: str | None = opt_text("Co-issuer: the Fatherland Front committee or union.")
    issued_on: dt.date | None = opt("Date of issue.")
    period: Period | None = opt("When only the period is known.")
    document: DocumentRef | None = opt("The document itself.")
    revised: bool = flag("It reviews or amends an earlier regulation.")
    topics: tuple[str, ...] = many("Fields it covers.")
    discussed_by: tuple[str, ...] = many("Who discussed the draft, as written.")
    approved_by: str | None = opt_text("The authority that approved it.")
    directed_by: str | None = opt_text("Who directed that it be drafted.")
    purpose: str | None = opt_text("Its stated purpose.")


@frozen(kw_only=True, repr=False)
class CollectiveAgreement(Evidence):
    """A collective labour agreement (thỏa ước lao động tập thể; Labour Code Arts 75–78)."""

    TYPE: ClassVar[str] = "collective_agreement"

    signed_on: dt.date | None = opt("Date signed.")
    valid: Period | None = opt("Term of validity (1–3 years).")
    workers_covered: int | None = opt_count("Workers it covers.")
    approval: Ratio | None = opt("Workers approving it, out of all (more than half needed).")
    registered_with: str | None = opt_text("Authority it was filed with.")
    registered_on: dt.date | None = opt("Date filed (within 10 days of signing).")
    document: DocumentRef | None = opt("The agreement itself.")

    __rules__ = (Before("signed_on", "registered_on"),)


@frozen(kw_only=True, repr=False)
class CollectiveAgreementTally(Tally):
    """Collective labour agreements among a unit's employers, as totals."""

    TYPE: ClassVar[str] = "collective_agreement_tally"

    count: int | None = opt_count("Agreements in force.")
    coverage: Ratio | None = opt("Employers or unions with an agreement, out of all.")
