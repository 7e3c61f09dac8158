"""Leadership and direction: implementation plans, annual themes, tasks set, project counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import Period, Term, many, opt, opt_count, opt_ident, opt_text, req, text
from dancoso.model._documents import DocumentRef, Evidence, Tally
from dancoso.model._units import Person

__all__ = ["AnnualTheme", "ImplementationPlan", "ProjectStage", "ProjectTally", "TaskList"]


@frozen(kw_only=True, repr=False)
class ImplementationPlan(Evidence):
    """Plans (kế hoạch) or programmes a unit issues to carry out the regulation."""

    TYPE: ClassVar[str] = "implementation_plan"

    title: str = text("Title or subject as written.")
    issued_by: str | None = opt_text("Who issued it.")
    issued_on: dt.date | None = opt("Date of issue.")
    period: Period | None = opt("The period it plans for, or when it was issued.")
    documents: tuple[DocumentRef, ...] = many("The plan documents.")
    count: int | None = opt_count("How many plans, when the report counts them.")
    purpose: str | None = opt_text("Its stated purpose.")

    def _check(self) -> Iterator[Problem]:
        if self.count is not None and len(self.documents) > self.count:
            yield Problem(
                "$.documents",
                f"{len(self.documents)} documents listed, more than count ({self.count})",
            )


@frozen(kw_only=True, repr=False)
class AnnualTheme(Evidence):
    """The year's theme of work (chủ đề năm) a Party committee or government sets."""

    TYPE: ClassVar[str] = "annual_theme"

    period: Period = req("The year it is the theme of.")
    text: str = text("The theme, as written.")
    set_by: str | None = opt_text("Who set it.")


@frozen(kw_only=True, repr=False)
class TaskList(Evidence):
    """Tasks or directions set for a coming period ("8 nhiệm vụ"), as far as they are named."""

    TYPE: ClassVar[str] = "task_list"

    set_by: str = text("Who set them.")
    set_on: dt.date | None = opt("When.")
    period: Period | None = opt("The period they are for.")
    count: int | None = opt_count("How many tasks, when the report counts them.")
    tasks: tuple[str, ...] = many("The tasks named, as written.")
    requested_by: Person | None = opt("Who asked for them.")
    announced_at: str | None = opt_ident(
        "Id of the evidence record (a conference …) where they were set.", ref="evidence"
    )

    def _check(self) -> Iterator[Problem]:
        if self.count is not None and len(self.tasks) > self.count:
            yield Problem(
                "$.tasks", f"{len(self.tasks)} tasks named, more than count ({self.count})"
            )


class ProjectStage(Term):
    """Where investment projects stand."""

    PREPARATION = "preparation", "chuẩn bị đầu tư", "in preparation"
    CARRIED_OVER = "carried_over", "chuyển tiếp", "carried over"
    STARTED = "started", "khởi công mới", "started"
    SITE_CLEARANCE = "site_clearance", "giải phóng mặt bằng", "site clearance"
    COMPLETED = "completed", "hoàn thành", "completed"


@frozen(kw_only=True, repr=False)
class ProjectTally(Tally):
    """Investment projects at one stage over a period, as totals."""

    TYPE: ClassVar[str] = "project_tally"

    stage: ProjectStage = req("Stage of the projects.")
    count: int | None = opt_count("How many projects.")
    action: str | None = opt_text("What was done about them, as written.")
    directed_by: str | None = opt_text("Who directed the work on them, as written.")
