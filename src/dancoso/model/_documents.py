"""Document references (`31-KH/BCĐTP`), report sources, and the base of evidence records."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import ClassVar

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    Model,
    Period,
    Term,
    count,
    ident,
    inferred_problems,
    many,
    opt,
    opt_count,
    opt_ident,
    opt_text,
    req,
    text,
)

__all__ = [
    "DocumentKind",
    "DocumentRef",
    "Evidence",
    "Source",
    "SourceRef",
    "Tally",
    "TallyPart",
    "kind_from_number",
]


class DocumentKind(Term):
    """Kinds of documents cited by reports, with the code used in their numbers."""

    LAW = "law", "Luật", "law"
    ORDINANCE = "ordinance", "Pháp lệnh", "ordinance"
    DECREE = "decree", "Nghị định (NĐ)", "decree"
    CIRCULAR = "circular", "Thông tư (TT)", "circular"
    RESOLUTION = "resolution", "Nghị quyết (NQ)", "resolution"
    DECISION = "decision", "Quyết định (QĐ)", "decision"
    DIRECTIVE = "directive", "Chỉ thị (CT)", "directive"
    CONCLUSION = "conclusion", "Kết luận (KL)", "conclusion"
    REGULATION = "regulation", "Quy định (QĐi)", "regulation"
    PLAN = "plan", "Kế hoạch (KH)", "plan"
    PROGRAMME = "programme", "Chương trình (CTr)", "programme"
    REPORT = "report", "Báo cáo (BC)", "report"
    NOTICE = "notice", "Thông báo (TB)", "notice"
    OFFICIAL_LETTER = "official_letter", "Công văn (CV)", "official letter"
    GUIDANCE = "guidance", "Hướng dẫn (HD)", "guidance"
    JOINT_CIRCULAR = "joint_circular", "Thông tư liên tịch (TTLT)", "joint circular"
    JOINT_RESOLUTION = "joint_resolution", "Nghị quyết liên tịch (NQLT)", "joint resolution"
    CONSOLIDATED_TEXT = "consolidated_text", "Văn bản hợp nhất (VBHN)", "consolidated text"
    MINUTES = "minutes", "Biên bản", "minutes"
    OTHER = "other", "khác", "other"


# The kind code between the serial number and the issuer: "31-KH/BCĐTP" -> "KH".
_CODES = {
    "KH": DocumentKind.PLAN,
    "CTR": DocumentKind.PROGRAMME,
    "KL": DocumentKind.CONCLUSION,
    "CT": DocumentKind.DIRECTIVE,
    "NQ": DocumentKind.RESOLUTION,
    "QĐ": DocumentKind.DECISION,
    "QĐI": DocumentKind.REGULATION,
    "NĐ": DocumentKind.DECREE,
    "TT": DocumentKind.CIRCULAR,
    "BC": DocumentKind.REPORT,
    "TB": DocumentKind.NOTICE,
    "CV": DocumentKind.OFFICIAL_LETTER,
    "PL": DocumentKind.ORDINANCE,
    "HD": DocumentKind.GUIDANCE,
    "TTLT": DocumentKind.JOINT_CIRCULAR,
    "NQLT": DocumentKind.JOINT_RESOLUTION,
    "VBHN": DocumentKind.CONSOLIDATED_TEXT,
}
# Laws are numbered "10/2022/QH15": the code is the legislature and its term.
_LAW_CODE = re.compile(r"^QH\d*$")
_PARTY_STYLE = re.compile(r"^(?P<serial>\d+)-(?P<code>[^/\s]+)/(?P<issuer>\S+)$")
_STATE_STYLE = re.compile(
    r"^(?P<serial>\d+)/(?P<year>\d{4})/(?P<code>[^/\s]+?)(?:-(?P<issuer>\S+))?$"
)
# Decisions of the Prime Minister or a People's Committee may omit the year: "346/QĐ-TTg".
_SHORT_STYLE = re.compile(r"^(?P<serial>\d+)/(?P<code>[^/\s-]+)-(?P<issuer>\S+)$")
_STYLES = (_PARTY_STYLE, _STATE_STYLE, _SHORT_STYLE)


@frozen(kw_only=True, repr=False)
class DocumentRef(Model):
    """A reference to a document, keeping its number exactly as written.

    Party-style numbers read `serial-KIND/ISSUER` (`31-KH/BCĐTP`); state-style numbers read
    `serial/year/KIND-ISSUER` (`59/2023/NĐ-CP`).
    [`DocumentRef.parse`][dancoso.model.DocumentRef.parse] fills the kind from the number.

    Examples:
        >>> DocumentRef.parse("31-KH/BCĐTP", issued_on=dt.date(2023, 5, 19)).kind
        <DocumentKind.PLAN: 'plan'>
    """

    number: str = text("The number as written, e.g. '31-KH/BCĐTP' or '59/2023/NĐ-CP'.")
    kind: DocumentKind = req("What kind of document it is.")
    issued_on: dt.date | None = opt("Date of issue.")
    issuer: str | None = opt_text("Issuing body, e.g. 'Ban Chỉ đạo thành phố'.")
    issuer_body: str | None = opt_ident(
        "Id of the issuing body among the dossier's units' bodies.", ref="body"
    )
    title: str | None = opt_text("Title or subject as written.")

    @classmethod
    def parse(
        cls,
        number: str,
        *,
        kind: DocumentKind | None = None,
        issued_on: dt.date | None = None,
        issuer: str | None = None,
        issuer_body: str | None = None,
        title: str | None = None,
    ) -> DocumentRef:
        """Build a reference, reading the kind from the number's code unless `kind` is given.

        A number such as `10/2022/QH15` reads as a law; pass `kind` for a National Assembly
        resolution numbered the same way.
        """
        return cls(
            number=number,
            kind=kind or kind_from_number(number),
            issued_on=issued_on,
            issuer=issuer,
            issuer_body=issuer_body,
            title=title,
        )

    @property
    def issuer_code(self) -> str | None:
        """The issuer part of the number (`BCĐTP` in `31-KH/BCĐTP`), if it has one."""
        for pattern in _STYLES:
            m = pattern.match(self.number)
            if m:
                return m.group("issuer")
        return None

    def __repr__(self) -> str:
        date = f", {self.issued_on}" if self.issued_on else ""
        return f"DocumentRef({self.number!r}{date})"


def kind_from_number(number: str) -> DocumentKind:
    """The document kind coded in a number such as `31-KH/BCĐTP`; `OTHER` if none."""
    for pattern in _STYLES:
        m = pattern.match(number.strip())
        if m:
            code = m.group("code").upper()
            if _LAW_CODE.match(code):
                return DocumentKind.LAW
            return _CODES.get(code, DocumentKind.OTHER)
    return DocumentKind.OTHER


@frozen(kw_only=True, repr=False)
class Source(Model):
    """A report or document a dossier's facts come from."""

    id: str = ident("Identifier, cited by evidence records.")
    title: str = text("Title as published.")
    url: str | None = opt_text("Where it was published.")
    publisher: str | None = opt_text("Publisher, e.g. 'Quanuy1hcm.org.vn'.")
    published_on: dt.date | None = opt("Publication date.")
    author: str | None = opt_text("Author or byline.")
    document: DocumentRef | None = opt("The official document, when the source is one.")
    file: str | None = opt_text("A local file holding the text.")

    def __repr__(self) -> str:
        return f"Source({self.id}, {self.title!r})"


@frozen(kw_only=True, repr=False)
class SourceRef(Model):
    """Where in a source an evidence record's facts are stated."""

    source: str = ident("Id of a source listed in the dossier.", ref="source")
    locator: str | None = opt_text("Page, paragraph or section.")
    quote: str | None = opt_text("The words of the source, verbatim.")

    def __repr__(self) -> str:
        return f"SourceRef({self.source}, {self.locator!r})"


@frozen(kw_only=True, repr=False)
class Evidence(Model):
    """Base of every evidence record in a dossier.

    Each concrete kind has a stable `TYPE` tag, written as the `type` key in data. All of
    them accept an `id` (so results can point at them), a `source`, a `note`, and
    `inferred`: the names of fields whose values the encoder inferred rather than read.
    """

    TYPE: ClassVar[str] = ""

    id: str | None = opt_ident("Identifier, unique in the dossier, for references and results.")
    source: SourceRef | None = opt("Where in the dossier's sources the facts are stated.")
    note: str | None = opt_text("Remarks of the person who encoded the record.")
    inferred: tuple[str, ...] = many(
        "Names of fields whose values the encoder inferred rather than read.", unique=True
    )

    def _problems(self) -> Iterator[Problem]:
        yield from super()._problems()
        yield from inferred_problems(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id or '-'})"


@frozen(kw_only=True, repr=False)
class TallyPart(Model):
    """A part of a tally: who or which level contributed how much.

    The parts of a tally need not cover it all (a report may name only the largest parts),
    but they can never add up to more than the total.
    """

    label: str = text("Who or what the part is, as written ('cấp phường', 'Bí thư Quận ủy').")
    count: int = count("How many.")
    participants: int | None = opt_count("People taking part, where the report gives them.")
    unit: str | None = opt_ident("Id of the unit this part belongs to.", ref="unit")
    tags: tuple[str, ...] = many("Qualifiers of this part only, as written ('tiếp thường xuyên').")

    def __repr__(self) -> str:
        return f"TallyPart({self.label!r}, {self.count})"


@frozen(kw_only=True, repr=False)
class Tally(Evidence):
    """Base of evidence records that total events over a period.

    Reports give totals ("84 dialogue conferences, 2016–2020"); a tally keeps the total,
    the period it covers and, where given, its parts. Figures that describe a state on one
    day rather than a flow over the period name that day in `as_of`.
    """

    period: Period = req("The period the totals cover.")
    parts: tuple[TallyPart, ...] = many("Breakdown of the total, as far as the report gives it.")
    as_of: dt.date | None = opt(
        "For figures that describe a state on a day (services offered, boards in place) "
        "rather than a flow over the period: that day, within the period."
    )

    #: The field the parts' counts add up to.
    PARTS_OF: ClassVar[str] = "count"

    def _check(self) -> Iterator[Problem]:
        if self.as_of is not None and self.as_of not in self.period:
            yield Problem("$.as_of", f"as_of ({self.as_of}) is outside the period {self.period!r}")
        total = getattr(self, self.PARTS_OF, None)
        if total is not None and self.parts:
            s = sum(p.count for p in self.parts)
            if s > total:
                yield Problem(
                    "$.parts", f"parts add up to {s}, more than {self.PARTS_OF} ({total})"
                )
        yield from self._check_tally()

    def _check_tally(self) -> Iterator[Problem]:
        return iter(())

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id or '-'}, {self.period!r})"
