"""A rubric compiled to arrays: one implementation for one dossier or a million units.

`CompiledRubric.evaluate(values, applicable, years)` takes a table of indicator values
(one row per unit, one column per criterion, NaN where there is no evidence) and returns
every criterion, section and total score, with NumPy operations over whole columns.
The single-dossier path builds a table of one row.
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
from attrs import define, frozen

from dancoso.errors import DancosoError, InvalidInput
from dancoso.scoring._methods import TINY
from dancoso.scoring._registry import AggregatorSpec, IndicatorSpec, MethodSpec, Registry
from dancoso.scoring._rubric import Criterion, NAPolicy, Rubric, Section, problems_against

__all__ = ["CompiledCriterion", "CompiledRubric", "Evaluation", "Level", "Node", "compile_rubric"]

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]

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
    """A section (or the rubric's top) with its children as column indices.

    `children` holds `("c", i)` for criterion column i and `("s", j)` for node j.
    """

    index: int
    id: str
    parent: int | None
    section: Section | None
    aggregator: AggregatorSpec
    na_policy: NAPolicy
    children: tuple[tuple[str, int], ...]
    weights: Array
    columns: npt.NDArray[np.intp]  # children as columns of the shared table (see aggregate)


@define
class Evaluation:
    """Scores for a table of units; every array has one row per unit.

    Attributes:
        criterion_scores: (n, m) scores in [0, 1]; NaN when not applicable or no evidence.
        node_scores: (n, k) section scores (node 0 is the rubric's top); NaN likewise.
        node_applicable: (n, k) whether a node has any applicable criterion.
        node_missing: (n, k) applicable children without evidence, counted per node.
        node_children: (n, k) applicable children, counted per node.
        node_blocked: (n, k) the node scored 0 because of its `block` policy.
        criterion_share: (n, m) share of the total each criterion carried (after N/A policy).
        criterion_points: (n, m) points each criterion contributed; they add up to the total.
        node_points: (n, k) points each node contributed.
        criterion_weight: (n, m) share of the total each criterion could carry (structure).
        node_share: (n, k) share of the total each node carried.
        node_weight: (n, k) share of the total each node could carry.
        total: (n,) totals in [0, 100].
        coverage: (n,) share of the applicable weight backed by evidence.
    """

    criterion_scores: Array
    node_scores: Array
    node_applicable: Mask
    node_missing: npt.NDArray[np.int64]
    node_children: npt.NDArray[np.int64]
    node_blocked: Mask
    criterion_share: Array
    criterion_points: Array
    node_points: Array
    criterion_weight: Array
    node_share: Array
    node_weight: Array
    total: Array
    coverage: Array


@frozen(eq=False)
class MethodGroup:
    """Criteria scored by one call of their shared method."""

    method: MethodSpec
    columns: npt.NDArray[np.intp]
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
    nodes: npt.NDArray[np.intp]  # (g,) node indices
    node_columns: npt.NDArray[np.intp]  # (g,) their columns in the shared table
    columns: npt.NDArray[np.intp]  # (g, c) children as columns of the shared table
    weights: Array  # (g, c) structural weights; 0 for padding
    renormalise_column: Mask  # (g, 1) nodes whose N/A policy is `renormalise`
    block: Mask  # (g,) nodes whose N/A policy is `block`
    any_renormalise: bool
    any_block: bool


def _levels(nodes: list[Node], m: int, *, together: bool) -> tuple[Level, ...]:
    """Nodes grouped by height, lowest first, and within a level by aggregator; or, not
    `together`, each node on its own, children before parents."""
    height: dict[int, int] = {}
    for node in reversed(nodes):  # children come after parents
        height[node.index] = 1 + max(
            (height[j] for kind, j in node.children if kind == "s"), default=0
        )
    pad = m + len(nodes)
    keyed: dict[int, list[Node]] = {}
    for node in nodes:
        keyed.setdefault(height[node.index] if together else -node.index, []).append(node)
    out = []
    for _, members in sorted(keyed.items()):
        members.sort(key=lambda n: n.aggregator.name)  # stable: each aggregator's nodes in a run
        calls = []
        for _, run in itertools.groupby(enumerate(members), key=lambda p: p[1].aggregator.name):
            rows = [r for r, _ in run]
            calls.append((members[rows[0]].aggregator, slice(rows[0], rows[-1] + 1)))
        width = max(max(len(n.children) for n in members), 1)
        columns = np.full((len(members), width), pad, dtype=np.intp)
        weights = np.zeros((len(members), width))
        for r, node in enumerate(members):
            columns[r, : len(node.children)] = node.columns
            weights[r, : len(node.children)] = node.weights
        renormalise = np.asarray([n.na_policy is NAPolicy.RENORMALISE for n in members])
        block = np.asarray([n.na_policy is NAPolicy.BLOCK for n in members])
        out.append(
            Level(
                calls=tuple(calls),
                nodes=np.asarray([n.index for n in members], dtype=np.intp),
                node_columns=np.asarray([m + n.index for n in members], dtype=np.intp),
                columns=columns,
                weights=weights,
                renormalise_column=renormalise[:, None],
                block=block,
                any_renormalise=bool(renormalise.any()),
                any_block=bool(block.any()),
            )
        )
    return tuple(out)


def _groups(criteria: tuple[CompiledCriterion, ...]) -> tuple[MethodGroup, ...]:
    """Group criteria whose method takes array parameters and whose other parameters agree."""
    keyed: dict[tuple[Any, ...], list[CompiledCriterion]] = {}
    for c in criteria:
        params = _method_params(c.criterion.params)
        numbers = {p.name for p in c.method.params if p.kind == "number"}
        if c.method.array_params:
            fixed = tuple(sorted((k, repr(v)) for k, v in params.items() if k not in numbers))
            key: tuple[Any, ...] = (c.method.name, fixed, tuple(sorted(set(params) & numbers)))
        else:
            key = ("single", c.index)
        keyed.setdefault(key, []).append(c)
    out = []
    for members in keyed.values():
        first = members[0]
        params = _method_params(first.criterion.params)
        if first.method.array_params:
            for p in first.method.params:
                if p.kind == "number" and p.name in params:
                    params[p.name] = np.asarray(
                        [float(m.criterion.params[p.name]) for m in members]  # type: ignore[arg-type]
                    )
        cols = np.asarray([m.index for m in members], dtype=np.intp)
        out.append(MethodGroup(method=first.method, columns=cols, params=params))
    return tuple(out)


@define
class CompiledRubric:
    """A rubric with every name resolved, ready to score tables of indicator values."""

    rubric: Rubric
    criteria: tuple[CompiledCriterion, ...]
    nodes: tuple[Node, ...]  # node 0 is the top; children always come after parents
    groups: tuple[MethodGroup, ...]
    levels: tuple[Level, ...]  # sections of one height together, lowest first
    node_levels: tuple[Level, ...]  # each section on its own, children before parents
    children: npt.NDArray[np.intp]  # (k, c) each node's children as columns, padded

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

    def evaluate(self, values: Array, applicable: Mask, years: Array) -> Evaluation:
        """Score a table: `values` (n, m) with NaN for no evidence, `applicable` (n, m),
        `years` (n, m) the length in years of the part of each period a criterion is in force.
        """
        scores = self.method_scores(values, years)
        return self.aggregate(np.where(applicable, scores, np.nan), applicable)

    def aggregate(self, scores: Array, applicable: Mask) -> Evaluation:
        """Combine criterion scores (NaN: no evidence) up the tree of sections.

        Criteria and nodes share one table: column `i < m` is criterion i, column
        `m + j` node j and the last column is padding, so that each level gathers the
        children of all its nodes with one indexing step. Going up, each level records
        the part of its nodes every child carries; coming down, level by level, shares,
        weights and points are the parent's times that part.

        A one-row table (one dossier) costs a fixed number of NumPy calls per level, so the
        arithmetic below prefers single ufuncs to `np.where` where both say the same. Large
        tables are combined in slices of `CHUNK_ROWS` rows (rows are independent), which keeps
        the temporaries small enough to stay in the processor's caches.
        """
        n, m, k = scores.shape[0], self.m, len(self.nodes)
        if n > CHUNK_ROWS:
            return _stack(
                [
                    self.aggregate(scores[i : i + CHUNK_ROWS], applicable[i : i + CHUNK_ROWS])
                    for i in range(0, n, CHUNK_ROWS)
                ]
            )
        table = np.empty((n, m + k + 1))
        table[:, :m] = scores
        table[:, m:] = np.nan
        app = np.zeros((n, m + k + 1), dtype=bool)
        app[:, :m] = applicable
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
                w[...] = w0
            np.multiply(w, filled, out=parts[2])
            raw = np.empty((n, idx.shape[0]))
            for aggregator, rows in level.calls:
                raw[:, rows] = _combine(aggregator, filled[:, rows], w[:, rows])
            score = np.minimum(np.maximum(raw, 0.0), 1.0)
            sums = _sum(parts)
            # no weight left: not applicable, or nothing with evidence under `renormalise`
            score[sums[0] <= 0] = np.nan
            if level.any_block:  # anything without evidence: zero
                blocked = np.logical_or.reduce(missing, axis=-1) & level.block & (sums[1] > 0)
                score[blocked] = 0.0
                node_blocked[:, level.nodes] = blocked
            table[:, cols] = score
            app[:, cols] = sums[1] > 0
            # a node's points go to its children in proportion to weight × score, so that
            # points add up to the total under any aggregator and N/A policy
            parts_of.append(_normalise(parts, sums))
        # counted once the table is complete: every section's children, padded as above
        child_a = app[:, self.children]
        node_children = _sum(child_a)
        node_missing = _sum(child_a & np.isnan(table[:, self.children]))
        top = np.fmax(table[:, m], 0.0)  # no applicable criterion: 0
        # columns first: writing whole rows of units is much faster for large tables than
        # scattering along the last axis
        down = np.zeros((3, m + k + 1, n))
        down[:2, m] = 1.0
        down[2, m] = top * 100.0
        for level, parts in zip(reversed(plan), reversed(parts_of), strict=True):
            down[:, level.columns] = down[:, level.node_columns, None] * parts.transpose(0, 2, 3, 1)
        share, weight, points = down.transpose(0, 2, 1)
        covered = _sum(weight[:, :m] * (applicable & ~np.isnan(scores)))
        return Evaluation(
            criterion_scores=scores,
            node_scores=table[:, m : m + k],
            node_applicable=app[:, m : m + k],
            node_missing=node_missing,
            node_children=node_children,
            node_blocked=node_blocked,
            criterion_share=share[:, :m],
            criterion_points=points[:, :m],
            node_points=points[:, m : m + k],
            criterion_weight=weight[:, :m],
            node_share=share[:, m : m + k],
            node_weight=weight[:, m : m + k],
            total=np.minimum(top * 100.0, 100.0),
            coverage=np.minimum(np.maximum(covered, 0.0), 1.0),
        )


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


def _method_params(params: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}


def compile_rubric(rubric: Rubric, registry: Registry) -> CompiledRubric:
    """Resolve every name of `rubric` in `registry` (raising `InvalidInput` with paths)."""
    problems = problems_against(rubric, registry)
    if problems:
        raise InvalidInput(problems, what=f"rubric {rubric.id!r}")
    criteria: list[CompiledCriterion] = []
    nodes: list[Node] = []

    def add_node(
        node_id: str,
        parent: int | None,
        section: Section | None,
        aggregator: str,
        policy: NAPolicy,
        subsections: tuple[Section, ...],
        crits: tuple[Criterion, ...],
    ) -> int:
        index = len(nodes)
        nodes.append(None)  # type: ignore[arg-type]  # placeholder, filled below
        children: list[tuple[str, int]] = []
        weights: list[float] = []
        # the order of Rubric.walk(): subsections first, then criteria
        for sub in subsections:
            j = add_node(
                sub.id, index, sub, sub.aggregator, sub.na_policy, sub.sections, sub.criteria
            )
            children.append(("s", j))
            weights.append(sub.weight)
        for crit in crits:
            criteria.append(
                CompiledCriterion(
                    index=len(criteria),
                    criterion=crit,
                    section=node_id,
                    indicator=registry.get_indicator(crit.indicator),
                    method=registry.get_method(crit.method),
                )
            )
            children.append(("c", len(criteria) - 1))
            weights.append(crit.weight)
        nodes[index] = Node(
            columns=np.asarray([-1] * len(children), dtype=np.intp),  # set once m is known
            index=index,
            id=node_id,
            parent=parent,
            section=section,
            aggregator=registry.get_aggregator(aggregator),
            na_policy=policy,
            children=tuple(children),
            weights=np.asarray(weights, dtype=float),
        )
        return index

    add_node(rubric.id, None, None, rubric.aggregator, rubric.na_policy, rubric.sections, ())
    m = len(criteria)
    for node in nodes:
        node.columns[:] = [i if kind == "c" else m + i for kind, i in node.children]
    crits = tuple(criteria)
    k = len(nodes)
    pad = m + k
    children = np.full((k, max(len(n.children) for n in nodes)), pad, dtype=np.intp)
    for node in nodes:
        children[node.index, : len(node.children)] = node.columns
    return CompiledRubric(
        rubric=rubric,
        criteria=crits,
        nodes=tuple(nodes),
        groups=_groups(crits),
        levels=_levels(nodes, m, together=True),
        node_levels=_levels(nodes, m, together=False),
        children=children,
    )
