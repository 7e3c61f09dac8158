"""Scorecards: a total, a band, and for every criterion what was found and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model import Label, Model, Period, Term, UnitKind
from dancoso.model._base import flag, ident, many, number, opt, opt_text, req, text
from dancoso.scoring._rubric import Band, LegalBasis, NAPolicy

if TYPE_CHECKING:
    from dancoso.scoring._registry import Registry
    from dancoso.scoring._rubric import Rubric

__all__ = ["CriterionResult", "Improvement", "Scorecard", "SectionResult", "Status"]


class Status(Term):
    """How far a criterion, or a section, is met."""

    MET = "met", "đạt", "met"
    PARTLY_MET = "partly_met", "đạt một phần", "partly met"
    NOT_MET = "not_met", "chưa đạt", "not met"
    NOT_APPLICABLE = "not_applicable", "không áp dụng", "not applicable"
    NO_EVIDENCE = "no_evidence", "chưa có bằng chứng", "no evidence"


@frozen(kw_only=True, repr=False)
class CriterionResult(Model):
    """What one criterion found: value, score, points, status, evidence and law."""

    id: str = ident("Criterion id.")
    section: str = ident("Id of the section it belongs to.")
    title: Label = req("What was checked.")
    indicator: str = text("Indicator measured.")
    method: str = text("Scoring method.")
    value: float | None = opt("The indicator's value; absent when there was no evidence.")
    score: float | None = opt("Score in [0, 1]; absent when not applicable or no evidence.")
    weight: float = number(
        "Share of the total this criterion can carry (0–1).", minimum=0, maximum=1
    )
    points: float = number("Points contributed to the total (0–100).", minimum=0, maximum=100)
    status: Status = req("Met, partly met, not met, not applicable, no evidence.")
    evidence: tuple[str, ...] = many("Ids of the evidence records used.")
    legal_basis: tuple[LegalBasis, ...] = many("Where the obligation comes from.")
    policy: bool = flag("The threshold is a policy choice, not fixed by law.")
    gate: bool = flag("A critical criterion: failing it caps the band.")
    message: Label = req("What was found, for people.")
    recommendation: Label | None = opt("What to do, when not met.")
    note: str | None = opt_text("What the indicator said about its measurement.")
    years: float | None = opt(
        "Length in years (whole months) of the part of the period the criterion was in force."
    )

    def __repr__(self) -> str:
        return f"CriterionResult({self.id}, {self.status.value}, score={self.score})"


@frozen(kw_only=True, repr=False)
class SectionResult(Model):
    """A section's score and how its children were combined."""

    id: str = ident("Section id.")
    parent: str | None = opt_text("Id of the enclosing section (none at the top).")
    title: Label = req("Name of the section.")
    score: float | None = opt("Score in [0, 1]; absent when not applicable or no evidence.")
    weight: float = number("Share of the total the section can carry (0–1).", minimum=0, maximum=1)
    points: float = number("Points contributed to the total (0–100).", minimum=0, maximum=100)
    status: Status = req("Status of the section as a whole.")
    aggregator: str = text("How children were combined.")
    na_policy: NAPolicy = req("The N/A policy of the section.")
    applied: Label = req("What the N/A policy did here, for people.")

    def __repr__(self) -> str:
        return f"SectionResult({self.id}, score={self.score})"


@frozen(kw_only=True, repr=False)
class Improvement(Model):
    """One criterion to improve, and the value it needs, to reach the next band."""

    criterion: str = ident("Criterion id.")
    title: Label = req("What is checked.")
    current_value: float | None = opt("Value now (absent: no evidence yet).")
    needed_value: float = req("Value needed (at least, or at most for lower-is-better).")
    current_score: float | None = opt("Score now.")
    needed_score: float = number("Score needed.", minimum=0, maximum=1)
    at_most: bool = flag("The value must be at most `needed_value` (lower is better).")

    def __repr__(self) -> str:
        return f"Improvement({self.criterion}: {self.current_value} → {self.needed_value})"


@frozen(kw_only=True, repr=False)
class Scorecard(Model):
    """The result of scoring one dossier against one rubric.

    It names everything needed to recompute and explain the score later: the rubric id,
    version and content hash, the legal regime applied, the dossier's hash and the
    engine version.
    """

    unit_id: str = ident("Id of the unit scored.")
    unit_name: str = text("Name of the unit.")
    unit_kind: UnitKind = req("Kind of the unit.")
    period: Period = req("Period scored.")
    rubric_id: str = ident("Rubric id.")
    rubric_version: str = text("Rubric version.")
    rubric_hash: str = text("SHA-256 of the rubric's canonical form.")
    regime: str = ident("Id of the legal regime applied.")
    regime_title: Label = req("Name of the legal regime applied.")
    total: float = number("Total score, 0–100.", minimum=0, maximum=100)
    band: str = ident("Id of the band reached (after any gate cap).")
    band_label: Label = req("Name of the band reached.")
    uncapped_band: str = ident("Band the total alone would reach.")
    capped_by: tuple[str, ...] = many("Ids of failed gate criteria that capped the band.")
    insufficient_evidence: bool = flag(
        "Evidence covered less than the rubric's `min_coverage`, so the band is the lowest."
    )
    coverage: float = number(
        "Share of the applicable weight backed by evidence.", minimum=0, maximum=1
    )
    bands: tuple[Band, ...] = many("The rubric's bands, lowest first.")
    sections: tuple[SectionResult, ...] = many("Every section, depth first.")
    criteria: tuple[CriterionResult, ...] = many("Every criterion, in rubric order.")
    next_band: str | None = opt_text("The band above the one reached, if any.")
    dossier_hash: str = text("SHA-256 of the dossier's canonical form.")
    engine_version: str = text("Version of dancoso that computed the scorecard.")
    scored_on: dt.date | None = opt("When it was computed (informative only).")

    def _check(self) -> Iterator[Problem]:
        if self.bands and self.band not in {b.id for b in self.bands}:
            yield Problem("$.band", f"no band {self.band!r} among the scorecard's bands")

    def improvements(
        self, rubric: Rubric | None = None, *, registry: Registry | None = None
    ) -> tuple[Improvement, ...]:
        """The fewest criteria whose improvement reaches the next band, with the value each
        needs (assuming the others in the list reach theirs). Empty at the top band.

        Computed on demand from the scorecard's own scores and its rubric: the rubric it
        was scored with, or the registered rubric with the same id and content hash.

        Args:
            rubric: The rubric, when it is neither the one scored with nor registered.
            registry: Where names are looked up (the default registry otherwise).

        Raises:
            ScoringError: The rubric cannot be found, or its hash differs from the scorecard's.
        """
        from dancoso.scoring._engine import improvements_of

        return improvements_of(self, rubric, registry)

    def criterion(self, criterion_id: str) -> CriterionResult:
        """The result of one criterion."""
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def __repr__(self) -> str:
        return (
            f"Scorecard({self.unit_id}, {self.period!r}, {self.rubric_id} {self.rubric_version}: "
            f"{self.total:.1f} {self.band})"
        )

    def __str__(self) -> str:
        from dancoso.scoring._report import render_text

        return render_text(self)
