"""People's Inspection Boards, Community Investment Supervision Boards and their work."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from attrs import frozen

from dancoso.model._base import AtMost, Period, Term, many, opt, opt_count, opt_ident, opt_text, req
from dancoso.model._documents import Evidence, Tally
from dancoso.model._units import Person

__all__ = ["Board", "BoardActivity", "BoardKind"]


class BoardKind(Term):
    """Boards through which people supervise (Law Arts 36–45, 60–63, 77–81)."""

    PEOPLES_INSPECTION_BOARD = (
        "peoples_inspection_board",
        "Ban Thanh tra nhân dân",
        "People's Inspection Board",
    )
    COMMUNITY_INVESTMENT_SUPERVISION_BOARD = (
        "community_investment_supervision_board",
        "Ban Giám sát đầu tư của cộng đồng",
        "Community Investment Supervision Board",
    )
    MEDIATION_TEAM = "mediation_team", "Tổ hòa giải", "mediation team"
    MASS_MOBILISATION_TEAM = "mass_mobilisation_team", "Tổ dân vận", "mass mobilisation team"


@frozen(kw_only=True, repr=False)
class Board(Evidence):
    """A board as constituted: who, how many, for which community or project, which term."""

    TYPE: ClassVar[str] = "board"

    kind: BoardKind = req("Which board.")
    name: str | None = opt_text("Name as written.")
    established_on: dt.date | None = opt("When it was elected or set up.")
    community: str | None = opt_ident("Id of the unit it serves.", ref="unit")
    project: str | None = opt_text("The project supervised (investment boards).")
    members: int | None = opt_count("Members.")
    communities_represented: int | None = opt_count("Villages / residential groups with a member.")
    head: Person | None = opt("Head of the board.")
    term: Period | None = opt("Term of office.")
    elected_by: str | None = opt_text("Who elected it (community meetings, staff conference …).")

    __rules__ = (AtMost("communities_represented", "members"),)


@frozen(kw_only=True, repr=False)
class BoardActivity(Tally):
    """What a board did over a period: supervisions, recommendations and their replies."""

    TYPE: ClassVar[str] = "board_activity"
    PARTS_OF: ClassVar[str] = "supervisions"

    board_kind: BoardKind = req("Which kind of board (also when `board` is not given).")
    board: str | None = opt_ident(
        "Id of the `board` record, if the dossier has one.", ref="evidence"
    )
    supervisions: int | None = opt_count("Supervisions or checks carried out.")
    projects_supervised: int | None = opt_count("Projects or works supervised.")
    units_covered: int | None = opt_count("Wards, communes or communities where boards worked.")
    recommendations_made: int | None = opt_count("Recommendations made.")
    recommendations_answered: int | None = opt_count("Recommendations answered.")
    answered_in_time: int | None = opt_count(
        "Answered within 15 days (Arts 40.1.c, 63.1.c, 81.1.d)."
    )
    plans: int | None = opt_count("Quarterly, six-monthly and annual plans adopted.")
    reports: int | None = opt_count("Reports made to the Fatherland Front or union.")
    activities: tuple[str, ...] = many("What it looked at, as written.")

    __rules__ = (
        AtMost("recommendations_answered", "recommendations_made"),
        AtMost("answered_in_time", "recommendations_answered"),
    )
