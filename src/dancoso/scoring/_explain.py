"""Explaining: one row of scores and its verdict → a scorecard that says what was found and why."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from dancoso.model import Dossier, Label, Period, UnitKind
from dancoso.scoring._evaluate import CompiledCriterion, CompiledRubric, Evaluation, YearScores
from dancoso.scoring._fingerprint import dossier_hash
from dancoso.scoring._measure import Measurement, Row
from dancoso.scoring._results import (
    NOT_RATED,
    CriterionResult,
    Scorecard,
    SectionResult,
    Status,
    YearResult,
)
from dancoso.scoring._rubric import NAPolicy, Regime, Rubric
from dancoso.scoring._verdict import EPS, Verdicts

__all__ = ["explain", "format_value", "percent", "status_of"]


def status_of(applicable: bool, score: float) -> Status:
    """The status a score earns."""
    if not applicable:
        return Status.NOT_APPLICABLE
    if math.isnan(score):
        return Status.NO_EVIDENCE
    if score >= 1 - EPS:
        return Status.MET
    if score <= EPS:
        return Status.NOT_MET
    return Status.PARTLY_MET


def percent(x: float, lang: str, digits: int = 0) -> str:
    """A share as a percentage, with the decimal mark of `lang`."""
    out = f"{x * 100:.{digits}f}%"
    return out.replace(".", ",") if lang == "vi" else out


def format_value(value: float, unit: str) -> tuple[str, str]:
    """An indicator value for people, in Vietnamese and English."""
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
_POLICY = (
    " (ngưỡng do chính sách, luật không quy định)",
    " (policy threshold; the law sets no number)",
)
_SPLIT_UNKNOWN = (
    " (chỉ có số liệu gộp nhiều năm: chưa tách được theo từng năm, chấm trên cả kỳ)",
    (
        " (only totals spanning several years: the per-year split is unknown, scored over "
        "the whole span)"
    ),
)


@functools.cache
def _not_applicable(kind: UnitKind) -> Label:
    return Label(vi=f"Không áp dụng cho {kind.vi}", en=f"Not applicable to a {kind.en}")


def explain(
    *,
    rubric: Rubric,
    dossier: Dossier,
    regime: Regime,
    comp: CompiledRubric,
    row: Row,
    ev: Evaluation,
    vd: Verdicts,
    yearly: dict[int, YearScores],
    version: str,
) -> Scorecard:
    """The scorecard of row 0 of `ev` and `vd`."""
    unit = dossier.unit
    bands = rubric.bands
    rated = bool(vd.rated[0])
    band = int(vd.band[0])
    lowering = vd.lowering[0].tolist()
    capped_by = tuple(
        comp.criteria[int(j)].criterion.id
        for j, low in zip(comp.gate_columns.tolist(), lowering, strict=True)
        if low
    )
    next_band = band + 1 if rated and band + 1 < len(bands) else None
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
        total=float(ev.total[0]),
        total_low=float(ev.total_low[0]),
        total_high=float(ev.total_high[0]),
        max_total=comp.max_total,
        rated=rated,
        band=bands[band].id if rated else None,
        band_label=bands[band].label if rated else NOT_RATED,
        not_rated_reason=None if rated else _why_not_rated(comp, ev, vd),
        uncapped_band=bands[int(vd.uncapped[0])].id,
        band_low=bands[int(vd.band_low[0])].id,
        band_high=bands[int(vd.band_high[0])].id,
        band_certain=bool(vd.band_certain[0]),
        capped_by=capped_by,
        insufficient_evidence=bool(vd.insufficient[0]),
        coverage=float(ev.coverage[0]),
        bands=bands,
        sections=_section_results(comp, ev),
        criteria=_criterion_results(comp, ev, row, yearly, unit.kind),
        next_band=bands[next_band].id if next_band is not None else None,
        dossier_hash=dossier_hash(dossier),
        engine_version=version,
    )


def _why_not_rated(comp: CompiledRubric, ev: Evaluation, vd: Verdicts) -> Label:
    """Every reason the evidence does not suffice, in both languages."""
    vi: list[str] = []
    en: list[str] = []
    if vd.insufficient[0]:
        cov, need = float(ev.coverage[0]), comp.rubric.min_coverage
        vi.append(
            f"bằng chứng chỉ bao phủ {percent(cov, 'vi')} trọng số "
            f"(cần ít nhất {percent(need, 'vi')})"
        )
        en.append(
            f"evidence covers {percent(cov, 'en')} of the weight "
            f"(at least {percent(need, 'en')} needed)"
        )
    columns = comp.gate_columns.tolist()
    if vd.ungated[0]:
        ids = ", ".join(
            comp.criteria[j].criterion.id
            for j, miss in zip(columns, vd.gate_missing[0].tolist(), strict=True)
            if miss
        )
        vi.append(f"chưa có bằng chứng cho tiêu chí then chốt {ids}")
        en.append(f"no evidence for the gate criteria {ids}")
    if vd.blocked[0]:
        ids = ", ".join(
            node.id
            for node, blocked, applies in zip(
                comp.nodes, ev.node_blocked[0].tolist(), ev.node_applicable[0].tolist(), strict=True
            )
            if blocked and applies
        )
        vi.append(f"mục {ids} cần bằng chứng cho mọi tiêu chí")
        en.append(f"section {ids} needs evidence for every criterion")
    if vd.vetoed[0]:
        scores = ev.criterion_scores[0]
        ids = ", ".join(
            comp.criteria[j].criterion.id
            for j, cap in zip(columns, comp.gate_caps.tolist(), strict=True)
            if cap < 0 and not math.isnan(scores[j]) and scores[j] < 1 - EPS
        )
        vi.append(f"không đạt tiêu chí loại trừ {ids}")
        en.append(f"the veto criteria {ids} are not met")
    return Label(vi="; ".join(vi), en="; ".join(en))


def _criterion_results(
    comp: CompiledRubric,
    ev: Evaluation,
    row: Row,
    yearly: dict[int, YearScores],
    kind: UnitKind,
) -> tuple[CriterionResult, ...]:
    # Python floats, read once: indexing NumPy arrays element by element costs more
    scores, points = ev.criterion_scores[0].tolist(), ev.criterion_points[0].tolist()
    weights, most = ev.criterion_weight[0].tolist(), ev.criterion_max[0].tolist()
    measured, spans = row.values.tolist(), row.years.tolist()
    out = []
    for c in comp.criteria:
        j = c.index
        s, m, reason = scores[j], row.measurements[j], row.reasons[j]
        weight = min(max(weights[j], 0.0), 1.0)
        if reason is not None:
            if reason == "measured" and m is not None and m.not_applicable is not None:
                message = m.not_applicable
            else:
                message = _not_applicable(kind) if reason == "kind" else _NOT_IN_FORCE
                m = None
            out.append(_result(c, Status.NOT_APPLICABLE, None, None, weight, 0.0, 0.0, message, m))
            continue
        assert m is not None  # every applicable criterion was measured
        per_year = _years(row, yearly, j)
        unknown = j in row.split_unknown
        if math.isnan(s):
            status, message = Status.NO_EVIDENCE, _NO_EVIDENCE
        else:
            status = status_of(True, s)
            message = _message(c, status, measured[j], per_year, unknown)
        value = None if math.isnan(measured[j]) else measured[j]
        score = None if math.isnan(s) else s
        out.append(
            _result(
                c,
                status,
                value,
                score,
                weight,
                points[j],
                max(most[j], 0.0),
                message,
                m,
                spans[j],
                per_year,
                unknown,
            )
        )
    return tuple(out)


def _years(row: Row, yearly: dict[int, YearScores], j: int) -> tuple[YearResult, ...]:
    parts, scored = row.yearly.get(j), yearly.get(j)
    if parts is None or scored is None:
        return ()
    return tuple(
        YearResult(
            period=p.period,
            value=p.measurement.value,
            score=None if math.isnan(s) else s,
            years=p.years,
        )
        for p, s in zip(parts, scored.scores.tolist(), strict=True)
    )


def _message(
    c: CompiledCriterion,
    status: Status,
    value: float,
    per_year: Sequence[YearResult],
    unknown: bool,
) -> Label:
    shown_vi, shown_en = format_value(value, c.indicator.unit)
    crit = c.criterion
    vi = f"{crit.title.vi}: {shown_vi} — {status.vi}"
    en = f"{crit.title.en}: {shown_en} — {status.en}"
    if per_year:
        years_vi, years_en = [], []
        for y in per_year:
            label = _year_label(y.period)
            if y.value is None or y.score is None:
                years_vi.append(f"{label} {Status.NO_EVIDENCE.vi}")
                years_en.append(f"{label} {Status.NO_EVIDENCE.en}")
                continue
            got_vi, got_en = format_value(y.value, c.indicator.unit)
            year_status = status_of(True, y.score)
            years_vi.append(f"{label} {got_vi} ({year_status.vi})")
            years_en.append(f"{label} {got_en} ({year_status.en})")
        vi += "; từng năm: " + ", ".join(years_vi)
        en += "; year by year: " + ", ".join(years_en)
    if unknown:
        vi += _SPLIT_UNKNOWN[0]
        en += _SPLIT_UNKNOWN[1]
    if crit.policy:
        vi += _POLICY[0]
        en += _POLICY[1]
    return Label(vi=vi, en=en)


def _year_label(p: Period) -> str:
    whole = p.start.month == 1 and p.start.day == 1 and p.end.month == 12 and p.end.day == 31
    return str(p.start.year) if whole else f"{p.start.year} ({p.start:%d/%m}–{p.end:%d/%m})"


def _result(
    c: CompiledCriterion,
    status: Status,
    value: float | None,
    score: float | None,
    weight: float,
    points: float,
    max_points: float,
    message: Label,
    measured: Measurement | None = None,
    years: float | None = None,
    per_year: tuple[YearResult, ...] = (),
    unknown: bool = False,
) -> CriterionResult:
    crit = c.criterion
    return CriterionResult(
        id=crit.id,
        section=c.section,
        title=crit.title,
        indicator=crit.indicator,
        method=crit.method,
        role=crit.role,
        value=value,
        score=score,
        weight=weight,
        points=points,
        max_points=max_points,
        status=status,
        evidence=measured.evidence if measured is not None else (),
        legal_basis=crit.legal_basis,
        policy=crit.policy,
        gate=crit.gate,
        message=message,
        recommendation=crit.recommendation if status in _TO_IMPROVE else None,
        note=measured.note if measured is not None else None,
        years=years,
        per_year=per_year,
        yearly_split_unknown=unknown,
    )


_TO_IMPROVE = frozenset({Status.NOT_MET, Status.PARTLY_MET, Status.NO_EVIDENCE})


def _section_results(comp: CompiledRubric, ev: Evaluation) -> tuple[SectionResult, ...]:
    scores, points = ev.node_scores[0].tolist(), ev.node_points[0].tolist()
    lows, highs = ev.node_low[0].tolist(), ev.node_high[0].tolist()
    weights, applies = ev.node_weight[0].tolist(), ev.node_applicable[0].tolist()
    shares = ev.node_share[0].tolist()
    missings, childrens = ev.node_missing[0].tolist(), ev.node_children[0].tolist()
    blocks = ev.node_blocked[0].tolist()
    out = []
    for node in comp.nodes[1:]:
        section = node.section
        assert section is not None  # only the top node has none
        k = node.index
        s, applicable = scores[k], applies[k]
        parent = comp.nodes[node.parent].section if node.parent is not None else None
        weight = min(max(weights[k], 0.0), 1.0)
        out.append(
            SectionResult(
                id=node.id,
                parent=parent.id if parent is not None else None,
                title=section.title,
                score=None if math.isnan(s) else s,
                score_low=None if not applicable or math.isnan(lows[k]) else lows[k],
                score_high=None if not applicable or math.isnan(highs[k]) else highs[k],
                weight=weight,
                points=max(points[k], 0.0),
                max_points=min(max(shares[k], 0.0), 1.0) * comp.scale,
                status=status_of(applicable, s),
                aggregator=node.aggregator.name,
                na_policy=node.na_policy,
                applied=_applied(node.na_policy, applicable, missings[k], childrens[k]),
                blocked=bool(blocks[k] and applicable),
            )
        )
    return tuple(out)


def _applied(policy: NAPolicy, applicable: bool, missing: int, children: int) -> Label:
    """What the N/A policy did in a section, for people."""
    with_evidence = children - missing
    if not applicable:
        return Label(vi="Không có tiêu chí áp dụng", en="No applicable criteria")
    if missing == 0:
        return Label(vi="Mọi mục đều có bằng chứng", en="Every child had evidence")
    if policy is NAPolicy.RENORMALISE:
        if with_evidence == 0:
            return Label(vi="Không mục nào có bằng chứng", en="No child had evidence")
        return Label(
            vi=f"Chia lại trọng số cho {with_evidence}/{children} mục có bằng chứng",
            en=f"Renormalised over the {with_evidence} of {children} children with evidence",
        )
    if policy is NAPolicy.ZERO:
        return Label(
            vi=f"{missing}/{children} mục thiếu bằng chứng được tính 0 điểm",
            en=f"{missing} of {children} children without evidence counted as zero",
        )
    return Label(
        vi=f"{missing}/{children} mục thiếu bằng chứng: tính 0 điểm và chưa đủ căn cứ xếp loại",
        en=(
            f"{missing} of {children} children lack evidence: counted as zero, and the rating "
            "is withheld"
        ),
    )
