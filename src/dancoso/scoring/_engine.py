"""Scoring one dossier: measure, evaluate, cap by gates, band, explain, suggest."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import math
import weakref
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

import attrs
import numpy as np

from dancoso.errors import DancosoError
from dancoso.model import Dossier, Label, Period, UnitKind
from dancoso.model._base import trusted
from dancoso.scoring._compile import CompiledCriterion, CompiledRubric, Evaluation, compile_rubric
from dancoso.scoring._measure import Context, Measurement
from dancoso.scoring._registry import Registry
from dancoso.scoring._results import CriterionResult, Improvement, Scorecard, SectionResult, Status
from dancoso.scoring._rubric import NAPolicy, Regime, Rubric, canonical_json

__all__ = ["ScoringError", "compiled", "measure", "score_with"]

K = TypeVar("K")
V = TypeVar("V")

_EPS = 1e-9
#: Largest number of criteria tried together when looking for the next band.
MAX_IMPROVEMENTS = 4
#: Largest number of candidate sets evaluated for one size before falling back to greedy.
MAX_CANDIDATE_SETS = 50_000


class ScoringError(DancosoError):
    """A dossier cannot be scored with a rubric (wrong unit kind, no legal regime …)."""


_COMPILED: dict[tuple[int, str], tuple[Rubric, Registry, CompiledRubric]] = {}


def compiled(rubric: Rubric, registry: Registry) -> CompiledRubric:
    """The rubric compiled against the registry (cached per rubric object and registry)."""
    key = (id(registry), rubric.hash)
    hit = _COMPILED.get(key)
    if hit is not None and hit[1] is registry:
        return hit[2]
    result = compile_rubric(rubric, registry)
    _COMPILED[key] = (rubric, registry, result)
    return result


def measure(
    comp: CompiledRubric, dossier: Dossier, context: Context
) -> tuple[list[Measurement | None], list[str | None], np.ndarray, np.ndarray, np.ndarray]:
    """Measurements, not-applicable reasons, values, applicability and years per criterion."""
    kind = dossier.unit.kind
    m = comp.m
    values = np.full(m, np.nan)
    applicable = np.zeros(m, dtype=bool)
    years = np.zeros(m)
    results: list[Measurement | None] = [None] * m
    reasons: list[str | None] = [None] * m
    cache: dict[tuple[str, dt.date, dt.date], Measurement] = {}
    # criteria mostly share their dates in force: each distinct pair is worked out once
    spans: dict[tuple[dt.date | None, dt.date | None], tuple[Period | None, float]] = {}
    for c in comp.criteria:
        crit = c.criterion
        if (crit.unit_kinds and kind not in crit.unit_kinds) or not c.indicator.applies_to(kind):
            reasons[c.index] = "kind"
            continue
        dates = (crit.in_force_from, crit.in_force_until)
        if dates not in spans:
            span = crit.in_force(dossier.period)
            spans[dates] = (span, 0.0 if span is None else years_in_force(span))
        span, span_years = spans[dates]
        if span is None:
            reasons[c.index] = "dates"
            continue
        applicable[c.index] = True
        years[c.index] = span_years
        key = (crit.indicator, span.start, span.end)
        if key not in cache:
            # measured over the part of the period in which the criterion's basis is in force
            here = context if span is dossier.period else attrs.evolve(context, period=span)
            got = c.indicator.compute(dossier=dossier, context=here)
            if not isinstance(got, Measurement):
                raise DancosoError(
                    f"indicator {crit.indicator!r} returned {type(got).__name__}, not a Measurement"
                )
            cache[key] = got
        result = cache[key]
        results[c.index] = result
        if result.not_applicable is not None:
            applicable[c.index] = False
            reasons[c.index] = "measured"
            continue
        if result.value is not None and math.isfinite(result.value):
            values[c.index] = result.value
    return results, reasons, values, applicable, years


#: Average days in a month over the Gregorian 400-year cycle.
_MONTH_DAYS = 365.2425 / 12


def years_in_force(span: Period) -> float:
    """Length of a span in years, counted in whole months.

    Yearly obligations are prorated by months, so that the second half of a year expects
    exactly half of a yearly target although it has 184 of the year's 365 days.
    """
    return round(span.days / _MONTH_DAYS) / 12


def score_with(rubric: Rubric, dossier: Dossier, registry: Registry, version: str) -> Scorecard:
    """Score `dossier` against `rubric`, resolving names in `registry`."""
    unit = dossier.unit
    if rubric.unit_kinds and unit.kind not in rubric.unit_kinds:
        kinds = ", ".join(k.value for k in rubric.unit_kinds)
        raise ScoringError(
            f"rubric {rubric.id!r} rates {kinds}; unit {unit.id!r} is a {unit.kind.value}"
        )
    regime = rubric.regime_on(dossier.period.end)
    if regime is None:
        raise ScoringError(
            f"rubric {rubric.id!r} has no legal regime in force on {dossier.period.end}"
        )
    comp = compiled(rubric, registry)
    context = Context(unit=unit, period=dossier.period, regime=regime.id, rubric_id=rubric.id)
    results, reasons, values, applicable, years = measure(comp, dossier, context)
    ev = comp.evaluate(values[None, :], applicable[None, :], years[None, :])
    with trusted():  # every value below is computed here, valid by construction
        card = _scorecard(
            rubric, dossier, regime, comp, ev, results, reasons, values, applicable, years, version
        )
    # the rubric a scorecard was computed with, for `improvements()`, while it lives
    _ORIGIN.put(card, (rubric, registry))
    return card


class _WeakIdMap(Generic[K, V]):
    """Values attached to live objects by identity, dropped when the object goes.

    For frozen objects whose `==` and `hash()` walk every field (a dossier, a scorecard):
    a `WeakKeyDictionary` would call them on each lookup.
    """

    def __init__(self) -> None:
        self._items: dict[int, tuple[weakref.ref[K], V]] = {}

    def get(self, obj: K) -> V | None:
        hit = self._items.get(id(obj))
        return hit[1] if hit is not None and hit[0]() is obj else None

    def put(self, obj: K, value: V) -> None:
        key, items = id(obj), self._items

        def forget(_: object) -> None:
            # runs as the object dies, before its id can be given to another one
            items.pop(key, None)

        items[key] = (weakref.ref(obj, forget), value)

    def __len__(self) -> int:
        return len(self._items)


_ORIGIN: _WeakIdMap[Scorecard, tuple[Rubric, Registry]] = _WeakIdMap()
_DOSSIER_HASHES: _WeakIdMap[Dossier, str] = _WeakIdMap()


def improvements_of(
    card: Scorecard, rubric: Rubric | None, registry: Registry | None
) -> tuple[Improvement, ...]:
    """The way to the next band for a scorecard (see `Scorecard.improvements`)."""
    from dancoso.scoring._default import REGISTRY

    if card.next_band is None:
        return ()
    origin = _ORIGIN.get(card)
    if rubric is None and origin is not None:
        rubric, registry = origin[0], registry or origin[1]
    reg = registry or REGISTRY
    if rubric is None:
        from dancoso.scoring._api import rubric as registered

        try:
            rubric = registered(card.rubric_id, registry=reg)
        except DancosoError:
            raise ScoringError(
                f"rubric {card.rubric_id!r} is not registered; pass it to improvements()"
            ) from None
    if rubric.hash != card.rubric_hash:
        raise ScoringError(
            f"rubric {rubric.id!r} {rubric.version} (hash {rubric.hash[:12]}) is not the one "
            f"this scorecard was computed with (hash {card.rubric_hash[:12]})"
        )
    comp = compiled(rubric, reg)
    by_id = {r.id: r for r in card.criteria}
    m = comp.m
    scores, values, years = np.full(m, np.nan), np.full(m, np.nan), np.zeros(m)
    applicable = np.zeros(m, dtype=bool)
    for c in comp.criteria:
        r = by_id[c.criterion.id]
        applicable[c.index] = r.status is not Status.NOT_APPLICABLE
        scores[c.index] = np.nan if r.score is None else r.score
        values[c.index] = np.nan if r.value is None else r.value
        years[c.index] = r.years or 0.0
    target = [b.id for b in rubric.bands].index(card.next_band)
    return _improvements(comp, scores, values, applicable, years, target)


def _scorecard(
    rubric: Rubric,
    dossier: Dossier,
    regime: Regime,
    comp: CompiledRubric,
    ev: Evaluation,
    results: list[Measurement | None],
    reasons: list[str | None],
    values: np.ndarray,
    applicable: np.ndarray,
    years: np.ndarray,
    version: str,
) -> Scorecard:
    unit = dossier.unit
    total = float(ev.total[0])
    criterion_results = _criterion_results(comp, ev, results, reasons, values, years, unit.kind)
    uncapped = _band_index(rubric, total)
    band_ids = [b.id for b in rubric.bands]
    failed = [
        c.criterion
        for r, c in zip(criterion_results, comp.criteria, strict=True)
        if c.criterion.gate and r.status not in (Status.MET, Status.NOT_APPLICABLE)
    ]
    # only gates whose cap lies below the band the total reaches lowered anything
    lowering = [g for g in failed if band_ids.index(g.cap_band or band_ids[0]) < uncapped]
    capped_by = tuple(g.id for g in lowering)
    band = min([uncapped] + [band_ids.index(g.cap_band or band_ids[0]) for g in lowering])
    coverage = float(ev.coverage[0])
    insufficient = coverage + _EPS < rubric.min_coverage
    if insufficient:
        band = 0
    next_band = band + 1 if band + 1 < len(rubric.bands) else None
    return Scorecard(
        unit_id=unit.id,
        unit_name=unit.name,
        unit_kind=unit.kind,
        period=dossier.period,
        rubric_id=rubric.id,
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        regime=regime.id,
        regime_title=regime.title,
        total=total,
        band=rubric.bands[band].id,
        band_label=rubric.bands[band].label,
        uncapped_band=rubric.bands[uncapped].id,
        capped_by=capped_by,
        insufficient_evidence=insufficient,
        coverage=coverage,
        bands=rubric.bands,
        sections=_section_results(comp, ev),
        criteria=criterion_results,
        next_band=rubric.bands[next_band].id if next_band is not None else None,
        dossier_hash=dossier_hash(dossier),
        engine_version=version,
    )


def dossier_hash(dossier: Dossier) -> str:
    """SHA-256 of the dossier's canonical JSON form, with evidence in a canonical order.

    The order of evidence records carries no meaning, so it does not change the hash.
    Records are ordered by their ids, which a valid dossier has unique; when some record
    has no id (or ids repeat), by their own canonical JSON. A dossier is immutable, so its
    hash is worked out once per object and kept while the object lives.
    """
    known = _DOSSIER_HASHES.get(dossier)
    if known is not None:
        return known
    from dancoso._io import to_data

    data = to_data(dossier)
    evidence = data.get("evidence", [])
    ids = [e.get("id") for e in evidence]
    if None in ids or len(set(ids)) < len(ids):
        data["evidence"] = sorted(evidence, key=canonical_json)
    else:
        data["evidence"] = sorted(evidence, key=lambda e: str(e["id"]))
    digest = hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()
    _DOSSIER_HASHES.put(dossier, digest)
    return digest


def _band_index(rubric: Rubric, total: float) -> int:
    index = 0
    for i, b in enumerate(rubric.bands):
        if total + _EPS >= b.min_total:
            index = i
    return index


def _status(applicable: bool, score: float) -> Status:
    if not applicable:
        return Status.NOT_APPLICABLE
    if math.isnan(score):
        return Status.NO_EVIDENCE
    if score >= 1 - _EPS:
        return Status.MET
    if score <= _EPS:
        return Status.NOT_MET
    return Status.PARTLY_MET


def _format(value: float, unit: str) -> tuple[str, str]:
    if unit == "share":
        text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
        return f"{text.replace('.', ',')}%", f"{text}%"
    if unit == "bool":
        return ("có", "yes") if value > 0 else ("không", "no")
    number = f"{value:.2f}".rstrip("0").rstrip(".")
    suffix = {"days": (" ngày", " days")}.get(unit, ("", ""))
    return number.replace(".", ",") + suffix[0], number + suffix[1]


_NOT_IN_FORCE = Label(
    vi="Căn cứ pháp lý chưa có hiệu lực trong kỳ",
    en="Its legal basis was not in force during the period",
)
_NO_EVIDENCE = Label(vi="Chưa có bằng chứng trong hồ sơ", en="No evidence in the dossier")


@functools.cache
def _not_applicable(kind: UnitKind) -> Label:
    return Label(vi=f"Không áp dụng cho {kind.vi}", en=f"Not applicable to a {kind.en}")


def _criterion_results(
    comp: CompiledRubric,
    ev: Evaluation,
    results: Sequence[Measurement | None],
    reasons: Sequence[str | None],
    values: np.ndarray,
    years: np.ndarray,
    kind: UnitKind,
) -> tuple[CriterionResult, ...]:
    # Python floats, read once: indexing NumPy arrays element by element costs more
    scores, points = ev.criterion_scores[0].tolist(), ev.criterion_points[0].tolist()
    weights, measured, spans = ev.criterion_weight[0].tolist(), values.tolist(), years.tolist()
    out = []
    for c in comp.criteria:
        crit, j = c.criterion, c.index
        s, m, reason = scores[j], results[j], reasons[j]
        weight, pts = min(max(weights[j], 0.0), 1.0), min(max(points[j], 0.0), 100.0)
        if reason == "measured":
            assert m is not None
            assert m.not_applicable is not None
            out.append(
                _result(c, Status.NOT_APPLICABLE, None, None, weight, pts, m.not_applicable, m)
            )
            continue
        if reason is not None:
            message = _not_applicable(kind) if reason == "kind" else _NOT_IN_FORCE
            out.append(_result(c, Status.NOT_APPLICABLE, None, None, weight, pts, message))
            continue
        assert m is not None  # every applicable criterion was measured
        if math.isnan(s):
            status, message = Status.NO_EVIDENCE, _NO_EVIDENCE
        else:
            status = _status(True, s)
            shown_vi, shown_en = _format(measured[j], c.indicator.unit)
            vi = f"{crit.title.vi}: {shown_vi} — {status.vi}"
            en = f"{crit.title.en}: {shown_en} — {status.en}"
            if crit.policy:
                vi += " (ngưỡng do chính sách, luật không quy định)"
                en += " (policy threshold; the law sets no number)"
            message = Label(vi=vi, en=en)
        value = None if math.isnan(measured[j]) else measured[j]
        score = None if math.isnan(s) else s
        out.append(_result(c, status, value, score, weight, pts, message, m, spans[j]))
    return tuple(out)


def _result(
    c: CompiledCriterion,
    status: Status,
    value: float | None,
    score: float | None,
    weight: float,
    points: float,
    message: Label,
    measured: Measurement | None = None,
    years: float | None = None,
) -> CriterionResult:
    crit = c.criterion
    return CriterionResult(
        id=crit.id,
        section=c.section,
        title=crit.title,
        indicator=crit.indicator,
        method=crit.method,
        value=value,
        score=score,
        weight=weight,
        points=points,
        status=status,
        evidence=measured.evidence if measured is not None else (),
        legal_basis=crit.legal_basis,
        policy=crit.policy,
        gate=crit.gate,
        message=message,
        recommendation=crit.recommendation if status in _TO_IMPROVE else None,
        note=measured.note if measured is not None else None,
        years=years,
    )


_TO_IMPROVE = frozenset({Status.NOT_MET, Status.PARTLY_MET, Status.NO_EVIDENCE})


def _section_results(comp: CompiledRubric, ev: Evaluation) -> tuple[SectionResult, ...]:
    scores, points = ev.node_scores[0].tolist(), ev.node_points[0].tolist()
    weights, applies = ev.node_weight[0].tolist(), ev.node_applicable[0].tolist()
    missings, childrens = ev.node_missing[0].tolist(), ev.node_children[0].tolist()
    out = []
    for node in comp.nodes[1:]:
        section = node.section
        assert section is not None  # only the top node has none
        k = node.index
        s, applicable = scores[k], applies[k]
        missing, children = missings[k], childrens[k]
        with_evidence = children - missing
        if not applicable:
            applied = Label(vi="Không có tiêu chí áp dụng", en="No applicable criteria")
        elif missing == 0:
            applied = Label(vi="Mọi mục đều có bằng chứng", en="Every child had evidence")
        elif with_evidence == 0 and node.na_policy is NAPolicy.RENORMALISE:
            applied = Label(vi="Không mục nào có bằng chứng", en="No child had evidence")
        elif node.na_policy is NAPolicy.RENORMALISE:
            applied = Label(
                vi=f"Chia lại trọng số cho {with_evidence}/{children} mục có bằng chứng",
                en=f"Renormalised over the {with_evidence} of {children} children with evidence",
            )
        elif node.na_policy is NAPolicy.ZERO:
            applied = Label(
                vi=f"{missing}/{children} mục thiếu bằng chứng được tính 0 điểm",
                en=f"{missing} of {children} children without evidence counted as zero",
            )
        else:
            applied = Label(
                vi=f"Cả mục tính 0 điểm vì {missing}/{children} mục thiếu bằng chứng",
                en=f"Blocked: {missing} of {children} children lack evidence, so it scores zero",
            )
        parent = comp.nodes[node.parent].section if node.parent is not None else None
        out.append(
            SectionResult(
                id=node.id,
                parent=parent.id if parent is not None else None,
                title=section.title,
                score=None if math.isnan(s) else s,
                weight=min(max(weights[k], 0.0), 1.0),
                points=min(max(points[k], 0.0), 100.0),
                status=_status(applicable, s),
                aggregator=node.aggregator.name,
                na_policy=node.na_policy,
                applied=applied,
            )
        )
    return tuple(out)


# --------------------------------------------------------------------------- improvements
def _improvements(
    comp: CompiledRubric,
    current: np.ndarray,
    values: np.ndarray,
    applicable: np.ndarray,
    years: np.ndarray,
    next_band: int,
) -> tuple[Improvement, ...]:
    """The fewest criteria whose raising reaches `next_band`, with the values they need.

    Sets of criteria are tried smallest first, every set of one size at once as rows of
    one table, each chosen criterion at full score; gates capping below the target are
    always in the set. The needed scores are then lowered, one criterion at a time, as far
    as the target allows, and turned back into values with each method's inverse.
    """
    rubric = comp.rubric
    target = rubric.bands[next_band].min_total
    band_ids = [b.id for b in rubric.bands]
    scores = current.copy()
    candidates = [
        c.index for c in comp.criteria if applicable[c.index] and not (scores[c.index] >= 1 - _EPS)
    ]
    forced = [
        c.index
        for c in comp.criteria
        if c.criterion.gate
        and c.index in candidates
        and band_ids.index(c.criterion.cap_band or band_ids[0]) < next_band
    ]
    optional = [i for i in candidates if i not in forced]

    def totals(rows: list[tuple[int, ...]]) -> np.ndarray:
        """Totals with the chosen criteria at full score; -1 where evidence stays too thin."""
        table = np.repeat(scores[None, :], len(rows), axis=0)
        for r, chosen in enumerate(rows):
            table[r, list(chosen)] = 1.0
        ev2 = comp.aggregate(table, np.repeat(applicable[None, :], len(rows), axis=0))
        return np.where(ev2.coverage + _EPS >= rubric.min_coverage, ev2.total, -1.0)

    chosen: tuple[int, ...] | None = None
    # sets of up to two criteria in one batch (cheap), then larger sizes one at a time
    batches = [range(min(2, len(optional)) + 1)] + [
        range(size, size + 1) for size in range(3, min(MAX_IMPROVEMENTS, len(optional)) + 1)
    ]
    for batch in batches:
        if sum(math.comb(len(optional), k) for k in batch) > MAX_CANDIDATE_SETS:
            chosen = _greedy(optional, forced, totals, target)
            break
        sets = [
            tuple(forced) + extra for k in batch for extra in itertools.combinations(optional, k)
        ]
        t = totals(sets)
        reach = list(np.flatnonzero(t + _EPS >= target))
        if reach:
            fewest = min(len(sets[r]) for r in reach)
            best = [r for r in reach if len(sets[r]) == fewest]
            chosen = sets[max(best, key=lambda r: (t[r], -r))]  # highest total, earliest
            break
    if chosen is None and len(optional) > MAX_IMPROVEMENTS:
        chosen = _greedy(optional, forced, totals, target)  # beyond the sizes tried in full
    if chosen is None:
        return ()
    needed = dict.fromkeys(chosen, 1.0)
    for i in chosen:  # lower each needed score as far as the target allows
        if i in forced:
            continue  # a gate stops capping only when fully met
        needed[i] = _lowest_score(comp, scores, applicable, needed, i, target)
    out = []
    for i in chosen:
        c = comp.criteria[i]
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in c.criterion.params.items()}
        value = float(c.method.inverse(score=needed[i], years=float(years[i]), **params))
        increasing = bool(c.method.increasing(**params))
        if c.indicator.unit == "count" and math.isfinite(value):
            value = float(math.ceil(value - _EPS) if increasing else math.floor(value + _EPS))
        # what that value really scores (threshold, boolean and bands are steps)
        achieved = c.method.fn(values=np.array([value]), years=np.array([years[i]]), **params)
        needed[i] = float(np.clip(np.asarray(achieved, dtype=float)[0], 0.0, 1.0))
        now = None if math.isnan(values[i]) else float(values[i])
        out.append(
            Improvement(
                criterion=c.criterion.id,
                title=c.criterion.title,
                current_value=now,
                needed_value=value,
                current_score=None if math.isnan(scores[i]) else float(scores[i]),
                needed_score=needed[i],
                at_most=not increasing,
            )
        )
    return tuple(out)


def _lowest_score(
    comp: CompiledRubric,
    scores: np.ndarray,
    applicable: np.ndarray,
    needed: dict[int, float],
    i: int,
    target: float,
) -> float:
    """Bisect the lowest score of criterion `i` keeping the total at the target."""
    low = 0.0 if math.isnan(scores[i]) else float(scores[i])
    grid = np.linspace(low, 1.0, 65)
    table = np.repeat(scores[None, :], grid.size, axis=0)
    for j, s in needed.items():
        table[:, j] = s
    table[:, i] = grid
    ev = comp.aggregate(table, np.repeat(applicable[None, :], grid.size, axis=0))
    enough = ev.coverage + _EPS >= comp.rubric.min_coverage
    ok = np.flatnonzero((ev.total + _EPS >= target) & enough)
    return float(grid[ok[0]]) if ok.size else 1.0


def _greedy(
    optional: list[int],
    forced: list[int],
    totals: Callable[[list[tuple[int, ...]]], np.ndarray],
    target: float,
) -> tuple[int, ...] | None:
    """Add the criterion that raises the total most, until the target is reached."""
    chosen = list(forced)
    pool = list(optional)
    while pool:
        rows = [(*chosen, i) for i in pool]
        t = totals(rows)
        best = int(np.argmax(t))
        chosen.append(pool.pop(best))
        if t[best] + _EPS >= target:
            return tuple(chosen)
    return None
