""" "Dân vận khéo" models, commendations, and statements of fact that have no richer form."""

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
    Term,
    flag,
    many,
    opt,
    opt_count,
    opt_ident,
    opt_text,
    refs,
    text,
)
from dancoso.model._documents import DocumentRef, Evidence, Tally
from dancoso.model._units import Person

__all__ = [
    "AwardForm",
    "Commendation",
    "MobilisationModel",
    "MobilisationModelTally",
    "MottoPart",
    "RecipientKind",
    "Statement",
]


class MottoPart(Term):
    """The six parts of the motto (the first four before 2021)."""

    KNOW = "know", "dân biết", "know"
    DISCUSS = "discuss", "dân bàn", "discuss"
    DO = "do", "dân làm", "do"
    INSPECT = "inspect", "dân kiểm tra", "inspect"
    SUPERVISE = "supervise", "dân giám sát", "supervise"
    BENEFIT = "benefit", "dân thụ hưởng", "benefit"


@frozen(kw_only=True, repr=False)
class MobilisationModel(Evidence):
    """One "Dân vận khéo" model (mô hình) registered, recognised or commended."""

    TYPE: ClassVar[str] = "mobilisation_model"

    name: str = text("Name of the model.")
    community: str | None = opt_ident("Id of the community or unit running it.", ref="unit")
    registered_by: str | None = opt_text("Who registered it.")
    registered_on: dt.date | None = opt("When it was registered.")
    period: Period | None = opt("The emulation period.")
    field: str | None = opt_text("Field of work.")
    recognised_on: dt.date | None = opt("When it was recognised.")
    commended: bool = flag("It was praised or commended (biểu dương, khen thưởng).")

    __rules__ = (Before("registered_on", "recognised_on"),)


@frozen(kw_only=True, repr=False)
class MobilisationModelTally(Tally):
    """ "Dân vận khéo" models over a period, as totals."""

    TYPE: ClassVar[str] = "mobilisation_model_tally"
    PARTS_OF: ClassVar[str] = "registered"

    registered: int | None = opt_count("Models registered.")
    recognised: int | None = opt_count("Models recognised.")
    commended: int | None = opt_count("Models praised or commended.")
    registered_by: str | None = opt_text("Who registered them, as written.")
    exemplars: int | None = opt_count("Exemplary collectives or individuals (điển hình).")
    commended_by: str | None = opt_text("Who praised or commended them.")
    award_form: AwardForm | None = opt("Form of the commendation.")

    __rules__ = (AtMost("recognised", "registered"), AtMost("commended", "registered"))


class AwardForm(Term):
    """Forms of commendation."""

    CERTIFICATE_OF_MERIT = "certificate_of_merit", "Giấy khen", "certificate of merit"
    HIGHER_CERTIFICATE_OF_MERIT = (
        "higher_certificate_of_merit",
        "Bằng khen",
        "certificate of merit (higher)",
    )
    EMULATION_FLAG = "emulation_flag", "Cờ thi đua", "emulation flag"
    PRAISE = "praise", "biểu dương", "praise"
    OTHER = "other", "hình thức khác", "other"


class RecipientKind(Term):
    """Who is commended."""

    COLLECTIVE = "collective", "tập thể", "collective"
    INDIVIDUAL = "individual", "cá nhân", "individual"


@frozen(kw_only=True, repr=False)
class Commendation(Evidence):
    """A commendation awarded, to the dossier's unit or by it."""

    TYPE: ClassVar[str] = "commendation"

    awarded_by: str = text("Who awarded it, e.g. 'Quận ủy Đống Đa'.")
    presented_by: Person | None = opt("Who handed it over.")
    form: AwardForm | None = opt("Form of the award, if stated.")
    awarded_on: dt.date | None = opt("Date awarded.")
    period: Period | None = opt("The period whose results it rewards.")
    recipient_kind: RecipientKind | None = opt("Collectives or individuals.")
    recipients: tuple[str, ...] = many("Recipients named.")
    recipient_count: int | None = opt_count("How many recipients.")
    reason: str | None = opt_text("What it rewards, as written.")
    field: str | None = opt_text("Field, e.g. 'thực hiện QCDC ở cơ sở' or 'Dân vận khéo'.")
    document: DocumentRef | None = opt("The decision awarding it.")

    def _check(self) -> Iterator[Problem]:
        if self.recipient_count is not None and len(self.recipients) > self.recipient_count:
            yield Problem(
                "$.recipients",
                f"{len(self.recipients)} recipients named, more than recipient_count "
                f"({self.recipient_count})",
            )


@frozen(kw_only=True, repr=False)
class Statement(Evidence):
    """A fact a report states that no richer record captures (yet), kept verbatim.

    Use a typed record whenever one fits: statements are shown in explanations but no
    reference indicator scores them.
    """

    TYPE: ClassVar[str] = "statement"

    text: str = text("The fact, in the report's words.")
    aspects: tuple[MottoPart, ...] = many("Which parts of the motto it bears on.", unique=True)
    period: Period | None = opt("The period it concerns.")
    topics: tuple[str, ...] = many("Keywords.")
    documents: tuple[DocumentRef, ...] = many("Documents the statement cites.")
    prospective: bool = flag("An intention for a coming period, not a result achieved.")
    about: tuple[str, ...] = refs(
        "Ids of the evidence records the statement judges.", ref="evidence"
    )
