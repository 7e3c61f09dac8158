"""Commendation criteria: rules over a unit's history, evaluated later by the engine.

The rules are data. They say *what* a unit must have achieved over its recent periods
(a band reached several years running, no overdue complaints, models recognised …); the
scoring engine decides whether a unit's scorecards meet them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar, TypeAlias

from attrs import frozen

from dancoso.errors import Problem
from dancoso.model._base import (
    Label,
    Model,
    Term,
    ident,
    many,
    number,
    opt,
    opt_text,
    positive,
    req,
)
from dancoso.model._recognition import AwardForm
from dancoso.model._units import UnitKind

__all__ = [
    "RULE_TYPES",
    "AnyCommendationRule",
    "BandReached",
    "CommendationCriteria",
    "CommendationRule",
    "MinimumCoverage",
    "MinimumTotal",
    "ModelsRecognised",
    "NoFailedGate",
    "NoOverdueComplaints",
    "RuleCombination",
]


@frozen(kw_only=True, repr=False)
class CommendationRule(Model):
    """Base of the rules; `TYPE` is the stable tag written as `type` in data."""

    TYPE: ClassVar[str] = ""

    periods: int = positive("How many consecutive periods, ending with the latest, must meet it.")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(periods={self.periods})"


@frozen(kw_only=True, repr=False)
class BandReached(CommendationRule):
    """The unit reached `band` (or a better one) in each of the last `periods` periods."""

    TYPE: ClassVar[str] = "band_reached"
    band: str = ident("Band id from the rubric, e.g. 'excellent'.")


@frozen(kw_only=True, repr=False)
class MinimumTotal(CommendationRule):
    """The total score was at least `total` (0–100) in each of the last `periods` periods."""

    TYPE: ClassVar[str] = "minimum_total"
    total: float = number("Lowest acceptable total, 0–100.", minimum=0, maximum=100)


@frozen(kw_only=True, repr=False)
class MinimumCoverage(CommendationRule):
    """Evidence backed at least `coverage` of the rubric's weight in each period."""

    TYPE: ClassVar[str] = "minimum_coverage"
    coverage: float = number("Lowest acceptable coverage, 0–1.", minimum=0, maximum=1)


@frozen(kw_only=True, repr=False)
class NoFailedGate(CommendationRule):
    """No critical (gate) criterion failed in the last `periods` periods."""

    TYPE: ClassVar[str] = "no_failed_gate"


@frozen(kw_only=True, repr=False)
class NoOverdueComplaints(CommendationRule):
    """No complaint or denunciation was resolved late, or left overdue, in those periods."""

    TYPE: ClassVar[str] = "no_overdue_complaints"


@frozen(kw_only=True, repr=False)
class ModelsRecognised(CommendationRule):
    """At least `minimum` "Dân vận khéo" models were recognised over those periods."""

    TYPE: ClassVar[str] = "models_recognised"
    minimum: int = positive("Fewest models recognised.")


RULE_TYPES: tuple[type[CommendationRule], ...] = (
    BandReached,
    MinimumTotal,
    MinimumCoverage,
    NoFailedGate,
    NoOverdueComplaints,
    ModelsRecognised,
)

AnyCommendationRule: TypeAlias = (
    BandReached
    | MinimumTotal
    | MinimumCoverage
    | NoFailedGate
    | NoOverdueComplaints
    | ModelsRecognised
)


class RuleCombination(Term):
    """Whether every rule, or any one, must hold."""

    ALL = "all", "đạt tất cả tiêu chí", "all rules"
    ANY = "any", "đạt ít nhất một tiêu chí", "any rule"


@frozen(kw_only=True, repr=False)
class CommendationCriteria(Model):
    """Criteria for commending a unit for its implementation of grassroots democracy.

    Law Art. 8.4 asks for good examples to be commended; no national criteria exist, so
    each set of criteria is a policy of whoever awards, and says so in `basis`.
    """

    id: str = ident("Identifier.")
    title: Label = req("Name shown to people, in Vietnamese and English.")
    rules: tuple[AnyCommendationRule, ...] = many("The rules, each tagged by its `type`.")
    combine: RuleCombination = RuleCombination.ALL
    award: AwardForm | None = opt("The award it leads to.")
    awarded_by: str | None = opt_text("Who awards it.")
    unit_kinds: tuple[UnitKind, ...] = many("Unit kinds it applies to (empty: all).", unique=True)
    basis: tuple[str, ...] = many("Legal or policy basis, e.g. 'Law 10/2022 Art. 8.4'.")
    description: str | None = opt_text("What the criteria reward, for people.")

    def _check(self) -> Iterator[Problem]:
        if not self.rules:
            yield Problem("$.rules", "give at least one rule")

    @property
    def lookback(self) -> int:
        """How many periods of history the rules need."""
        return max((r.periods for r in self.rules), default=1)

    def __repr__(self) -> str:
        return f"CommendationCriteria({self.id}, {len(self.rules)} rules)"
