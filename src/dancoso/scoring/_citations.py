"""The citation table: every provision the reference rubrics cite, with its article's title.

The table is data (`law/citations.toml`): one entry per act, article, clause and point,
with the article's title in Vietnamese (as the law text has it) and English, the dates
it is in force where they matter, and whether the article was read in the law text
(`verified`) or rests on secondary sources only.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
from collections.abc import Iterator

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model import Label, Model
from dancoso.model._base import Before, bounded, flag, many, opt, opt_text, text
from dancoso.scoring._rubric import LegalBasis

__all__ = ["Citation", "citation_for", "citations"]


@frozen(kw_only=True, repr=False)
class Citation(Model):
    """One provision of law, as the citation table records it.

    Examples:
        >>> c = citation_for(LegalBasis(act="Law 10/2022/QH15", article=32, clause=1))
        >>> c.title.vi
        'Hội nghị trao đổi, đối thoại giữa Ủy ban nhân dân cấp xã với Nhân dân'
        >>> (c.citation, c.verified)
        ('Law 10/2022/QH15 Art. 32.1', True)
    """

    act: str = text("The act as the project writes it, e.g. 'Decree 145/2020/NĐ-CP'.")
    article: int | None = bounded("Article number (none for an act cited as a whole).", minimum=1)
    clause: int | None = bounded("Clause number.", minimum=1)
    point: str | None = opt_text("Point letter, e.g. 'c'.")
    title: Label | None = opt("The article's title: Vietnamese as in the text, and English.")
    in_force_from: dt.date | None = opt("First day the provision is in force, where it matters.")
    in_force_until: dt.date | None = opt("Last day the provision is in force, where it ended.")
    not_law: bool = flag(
        "The act is not a legal normative document but a Party document or a Government "
        "policy resolution: a criterion may rest on it only as plain policy."
    )
    verified: bool = flag("Whether the article was read in the law text named by `source`.")
    source: str = text(
        "Where the entry was checked: a file of the consolidated code ('law-texts/…'), or "
        "the secondary sources it rests on."
    )
    note: str | None = opt_text("What the provision says, briefly.")

    __rules__ = (Before("in_force_from", "in_force_until"),)

    def _check(self) -> Iterator[Problem]:
        if self.article is None and (self.clause is not None or self.point is not None):
            yield Problem("$.clause", "a clause or point needs an article")
        if self.clause is None and self.point is not None:
            yield Problem("$.point", "a point needs a clause")
        if self.verified and self.title is None:
            yield Problem("$.title", "a verified entry gives the article's title")
        if self.verified and not self.source.startswith("law-texts/"):
            yield Problem("$.source", "a verified entry names the law-texts file it was read in")

    @property
    def key(self) -> tuple[str, int | None, int | None, str | None]:
        """What identifies the provision: act, article, clause, point."""
        return (self.act, self.article, self.clause, self.point)

    @property
    def citation(self) -> str:
        """`Law 10/2022/QH15 Art. 32.1.c` style, as `LegalBasis.citation`."""
        return LegalBasis(
            act=self.act, article=self.article, clause=self.clause, point=self.point
        ).citation

    def __repr__(self) -> str:
        return f"Citation({self.citation!r}, verified={self.verified})"


@frozen(kw_only=True)
class _Table(Model):
    citations: tuple[Citation, ...] = many("The entries.")

    def _check(self) -> Iterator[Problem]:
        seen: dict[tuple[str, int | None, int | None, str | None], int] = {}
        titles: dict[tuple[str, int | None], Label] = {}
        for i, c in enumerate(self.citations):
            if c.key in seen:
                yield Problem(f"$.citations[{i}]", f"{c.citation} is listed twice")
            seen[c.key] = i
            if c.title is None:
                continue
            known = titles.setdefault((c.act, c.article), c.title)
            if known != c.title:
                yield Problem(f"$.citations[{i}].title", f"{c.act} Art. {c.article} has two titles")


@functools.cache
def _table() -> dict[tuple[str, int | None, int | None, str | None], Citation]:
    import tomllib

    from dancoso._io import from_data

    resource = importlib.resources.files("dancoso.scoring").joinpath("law/citations.toml")
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    table = from_data(_Table, data)
    return {c.key: c for c in table.citations}


def citations() -> tuple[Citation, ...]:
    """Every entry of the citation table shipped with dancoso, in the table's order."""
    return tuple(_table().values())


def citation_for(basis: LegalBasis) -> Citation | None:
    """The table's entry for the provision `basis` cites (same act, article, clause and
    point), or None when the table does not list it."""
    return _table().get((basis.act, basis.article, basis.clause, basis.point))
