"""Rubrics as data: bands, legal regimes, sections and criteria, with a content hash.

A rubric file holds no code. It names indicators, methods and aggregators from the
registry, and gives parameters; everything is checked when the rubric is loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any

from attrs import field, frozen

from dancoso._limits import MAX_SECTION_DEPTH, did_you_mean, key_path, shown
from dancoso._weak import WeakIdMap
from dancoso.errors import InvalidInput, Problem
from dancoso.model import Label, Model, MottoPart, Period, Term, UnitKind
from dancoso.model._base import (
    Before,
    ParamValue,
    bounded,
    flag,
    ident,
    many,
    number,
    opt,
    opt_text,
    req,
    text,
)

__all__ = [
    "NOT_RATED_CAP",
    "Band",
    "Criterion",
    "LegalBasis",
    "NAPolicy",
    "Regime",
    "Role",
    "Rubric",
    "Section",
    "canonical_json",
    "check_rubric",
    "problems_against",
    "rubric_hash",
]

#: Weights lie in [MIN_WEIGHT, MAX_WEIGHT], or are exactly 0 (the child is switched off).
#: Twelve orders of magnitude between siblings is more than any rubric needs, and keeps
#: every sum and ratio of weights the engine forms far from overflow and underflow.
MIN_WEIGHT = 1e-6
MAX_WEIGHT = 1e6


def _weight_problems(weight: float, name: str = "weight") -> Iterator[Problem]:
    """Weights, and points (which are weights on a points sheet), within safe bounds."""
    what, path = f"a {name}" if name == "weight" else name, f"$.{name}"
    if weight < 0:
        yield Problem(path, f"{what} cannot be below 0, got {weight}")
    elif weight > MAX_WEIGHT:
        yield Problem(path, f"{what} is at most {MAX_WEIGHT:,.0f}, got {weight}")
    elif 0 < weight < MIN_WEIGHT:
        yield Problem(path, f"{what} is 0 or at least {MIN_WEIGHT:.6f} (1e-6), got {weight}")


class NAPolicy(Term):
    """What a section does with children that have no evidence.

    `block` counts them as zero, like `zero`, and also withholds the rating: a scorecard
    with a blocked section is not rated. (It used to score the whole section 0, which let
    a record of failure raise the total: missing evidence must never weigh more than a
    recorded failure.)
    """

    RENORMALISE = "renormalise", "chia lại trọng số cho tiêu chí có bằng chứng", "renormalise"
    ZERO = "zero", "tính là 0 điểm", "count as zero"
    BLOCK = (
        "block",
        "tính là 0 điểm và chưa đủ căn cứ xếp loại",
        "count as zero and withhold the rating",
    )


class Role(Term):
    """What a criterion does to the total."""

    STANDARD = "standard", "tiêu chí chấm điểm", "scored criterion"
    DEDUCTION = "deduction", "điểm trừ", "deduction"
    BONUS = "bonus", "điểm thưởng", "bonus"


#: The `cap_band` of a veto that withholds the rating ("không xếp loại").
NOT_RATED_CAP = "not_rated"
#: The aggregator of points sheets: earned points over the points available.
POINTS = "points"


@frozen(kw_only=True, repr=False)
class LegalBasis(Model):
    """Where in the law a criterion comes from: act, article, clause, point."""

    act: str = text("The act, e.g. 'Law 10/2022/QH15' or 'Decree 59/2023/NĐ-CP'.")
    article: int | None = bounded("Article number.", minimum=1)
    clause: int | None = bounded("Clause number.", minimum=1)
    point: str | None = opt_text("Point letter, e.g. 'c'.")
    note: str | None = opt_text("What the provision says, briefly.")

    @property
    def citation(self) -> str:
        """`Law 10/2022/QH15 Art. 32.1.c` style."""
        if self.article is None:
            return self.act
        ref = f"Art. {self.article}"
        if self.clause is not None:
            ref += f".{self.clause}"
            if self.point:
                ref += f".{self.point}"
        return f"{self.act} {ref}"

    def __repr__(self) -> str:
        return f"LegalBasis({self.citation!r})"


@frozen(kw_only=True, repr=False)
class Regime(Model):
    """A legal regime: the set of rules in force over a span of dates."""

    id: str = ident("Identifier, e.g. 'law-10-2022'.")
    title: Label = req("Name shown to people.")
    start: dt.date | None = opt("First day it applies.")
    end: dt.date | None = opt("Last day it applies.")
    basis: tuple[str, ...] = many("The main acts of the regime.")

    __rules__ = (Before("start", "end"),)

    def covers(self, day: dt.date) -> bool:
        """Whether the regime applies on `day`."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def __repr__(self) -> str:
        return f"Regime({self.id}, {self.start}..{self.end})"


@frozen(kw_only=True, repr=False)
class Band(Model):
    """A rating band: reached when the total is at least `min_total`."""

    id: str = ident("Identifier, e.g. 'good'.")
    label: Label = req("Name shown to people ('Tốt' / 'Good').")
    min_total: float = number(
        "Lowest total in the band (0–100, or points on a points sheet).", minimum=0
    )

    def __repr__(self) -> str:
        return f"Band({self.id}, ≥{self.min_total:g})"


@frozen(kw_only=True, repr=False, hash=False)
class Criterion(Model):
    """One thing a rubric checks: an indicator, scored by a method, with its legal basis."""

    id: str = ident("Identifier, unique in the rubric.")
    title: Label = req("What is checked, for people.")
    indicator: str = text("Name of the indicator measured.")
    method: str = text("Name of the scoring method.")
    params: dict[str, ParamValue] = field(factory=dict, metadata={"doc": "Method parameters."})
    weight: float = field(
        default=1.0,
        metadata={"doc": "Weight among its siblings: 0 (switched off), or 1e-6 to 1e6."},
    )
    points: float | None = bounded(
        "Maximum points (điểm chuẩn) on a points sheet; then the weight among its siblings. "
        "For a deduction, the most it takes off; for a bonus, the most it adds.",
        minimum=0,
    )
    role: Role = field(
        default=Role.STANDARD,
        metadata={"doc": "`standard`; `deduction` (điểm trừ) or `bonus` (điểm thưởng)."},
    )
    legal_basis: tuple[LegalBasis, ...] = many("Where the obligation comes from (at least one).")
    unit_kinds: tuple[UnitKind, ...] = many("Unit kinds it applies to (empty: all).", unique=True)
    in_force_from: dt.date | None = opt("First day its legal basis is in force.")
    in_force_until: dt.date | None = opt("Last day its legal basis is in force.")
    gate: bool = flag(
        "Critical: failing it caps the band at `cap_band` (a veto when that is the lowest "
        "band, or `not_rated`)."
    )
    cap_band: str | None = opt_text(
        "Highest band reachable when the gate fails, or `not_rated`: the unit is not rated."
    )
    policy: bool = flag("The threshold is a policy choice: the law fixes no number.")
    policy_note: str | None = opt_text("Why the threshold was chosen.")
    recommendation: Label = req("What to do when it is not met.")
    description: str | None = opt_text("More about the criterion.")

    __rules__ = (Before("in_force_from", "in_force_until"),)

    def _check(self) -> Iterator[Problem]:
        yield from _weight_problems(self.weight)
        if not self.legal_basis:
            yield Problem("$.legal_basis", "cite at least one legal basis")
        if self.gate and self.cap_band is None:
            yield Problem("$.cap_band", "a gate names the band it caps at")
        if self.policy and not self.policy_note:
            yield Problem("$.policy_note", "say why the policy threshold was chosen")
        yield from _points_problems(self.points, self.weight)
        if self.role is not Role.STANDARD:
            if self.points is None:
                yield Problem("$.points", f"a {self.role.value} gives its points")
            if self.gate:
                yield Problem("$.gate", f"a {self.role.value} cannot be a gate")

    @property
    def share(self) -> float:
        """Its weight among its siblings: its points when it has them."""
        return self.weight if self.points is None else self.points

    def in_force(self, period: Period) -> Period | None:
        """The part of `period` in which the criterion's legal basis is in force."""
        start = max(period.start, self.in_force_from or period.start)
        end = min(period.end, self.in_force_until or period.end)
        if start > end:
            return None
        if start == period.start and end == period.end:
            return period  # in force throughout: no new object to build and check
        return Period(start=start, end=end)

    def __repr__(self) -> str:
        return f"Criterion({self.id}, {self.indicator} by {self.method})"


def _height(section: Section) -> int:
    """Levels of sections from `section` down (1: no subsections), counted without
    recursion, and only up to one level past `MAX_SECTION_DEPTH`."""
    height, level = 1, list(section.sections)
    while level and height <= MAX_SECTION_DEPTH:
        height += 1
        level = [sub for s in level for sub in s.sections]
    return height


@frozen(kw_only=True, repr=False, hash=False)
class Section(Model):
    """A group of criteria and subsections, aggregated into one score."""

    id: str = ident("Identifier, unique in the rubric.")
    title: Label = req("Name shown to people.")
    weight: float = field(
        default=1.0,
        metadata={"doc": "Weight among its siblings: 0 (switched off), or 1e-6 to 1e6."},
    )
    points: float | None = bounded(
        "Maximum points on a points sheet: the sum of its standard children's points.",
        minimum=0,
    )
    aggregator: str = field(default="weighted_mean", metadata={"doc": "Aggregator name."})
    na_policy: NAPolicy = field(default=NAPolicy.RENORMALISE, metadata={"doc": "N/A policy."})
    motto: MottoPart | None = opt("The part of the motto the section stands for.")
    sections: tuple[Section, ...] = many("Subsections.")
    criteria: tuple[Criterion, ...] = many("Criteria.")

    def _check(self) -> Iterator[Problem]:
        yield from _weight_problems(self.weight)
        if not self.sections and not self.criteria:
            yield Problem("$", "a section holds at least one criterion or subsection")
        if _height(self) > MAX_SECTION_DEPTH:
            yield Problem("$.sections", f"sections are nested more than {MAX_SECTION_DEPTH} deep")
        yield from _points_problems(self.points, self.weight)
        if self.aggregator == POINTS:
            yield from _points_children(self.sections, self.criteria, "$")
            if self.points is not None:
                held = _held_points(self.sections, self.criteria)
                if held is not None and abs(held - self.points) > 1e-9 * max(1.0, held):
                    yield Problem(
                        "$.points",
                        f"the section is worth {self.points:g} points but its criteria add up "
                        f"to {held:g}",
                    )

    @property
    def share(self) -> float:
        """Its weight among its siblings: its points when it has them."""
        return self.weight if self.points is None else self.points

    def __repr__(self) -> str:
        return f"Section({self.id}, {len(self.sections)} sections, {len(self.criteria)} criteria)"


@frozen(kw_only=True, repr=False, hash=False)
class Rubric(Model):
    """A versioned rubric: bands, legal regimes and a tree of sections and criteria.

    The content hash ([`Rubric.hash`][dancoso.scoring.Rubric.hash]) identifies the rubric
    independently of file formatting and key order.
    """

    id: str = ident("Identifier, e.g. 'commune'.")
    version: str = text("Version, e.g. '2026.1'.")
    title: Label = req("Name shown to people.")
    description: str | None = opt_text("What the rubric rates and on what authority.")
    unit_kinds: tuple[UnitKind, ...] = many("Unit kinds it rates.", unique=True)
    regimes: tuple[Regime, ...] = many("Legal regimes, by date.")
    bands: tuple[Band, ...] = many("Rating bands, lowest first; the first starts at 0.")
    aggregator: str = field(
        default="weighted_mean", metadata={"doc": "Aggregator of the sections."}
    )
    na_policy: NAPolicy = field(
        default=NAPolicy.RENORMALISE, metadata={"doc": "N/A policy at the top."}
    )
    min_coverage: float = field(
        default=0.0,
        metadata={
            "doc": "Share of the applicable weight that must be backed by evidence for any band "
            "above the lowest (0–1)."
        },
    )
    gates_need_evidence: bool = flag(
        "A gate without evidence withholds the rating (the scorecard is not rated) rather "
        "than being left out."
    )
    sections: tuple[Section, ...] = many("The sections.")

    def _check(self) -> Iterator[Problem]:
        if not self.sections:
            yield Problem("$.sections", "a rubric has at least one section")
        if self.aggregator == POINTS:
            yield from _points_children(self.sections, (), "$")
        top = self.max_total
        for i, b in enumerate(self.bands):
            if b.id == NOT_RATED_CAP:
                yield Problem(f"$.bands[{i}].id", f"{NOT_RATED_CAP!r} is reserved for vetoes")
            if b.min_total > top + 1e-9:
                yield Problem(
                    f"$.bands[{i}].min_total",
                    f"{b.min_total:g} is above the most the total can reach ({top:g})",
                )
        if not 0 <= self.min_coverage <= 1:
            yield Problem("$.min_coverage", f"must lie in [0, 1], got {self.min_coverage}")
        if not self.bands:
            yield Problem("$.bands", "a rubric has at least one band")
        elif self.bands[0].min_total != 0:
            yield Problem("$.bands[0].min_total", "the lowest band starts at 0")
        for i, (a, b) in enumerate(zip(self.bands, self.bands[1:], strict=False)):
            if b.min_total <= a.min_total:
                yield Problem(f"$.bands[{i + 1}].min_total", "bands are listed lowest first")
        band_ids = [b.id for b in self.bands]
        if len(set(band_ids)) != len(band_ids):
            yield Problem("$.bands", "band ids must be unique")
        seen: dict[str, str] = {}
        for path, node in self.walk():
            if node.id in seen:
                yield Problem(
                    f"{path}.id", f"duplicate id {shown(node.id)} (first used at {seen[node.id]})"
                )
            seen.setdefault(node.id, f"{path}.id")
            if (
                isinstance(node, Criterion)
                and node.cap_band
                and node.cap_band not in band_ids
                and node.cap_band != NOT_RATED_CAP
            ):
                yield Problem(
                    f"{path}.cap_band",
                    f"no band {shown(node.cap_band)} in this rubric (nor {NOT_RATED_CAP!r})",
                )
        for i, (r1, r2) in enumerate(zip(self.regimes, self.regimes[1:], strict=False)):
            if r1.end is None or r2.start is None or r2.start <= r1.end:
                yield Problem(
                    f"$.regimes[{i + 1}].start", "regimes are listed in order, without overlap"
                )

    def walk(self) -> Iterator[tuple[str, Section | Criterion]]:
        """Every section and criterion with its path, depth first, in rubric order."""

        def visit(sec: Section, path: str) -> Iterator[tuple[str, Section | Criterion]]:
            yield path, sec
            for i, sub in enumerate(sec.sections):
                yield from visit(sub, f"{path}.sections[{i}]")
            for j, crit in enumerate(sec.criteria):
                yield f"{path}.criteria[{j}]", crit

        for i, sec in enumerate(self.sections):
            yield from visit(sec, f"$.sections[{i}]")

    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion, in rubric order."""
        return tuple(n for _, n in self.walk() if isinstance(n, Criterion))

    @property
    def scale(self) -> float:
        """What the standard criteria add up to: the sections' points when every top section
        has points (a points sheet), else 100."""
        if self.sections and all(s.points is not None for s in self.sections):
            return float(sum(s.points or 0.0 for s in self.sections))
        return 100.0

    @property
    def max_total(self) -> float:
        """The most the total can reach: the scale plus every bonus."""
        bonus = sum(c.points or 0.0 for c in self.criteria() if c.role is Role.BONUS)
        return self.scale + bonus

    def regime_on(self, day: dt.date) -> Regime | None:
        """The legal regime in force on `day`, if the rubric has one for it."""
        return next((r for r in self.regimes if r.covers(day)), None)

    def band(self, band_id: str) -> Band:
        """The band with id `band_id`."""
        return next(b for b in self.bands if b.id == band_id)

    @property
    def hash(self) -> str:
        """SHA-256 of the rubric's canonical JSON form (sorted keys, no whitespace)."""
        return rubric_hash(self)

    def __repr__(self) -> str:
        return f"Rubric({self.id} {self.version}, {len(self.criteria())} criteria)"


def _points_problems(points: float | None, weight: float) -> Iterator[Problem]:
    if points is None:
        return
    yield from _weight_problems(points, "points")
    if weight != 1.0:
        yield Problem("$.weight", "give points or a weight, not both: points are the weight")


def _points_children(
    sections: tuple[Section, ...], criteria: tuple[Criterion, ...], path: str
) -> Iterator[Problem]:
    """Under the `points` aggregator every standard child has points."""
    for i, sub in enumerate(sections):
        if sub.points is None:
            yield Problem(f"{path}.sections[{i}].points", "a points sheet gives every part points")
    for j, crit in enumerate(criteria):
        if crit.role is Role.STANDARD and crit.points is None:
            yield Problem(f"{path}.criteria[{j}].points", "a points sheet gives every part points")


def _held_points(sections: tuple[Section, ...], criteria: tuple[Criterion, ...]) -> float | None:
    """The points a section's standard children add up to, if they all have points."""
    parts = [s.points for s in sections] + [c.points for c in criteria if c.role is Role.STANDARD]
    if any(p is None for p in parts):
        return None
    return float(sum(p or 0.0 for p in parts))


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no whitespace: the form hashes are taken over."""
    # plain data from `to_data` holds no cycles, so the encoder need not look for them
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False
    )


#: Hashes of live rubrics, by identity; an entry goes with its rubric, so scoring many
#: rubrics one after the other keeps no memory.
_HASHES: WeakIdMap[Rubric, str] = WeakIdMap()


def rubric_hash(rubric: Rubric) -> str:
    """The content hash of a rubric (cached per object while it lives)."""
    cached = _HASHES.get(rubric)
    if cached is not None:
        return cached
    from dancoso._io import to_data

    digest = hashlib.sha256(canonical_json(to_data(rubric)).encode("utf-8")).hexdigest()
    _HASHES.put(rubric, digest)
    return digest


def problems_against(rubric: Rubric, registry: Any) -> list[Problem]:
    """Names the registry does not know, and parameters a method does not accept."""
    from dancoso.scoring._registry import UnknownName

    problems: list[Problem] = []

    def known(kind: str, name: str, path: str) -> Any:
        try:
            return getattr(registry, f"get_{kind}")(name)
        except UnknownName as exc:
            problems.append(Problem(path, str(exc)))
            return None

    known("aggregator", rubric.aggregator, "$.aggregator")
    for path, node in rubric.walk():
        if isinstance(node, Section):
            known("aggregator", node.aggregator, f"{path}.aggregator")
            continue
        indicator = known("indicator", node.indicator, f"{path}.indicator")
        method = known("method", node.method, f"{path}.method")
        if method is None:
            continue
        problems.extend(_param_problems(node, method, f"{path}.params"))
        if indicator is not None and not any(p.path.startswith(f"{path}.params") for p in problems):
            increasing = method.increasing(**node.params)
            if increasing != (indicator.direction == "higher"):
                way = "higher" if indicator.direction == "higher" else "lower"
                problems.append(
                    Problem(
                        f"{path}.params",
                        f"indicator {node.indicator!r} is better when {way}, but these "
                        f"parameters make the score {'rise' if increasing else 'fall'} with it",
                    )
                )
    return problems


def _param_problems(node: Criterion, method: Any, path: str) -> Iterator[Problem]:
    specs = {p.name: p for p in method.params}
    for name in node.params:
        if name not in specs:
            hint = did_you_mean(name, specs, n=2)
            yield Problem(
                key_path(path, name),
                f"method {method.name!r} takes no parameter {shown(name)}{hint}",
            )
    bad = False
    for p in method.params:
        value = node.params.get(p.name)
        if value is None:
            if p.required:
                bad = True
                yield Problem(f"{path}.{p.name}", f"method {method.name!r} needs {p.name!r}")
            continue
        want = {"number": float, "numbers": tuple, "choice": str}[p.kind]
        if not isinstance(value, want):
            bad = True
            what = {"number": "a number", "numbers": "a list of numbers", "choice": "a word"}[
                p.kind
            ]
            yield Problem(f"{path}.{p.name}", f"{p.name!r} must be {what}")
        elif p.kind == "choice" and value not in p.choices:
            bad = True
            yield Problem(f"{path}.{p.name}", f"{p.name!r} must be one of {', '.join(p.choices)}")
    if not bad and method.check is not None and not any(n not in specs for n in node.params):
        for message in method.check(**node.params):
            yield Problem(path, message)


def check_rubric(rubric: Rubric, registry: Any) -> Rubric:
    """Raise `InvalidInput` if the rubric names what the registry lacks."""
    problems = problems_against(rubric, registry)
    if problems:
        raise InvalidInput(problems, what=f"rubric {rubric.id!r}")
    return rubric
