"""Compiling: a rubric → arrays, one implementation for one dossier or a million units.

Every name is resolved in the registry once; the tree of sections becomes levels of
column indices and weights that [`CompiledRubric`][dancoso.scoring.CompiledRubric]
combines with NumPy operations over whole columns.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from dancoso.errors import InvalidInput
from dancoso.scoring._evaluate import (
    CompiledCriterion,
    CompiledRubric,
    Level,
    MethodGroup,
    Node,
    method_params,
)
from dancoso.scoring._registry import Registry
from dancoso.scoring._rubric import (
    NOT_RATED_CAP,
    Criterion,
    NAPolicy,
    Role,
    Rubric,
    Section,
    problems_against,
)

__all__ = ["compile_rubric"]


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
        params = method_params(c.criterion.params)
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
        params = method_params(first.criterion.params)
        if first.method.array_params:
            for p in first.method.params:
                if p.kind == "number" and p.name in params:
                    params[p.name] = np.asarray(
                        [float(m.criterion.params[p.name]) for m in members]  # type: ignore[arg-type]
                    )
        cols = np.asarray([m.index for m in members], dtype=np.intp)
        out.append(MethodGroup(method=first.method, columns=cols, params=params))
    return tuple(out)


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
            weights.append(sub.share)
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
            if crit.role is Role.STANDARD:
                children.append(("c", len(criteria) - 1))
                weights.append(crit.share)
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
    children = np.full((k, max(max(len(n.children) for n in nodes), 1)), pad, dtype=np.intp)
    for node in nodes:
        children[node.index, : len(node.children)] = node.columns
    adjust = [c for c in crits if c.criterion.role is not Role.STANDARD]
    signed = [
        (c.criterion.points or 0.0) * (1.0 if c.criterion.role is Role.BONUS else -1.0)
        for c in adjust
    ]
    band_ids = [b.id for b in rubric.bands]
    gates = [c for c in crits if c.criterion.gate]
    caps = [
        -1
        if c.criterion.cap_band == NOT_RATED_CAP
        else band_ids.index(c.criterion.cap_band or band_ids[0])
        for c in gates
    ]
    return CompiledRubric(
        rubric=rubric,
        criteria=crits,
        nodes=tuple(nodes),
        groups=_groups(crits),
        levels=_levels(nodes, m, together=True),
        node_levels=_levels(nodes, m, together=False),
        children=children,
        scale=rubric.scale,
        max_total=rubric.max_total,
        adjust_columns=np.asarray([c.index for c in adjust], dtype=np.intp),
        adjust_points=np.asarray(signed, dtype=float),
        gate_columns=np.asarray([c.index for c in gates], dtype=np.intp),
        gate_caps=np.asarray(caps, dtype=np.intp),
        floors=np.asarray([b.min_total for b in rubric.bands], dtype=float),
    )
