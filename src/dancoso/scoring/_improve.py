"""Improving: a scorecard → the fewest criteria, with the values they need, to reach a band.

Every proposal raises a criterion's score (a criterion without evidence is proposed at a
value scoring above 0): recording a failure is never a way up. The candidate sets are
judged by the same evaluation and verdict as the scorecard itself, as rows of one table.
The cells judged are bounded, so a rubric of thousands of criteria is ranked and bisected
rather than searched in full.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numpy as np
from attrs import frozen

from dancoso.scoring._engine import ORIGIN, compiled
from dancoso.scoring._evaluate import (
    Array,
    CompiledCriterion,
    CompiledRubric,
    Mask,
    method_params,
    score_years,
)
from dancoso.scoring._reference import registered_rubric
from dancoso.scoring._registry import Registry, ScoringError
from dancoso.scoring._results import Improvement, Scorecard, Status
from dancoso.scoring._rubric import NAPolicy, Rubric
from dancoso.scoring._verdict import EPS, verdicts

__all__ = ["MAX_CANDIDATE_SETS", "MAX_IMPROVEMENTS", "improvements"]

#: Largest number of criteria tried together when looking for a band.
MAX_IMPROVEMENTS = 4
#: Largest number of candidate sets evaluated for one size before falling back to greedy.
MAX_CANDIDATE_SETS = 50_000
#: Steps between a criterion's score now and 1 when lowering what it needs.
_STEPS = 64
#: Most cells (candidate rows × criteria) the search of sets and the greedy rounds may
#: judge. Every cell costs about the same, so this bounds the time of a large rubric: the
#: reference rubrics fit the full search, a rubric of thousands of criteria is ranked.
_MAX_CELLS = 2_000_000
#: Cells judged together when stepping through values or prefixes: a large rubric probes
#: a few rows at a time (a bisection), a small one all of them at once.
_PROBE_CELLS = 20_000
#: About the rows judged to lower one group's value by bisection on a large rubric.
_ROWS_TO_LOWER = 16


@frozen
class _Years:
    """A yearly duty's values, lengths in years and days, year by year."""

    values: Array
    years: Array
    days: Array


@frozen
class _State:
    """A scorecard's criteria as arrays, in the compiled rubric's column order."""

    scores: Array
    values: Array
    applicable: Mask
    years: Array
    yearly: dict[int, _Years]


def improvements(
    card: Scorecard,
    rubric: Rubric | None = None,
    *,
    target: str | None = None,
    registry: Registry | None = None,
) -> tuple[Improvement, ...]:
    """The fewest criteria whose improvement reaches a band, with the value each needs
    (assuming the others in the list reach theirs).

    Args:
        card: The scorecard.
        rubric: The rubric, when it is neither the one scored with nor registered.
        target: The band to reach. By default: the next band of a rated scorecard (none at
            the top); for a scorecard that is not rated, a rating at the band its
            provisional total reaches (at least the band above the lowest), so the list
            says what evidence would turn the provisional verdict into a verdict.
        registry: Where names are looked up (the default registry otherwise).

    Returns:
        The improvements; empty when the band is already reached or no set of up to
        `MAX_IMPROVEMENTS` criteria (or a greedy search beyond) reaches it.

    Raises:
        ScoringError: The rubric cannot be found, its hash differs from the scorecard's,
            the scorecard does not match it, or `target` names no band of the rubric.
    """
    rubric, reg = _rubric_of(card, rubric, registry)
    comp = compiled(rubric, reg)
    state = _state_of(comp, card)
    ids = [b.id for b in rubric.bands]
    if target is not None:
        if target not in ids:
            raise ScoringError(f"no band {target!r} in rubric {rubric.id!r}: {', '.join(ids)}")
        goal = ids.index(target)
    elif card.rated:
        if card.next_band is None:
            return ()
        goal = ids.index(card.next_band)
    else:  # rated at the band its provisional total reaches, and above the lowest
        provisional = int(_judge(comp, state.scores[None, :], state.applicable, goal=0)[2][0])
        goal = max(provisional, min(1, len(ids) - 1))
    if card.rated and card.band is not None and ids.index(card.band) >= goal:
        return ()
    return _search(comp, state, goal)


def _rubric_of(
    card: Scorecard, rubric: Rubric | None, registry: Registry | None
) -> tuple[Rubric, Registry]:
    from dancoso.scoring._default import REGISTRY

    origin = ORIGIN.get(card)
    if rubric is None and origin is not None:
        rubric, registry = origin[0], registry or origin[1]
    reg = registry or REGISTRY
    if rubric is None:
        try:
            rubric = registered_rubric(card.rubric_id, reg)
        except ScoringError:
            raise
        except Exception:
            raise ScoringError(
                f"rubric {card.rubric_id!r} is not registered; pass it to improvements()"
            ) from None
    if rubric.hash != card.rubric_hash:
        raise ScoringError(
            f"rubric {rubric.id!r} {rubric.version} (hash {rubric.hash[:12]}) is not the one "
            f"this scorecard was computed with (hash {card.rubric_hash[:12]})"
        )
    return rubric, reg


def _state_of(comp: CompiledRubric, card: Scorecard) -> _State:
    by_id = {r.id: r for r in card.criteria}
    m = comp.m
    scores, values, years = np.full(m, np.nan), np.full(m, np.nan), np.zeros(m)
    applicable = np.zeros(m, dtype=bool)
    yearly: dict[int, _Years] = {}
    for c in comp.criteria:
        r = by_id.get(c.criterion.id)
        if r is None:
            raise ScoringError(
                f"the scorecard has no result for criterion {c.criterion.id!r} of rubric "
                f"{comp.rubric.id!r}: it was not computed with this rubric"
            )
        j = c.index
        applicable[j] = r.status is not Status.NOT_APPLICABLE
        scores[j] = np.nan if r.score is None else r.score
        values[j] = np.nan if r.value is None else r.value
        years[j] = r.years or 0.0
        if r.per_year:
            yearly[j] = _Years(
                values=np.array([np.nan if y.value is None else y.value for y in r.per_year]),
                years=np.array([y.years for y in r.per_year]),
                days=np.array([float(y.period.days) for y in r.per_year]),
            )
    return _State(scores=scores, values=values, applicable=applicable, years=years, yearly=yearly)


def _judge(
    comp: CompiledRubric, table: Array, applicable: Mask, *, goal: int
) -> tuple[Mask, Array, np.ndarray]:
    """For rows of criterion scores: whether each is rated at `goal` or above, its total
    and the band it would reach if rated."""
    app = np.broadcast_to(applicable, table.shape)
    ev = comp.aggregate(table, app, bounds=False)
    vd = verdicts(comp, ev, app)
    return vd.rated & (vd.capped >= goal), ev.total, vd.capped


@frozen(eq=False)
class _Group:
    """Applicable criteria measured by one indicator over one span: one value moves them
    all, so they are raised together (a deduction sharing an indicator with a scored
    criterion gets its evidence too).

    Attributes:
        members: Criterion columns.
        lead: The member whose score the search steps through.
        increasing: Whether the members' scores rise with the value.
        at_least: The value a gate among them needs to be fully met (None: no such gate).
        best: The value at which every member reaches its best score.
    """

    members: tuple[int, ...]
    lead: int
    increasing: bool
    at_least: float | None
    best: float

    def better(self, a: float, b: float) -> float:
        """The better of two values."""
        return max(a, b) if self.increasing else min(a, b)


def _search(comp: CompiledRubric, st: _State, goal: int) -> tuple[Improvement, ...]:
    """Sets of groups, smallest first, at their best value; then each group's value lowered
    as far as `goal` allows; each member whose score rises is proposed at that value."""
    scores = st.scores
    full, evidence = _forced(comp, st, goal)
    groups = _groups(comp, st, full)
    # what each group gives its members at its best value
    at_best = [_scores_at(comp, st, g, g.best) for g in groups]
    candidates = [
        k
        for k, (g, got) in enumerate(zip(groups, at_best, strict=True))
        if any(_rises(scores[j], got[j]) for j in g.members)
    ]
    needs = full | evidence
    forced = [k for k in candidates if needs & set(groups[k].members)]
    optional = [k for k in candidates if k not in forced]

    def reach(rows: list[tuple[int, ...]]) -> tuple[Mask, Array]:
        table = np.repeat(scores[None, :], len(rows), axis=0)
        for r, chosen in enumerate(rows):
            for k in chosen:
                for j, x in at_best[k].items():
                    table[r, j] = x
        ok, totals, _ = _judge(comp, table, st.applicable, goal=goal)
        return ok, totals

    gain = _gains(comp, st, at_best)
    chosen = _smallest_set(optional, forced, reach, m=comp.m, gain=gain)
    if chosen is None:
        return ()
    values = {k: groups[k].best for k in chosen}
    if len(chosen) * comp.m * _ROWS_TO_LOWER > _MAX_CELLS:
        # too many to lower one by one (each a bisection over the whole rubric): lower
        # them together, by one share of the way from each lead's score now to its best
        values = _lowered_together(comp, st, groups, values, goal)
    else:
        for k in chosen:  # lower each group's value as far as the goal allows
            lowest = _lowest(comp, st, groups, values, k, goal)
            if lowest is None:
                del values[k]  # the others suffice with this one as it is
            else:
                values[k] = lowest
    out = []
    for k, value in values.items():
        got = _scores_at(comp, st, groups[k], value)
        for j in groups[k].members:
            if _rises(scores[j], got[j]):
                out.append(_proposal(comp.criteria[j], st, value, got[j]))
    return tuple(out)


def _rises(now: float, then: float) -> bool:
    return then > EPS if math.isnan(now) else then > now + EPS


def _groups(comp: CompiledRubric, st: _State, full: set[int]) -> list[_Group]:
    """The applicable criteria, grouped by what measures them."""
    keyed: dict[tuple[object, ...], list[CompiledCriterion]] = {}
    for c in comp.criteria:
        if st.applicable[c.index]:
            crit = c.criterion
            key = (crit.indicator, crit.in_force_from, crit.in_force_until)
            keyed.setdefault(key, []).append(c)
    out = []
    for members in keyed.values():
        first = members[0]
        increasing = bool(first.method.increasing(**method_params(first.criterion.params)))
        pick = max if increasing else min
        best = pick(_value_for(c, st, 1.0) for c in members)
        gates = [_value_for(c, st, 1.0) for c in members if c.index in full]
        weights = [(c.criterion.share, -c.index) for c in members]
        lead = members[weights.index(max(weights))].index
        if gates:
            lead = next(c.index for c in members if c.index in full)
        out.append(
            _Group(
                members=tuple(c.index for c in members),
                lead=lead,
                increasing=increasing,
                at_least=pick(gates) if gates else None,
                best=best,
            )
        )
    return out


def _value_for(c: CompiledCriterion, st: _State, score: float) -> float:
    """The value that reaches `score` (counts rounded up, or down for lower-is-better);
    when any value would do, the value that fully meets the criterion."""
    params = method_params(c.criterion.params)
    increasing = bool(c.method.increasing(**params))
    span = 1.0 if c.index in st.yearly else float(st.years[c.index])

    def one(s: float) -> float:
        value = float(c.method.inverse(score=s, years=span, **params))
        if c.indicator.unit == "count" and math.isfinite(value):
            # whole numbers, forgiving float noise unless that loses the score
            near = float(math.ceil(value - EPS) if increasing else math.floor(value + EPS))
            if _achieved(c, st, near) + EPS < s:
                near = float(math.ceil(value) if increasing else math.floor(value))
            value = near
        return value

    value = one(score)
    if not math.isfinite(value):
        value = one(1.0)
    # every value reaches it (a step that scores 1 everywhere): the least evidence of it,
    # never an infinite value nobody can record
    return value if math.isfinite(value) else 0.0


def _scores_at(comp: CompiledRubric, st: _State, g: _Group, value: float) -> dict[int, float]:
    """Each member's score once the group's value is `value` (or better, where it is)."""
    out = {}
    for j in g.members:
        now = st.values[j]
        here = value if math.isnan(now) else g.better(value, float(now))
        out[j] = _achieved(comp.criteria[j], st, here)
    return out


def _forced(comp: CompiledRubric, st: _State, goal: int) -> tuple[set[int], set[int]]:
    """Criteria every way up includes: those that must be fully met (gates capping below
    `goal`, vetoes), and those that only need evidence (gates when the rubric requires
    it, children of `block` sections)."""
    full: set[int] = set()
    evidence: set[int] = set()
    for j, cap in zip(comp.gate_columns.tolist(), comp.gate_caps.tolist(), strict=True):
        if not st.applicable[j] or st.scores[j] >= 1 - EPS:
            continue
        missing = math.isnan(st.scores[j])
        if missing and not comp.rubric.gates_need_evidence:
            continue  # a gate without evidence caps nothing
        if cap < 0 or cap < goal:
            full.add(j)  # once it has evidence it must be met, or it caps below the goal
        elif missing:
            evidence.add(j)
    ev = comp.aggregate(st.scores[None, :], st.applicable[None, :], bounds=False)
    for node in comp.nodes:
        if node.na_policy is NAPolicy.BLOCK and ev.node_blocked[0, node.index]:
            for kind, i in node.children:
                evidence |= _evidence_under(comp, ev.node_scores[0], st, kind, i)
    return full, evidence


def _evidence_under(
    comp: CompiledRubric, node_scores: Array, st: _State, kind: str, i: int
) -> set[int]:
    """The criteria whose evidence gives a child without evidence a score: itself, or for
    a section, the heaviest applicable criterion beneath it."""
    if kind == "c":
        return {i} if st.applicable[i] and math.isnan(st.scores[i]) else set()
    if not math.isnan(node_scores[i]):
        return set()
    node = comp.nodes[i]
    weights = node.weights.tolist()
    for _, (k, j) in sorted(zip(weights, node.children, strict=True), key=lambda p: -p[0]):
        got = _evidence_under(comp, node_scores, st, k, j)
        if got:
            return got
    return set()


def _gains(comp: CompiledRubric, st: _State, at_best: list[dict[int, float]]) -> list[float]:
    """Each group's points at its best value, as if the total were linear in the scores:
    the order in which a rubric too large to search is raised."""
    ev = comp.aggregate(st.scores[None, :], st.applicable[None, :], bounds=False)
    worth = ev.criterion_weight[0] * comp.scale
    worth[comp.adjust_columns] = np.abs(comp.adjust_points)
    now = np.nan_to_num(st.scores)
    return [sum(float(worth[j]) * (x - now[j]) for j, x in got.items()) for got in at_best]


def _smallest_set(
    optional: list[int],
    forced: list[int],
    reach: Callable[[list[tuple[int, ...]]], tuple[Mask, Array]],
    *,
    m: int,
    gain: list[float],
) -> tuple[int, ...] | None:
    """The fewest optional criteria, with the forced ones, that reach the goal."""
    # sets of up to two criteria in one batch (cheap), then larger sizes one at a time
    batches = [range(min(2, len(optional)) + 1)] + [
        range(size, size + 1) for size in range(3, min(MAX_IMPROVEMENTS, len(optional)) + 1)
    ]
    most = min(MAX_CANDIDATE_SETS, _MAX_CELLS // max(m, 1))
    for batch in batches:
        if sum(math.comb(len(optional), k) for k in batch) > most:
            return _greedy(optional, forced, reach, m=m, gain=gain)
        sets = [
            tuple(forced) + extra for k in batch for extra in itertools.combinations(optional, k)
        ]
        ok, totals = reach(sets)
        hits = list(np.flatnonzero(ok))
        if hits:
            fewest = min(len(sets[r]) for r in hits)
            best = [r for r in hits if len(sets[r]) == fewest]
            return sets[max(best, key=lambda r: (totals[r], -r))]  # highest total, earliest
    if len(optional) > MAX_IMPROVEMENTS:
        return _greedy(optional, forced, reach, m=m, gain=gain)  # beyond the sizes tried
    return None


def _greedy(
    optional: list[int],
    forced: list[int],
    reach: Callable[[list[tuple[int, ...]]], tuple[Mask, Array]],
    *,
    m: int,
    gain: list[float],
) -> tuple[int, ...] | None:
    """Add the criterion that raises the total most, until the goal is reached.

    Each round judges every criterion left, so once the rounds would pass `_MAX_CELLS`
    the rest are ranked instead (by the last round's totals, or by `gain` before any
    round) and the shortest ranked prefix that reaches the goal is found by bisection:
    raising more criteria never lowers a verdict, so the prefixes that reach it are all
    the longer ones.
    """
    chosen = list(forced)
    pool = list(optional)
    worth = {k: gain[k] for k in pool}
    budget = _MAX_CELLS
    while pool and len(pool) * m <= budget:
        budget -= len(pool) * m
        rows = [(*chosen, i) for i in pool]
        ok, totals = reach(rows)
        best = int(np.argmax(np.where(ok, np.inf, totals)))
        if ok[best]:
            return (*chosen, pool[best])
        worth = {k: float(x) for k, x in zip(pool, totals.tolist(), strict=True)}
        chosen.append(pool.pop(best))
    if not pool:
        return None
    ranked = sorted(pool, key=lambda k: (-worth[k], k))
    n = _first(
        len(ranked),
        lambda ks: reach([(*chosen, *ranked[: k + 1]) for k in ks])[0],
        batch=max(1, _PROBE_CELLS // max(m, 1)),
    )
    return None if n is None else (*chosen, *ranked[: n + 1])


def _first(n: int, test: Callable[[list[int]], Mask], *, batch: int) -> int | None:
    """The least index in `range(n)` that passes `test`, when every index after a passing
    one passes too; None when none does. At most `batch` indices are tested per call."""
    if n == 0:
        return None
    if batch >= n:  # all at once
        passing = np.flatnonzero(test(list(range(n))))
        return int(passing[0]) if passing.size else None
    if not test([n - 1])[0]:
        return None
    lo, hi = 0, n - 1  # hi passes; every index below lo fails
    while lo < hi:
        k = min(batch, hi - lo)  # k probes cut lo..hi into k + 1 runs of about one length
        probes = [lo + (hi - lo) * t // (k + 1) for t in range(1, k + 1)]
        ok = test(probes)
        passing = np.flatnonzero(ok)
        if passing.size:
            first = int(passing[0])
            hi = probes[first]
            if first:
                lo = probes[first - 1] + 1
        else:
            lo = probes[-1] + 1
    return hi


def _lowest(
    comp: CompiledRubric,
    st: _State,
    groups: list[_Group],
    values: dict[int, float],
    k: int,
    goal: int,
) -> float | None:
    """The least value of group `k`, stepping its lead's score up from its score now to its
    best, that keeps the goal with the other groups at their values; None when the group
    as it is already does."""
    g = groups[k]
    lead = comp.criteria[g.lead]
    now = st.scores[g.lead]
    top = _achieved(lead, st, g.best)
    floor = 0.0 if math.isnan(now) else float(now)
    candidates = [_value_for(lead, st, float(x)) for x in np.linspace(floor, top, _STEPS + 1)[1:]]
    if g.at_least is not None:  # a gate among them must be fully met
        candidates = [g.better(v, g.at_least) for v in candidates]
    # never a record of failure: the lead's score must rise (rounding may lose a step)
    candidates = [v for v in candidates if _rises(now, _achieved(lead, st, v))] or [g.best]
    base = st.scores.copy()
    for other, value in values.items():
        if other != k:
            for j, x in _scores_at(comp, st, groups[other], value).items():
                base[j] = x

    def test(rows: list[int]) -> Mask:  # row 0: the group as it is; r: candidates[r - 1]
        table = np.repeat(base[None, :], len(rows), axis=0)
        for r, row in enumerate(rows):
            if row:
                for j, x in _scores_at(comp, st, g, candidates[row - 1]).items():
                    table[r, j] = x
        return _judge(comp, table, st.applicable, goal=goal)[0]

    # candidates rise in score, so the ones that keep the goal are all the later ones
    hit = _first(len(candidates) + 1, test, batch=max(1, _PROBE_CELLS // max(comp.m, 1)))
    if hit == 0:
        return None
    return g.best if hit is None else candidates[hit - 1]


def _lowered_together(
    comp: CompiledRubric,
    st: _State,
    groups: list[_Group],
    values: dict[int, float],
    goal: int,
) -> dict[int, float]:
    """The groups' values at the least share of the way from each lead's score now to its
    best that keeps the goal (the values given, at their best, when no share short of all
    of it does)."""
    fractions = np.linspace(0.0, 1.0, _STEPS + 1)[1:].tolist()
    # each lead's score now and at its best, once: every probe steps between them
    span = {}
    for k in values:
        lead = comp.criteria[groups[k].lead]
        now = st.scores[lead.index]
        floor = 0.0 if math.isnan(now) else float(now)
        span[k] = (lead, now, floor, _achieved(lead, st, groups[k].best))

    def at(fraction: float) -> dict[int, float]:
        out = {}
        for k, (lead, now, floor, top) in span.items():
            g = groups[k]
            value = _value_for(lead, st, floor + fraction * (top - floor))
            if g.at_least is not None:
                value = g.better(value, g.at_least)
            out[k] = value if _rises(now, _achieved(lead, st, value)) else g.best
        return out

    def test(rows: list[int]) -> Mask:
        table = np.repeat(st.scores[None, :], len(rows), axis=0)
        for r, row in enumerate(rows):
            for k, value in at(fractions[row]).items():
                for j, x in _scores_at(comp, st, groups[k], value).items():
                    table[r, j] = x
        return _judge(comp, table, st.applicable, goal=goal)[0]

    hit = _first(len(fractions), test, batch=max(1, _PROBE_CELLS // max(comp.m, 1)))
    return values if hit is None else at(fractions[hit])


def _proposal(c: CompiledCriterion, st: _State, value: float, achieved: float) -> Improvement:
    """The proposal of `value` for criterion `c`, which then scores `achieved`."""
    i = c.index
    increasing = bool(c.method.increasing(**method_params(c.criterion.params)))
    now = None if math.isnan(st.values[i]) else float(st.values[i])
    return Improvement(
        criterion=c.criterion.id,
        title=c.criterion.title,
        current_value=now,
        needed_value=value,
        current_score=None if math.isnan(st.scores[i]) else float(st.scores[i]),
        needed_score=achieved,
        at_most=not increasing,
        per_year=i in st.yearly,
        unit=c.indicator.unit,
    )


def _achieved(c: CompiledCriterion, st: _State, value: float) -> float:
    """What `value` scores (threshold, boolean and bands are steps); for a yearly duty,
    with every year raised to `value`, prorated, where it falls short."""
    i = c.index
    params = method_params(c.criterion.params)
    if i in st.yearly:
        y = st.yearly[i]
        raised = np.fmax(y.values, value * y.years)
        return float(score_years(c, raised, y.years, y.days).score)
    got = c.method.fn(values=np.array([value]), years=np.array([st.years[i]]), **params)
    return float(np.clip(np.asarray(got, dtype=float)[0], 0.0, 1.0))
