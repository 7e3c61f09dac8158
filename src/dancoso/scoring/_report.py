"""A readable text rendering of a scorecard (for terminals, logs and `make demo`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dancoso.scoring._results import Improvement, Scorecard

__all__ = ["render_text"]

_MARKS = {
    "met": "✓",
    "partly_met": "◐",
    "not_met": "✗",
    "no_evidence": "?",
    "not_applicable": "·",
}


def _steps(sc: Scorecard) -> tuple[Improvement, ...]:
    from dancoso.scoring._engine import ScoringError

    try:
        return sc.improvements()
    except ScoringError:  # the rubric is not at hand: the report simply omits the way up
        return ()


def _num(x: float | None, pattern: str = "{:.2f}") -> str:
    return "—" if x is None else pattern.format(x)


def render_text(sc: Scorecard, *, lang: str = "en") -> str:
    """The scorecard as text: head, sections with their criteria, and the way up.

    Args:
        sc: The scorecard.
        lang: `"en"` or `"vi"` for the labels.
    """

    def label(lbl: object) -> str:
        return str(getattr(lbl, lang if lang in ("vi", "en") else "en"))

    lines = [
        f"{sc.unit_name} ({sc.unit_kind.label(lang)}), {sc.period.start} – {sc.period.end}",
        (
            f"rubric {sc.rubric_id} {sc.rubric_version} [{sc.rubric_hash[:12]}], "
            f"regime {sc.regime}: {label(sc.regime_title)}"
        ),
        (
            f"total {sc.total:.1f}/100 · band {label(sc.band_label)} · evidence covers "
            f"{sc.coverage:.0%} of the weight"
        ),
    ]
    if sc.insufficient_evidence:
        lines.append("band held at the lowest: too little of the rubric is backed by evidence")
    if sc.capped_by:
        lines.append(f"band capped by failed gate(s): {', '.join(sc.capped_by)}")
    by_section: dict[str, list[str]] = {}
    for c in sc.criteria:
        basis = "; ".join(b.citation for b in c.legal_basis)
        by_section.setdefault(c.section, []).append(
            f"    {_MARKS[c.status.value]} {c.id:<34} score {_num(c.score)}  "
            f"{c.points:5.1f} pts  {label(c.message)}  [{basis}]"
        )
    for s in sc.sections:
        depth = 0
        parent = s.parent
        while parent is not None:
            depth += 1
            parent = next((p.parent for p in sc.sections if p.id == parent), None)
        lines.append(
            f"{'  ' * depth}■ {label(s.title)} — score {_num(s.score)}, {s.points:.1f} pts "
            f"({label(s.applied)})"
        )
        lines.extend(("  " * depth) + line for line in by_section.get(s.id, []))
    steps = _steps(sc)
    if sc.next_band is not None and steps:
        target = next(b for b in sc.bands if b.id == sc.next_band)
        lines.append(f"to reach {label(target.label)}:")
        for imp in steps:
            op = "≤" if imp.at_most else "≥"
            lines.append(
                f"  - {imp.criterion}: {_num(imp.current_value)} → {op} {imp.needed_value:g}"
            )
    return "\n".join(lines)
