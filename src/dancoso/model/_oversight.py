"""Inspections (kiểm tra) and supervisions (giám sát) a unit receives, with their findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    Before,
    Model,
    Period,
    Term,
    ident,
    many,
    opt,
    opt_ident,
    opt_text,
    refs,
    req,
    text,
)
from dancoso.model._documents import DocumentRef, Evidence
from dancoso.model._units import Body, Person

__all__ = [
    "Delegation",
    "Finding",
    "FindingKind",
    "FollowUpStatus",
    "Inspection",
    "OversightTarget",
    "Recommendation",
    "Supervision",
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
    basis: tuple[DocumentRef, ...] = many("Documents it is carried out under.")
    delegation: Delegation | None = opt("Who carried it out.")
    targets: tuple[OversightTarget, ...] = many("Units or bodies examined.")
    period_covered: Period | None = opt("The period whose work is examined, e.g. the year 2021.")
    start: dt.date = req("First day of the visit or work.")
    end: dt.date | None = opt("Last day, if it lasted more than one day.")
    hosts: tuple[Person, ...] = many("Who received the delegation (tiếp đoàn).")
    topics: tuple[str, ...] = many("What was examined.")
    findings: tuple[Finding, ...] = many("What was found.")
    recommendations: tuple[Recommendation, ...] = many("What was asked of whom.")
    conclusion: str | None = opt_text("The conclusion (kết luận) as stated.")
    concluded_by: Person | None = opt("Who delivered the conclusion.")

    __rules__ = (Before("start", "end"),)

    def _check(self) -> Iterator[Problem]:
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
