"""Inspections (kiểm tra) and supervisions (giám sát) a unit receives, with their findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    AtMost,
    Before,
    Model,
    Period,
    Term,
    flag,
    ident,
    many,
    opt,
    opt_count,
    opt_ident,
    opt_text,
    refs,
    req,
    text,
)
from dancoso.model._documents import DocumentRef, Evidence, Tally
from dancoso.model._units import Body, Person, UnitKind

__all__ = [
    "Delegation",
    "Finding",
    "FindingKind",
    "FollowUpStatus",
    "Inspection",
    "OversightMode",
    "OversightTally",
    "OversightTarget",
    "QuestionTally",
    "Recommendation",
    "SiteVisit",
    "Supervision",
    "TopicGroup",
]


class FindingKind(Term):
    """What a finding says of the unit."""

    STRENGTH = "strength", "ưu điểm, kết quả", "strength"
    WEAKNESS = "weakness", "hạn chế, tồn tại", "weakness"
    VIOLATION = "violation", "vi phạm", "violation"
    GOOD_PRACTICE = "good_practice", "cách làm hay, kinh nghiệm", "good practice"
    DIFFICULTY = "difficulty", "khó khăn, vướng mắc", "difficulty"


class FollowUpStatus(Term):
    """Where the follow-up of a recommendation stands."""

    OPEN = "open", "chưa thực hiện", "open"
    IN_PROGRESS = "in_progress", "đang thực hiện", "in progress"
    DONE = "done", "đã thực hiện", "done"
    OVERDUE = "overdue", "quá hạn", "overdue"
    DROPPED = "dropped", "không thực hiện", "dropped"


@frozen(kw_only=True, repr=False)
class Delegation(Model):
    """The people who carry out an inspection or supervision (đoàn kiểm tra / giám sát)."""

    name: str | None = opt_text("The delegation's own name, e.g. 'Đoàn kiểm tra … thành phố'.")
    head: Person | None = opt("Trưởng đoàn.")
    deputies: tuple[Person, ...] = many("Phó trưởng đoàn.")
    members: tuple[Person, ...] = many("Named members.")
    members_description: str | None = opt_text(
        "Members described as a group, e.g. 'tổ giúp việc của Ban Chỉ đạo'."
    )

    def __repr__(self) -> str:
        head = self.head.name if self.head else "-"
        return (
            f"Delegation(head={head!r}, deputies={len(self.deputies)}, members={len(self.members)})"
        )


@frozen(kw_only=True, repr=False)
class OversightTarget(Model):
    """A unit, or one of its bodies, that an inspection or supervision looks at."""

    unit: str = ident("Id of the unit (listed in the dossier).", ref="unit")
    body: str | None = opt_text("The body examined, e.g. 'Đảng ủy Phường 10'.")

    def __repr__(self) -> str:
        return f"OversightTarget({self.unit}, {self.body!r})"


@frozen(kw_only=True, repr=False)
class TopicGroup(Model):
    """Topics examined for one kind of target ("for districts and wards: …")."""

    applies_to: str = text("Whom the topics are for, as written ('Đối với doanh nghiệp').")
    unit_kinds: tuple[UnitKind, ...] = many("The unit kinds meant.", unique=True)
    topics: tuple[str, ...] = many("The topics, as written.")

    def __repr__(self) -> str:
        return f"TopicGroup({self.applies_to!r}, {len(self.topics)} topics)"


@frozen(kw_only=True, repr=False)
class SiteVisit(Model):
    """A place the delegation went to see for itself (kiểm tra thực tế)."""

    subject: str = text("What was looked at, as written.")
    unit: str | None = opt_ident("Id of the unit visited.", ref="unit")
    on: dt.date | None = opt("Date of the visit.")
    timing: str | None = opt_text("When, as written, if no date is given ('Trước đó').")

    def __repr__(self) -> str:
        return f"SiteVisit({self.unit}, {self.subject[:30]!r})"


@frozen(kw_only=True, repr=False)
class Finding(Model):
    """One finding of an inspection or supervision, pointing at the evidence it rests on."""

    kind: FindingKind = req("Strength, weakness, violation …")
    text: str = text("The finding as stated.")
    evidence: tuple[str, ...] = refs(
        "Ids of evidence records the finding rests on.", ref="evidence"
    )

    def __repr__(self) -> str:
        return f"Finding({self.kind.value}, {self.text[:40]!r})"


@frozen(kw_only=True, repr=False)
class Recommendation(Model):
    """What the delegation asks someone to do, and how it was followed up."""

    text: str = text("The recommendation as stated.")
    id: str | None = opt_ident("Identifier, for follow-up records.")
    addressee: str | None = opt_text("Who must act, e.g. 'lãnh đạo phường'.")
    due_on: dt.date | None = opt("Deadline, if one was set.")
    status: FollowUpStatus | None = opt("Follow-up status, once known.")
    followed_up_on: dt.date | None = opt("When the follow-up was checked or reported.")
    follow_up: str | None = opt_text("What was done about it.")
    evidence: tuple[str, ...] = refs(
        "Ids of evidence records showing the follow-up.", ref="evidence"
    )

    def __repr__(self) -> str:
        return f"Recommendation({self.text[:40]!r})"


@frozen(kw_only=True, repr=False)
class _Oversight(Evidence):
    """Fields shared by inspections and supervisions."""

    conducted_by: Body | None = opt("The body running it, e.g. the district steering committee.")
    conducted_by_body: str | None = opt_ident(
        "Id of the body running it, when it is one of the dossier's units' bodies.", ref="body"
    )
    basis: tuple[DocumentRef, ...] = many("Documents it is carried out under.")
    delegation: Delegation | None = opt("Who carried it out.")
    targets: tuple[OversightTarget, ...] = many("Units or bodies examined.")
    period_covered: Period | None = opt("The period whose work is examined, e.g. the year 2021.")
    start: dt.date = req("First day of the visit or work.")
    end: dt.date | None = opt("Last day, if it lasted more than one day.")
    hosts: tuple[Person, ...] = many("Who received the delegation (tiếp đoàn).")
    purpose: str | None = opt_text("What it set out to achieve, as written.")
    topics: tuple[str, ...] = many("What was examined.")
    topic_groups: tuple[TopicGroup, ...] = many("Topics set out per kind of target.")
    site_visits: tuple[SiteVisit, ...] = many("Places visited to see the work on the ground.")
    findings: tuple[Finding, ...] = many("What was found.")
    recommendations: tuple[Recommendation, ...] = many("What was asked of whom.")
    conclusion: str | None = opt_text("The conclusion (kết luận) as stated.")
    concluded_by: Person | None = opt("Who delivered the conclusion.")

    __rules__ = (Before("start", "end"),)

    def _check(self) -> Iterator[Problem]:
        for i, visit in enumerate(self.site_visits):
            if visit.on is not None and not self.start <= visit.on <= (self.end or self.start):
                yield Problem(
                    f"$.site_visits[{i}].on",
                    f"the visit ({visit.on}) is outside the work's dates "
                    f"({self.start}..{self.end or self.start})",
                )
        if self.period_covered is not None and self.period_covered.start > self.start:
            yield Problem(
                "$.period_covered.start",
                f"the period covered starts ({self.period_covered.start}) "
                f"after the work began ({self.start})",
            )

    @property
    def dates(self) -> Period:
        """The days of the visit as a period."""
        return Period(start=self.start, end=self.end or self.start)


@frozen(kw_only=True, repr=False)
class Inspection(_Oversight):
    """An inspection (kiểm tra) of how a unit implements grassroots democracy."""

    TYPE: ClassVar[str] = "inspection"


@frozen(kw_only=True, repr=False)
class Supervision(_Oversight):
    """A supervision (giám sát) of how a unit implements grassroots democracy."""

    TYPE: ClassVar[str] = "supervision"


class OversightMode(Term):
    """Inspection or supervision: two different modes of oversight."""

    INSPECTION = "inspection", "kiểm tra", "inspection"
    SUPERVISION = "supervision", "giám sát", "supervision"


@frozen(kw_only=True, repr=False)
class OversightTally(Tally):
    """Inspections or supervisions over a period, as totals ("regular and ad hoc checks")."""

    TYPE: ClassVar[str] = "oversight_tally"

    mode: OversightMode = req("Inspection or supervision.")
    count: int | None = opt_count("How many were carried out.")
    conducted_by: str | None = opt_text("Who carried them out, as written.")
    regular: bool = flag("Regular (thường xuyên) ones are included.")
    ad_hoc: bool = flag("Ad hoc (đột xuất) ones are included.")
    targets_covered: int | None = opt_count("Units or bodies examined.")
    purpose: str | None = opt_text("What they set out to achieve, as written.")
    directed_by: str | None = opt_text("Who directed them, as written.")
    topics: tuple[str, ...] = many("What was examined.")


@frozen(kw_only=True, repr=False)
class QuestionTally(Tally):
    """Questions put by People's Council deputies and answered (chất vấn), as totals."""

    TYPE: ClassVar[str] = "question_tally"
    PARTS_OF: ClassVar[str] = "questions"

    council: str | None = opt_text("The People's Council.")
    sessions: int | None = opt_count("Sessions with questions.")
    questions: int | None = opt_count("Questions put.")
    answered: int | None = opt_count("Questions answered.")
    topics: tuple[str, ...] = many("What was asked about.")

    __rules__ = (AtMost("answered", "questions"),)
