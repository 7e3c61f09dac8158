"""Conferences, dialogues and voter contacts: where people and those in charge meet."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from attrs import frozen

from dancoso.model._base import (
    AtMost,
    Before,
    Period,
    Ratio,
    Term,
    flag,
    many,
    opt,
    opt_count,
    opt_ident,
    opt_text,
    req,
)
from dancoso.model._documents import Evidence, Tally
from dancoso.model._units import Person

__all__ = [
    "Conference",
    "ConferenceKind",
    "ConferenceTally",
    "Dialogue",
    "DialogueKind",
    "DialogueTally",
    "VoterContact",
    "VoterContactKind",
    "VoterContactTally",
]


class ConferenceKind(Term):
    """Kinds of conferences reports mention."""

    YEAR_END_COMMUNITY = (
        "year_end_community",
        "hội nghị định kỳ (cuối năm) của thôn, tổ dân phố",
        "year-end community conference",
    )
    COMMUNITY_MEETING = "community_meeting", "hội nghị cộng đồng dân cư", "community meeting"
    PEOPLES = "peoples", "hội nghị nhân dân", "people's conference"
    PEOPLES_REPRESENTATIVES = (
        "peoples_representatives",
        "hội nghị đại biểu nhân dân",
        "people's representatives' conference",
    )
    GREAT_UNITY = "great_unity", "hội nghị đại đoàn kết toàn dân", "great unity conference"
    STAFF = "staff", "hội nghị cán bộ, công chức, viên chức", "staff conference"
    WORKERS = "workers", "hội nghị người lao động", "workers' conference"
    REVIEW = "review", "hội nghị tổng kết", "review conference"
    PARTY_CELL_CONGRESS = "party_cell_congress", "đại hội chi bộ", "Party cell congress"
    OTHER = "other", "hội nghị khác", "other conference"


@frozen(kw_only=True, repr=False)
class Conference(Evidence):
    """One conference held (Law Arts 33, 51, 69; Decree 145/2020 Art. 47)."""

    TYPE: ClassVar[str] = "conference"

    kind: ConferenceKind = req("Which conference.")
    held_on: dt.date = req("Date held.")
    community: str | None = opt_ident("Id of the community or unit that held it.", ref="unit")
    organiser: str | None = opt_text("Who organised it, as written.")
    chaired_by: Person | None = opt("Who chaired it.")
    invitations_sent_on: dt.date | None = opt("When invitations went out.")
    year_reviewed: Period | None = opt(
        "The work year (năm công tác) or fiscal year the conference reviews, when the report "
        "gives it, e.g. a school year; the conference is due within three months after it "
        "ends (Law 10/2022/QH15 Arts 51.1, 69.1)."
    )
    eligible: int | None = opt_count("People or delegates entitled to attend.")
    present: int | None = opt_count("People or delegates present.")
    resolution_adopted: bool = flag("A resolution was adopted.")
    votes_in_favour: int | None = opt_count("Votes for the resolution.")
    topics: tuple[str, ...] = many("What was discussed.")

    __rules__ = (
        AtMost("present", "eligible"),
        AtMost("votes_in_favour", "present"),
        Before("invitations_sent_on", "held_on"),
    )


@frozen(kw_only=True, repr=False)
class ConferenceTally(Tally):
    """Conferences over a period, as totals ("100% of agencies held their staff conference")."""

    TYPE: ClassVar[str] = "conference_tally"

    kind: ConferenceKind = req("Which conference.")
    count: int | None = opt_count("Conferences held.")
    coverage: Ratio | None = opt("Units or communities that held one, out of those that should.")
    participants: int | None = opt_count("Attendance, summed over conferences.")
    frequency_per_year: int | None = opt_count("How often it is held per year, as reported.")
    organisers: tuple[str, ...] = many("Who organised them, as written.")
    topics: tuple[str, ...] = many("What was discussed.")


class DialogueKind(Term):
    """Who talks with whom (Law Arts 27, 32, 58, 73; Labour Code Art. 63)."""

    PEOPLES_COMMITTEE_PEOPLE = (
        "peoples_committee_people",
        "đối thoại giữa UBND với Nhân dân",
        "People's Committee with the people",
    )
    HEAD_PEOPLE = (
        "head_people",
        "người đứng đầu cơ quan, chính quyền đối thoại với Nhân dân",
        "head of government or agency with the people",
    )
    PARTY_HEAD_PEOPLE = (
        "party_head_people",
        "người đứng đầu cấp ủy đối thoại với Nhân dân",
        "Party head with the people",
    )
    HEAD_BUSINESSES = (
        "head_businesses",
        "đối thoại với doanh nghiệp, cơ sở kinh doanh",
        "head with businesses",
    )
    HEAD_STAFF = "head_staff", "người đứng đầu đối thoại với cán bộ, công chức", "head with staff"
    AFFECTED_CITIZENS = (
        "affected_citizens",
        "đối thoại với người dân bị ảnh hưởng",
        "with affected citizens",
    )
    WORKPLACE_PERIODIC = (
        "workplace_periodic",
        "đối thoại định kỳ tại nơi làm việc",
        "periodic workplace dialogue",
    )
    WORKPLACE_ON_REQUEST = (
        "workplace_on_request",
        "đối thoại theo yêu cầu",
        "workplace dialogue on request",
    )
    WORKPLACE_ISSUE = (
        "workplace_issue",
        "đối thoại khi có vụ việc",
        "workplace dialogue on an issue",
    )
    UNION_EMPLOYER_WORKERS = (
        "union_employer_workers",
        "đối thoại Công đoàn – người sử dụng lao động – người lao động",
        "union, employer and workers",
    )
    OTHER = "other", "đối thoại khác", "other dialogue"


@frozen(kw_only=True, repr=False)
class Dialogue(Evidence):
    """One dialogue conference (hội nghị đối thoại)."""

    TYPE: ClassVar[str] = "dialogue"

    kind: DialogueKind = req("Who talked with whom.")
    held_on: dt.date = req("Date held.")
    chaired_by: Person | None = opt("Who led it.")
    organisers: tuple[str, ...] = many("Who organised it (e.g. the UBND with the MTTQ).")
    requested_on: dt.date | None = opt("When it was requested (dialogue on request).")
    replied_on: dt.date | None = opt(
        "When the side asked answered the request in writing with a time and place "
        "(Decree 145/2020/NĐ-CP Art. 40.2)."
    )
    agenda_sent_on: dt.date | None = opt("When the agenda was exchanged.")
    participants: int | None = opt_count("People taking part.")
    worker_representatives: int | None = opt_count("Worker representatives entitled to attend.")
    representatives_present: int | None = opt_count("Worker representatives present.")
    issues_raised: int | None = opt_count("Questions and issues raised.")
    issues_answered: int | None = opt_count("Issues answered at the dialogue or after.")
    answered_in_writing: int | None = opt_count("Issues answered in writing.")
    minutes_posted_on: dt.date | None = opt("When the main points were posted.")
    topics: tuple[str, ...] = many("What was raised.")

    __rules__ = (
        AtMost("representatives_present", "worker_representatives"),
        AtMost("issues_answered", "issues_raised"),
        AtMost("answered_in_writing", "issues_raised"),
        Before("requested_on", "held_on"),
        Before("requested_on", "replied_on"),
        Before("agenda_sent_on", "held_on"),
        Before("held_on", "minutes_posted_on"),
    )


@frozen(kw_only=True, repr=False)
class DialogueTally(Tally):
    """Dialogues over a period, as totals ("84 dialogue conferences with 8,190 attendees")."""

    TYPE: ClassVar[str] = "dialogue_tally"

    kind: DialogueKind = req("Who talked with whom.")
    count: int | None = opt_count("Dialogues held.")
    participants: int | None = opt_count("Attendance, summed over dialogues (lượt người).")
    issues_raised: int | None = opt_count("Issues raised.")
    issues_answered: int | None = opt_count("Issues answered.")
    coverage: Ratio | None = opt("Units that held one, out of those that should.")
    topics: tuple[str, ...] = many("What people raised.")

    __rules__ = (AtMost("issues_answered", "issues_raised"),)


class VoterContactKind(Term):
    """When deputies meet voters."""

    BEFORE_SESSION = "before_session", "trước kỳ họp", "before a council session"
    AFTER_SESSION = "after_session", "sau kỳ họp", "after a council session"
    THEMATIC = "thematic", "chuyên đề", "thematic"
    REGULAR = "regular", "tiếp xúc cử tri", "voter contact"


@frozen(kw_only=True, repr=False)
class VoterContact(Evidence):
    """One meeting of People's Council deputies with voters (tiếp xúc cử tri)."""

    TYPE: ClassVar[str] = "voter_contact"

    kind: VoterContactKind = req("Before or after a session, or thematic.")
    held_on: dt.date = req("Date held.")
    council: str | None = opt_text("The People's Council whose deputies met voters.")
    voters: int | None = opt_count("Voters attending.")
    opinions_raised: int | None = opt_count("Opinions raised.")
    opinions_answered: int | None = opt_count("Opinions answered.")
    answered_in_writing: int | None = opt_count("Opinions answered in writing.")
    topics: tuple[str, ...] = many("What voters raised, or the theme.")

    __rules__ = (
        AtMost("opinions_answered", "opinions_raised"),
        AtMost("answered_in_writing", "opinions_raised"),
    )


@frozen(kw_only=True, repr=False)
class VoterContactTally(Tally):
    """Voter contacts over a period, as totals."""

    TYPE: ClassVar[str] = "voter_contact_tally"

    kinds: tuple[VoterContactKind, ...] = many("Kinds included.", unique=True)
    count: int | None = opt_count("Meetings held.")
    council: str | None = opt_text("The People's Council whose deputies met voters.")
    units_covered: int | None = opt_count("Wards or communes whose voters were met.")
    voters: int | None = opt_count("Voters attending, summed.")
    opinions_raised: int | None = opt_count("Opinions raised.")
    answered_in_writing: Ratio | None = opt("Opinions answered in writing.")
    answered_by: str | None = opt_text("Who answered voters, as written (e.g. 'UBND phường').")
    organisers: tuple[str, ...] = many("Who organised them.")
    topics: tuple[str, ...] = many("Themes.")
