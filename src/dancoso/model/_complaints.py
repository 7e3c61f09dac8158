"""Citizen reception and the handling of complaints, denunciations, petitions and feedback."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import ClassVar

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    Before,
    Ratio,
    Term,
    bounded,
    flag,
    many,
    opt,
    opt_count,
    opt_text,
    req,
)
from dancoso.model._documents import Evidence, Tally
from dancoso.model._units import Person

__all__ = [
    "CitizenReception",
    "CitizenReceptionTally",
    "Petition",
    "PetitionKind",
    "PetitionOutcome",
    "PetitionTally",
    "Receiver",
    "ReceptionKind",
]


class Receiver(Term):
    """Who receives citizens."""

    PARTY_SECRETARY = "party_secretary", "Bí thư cấp ủy", "Party secretary"
    PEOPLES_COMMITTEE_CHAIR = "peoples_committee_chair", "Chủ tịch UBND", "People's Committee chair"
    PEOPLES_COMMITTEE_LEADERS = (
        "peoples_committee_leaders",
        "Lãnh đạo UBND",
        "People's Committee leaders",
    )
    PEOPLES_COUNCIL = "peoples_council", "Thường trực, đại biểu HĐND", "People's Council"
    RECEPTION_BOARD = "reception_board", "Ban Tiếp công dân", "citizen reception board"
    AGENCY_HEAD = "agency_head", "người đứng đầu cơ quan, đơn vị", "head of agency"
    OTHER = "other", "khác", "other"


class ReceptionKind(Term):
    """Regular, scheduled or ad hoc reception (Law on Citizen Reception 2013)."""

    REGULAR = "regular", "tiếp thường xuyên", "regular"
    SCHEDULED = "scheduled", "tiếp định kỳ", "scheduled"
    AD_HOC = "ad_hoc", "tiếp đột xuất", "ad hoc"


@frozen(kw_only=True, repr=False)
class CitizenReception(Evidence):
    """One citizen reception session (tiếp công dân)."""

    TYPE: ClassVar[str] = "citizen_reception"

    held_on: dt.date = req("Date of the session.")
    receiver: Receiver = req("Who received citizens.")
    received_by: Person | None = opt("The person, with title.")
    kind: ReceptionKind | None = opt("Regular, scheduled or ad hoc.")
    visits: int | None = opt_count("Citizen visits (lượt công dân).")
    cases: int | None = opt_count("Matters raised.")
    replied_on: dt.date | None = opt("When the citizens were answered in writing.")

    __rules__ = (Before("held_on", "replied_on"),)


@frozen(kw_only=True, repr=False)
class CitizenReceptionTally(Tally):
    """Citizen reception over a period, as totals; parts count visits per receiver."""

    TYPE: ClassVar[str] = "citizen_reception_tally"
    PARTS_OF: ClassVar[str] = "visits"

    visits: int | None = opt_count("Citizen visits (lượt công dân).")
    receivers: tuple[Receiver, ...] = many("Who received citizens.", unique=True)
    kinds: tuple[ReceptionKind, ...] = many("Regular, scheduled, ad hoc.", unique=True)
    sessions: int | None = opt_count("Reception days or sessions held.")
    schedule: str | None = opt_text("Schedule as written, e.g. 'hằng tuần' (weekly).")
    venue_coverage: Ratio | None = opt("Units with a citizen reception place.")
    coverage: Ratio | None = opt("Units keeping the reception schedule, out of those that should.")


class PetitionKind(Term):
    """Kinds of letters from citizens (đơn thư)."""

    COMPLAINT = "complaint", "khiếu nại", "complaint"
    DENUNCIATION = "denunciation", "tố cáo", "denunciation"
    PETITION = "petition", "kiến nghị", "petition"
    FEEDBACK = "feedback", "phản ánh", "feedback"


class PetitionOutcome(Term):
    """How a case ended."""

    RESOLVED = "resolved", "đã giải quyết", "resolved"
    WITHDRAWN = "withdrawn", "rút đơn", "withdrawn"
    TRANSFERRED = "transferred", "chuyển đơn", "transferred"
    REJECTED = "rejected", "không thụ lý", "not accepted"
    PENDING = "pending", "đang giải quyết", "pending"


@frozen(kw_only=True, repr=False)
class Petition(Evidence):
    """One complaint, denunciation, petition or feedback case and its handling."""

    TYPE: ClassVar[str] = "petition"

    kind: PetitionKind = req("Complaint, denunciation, petition or feedback.")
    received_on: dt.date = req("When the letter arrived.")
    accepted_on: dt.date | None = opt("When it was accepted for handling (thụ lý).")
    resolved_on: dt.date | None = opt("When the decision or conclusion was issued.")
    due_on: dt.date | None = opt("The legal deadline, when the report states it.")
    outcome: PetitionOutcome | None = opt("How it ended.")
    complex: bool = flag("Declared complex, which extends the time limit.")
    round: int | None = bounded(
        "First (1) or second (2) resolution of a complaint.", minimum=1, maximum=2
    )
    handled_by: str | None = opt_text("Who handled it.")

    __rules__ = (
        Before("received_on", "accepted_on"),
        Before("accepted_on", "resolved_on"),
        Before("received_on", "resolved_on"),
        Before("received_on", "due_on"),
    )


@frozen(kw_only=True, repr=False)
class PetitionTally(Tally):
    """Letters and cases over a period, as totals; parts count letters per receiving body.

    Letters (đơn) and cases (vụ việc) are counted apart, as reports do: many letters
    become one case, and not every letter is a case to accept.
    """

    TYPE: ClassVar[str] = "petition_tally"
    PARTS_OF: ClassVar[str] = "received"

    kinds: tuple[PetitionKind, ...] = many("Kinds of letters included.", unique=True)
    received: int | None = opt_count("Letters received (đơn).")
    accepted: int | None = opt_count("Cases accepted for handling (vụ việc thụ lý).")
    resolved: Ratio | None = opt("Cases decided or concluded, out of those accepted.")
    on_time: Ratio | None = opt("Decisions issued within the time limit.")
    overdue: int | None = opt_count("Cases past their time limit.")
    backlog_resolved: int | None = opt_count("Long-standing, complex cases settled.")

    def _check_tally(self) -> Iterator[Problem]:
        r = self.resolved
        if r is not None and r.whole is not None and self.accepted not in (None, r.whole):
            yield Problem(
                "$.resolved.whole",
                f"resolved.whole ({r.whole}) differs from accepted ({self.accepted})",
            )
