"""Administrative procedures, online public services and satisfaction."""

from __future__ import annotations

from typing import ClassVar

from attrs import frozen

from dancoso.model._base import (
    AtMost,
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
from dancoso.model._documents import Tally

__all__ = [
    "AdministrativeProcedures",
    "OnlineServiceLevel",
    "OnlineServices",
    "Satisfaction",
    "SatisfactionMethod",
]


@frozen(kw_only=True, repr=False)
class AdministrativeProcedures(Tally):
    """Administrative-procedure dossiers handled over a period (thủ tục hành chính).

    Keep `on_time` as counts when the report gives them (`72.442/72.442`), as a share
    otherwise (`100%`).
    """

    TYPE: ClassVar[str] = "administrative_procedures"
    PARTS_OF: ClassVar[str] = "received"

    handled_by: str | None = opt_text("Who handled them, as written ('UBND các phường').")
    unit: str | None = opt_ident("Id of the unit that handled them.", ref="unit")
    received: int | None = opt_count("Dossiers received.")
    resolved: int | None = opt_count("Dossiers resolved.")
    on_time: Ratio | None = opt("Dossiers resolved on time (hồ sơ giải quyết đúng hạn).")
    one_stop: Ratio | None = opt("Procedures handled through the one-stop shop (một cửa).")
    all_procedures_posted: bool = flag("Every procedure is posted publicly (Art. 11.13).")

    __rules__ = (AtMost("resolved", "received"),)


class OnlineServiceLevel(Term):
    """Online public service levels (levels 3 and 4 were renamed in 2022)."""

    LEVEL_3 = "level_3", "mức độ 3", "level 3"
    LEVEL_4 = "level_4", "mức độ 4", "level 4"
    LEVELS_3_4 = "levels_3_4", "mức độ 3, 4", "levels 3 and 4"
    FULL = "full", "toàn trình", "full"
    PARTIAL = "partial", "một phần", "partial"


@frozen(kw_only=True, repr=False)
class OnlineServices(Tally):
    """Online public services offered and used over a period (dịch vụ công trực tuyến)."""

    TYPE: ClassVar[str] = "online_services"
    PARTS_OF: ClassVar[str] = "services"

    level: OnlineServiceLevel = req("Service level.")
    services: int | None = opt_count("Procedures offered online at this level.")
    usage: Ratio | None = opt("Dossiers submitted online, out of all.")
    coverage: Ratio | None = opt("Procedures offered at this level, out of all procedures.")
    result: Ratio | None = opt("A result the report gives without saying what it counts.")
    portal: str | None = opt_text("Where they are offered.")
    upgraded: bool = flag("Services were added or upgraded in the period.")
    purpose: str | None = opt_text("Stated purpose, as written.")


class SatisfactionMethod(Term):
    """How satisfaction is measured (Law Art. 35.2.a)."""

    SURVEY_MACHINE = "survey_machine", "máy khảo sát ý kiến", "survey terminal"
    BALLOT = "ballot", "phiếu đánh giá", "rating form"
    SUGGESTION_BOX = "suggestion_box", "hòm thư góp ý", "suggestion box"
    PORTAL = "portal", "cổng thông tin điện tử", "portal"
    SURVEY = "survey", "khảo sát", "survey"
    OTHER = "other", "khác", "other"


@frozen(kw_only=True, repr=False)
class Satisfaction(Tally):
    """Satisfaction with public services, and the system that measures it."""

    TYPE: ClassVar[str] = "satisfaction"
    PARTS_OF: ClassVar[str] = "respondents"

    rate: Ratio | None = opt("Satisfied respondents (tỷ lệ hài lòng).")
    methods: tuple[SatisfactionMethod, ...] = many("How it is measured.", unique=True)
    respondents: int | None = opt_count("Responses collected.")
    subject: str | None = opt_text("What was rated, as written.")
    system_in_use: bool = flag("A rating and feedback system is in regular use.")
