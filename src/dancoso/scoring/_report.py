"""A readable text rendering of a scorecard (for terminals, logs and `make demo`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dancoso.scoring._registry import ScoringError

if TYPE_CHECKING:
    from dancoso.scoring._results import Improvement, Scorecard

__all__ = ["MARKS", "render_text"]

#: The mark of each status, as the text report prints it.
MARKS = {
    "met": "✓",
    "partly_met": "◐",
    "not_met": "✗",
    "no_evidence": "?",
    "not_applicable": "·",
}

_LEGEND = {
    "en": "✓ met · ◐ partly met · ✗ not met · ? no evidence · · not applicable",
    "vi": "✓ đạt · ◐ đạt một phần · ✗ chưa đạt · ? chưa có bằng chứng · · không áp dụng",
}


def _steps(sc: Scorecard) -> tuple[Improvement, ...]:
    try:
        return sc.improvements()
    except ScoringError:  # the rubric is not at hand: the report simply omits the way up
        return ()


def _num(x: float | None, pattern: str = "{:.2f}") -> str:
    return "—" if x is None else pattern.format(x)


def _pct(x: float, lang: str) -> str:
    out = f"{x:.0%}"
    return out.replace(".", ",") if lang == "vi" else out


def _head(sc: Scorecard, lang: str) -> list[str]:
    vi = lang == "vi"
    label = sc.band_label.vi if vi else sc.band_label.en
    total = f"{sc.total:.1f}/{sc.max_total:g}"
    spread = abs(sc.total_high - sc.total_low) > 0.05
    bounds = (
        (
            f" (có thể nằm trong khoảng {sc.total_low:.1f}–{sc.total_high:.1f})"
            if vi
            else f" (could lie anywhere in {sc.total_low:.1f}–{sc.total_high:.1f})"
        )
        if spread
        else ""
    )
    cover = (
        f"bằng chứng bao phủ {_pct(sc.coverage, lang)} trọng số"
        if vi
        else f"evidence covers {_pct(sc.coverage, lang)} of the weight"
    )
    if not sc.rated:
        reason = sc.not_rated_reason.vi if vi and sc.not_rated_reason else None
        if reason is None and sc.not_rated_reason is not None:
            reason = sc.not_rated_reason.en
        word = "tổng tạm tính" if vi else "provisional total"
        state = "chưa đủ căn cứ xếp loại" if vi else "not rated"
        head = f"{word} {total}{bounds} · {state}: {reason}"
        # the reason already gives the coverage when it is what is lacking
        return [head] if sc.insufficient_evidence else [head, cover]
    certain = ""
    if not sc.band_certain:
        low = next(b for b in sc.bands if b.id == sc.band_low).label
        high = next(b for b in sc.bands if b.id == sc.band_high).label
        certain = (
            f" (chưa chắc chắn: từ {low.vi} đến {high.vi})"
            if vi
            else f" (not certain: between {low.en} and {high.en})"
        )
    word, band = ("tổng", "xếp loại") if vi else ("total", "band")
    return [f"{word} {total}{bounds} · {band} {label}{certain} · {cover}"]


def render_text(sc: Scorecard, *, lang: str = "en") -> str:
    """The scorecard as text: head, sections with their criteria, and the way up.

    Args:
        sc: The scorecard.
        lang: `"en"` or `"vi"` for the labels.
    """
    lang = lang if lang in ("vi", "en") else "en"

    def label(lbl: object) -> str:
        return str(getattr(lbl, lang))

    lines = [
        f"{sc.unit_name} ({sc.unit_kind.label(lang)}), {sc.period.start} – {sc.period.end}",
        (
            f"rubric {sc.rubric_id} {sc.rubric_version} [{sc.rubric_hash[:12]}], "
            f"regime {sc.regime}: {label(sc.regime_title)}"
        ),
        *_head(sc, lang),
    ]
    if sc.capped_by:
        lines.append(f"band capped by failed gate(s): {', '.join(sc.capped_by)}")
    by_section: dict[str, list[str]] = {}
    for c in sc.criteria:
        basis = "; ".join(b.citation for b in c.legal_basis)
        by_section.setdefault(c.section, []).append(
            f"    {MARKS[c.status.value]} {c.id:<34} score {_num(c.score)}  "
            f"{c.points:5.1f}/{c.max_points:g} pts  {label(c.message)}  [{basis}]"
        )
    for s in sc.sections:
        depth = 0
        parent = s.parent
        while parent is not None:
            depth += 1
            parent = next((p.parent for p in sc.sections if p.id == parent), None)
        lines.append(
            f"{'  ' * depth}■ {label(s.title)} — score {_num(s.score)}, "
            f"{s.points:.1f}/{s.max_points:.1f} pts ({label(s.applied)})"
        )
        lines.extend(("  " * depth) + line for line in by_section.get(s.id, []))
    steps = _steps(sc)
    if steps:
        if sc.rated and sc.next_band is not None:
            target = next(b for b in sc.bands if b.id == sc.next_band)
            lines.append(f"to reach {label(target.label)}:")
        else:
            lines.append("to be rated:" if lang == "en" else "để đủ căn cứ xếp loại:")
        for imp in steps:
            op = "≤" if imp.at_most else "≥"
            yearly = " a year" if imp.per_year else ""
            lines.append(
                f"  - {imp.criterion}: {_num(imp.current_value)} → {op} "
                f"{imp.needed_value:g}{yearly}"
            )
    lines.append(_LEGEND[lang])
    return "\n".join(lines)
