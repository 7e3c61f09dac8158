"""A rubric compiled to arrays: one implementation for one dossier or a million units.

`CompiledRubric.evaluate(values, applicable, years)` takes a table of indicator values
(one row per unit, one column per criterion, NaN where there is no evidence) and returns
every criterion, section and total score, with NumPy operations over whole columns.
The single-dossier path builds a table of one row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from attrs import define, frozen

from dancoso.errors import InvalidInput
from dancoso.scoring._registry import AggregatorSpec, IndicatorSpec, MethodSpec, Registry
from dancoso.scoring._rubric import Criterion, NAPolicy, Rubric, Section, problems_against

__all__ = ["CompiledCriterion", "CompiledRubric", "Evaluation", "Node", "compile_rubric"]

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]


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
    groups: tuple[MethodGroup, ...] = ()

    @property
    def m(self) -> int:
        """Number of criteria (columns)."""
        return len(self.criteria)

    def method_scores(self, values: Array, years: Array) -> Array:
        """Apply each criterion's method to its column of values (a group of columns at once
        where criteria share a method that takes array parameters)."""
        out = np.full(values.shape, np.nan)
        for group in self.groups:
            cols = group.columns
            got = group.method.fn(values=values[:, cols], years=years[:, cols], **group.params)
            scores = np.minimum(np.maximum(np.asarray(got, dtype=float), 0.0), 1.0)
            out[:, cols] = np.where(np.isnan(values[:, cols]), np.nan, scores)
        return out

    def evaluate(self, values: Array, applicable: Mask, years: Array) -> Evaluation:
        """Score a table: `values` (n, m) with NaN for no evidence, `applicable` (n, m),
        `years` (n, m) the length in years of the part of each period a criterion is in force."""
        scores = self.method_scores(values, years)
        return self.aggregate(np.where(applicable, scores, np.nan), applicable)

    def aggregate(self, scores: Array, applicable: Mask) -> Evaluation:
        """Combine criterion scores (NaN: no evidence) up the tree of sections.

        Criteria and nodes share one table: column `i < m` is criterion i, column
        `m + j` node j, so that each node gathers its children with one indexing step.
        """
        n, m, k = scores.shape[0], self.m, len(self.nodes)
        table = np.full((n, m + k), np.nan)
        table[:, :m] = scores
        app = np.zeros((n, m + k), dtype=bool)
        app[:, :m] = applicable
        node_missing = np.zeros((n, k), dtype=np.int64)
        node_children = np.zeros((n, k), dtype=np.int64)
        node_blocked = np.zeros((n, k), dtype=bool)
        used_w: list[Array] = [np.empty(0)] * k
        struct_w: list[Array] = [np.empty(0)] * k
        for node in reversed(self.nodes):  # children before parents
            idx = node.columns
            child_s, child_a = table[:, idx], app[:, idx]
            w0 = np.where(child_a, node.weights, 0.0)
            nan = np.isnan(child_s)
            missing = child_a & nan
            w = np.where(missing, 0.0, w0) if node.na_policy is NAPolicy.RENORMALISE else w0
            # aggregators get no NaN: missing children carry 0 (and no weight if renormalised)
            raw = node.aggregator.fn(scores=np.where(nan, 0.0, child_s), weights=w)
            score = np.minimum(np.maximum(np.asarray(raw, dtype=float), 0.0), 1.0)
            node_app = w0.sum(axis=1) > 0
            if node.na_policy is NAPolicy.RENORMALISE:
                score = np.where(w.sum(axis=1) > 0, score, np.nan)  # nothing with evidence
            elif node.na_policy is NAPolicy.BLOCK:
                blocked = missing.any(axis=1)
                node_blocked[:, node.index] = blocked & node_app
                score = np.where(blocked, 0.0, score)
            col = m + node.index
            table[:, col] = np.where(node_app, score, np.nan)
            app[:, col] = node_app
            node_missing[:, node.index] = missing.sum(axis=1)
            node_children[:, node.index] = child_a.sum(axis=1)
            used_w[node.index], struct_w[node.index] = _normalise(w), _normalise(w0)
        share = np.zeros((n, m + k))
        weight = np.zeros((n, m + k))
        points = np.zeros((n, m + k))
        share[:, m] = weight[:, m] = 1.0
        top = table[:, m]
        points[:, m] = np.where(np.isnan(top), 0.0, top) * 100.0
        for node in self.nodes:  # parents before children
            col = m + node.index
            cols = node.columns
            share[:, cols] = share[:, col : col + 1] * used_w[node.index]
            weight[:, cols] = weight[:, col : col + 1] * struct_w[node.index]
            # a node's points go to its children in proportion to weight × score, so that
            # points add up to the total under any aggregator and N/A policy
            child = table[:, cols]
            contrib = used_w[node.index] * np.where(np.isnan(child), 0.0, child)
            csum = contrib.sum(axis=1, keepdims=True)
            part = np.where(csum > 0, contrib / np.where(csum > 0, csum, 1.0), 0.0)
            points[:, cols] = points[:, col : col + 1] * part
        has_evidence = applicable & ~np.isnan(scores)
        covered = np.sum(np.where(has_evidence, weight[:, :m], 0.0), axis=1)
        coverage = np.minimum(np.maximum(covered, 0.0), 1.0)
        top = table[:, m]
        total = np.minimum(np.maximum(np.where(np.isnan(top), 0.0, top) * 100.0, 0.0), 100.0)
        return Evaluation(
            criterion_scores=scores,
            node_scores=table[:, m:],
            node_applicable=app[:, m:],
            node_missing=node_missing,
            node_children=node_children,
            node_blocked=node_blocked,
            criterion_share=share[:, :m],
            criterion_points=points[:, :m],
            node_points=points[:, m:],
            criterion_weight=weight[:, :m],
            node_share=share[:, m:],
            node_weight=weight[:, m:],
            total=total,
            coverage=coverage,
        )


def _normalise(w: Array) -> Array:
    s = w.sum(axis=1, keepdims=True)
    positive = s > 0
    return np.where(positive, w / np.where(positive, s, 1.0), 0.0)


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
    return CompiledRubric(rubric=rubric, criteria=crits, nodes=tuple(nodes), groups=_groups(crits))
