"""Scorecards: a total with its bounds, a verdict, and what every criterion found and why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model import Label, Model, Period, Term, UnitKind
from dancoso.model._base import flag, ident, many, number, opt, opt_text, req, text
from dancoso.scoring._rubric import Band, LegalBasis, NAPolicy, Role

if TYPE_CHECKING:
    from dancoso.scoring._registry import Registry
    from dancoso.scoring._rubric import Rubric

__all__ = [
    "NOT_RATED",
    "CriterionResult",
    "Improvement",
    "Scorecard",
    "SectionResult",
    "Status",
    "YearResult",
]

#: The label of a scorecard whose evidence does not suffice for a rating.
NOT_RATED = Label(vi="Chưa đủ căn cứ xếp loại", en="Not rated: insufficient evidence")


class Status(Term):
    """How far a criterion, or a section, is met."""

    MET = "met", "đạt", "met"
    PARTLY_MET = "partly_met", "đạt một phần", "partly met"
    NOT_MET = "not_met", "chưa đạt", "not met"
    NOT_APPLICABLE = "not_applicable", "không áp dụng", "not applicable"
    NO_EVIDENCE = "no_evidence", "chưa có bằng chứng", "no evidence"


@frozen(kw_only=True, repr=False)
class YearResult(Model):
    """A yearly duty's value and score in one year of the period (partial years prorated)."""

    period: Period = req("The part of the year within the period scored.")
    value: float | None = opt("The indicator's value that year; absent without evidence.")
    score: float | None = opt("Score that year in [0, 1]; absent without evidence.")
    years: float = number("Length of that part in years (whole months).", minimum=0)

    def __repr__(self) -> str:
        return f"YearResult({self.period.start.year}: {self.value} → {self.score})"


@frozen(kw_only=True, repr=False)
class CriterionResult(Model):
    """What one criterion found: value, score, points, status, evidence and law."""

    id: str = ident("Criterion id.")
    section: str = ident("Id of the section it belongs to.")
    title: Label = req("What was checked.")
    indicator: str = text("Indicator measured.")
    method: str = text("Scoring method.")
    role: Role = req("Standard, deduction or bonus.")
    value: float | None = opt("The indicator's value; absent when there was no evidence.")
    score: float | None = opt("Score in [0, 1]; absent when not applicable or no evidence.")
    weight: float = number(
        "Share of the standard total this criterion can carry (0–1); 0 for deductions and bonuses.",
        minimum=0,
        maximum=1,
    )
    points: float = req(
        "Points contributed to the total; negative for a deduction. They add up to the total."
    )
    max_points: float = number(
        "The most points it can add, its share of the total once criteria without evidence "
        "are handled by the N/A policy (standard); the most it adds or takes off (bonus, "
        "deduction).",
        minimum=0,
    )
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
    per_year: tuple[YearResult, ...] = many(
        "A yearly duty over several years: its value and score year by year."
    )
    yearly_split_unknown: bool = flag(
        "A yearly duty over several years whose evidence only gives totals spanning years: it "
        "was scored over the whole span, as a surplus in one year may hide a shortfall in another."
    )

    def __repr__(self) -> str:
        return f"CriterionResult({self.id}, {self.status.value}, score={self.score})"


@frozen(kw_only=True, repr=False)
class SectionResult(Model):
    """A section's score, its bounds, and how its children were combined."""

    id: str = ident("Section id.")
    parent: str | None = opt_text("Id of the enclosing section (none at the top).")
    title: Label = req("Name of the section.")
    score: float | None = opt("Score in [0, 1]; absent when not applicable or no evidence.")
    score_low: float | None = opt(
        "The score if every criterion without evidence scored 0 (absent when not applicable)."
    )
    score_high: float | None = opt(
        "The score if every criterion without evidence scored 1 (absent when not applicable)."
    )
    weight: float = number("Share of the total the section can carry (0–1).", minimum=0, maximum=1)
    points: float = number("Points contributed to the total.", minimum=0)
    max_points: float = number(
        "The most points the section can contribute, once its children without evidence are "
        "handled by the N/A policies.",
        minimum=0,
    )
    status: Status = req("Status of the section as a whole.")
    aggregator: str = text("How children were combined.")
    na_policy: NAPolicy = req("The N/A policy of the section.")
    applied: Label = req("What the N/A policy did here, for people.")
    blocked: bool = flag(
        "A `block` section with children lacking evidence: the scorecard cannot be rated."
    )

    def __repr__(self) -> str:
        return f"SectionResult({self.id}, score={self.score})"


@frozen(kw_only=True, repr=False)
class Improvement(Model):
    """One criterion to improve, and the value it needs, to reach a band."""

    criterion: str = ident("Criterion id.")
    title: Label = req("What is checked.")
    current_value: float | None = opt("Value now (absent: no evidence yet).")
    needed_value: float = req("Value needed (at least, or at most for lower-is-better).")
    current_score: float | None = opt("Score now.")
    needed_score: float = number(
        "Score the needed value earns (always above the current one).", minimum=0, maximum=1
    )
    at_most: bool = flag("The value must be at most `needed_value` (lower is better).")
    per_year: bool = flag(
        "A yearly duty: `needed_value` is needed in every year of the period, prorated for "
        "partial years."
    )
    unit: str | None = opt_text("Unit of the indicator (`count`, `share`, `days` …).")

    def __repr__(self) -> str:
        return f"Improvement({self.criterion}: {self.current_value} → {self.needed_value})"


@frozen(kw_only=True, repr=False)
class Scorecard(Model):
    """The result of scoring one dossier against one rubric.

    A scorecard is **rated** only when its evidence suffices; otherwise `band` is `None`,
    `band_label` reads "Chưa đủ căn cứ xếp loại / Not rated: insufficient evidence" and
    `not_rated_reason` says why, while the total is still given, provisionally, with the
    bounds it could reach once the evidence is in (`total_low`, `total_high`).

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
    total: float = number("Total score (provisional when not rated).", minimum=0)
    total_low: float = number(
        "The total if every criterion without evidence scored 0 (deductions taken in full).",
        minimum=0,
    )
    total_high: float = number(
        "The total if every criterion without evidence scored 1 (bonuses earned in full).",
        minimum=0,
    )
    max_total: float = number(
        "The most the total can be: 100, or a points sheet's points with its bonuses.",
        minimum=0,
    )
    rated: bool = req("Whether the evidence suffices for a rating.")
    band: str | None = opt_text("Id of the band reached (after any gate cap); None when not rated.")
    band_label: Label = req("Name of the band reached, or 'Chưa đủ căn cứ xếp loại'.")
    not_rated_reason: Label | None = opt("Why the scorecard is not rated.")
    uncapped_band: str = ident("Band the total alone would reach.")
    band_low: str = ident(
        "Band reached by `total_low`, with every gate without evidence counted as failed."
    )
    band_high: str = ident("Band reached by `total_high`, with gates without evidence met.")
    band_certain: bool = flag(
        "Whatever the missing evidence turns out to be, the band is the same "
        "(`band_low == band_high`, and no veto without evidence could withhold the rating)."
    )
    capped_by: tuple[str, ...] = many("Ids of failed gate criteria that capped the band.")
    insufficient_evidence: bool = flag(
        "Evidence covered less than the rubric's `min_coverage` (one of the reasons a "
        "scorecard is not rated)."
    )
    coverage: float = number(
        "Share of the applicable weight backed by evidence.", minimum=0, maximum=1
    )
    bands: tuple[Band, ...] = many("The rubric's bands, lowest first.")
    sections: tuple[SectionResult, ...] = many("Every section, depth first.")
    criteria: tuple[CriterionResult, ...] = many("Every criterion, in rubric order.")
    next_band: str | None = opt_text("The band above the one reached, if rated and not at the top.")
    dossier_hash: str = text("SHA-256 of the dossier's canonical form.")
    engine_version: str = text("Version of dancoso that computed the scorecard.")
    scored_on: dt.date | None = opt("When it was computed (informative only).")

    def _check(self) -> Iterator[Problem]:
        ids = {b.id for b in self.bands}
        for name in ("band", "uncapped_band", "band_low", "band_high", "next_band"):
            value = getattr(self, name)
            if self.bands and value is not None and value not in ids:
                yield Problem(f"$.{name}", f"no band {value!r} among the scorecard's bands")
        if self.rated and self.band is None:
            yield Problem("$.band", "a rated scorecard names its band")
        if not self.rated and self.band is not None:
            yield Problem("$.band", "a scorecard that is not rated has no band")
        if not self.rated and self.not_rated_reason is None:
            yield Problem("$.not_rated_reason", "say why the scorecard is not rated")
        for name in ("total", "total_low", "total_high"):
            if getattr(self, name) > self.max_total + 1e-9:
                yield Problem(f"$.{name}", f"{name} is above max_total ({self.max_total:g})")

    @property
    def provisional(self) -> bool:
        """Whether the total is provisional: the scorecard is not rated."""
        return not self.rated

    def improvements(
        self,
        rubric: Rubric | None = None,
        *,
        target: str | None = None,
        registry: Registry | None = None,
    ) -> tuple[Improvement, ...]:
        """The fewest criteria whose improvement reaches a band, with the value each needs
        (assuming the others in the list reach theirs).

        A convenience for [`improvements`][dancoso.scoring.improvements], which see.
        """
        from dancoso.scoring._improve import improvements

        return improvements(self, rubric, target=target, registry=registry)

    def criterion(self, criterion_id: str) -> CriterionResult:
        """The result of one criterion.

        Raises:
            KeyError: No criterion has that id.
        """
        for c in self.criteria:
            if c.id == criterion_id:
                return c
        raise KeyError(criterion_id)

    def __repr__(self) -> str:
        verdict = self.band if self.rated else "not rated"
        return (
            f"Scorecard({self.unit_id}, {self.period!r}, {self.rubric_id} {self.rubric_version}: "
            f"{self.total:.1f} {verdict})"
        )

    def __str__(self) -> str:
        from dancoso.scoring._report import render_text

        return render_text(self)
