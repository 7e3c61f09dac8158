"""Evaluating: a table of indicator values → criterion, section and total scores, with bounds.

`CompiledRubric.evaluate(values, applicable, years)` takes a table of indicator values
(one row per unit, one column per criterion, NaN where there is no evidence) and returns
every criterion, section and total score, with NumPy operations over whole columns.
The single-dossier path builds a table of one row;
[`compile_rubric`][dancoso.scoring.compile_rubric] builds the compiled rubric.
"""

from __future__ import annotations

from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
from attrs import define, frozen

from dancoso.errors import DancosoError
from dancoso.scoring._methods import TINY
from dancoso.scoring._registry import AggregatorSpec, IndicatorSpec, MethodSpec
from dancoso.scoring._rubric import Criterion, NAPolicy, Rubric, Section

__all__ = [
    "CompiledCriterion",
    "CompiledRubric",
    "Evaluation",
    "Level",
    "MethodGroup",
    "Node",
    "YearScores",
    "method_params",
    "score_years",
]

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Index = npt.NDArray[np.intp]

#: Rows combined together; larger tables are combined slice by slice.
CHUNK_ROWS = 16_384
#: Up to this many rows, sections of one height are combined together (see `Level`).
TOGETHER_ROWS = 128


@frozen
class CompiledCriterion:
    """A criterion with its indicator and method resolved."""

    index: int
    criterion: Criterion
    section: str
    indicator: IndicatorSpec
    method: MethodSpec


@frozen(eq=False)
class Node:
    """A section (or the rubric's top) with its standard children as column indices.

    `children` holds `("c", i)` for criterion column i and `("s", j)` for node j.
    Deductions and bonuses are not children: they adjust the total (see `CompiledRubric`).
    """

    index: int
    id: str
    parent: int | None
    section: Section | None
    aggregator: AggregatorSpec
    na_policy: NAPolicy
    children: tuple[tuple[str, int], ...]
    weights: Array
    columns: Index  # children as columns of the shared table (see aggregate)


@frozen(eq=False)
class MethodGroup:
    """Criteria scored by one call of their shared method."""

    method: MethodSpec
    columns: Index
    params: dict[str, Any]


@frozen(eq=False)
class Level:
    """Sections combined together: one call per aggregator among them.

    A rubric is compiled to two plans of levels. In the first, a level holds the sections
    of one height (one more than the highest child section's, 1 when the children are all
    criteria), so every child is ready before its level is combined and a table of a few
    rows costs a few NumPy calls per level rather than per section. In the second, each
    section is a level of its own: for large tables the padding costs more than the calls.
    Rows of children are padded to one width with the table's padding column, which is
    never applicable and so carries weight 0.
    """

    calls: tuple[tuple[AggregatorSpec, slice], ...]  # each aggregator and its run of nodes
    nodes: Index  # (g,) node indices
    node_columns: Index  # (g,) their columns in the shared table
    columns: Index  # (g, c) children as columns of the shared table
    weights: Array  # (g, c) structural weights; 0 for padding
    renormalise_column: Mask  # (g, 1) nodes whose N/A policy is `renormalise`
    block: Mask  # (g,) nodes whose N/A policy is `block`
    any_renormalise: bool
    any_block: bool


@define
class Evaluation:
    """Scores for a table of units; every array has one row per unit.

    Attributes:
        criterion_scores: (n, m) scores in [0, 1]; NaN when not applicable or no evidence.
        node_scores: (n, k) section scores (node 0 is the rubric's top); NaN likewise.
        node_low: (n, k) section scores if every criterion without evidence scored 0.
        node_high: (n, k) section scores if every criterion without evidence scored 1.
        node_applicable: (n, k) whether a node has any applicable criterion.
        node_missing: (n, k) applicable children without evidence, counted per node.
        node_children: (n, k) applicable children, counted per node.
        node_blocked: (n, k) a `block` node with children lacking evidence.
        criterion_share: (n, m) share of the standard total each criterion carried (after
            the N/A policy).
        criterion_points: (n, m) points each criterion contributed; negative for deductions.
            They add up to the total.
        criterion_max: (n, m) the most points each criterion can add, its share of the total
            after the N/A policy (deductions: the most they take off).
        node_points: (n, k) points each node contributed.
        criterion_weight: (n, m) share of the standard total each criterion could carry.
        node_share: (n, k) share of the total each node carried.
        node_weight: (n, k) share of the total each node could carry.
        total: (n,) totals in [0, max_total].
        total_low: (n,) totals if every criterion without evidence scored 0 (deductions in
            full); NaN when bounds were not asked for.
        total_high: (n,) totals if every criterion without evidence scored 1 (bonuses in
            full); NaN when bounds were not asked for.
        coverage: (n,) share of the applicable standard weight backed by evidence.
    """

    criterion_scores: Array
    node_scores: Array
    node_low: Array
    node_high: Array
    node_applicable: Mask
    node_missing: npt.NDArray[np.int64]
    node_children: npt.NDArray[np.int64]
    node_blocked: Mask
    criterion_share: Array
    criterion_points: Array
    criterion_max: Array
    node_points: Array
    criterion_weight: Array
    node_share: Array
    node_weight: Array
    total: Array
    total_low: Array
    total_high: Array
    coverage: Array


@define
class CompiledRubric:
    """A rubric with every name resolved, ready to score tables of indicator values.

    Attributes:
        scale: What the standard criteria add up to (100, or a points sheet's points).
        max_total: The scale plus every bonus.
        adjust_columns: Columns of the deductions and bonuses, which adjust the total.
        adjust_points: Their points, positive for a bonus and negative for a deduction.
        gate_columns: Columns of the gates.
        gate_caps: The band index each gate caps at; -1 for a veto withholding the rating.
        floors: The bands' `min_total`, lowest first.
    """

    rubric: Rubric
    criteria: tuple[CompiledCriterion, ...]
    nodes: tuple[Node, ...]  # node 0 is the top; children always come after parents
    groups: tuple[MethodGroup, ...]
    levels: tuple[Level, ...]  # sections of one height together, lowest first
    node_levels: tuple[Level, ...]  # each section on its own, children before parents
    children: Index  # (k, c) each node's children as columns, padded
    scale: float
    max_total: float
    adjust_columns: Index
    adjust_points: Array
    gate_columns: Index
    gate_caps: Index
    floors: Array

    @property
    def m(self) -> int:
        """Number of criteria (columns)."""
        return len(self.criteria)

    def method_scores(self, values: Array, years: Array) -> Array:
        """Apply each criterion's method to its column of values (a group of columns at once
        where criteria share a method that takes array parameters)."""
        out = np.empty(values.shape)  # every column belongs to exactly one group
        for group in self.groups:
            cols = group.columns
            out[:, cols] = group.method.fn(
                values=values[:, cols], years=years[:, cols], **group.params
            )
        return np.where(np.isnan(values), np.nan, np.minimum(np.maximum(out, 0.0), 1.0))

    def evaluate(
        self, values: Array, applicable: Mask, years: Array, *, bounds: bool = True
    ) -> Evaluation:
        """Score a table: `values` (n, m) with NaN for no evidence, `applicable` (n, m),
        `years` (n, m) the length in years of the part of each period a criterion is in force.
        With `bounds`, also the totals reached if the missing evidence scored 0 or 1.
        """
        scores = self.method_scores(values, years)
        return self.aggregate(np.where(applicable, scores, np.nan), applicable, bounds=bounds)

    def aggregate(
        self,
        scores: Array,
        applicable: Mask,
        *,
        bounds: bool = True,
        low: Array | None = None,
        high: Array | None = None,
    ) -> Evaluation:
        """Combine criterion scores (NaN: no evidence) up the tree of sections.

        With `bounds`, each row with missing evidence is combined twice more: once with
        every criterion without evidence at 0, once at 1 (a criterion whose own score is
        uncertain, such as a yearly duty with years lacking evidence, gives its own `low`
        and `high` scores). Every built-in aggregator is monotone and never raises a
        section for leaving a child out, so `total_low ≤ total ≤ total_high`.

        Large tables are combined in slices of `CHUNK_ROWS` rows (rows are independent),
        which keeps the temporaries small enough to stay in the processor's caches.
        """
        n = scores.shape[0]
        if n > CHUNK_ROWS:
            return _stack(
                [
                    self.aggregate(
                        scores[i : i + CHUNK_ROWS],
                        applicable[i : i + CHUNK_ROWS],
                        bounds=bounds,
                        low=None if low is None else low[i : i + CHUNK_ROWS],
                        high=None if high is None else high[i : i + CHUNK_ROWS],
                    )
                    for i in range(0, n, CHUNK_ROWS)
                ]
            )
        if not bounds:
            ev = self._combine(scores, applicable)
            ev.total_low = ev.total_high = np.full(n, np.nan)
            ev.node_low = ev.node_high = np.full(ev.node_scores.shape, np.nan)
            return ev
        missing = applicable & np.isnan(scores)
        lo = scores if low is None else np.where(np.isnan(low), scores, low)
        hi = scores if high is None else np.where(np.isnan(high), scores, high)
        uncertain = missing.any(axis=1) | np.any(lo != hi, axis=1, where=applicable & ~missing)
        rows = np.flatnonzero(uncertain)
        r = rows.size
        if r == 0:
            ev = self._combine(scores, applicable)
            ev.total_low, ev.total_high = ev.total.copy(), ev.total.copy()
            ev.node_low, ev.node_high = ev.node_scores.copy(), ev.node_scores.copy()
            return ev
        completions = np.concatenate(
            [np.where(missing[rows], 0.0, lo[rows]), np.where(missing[rows], 1.0, hi[rows])]
        )
        app = np.concatenate([applicable[rows], applicable[rows]])
        if n <= TOGETHER_ROWS:  # a few rows: one call for the table and its completions
            both = self._combine(
                np.concatenate([scores, completions]), np.concatenate([applicable, app])
            )
            ev = _rows(both, slice(0, n))
            nodes, totals = both.node_scores[n:], both.total[n:]
        else:  # many: the completions need their scores only, not shares or points
            ev = self._combine(scores, applicable)
            nodes, totals = self._climb(completions, app)
        ev.total_low, ev.total_high = ev.total.copy(), ev.total.copy()
        ev.total_low[rows], ev.total_high[rows] = totals[:r], totals[r:]
        ev.node_low, ev.node_high = ev.node_scores.copy(), ev.node_scores.copy()
        ev.node_low[rows], ev.node_high[rows] = nodes[:r], nodes[r:]
        return ev

    def _table(self, scores: Array, applicable: Mask) -> tuple[Array, Mask]:
        """The shared table of criteria, nodes (not yet combined) and padding, with its
        applicability."""
        n, m, k = scores.shape[0], self.m, len(self.nodes)
        table = np.empty((n, m + k + 1))
        table[:, :m] = scores
        table[:, m:] = np.nan
        app = np.zeros((n, m + k + 1), dtype=bool)
        app[:, :m] = applicable
        return table, app

    def _climb(self, scores: Array, applicable: Mask) -> tuple[Array, Array]:
        """Node scores and totals alone: the upward pass, each section on its own."""
        n, m, k = scores.shape[0], self.m, len(self.nodes)
        table, app = self._table(scores, applicable)
        for level in self.node_levels:
            idx, cols = level.columns, level.node_columns
            child_s, child_a = table[:, idx], app[:, idx]
            w = child_a * level.weights
            if level.any_renormalise:
                w *= ~(child_a & np.isnan(child_s) & level.renormalise_column)
            filled = np.fmax(child_s, 0.0)
            raw = np.empty((n, idx.shape[0]))
            for aggregator, rows in level.calls:
                raw[:, rows] = _combine(aggregator, filled[:, rows], w[:, rows])
            score = np.minimum(np.maximum(raw, 0.0), 1.0)
            score[_sum(w) <= 0] = np.nan
            table[:, cols] = score
            app[:, cols] = _sum(child_a * level.weights) > 0
        base = np.fmax(table[:, m], 0.0) * self.scale
        total = np.minimum(base, self.scale)
        if self.adjust_columns.size:
            most = np.zeros((n, m))
            total = self._adjust(scores, applicable, total, np.zeros((n, m)), most)[0]
        return table[:, m : m + k], total

    def _combine(self, scores: Array, applicable: Mask) -> Evaluation:
        """One pass up and down the tree, with the total's deductions and bonuses.

        Criteria and nodes share one table: column `i < m` is criterion i, column
        `m + j` node j and the last column is padding, so that each level gathers the
        children of all its nodes with one indexing step. Going up, each level records
        the part of its nodes every child carries; coming down, level by level, shares,
        weights and points are the parent's times that part.

        A one-row table (one dossier) costs a fixed number of NumPy calls per level, so the
        arithmetic below prefers single ufuncs to `np.where` where both say the same.
        """
        n, m, k = scores.shape[0], self.m, len(self.nodes)
        table, app = self._table(scores, applicable)
        node_blocked = np.zeros((n, k), dtype=bool)
        # few rows: the fewer NumPy calls the better; many: padding costs more than calls
        plan = self.levels if n <= TOGETHER_ROWS else self.node_levels
        # per level, the part of its node each child carries: (used weight, structural
        # weight, points), as (3, n, g, c)
        parts_of: list[Array] = []
        for level in plan:  # children before parents
            idx, cols = level.columns, level.node_columns
            child_s, child_a = table[:, idx], app[:, idx]  # (n, g, c)
            missing = child_a & np.isnan(child_s)
            # aggregators get no NaN: missing children carry 0 (fmax drops NaN; scores ≥ 0)
            filled = np.fmax(child_s, 0.0)
            # weights as used, structural weights (applicability only), weight × score
            parts = np.empty((3, *child_s.shape))
            w, w0 = parts[0], np.multiply(child_a, level.weights, out=parts[1])
            if level.any_renormalise:  # children without evidence lose their weight
                np.multiply(w0, ~(missing & level.renormalise_column), out=w)
            else:
                w[...] = w0  # `zero` and `block`: they keep their weight and count as 0
            np.multiply(w, filled, out=parts[2])
            raw = np.empty((n, idx.shape[0]))
            for aggregator, rows in level.calls:
                raw[:, rows] = _combine(aggregator, filled[:, rows], w[:, rows])
            score = np.minimum(np.maximum(raw, 0.0), 1.0)
            sums = _sum(parts)
            # no weight left: not applicable, or nothing with evidence under `renormalise`
            score[sums[0] <= 0] = np.nan
            if level.any_block:  # what it lacks withholds the rating (see the verdict)
                node_blocked[:, level.nodes] = (
                    np.logical_or.reduce(missing, axis=-1) & level.block & (sums[1] > 0)
                )
            table[:, cols] = score
            app[:, cols] = sums[1] > 0
            # a node's points go to its children in proportion to weight × score, so that
            # points add up to the total under any aggregator and N/A policy
            parts_of.append(_normalise(parts, sums))
        # counted once the table is complete: every section's children, padded as above
        child_a = app[:, self.children]
        node_children = _sum(child_a)
        node_missing = _sum(child_a & np.isnan(table[:, self.children]))
        base = np.fmax(table[:, m], 0.0) * self.scale  # no applicable criterion: 0
        # columns first: writing whole rows of units is much faster for large tables than
        # scattering along the last axis
        down = np.zeros((3, m + k + 1, n))
        down[:2, m] = 1.0
        down[2, m] = base
        for level, parts in zip(reversed(plan), reversed(parts_of), strict=True):
            down[:, level.columns] = down[:, level.node_columns, None] * parts.transpose(0, 2, 3, 1)
        share, weight, points = down.transpose(0, 2, 1)
        criterion_points = points[:, :m]
        # what each carries after the N/A policy: points never exceed it
        criterion_max = share[:, :m] * self.scale
        total = np.minimum(base, self.scale)
        if self.adjust_columns.size:
            total, criterion_points, criterion_max = self._adjust(
                scores, applicable, total, criterion_points, criterion_max
            )
        covered = _sum(weight[:, :m] * (applicable & ~np.isnan(scores)))
        return Evaluation(
            criterion_scores=scores,
            node_scores=table[:, m : m + k],
            node_low=table[:, m : m + k],
            node_high=table[:, m : m + k],
            node_applicable=app[:, m : m + k],
            node_missing=node_missing,
            node_children=node_children,
            node_blocked=node_blocked,
            criterion_share=share[:, :m],
            criterion_points=criterion_points,
            criterion_max=criterion_max,
            node_points=points[:, m : m + k],
            criterion_weight=weight[:, :m],
            node_share=share[:, m : m + k],
            node_weight=weight[:, m : m + k],
            total=total,
            total_low=total,
            total_high=total,
            coverage=np.minimum(np.maximum(covered, 0.0), 1.0),
        )

    def _adjust(
        self, scores: Array, applicable: Mask, base: Array, points: Array, most: Array
    ) -> tuple[Array, Array, Array]:
        """Deductions off the standard total (never below 0), then bonuses on top.

        A deduction takes `points × (1 − score)` off, a bonus adds `points × score`; one
        without evidence does neither (its bounds do: see `aggregate`). When deductions
        exceed the standard total they are scaled down together, so that the points shown
        still add up to the total.
        """
        cols, signed = self.adjust_columns, self.adjust_points
        s, a = scores[:, cols], applicable[:, cols]
        known = np.where(a & ~np.isnan(s), 1.0, 0.0)
        bonus = signed > 0
        filled = np.fmax(s, 0.0)
        earned = np.where(bonus, signed * filled, 0.0) * known
        taken = np.where(bonus, 0.0, -signed * (1.0 - filled)) * known
        asked = _sum(taken)
        # deductions take at most the standard total
        factor = np.divide(base, asked, out=np.ones_like(base), where=asked > base)
        taken *= factor[:, None]
        points = points.copy()
        points[:, cols] = earned - taken
        most = most.copy()
        most[:, cols] = np.abs(signed) * a
        # never below 0, though the scaled deductions round to a hair above the base
        return np.maximum(base - _sum(taken), 0.0) + _sum(earned), points, most


@frozen
class YearScores:
    """A yearly duty scored year by year.

    Attributes:
        scores: Score of each year; NaN for a year without evidence.
        score: The years' mean, weighted by their length (years without evidence left
            out); NaN when no year has evidence.
        low: The mean with the years without evidence at 0.
        high: The mean with the years without evidence at 1.
    """

    scores: Array
    score: float
    low: float
    high: float


def score_years(c: CompiledCriterion, values: Array, years: Array, days: Array) -> YearScores:
    """Score a yearly duty in each year (`values`, `years` and `days` per year).

    A year's shortfall is not made up by another year's surplus: each year is scored
    against its own (prorated) target before the years are averaged.
    """
    raw = np.asarray(
        c.method.fn(values=values, years=years, **method_params(c.criterion.params)), dtype=float
    )
    scores = np.where(np.isnan(values), np.nan, np.minimum(np.maximum(raw, 0.0), 1.0))
    weights = years if years.sum() > 0 else days  # a span of a few days rounds to 0 months
    known = ~np.isnan(scores)
    earned = float(np.sum(weights * np.where(known, scores, 0.0)))
    with_evidence, everything = float(np.sum(weights * known)), float(np.sum(weights))
    return YearScores(
        scores=scores,
        score=earned / with_evidence if with_evidence > 0 else np.nan,
        low=earned / everything,
        high=(earned + everything - with_evidence) / everything,
    )


def method_params(params: dict[str, Any]) -> dict[str, Any]:
    """A criterion's parameters as a method takes them (lists for tuples)."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def _rows(ev: Evaluation, rows: slice) -> Evaluation:
    """The evaluation of some rows."""
    return Evaluation(**{f.name: getattr(ev, f.name)[rows] for f in attrs.fields(Evaluation)})


def _stack(parts: list[Evaluation]) -> Evaluation:
    """One evaluation from evaluations of consecutive slices of rows."""
    return Evaluation(
        **{
            f.name: np.concatenate([getattr(p, f.name) for p in parts])
            for f in attrs.fields(Evaluation)
        }
    )


def _sum(a: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Sum over the last axis (`np.add.reduce` skips `ndarray.sum`'s Python wrapper)."""
    out: npt.NDArray[Any] = np.add.reduce(a, axis=-1)
    return out


def _combine(aggregator: AggregatorSpec, scores: Array, weights: Array) -> Array:
    """Call an aggregator on (n, g, c) children as n × g rows; its result as (n, g)."""
    n, g, c = scores.shape
    out = np.asarray(
        aggregator.fn(scores=scores.reshape(n * g, c), weights=weights.reshape(n * g, c)),
        dtype=float,
    )
    if out.shape != (n * g,):
        raise DancosoError(
            f"aggregator {aggregator.name!r} returned shape {out.shape} for {n * g} rows of "
            "children; it must return one score per row"
        )
    return out.reshape(n, g)


def _normalise(w: Array, total: Array) -> Array:
    """Non-negative `w` divided by its sums over the last axis (`total`); 0 where they are 0."""
    out: Array = w / np.maximum(total, TINY)[..., None]
    return out
