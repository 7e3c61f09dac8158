"""Verdicts: scores → rated or not, band, gate caps and the band's bounds, for whole tables.

A table of units gets its verdicts in a few NumPy operations, so that one dossier,
the search for improvements and (later) tables of a million units share one rule:

- the band is the highest whose `min_total` the total reaches, capped by every applicable
  gate that has evidence and is not fully met;
- a gate **without** evidence caps nothing (missing evidence is never a failure); when
  the rubric says `gates_need_evidence`, it withholds the rating instead;
- the scorecard is **not rated** when evidence covers less than `min_coverage`, a
  `block` section lacks evidence, a veto (`cap_band = "not_rated"`) failed, or a gate
  lacks evidence that the rubric requires;
- `band_low` is reached by `total_low` with every gate without evidence counted as
  failed, `band_high` by `total_high` with those gates met; the band is certain when
  they agree and no veto without evidence could withhold the rating.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from attrs import define

from dancoso.scoring._evaluate import Array, CompiledRubric, Evaluation, Mask

__all__ = ["EPS", "Verdicts", "band_of", "verdicts"]

Index = npt.NDArray[np.intp]

#: Tolerance of comparisons with band floors and scores of 1.
EPS = 1e-9


@define
class Verdicts:
    """What each row of a table is rated; every array has one row per unit.

    Attributes:
        rated: (n,) the evidence suffices for a rating.
        band: (n,) band index; -1 where not rated.
        capped: (n,) the band the total reaches after the caps of failed gates, as if rated.
        uncapped: (n,) the band the total alone reaches.
        lowering: (n, g) failed gates whose cap lies below the uncapped band.
        gate_missing: (n, g) applicable gates without evidence.
        insufficient: (n,) coverage below `min_coverage`.
        vetoed: (n,) a veto withholding the rating failed.
        blocked: (n,) a `block` section lacks evidence.
        ungated: (n,) a gate lacks evidence the rubric requires.
        band_low: (n,) band of `total_low`, gates without evidence counted as failed.
        band_high: (n,) band of `total_high`, gates without evidence met.
        band_certain: (n,) `band_low == band_high` and no veto lacks evidence.
    """

    rated: Mask
    band: Index
    capped: Index
    uncapped: Index
    lowering: Mask
    gate_missing: Mask
    insufficient: Mask
    vetoed: Mask
    blocked: Mask
    ungated: Mask
    band_low: Index
    band_high: Index
    band_certain: Mask


def band_of(floors: Array, totals: Array) -> Index:
    """The highest band whose floor each total reaches (0 for totals below every floor)."""
    out: Index = np.maximum(np.searchsorted(floors, totals + EPS, side="right") - 1, 0)
    return out


def _capped(bands: Index, caps: Index, failing: Mask) -> Index:
    """`bands` lowered to the cap of every failing gate (vetoes cap nothing here)."""
    if not caps.size:
        return bands
    top = np.iinfo(np.intp).max
    out: Index = np.minimum(bands, np.where(failing & (caps >= 0), caps, top).min(axis=1))
    return out


def verdicts(comp: CompiledRubric, ev: Evaluation, applicable: Mask) -> Verdicts:
    """Verdicts of every row of `ev` (bounds' bands are 0 when `ev` has no bounds)."""
    caps, floors = comp.gate_caps, comp.floors
    s = ev.criterion_scores[:, comp.gate_columns]
    a = applicable[:, comp.gate_columns]
    missing = a & np.isnan(s)
    failed = a & ~missing & ~(s >= 1 - EPS)
    uncapped = band_of(floors, ev.total)
    capped = _capped(uncapped, caps, failed)
    lowering = failed & (caps >= 0) & (caps < uncapped[:, None])
    vetoed: Mask = np.logical_or.reduce(failed & (caps < 0), axis=1)
    insufficient = ev.coverage + EPS < comp.rubric.min_coverage
    blocked: Mask = np.logical_or.reduce(ev.node_blocked & ev.node_applicable, axis=1)
    ungated: Mask = np.logical_and(missing.any(axis=1), comp.rubric.gates_need_evidence)
    rated = ~(insufficient | vetoed | blocked | ungated)
    # totals are NaN when bounds were not asked for: their bands are then meaningless
    low_t, high_t = np.nan_to_num(ev.total_low), np.nan_to_num(ev.total_high)
    band_low = _capped(band_of(floors, low_t), caps, failed | missing)
    band_high = _capped(band_of(floors, high_t), caps, failed)
    veto_unknown = (missing & (caps < 0)).any(axis=1)
    return Verdicts(
        rated=rated,
        band=np.where(rated, capped, -1),
        capped=capped,
        uncapped=uncapped,
        lowering=lowering,
        gate_missing=missing,
        insufficient=insufficient,
        vetoed=vetoed,
        blocked=blocked,
        ungated=ungated,
        band_low=band_low,
        band_high=band_high,
        band_certain=(band_low == band_high) & ~veto_unknown,
    )
