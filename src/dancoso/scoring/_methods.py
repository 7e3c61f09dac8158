"""Built-in scoring methods and aggregators, vectorised over NumPy arrays.

A method maps indicator values to scores in [0, 1]; NaN (missing) stays NaN. Every method
is monotone in the value, in the direction `increasing(**params)` says, and has an inverse
giving the smallest value (in the good direction) that reaches a given score.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import numpy.typing as npt

from dancoso.scoring._registry import AggregatorSpec, MethodSpec, ParamSpec

__all__ = ["BUILTIN_AGGREGATORS", "BUILTIN_METHODS", "TINY"]

Array = npt.NDArray[np.float64]


def _clip(x: Array) -> Array:
    # np.minimum/np.maximum: np.clip's Python wrapper costs more than the work on small arrays
    out: Array = np.minimum(np.maximum(x, 0.0), 1.0)
    return out


# --------------------------------------------------------------------------- goalposts
def goalposts(values: Array, *, years: Array | float, worst: float, best: float) -> Array:
    """Linear from 0 at `worst` to 1 at `best` (either order), clipped to [0, 1]."""
    v = np.asarray(values, dtype=float)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        # tiny goalpost gaps overflow to ±inf, which the clip turns into 0 or 1
        scaled = (v - worst) / (best - worst)
    return _clip(scaled)


def _goalposts_inverse(score: float, *, years: float, worst: float, best: float) -> float:
    return worst + score * (best - worst)


def _goalposts_check(*, worst: float, best: float) -> list[str]:
    return [] if worst != best else ["worst and best must differ"]


# --------------------------------------------------------------------------- threshold
def threshold(
    values: Array, *, years: Array | float, at: float, direction: str = "at_least"
) -> Array:
    """1 when the value reaches `at` (`at_least`, or `at_most` for lower-is-better), else 0."""
    v = np.asarray(values, dtype=float)
    hit = v >= at if direction == "at_least" else v <= at
    return np.where(np.isnan(v), np.nan, hit.astype(float))


def _threshold_inverse(
    score: float, *, years: float, at: float, direction: str = "at_least"
) -> float:
    if score <= 0:
        return -math.inf if direction == "at_least" else math.inf
    return at


# --------------------------------------------------------------------------- target per period
def target(values: Array, *, years: Array | float, per_year: float) -> Array:
    """Count against a yearly target scaled to the period: `value / (per_year × years)`."""
    v = np.asarray(values, dtype=float)
    expected = per_year * np.asarray(years, dtype=float)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, v / np.where(expected > 0, expected, 1.0), 1.0)
    return np.where(np.isnan(v), np.nan, _clip(ratio))


def _target_inverse(score: float, *, years: float, per_year: float) -> float:
    return score * per_year * years


def _target_check(*, per_year: float) -> list[str]:
    return [] if per_year > 0 else ["per_year must be above 0"]


# --------------------------------------------------------------------------- step bands
def bands(
    values: Array, *, years: Array | float, edges: Any, scores: Any, direction: str = "at_least"
) -> Array:
    """Step bands over ascending `edges`: `scores[i]` once `i` edges are reached.

    With `at_least` (default) a value reaches an edge by being at or above it; with
    `at_most` (lower is better) by being at or below it. Scores never decrease.
    """
    v = np.asarray(values, dtype=float)
    e = np.asarray(edges, dtype=float)
    s = np.asarray(scores, dtype=float)
    if direction == "at_most":
        idx = np.sum(v[..., None] <= e, axis=-1)
    else:
        idx = np.searchsorted(e, v, side="right")
    out = s[np.clip(idx, 0, s.size - 1)]
    return np.where(np.isnan(v), np.nan, out)


def _bands_inverse(
    score: float, *, years: float, edges: Any, scores: Any, direction: str = "at_least"
) -> float:
    e, s = list(map(float, edges)), list(map(float, scores))
    for reached, sc in enumerate(s):
        if sc >= score:
            if reached == 0:
                return math.inf if direction == "at_most" else -math.inf
            # reaching `reached` edges: the lowest (or highest) such edge
            return e[reached - 1] if direction != "at_most" else e[len(e) - reached]
    return e[-1] if direction != "at_most" else e[0]


def _bands_check(*, edges: Any, scores: Any, direction: str = "at_least") -> list[str]:
    e, s = list(edges), list(scores)
    problems = []
    if len(s) != len(e) + 1:
        problems.append(f"scores needs one more entry than edges ({len(e) + 1}, got {len(s)})")
    if any(not 0 <= x <= 1 for x in s):
        problems.append("scores must lie in [0, 1]")
    if any(b < a for a, b in itertools.pairwise(s)):
        problems.append("scores must not decrease")
    if not e or any(b <= a for a, b in itertools.pairwise(e)):
        problems.append("edges must be strictly increasing")
    return problems


# --------------------------------------------------------------------------- boolean
def boolean(values: Array, *, years: Array | float) -> Array:
    """1 for a true (non-zero) value, 0 for false."""
    v = np.asarray(values, dtype=float)
    return np.where(np.isnan(v), np.nan, (v > 0).astype(float))


def _boolean_inverse(score: float, *, years: float) -> float:
    return 1.0 if score > 0 else 0.0


BUILTIN_METHODS = (
    MethodSpec(
        name="goalposts",
        params=(
            ParamSpec(name="worst", kind="number", description="Value scoring 0."),
            ParamSpec(name="best", kind="number", description="Value scoring 1."),
        ),
        fn=goalposts,
        inverse=_goalposts_inverse,
        increasing=lambda *, worst, best: best > worst,
        check=_goalposts_check,
        description="Linear between two goalposts.",
        array_params=True,
    ),
    MethodSpec(
        name="threshold",
        params=(
            ParamSpec(name="at", kind="number", description="The threshold."),
            ParamSpec(
                name="direction",
                kind="choice",
                required=False,
                choices=("at_least", "at_most"),
                description="`at_least` (default) or `at_most`.",
            ),
        ),
        fn=threshold,
        inverse=_threshold_inverse,
        increasing=lambda *, at, direction="at_least": direction == "at_least",
        description="Met or not met at a threshold.",
        array_params=True,
    ),
    MethodSpec(
        name="target",
        params=(ParamSpec(name="per_year", kind="number", description="Events expected a year."),),
        fn=target,
        inverse=_target_inverse,
        increasing=lambda *, per_year: True,
        check=_target_check,
        description="A count against a yearly target, scaled to the period's length.",
        array_params=True,
        yearly=True,
    ),
    MethodSpec(
        name="bands",
        params=(
            ParamSpec(name="edges", kind="numbers", description="Band edges, ascending."),
            ParamSpec(name="scores", kind="numbers", description="Score of each band."),
            ParamSpec(
                name="direction",
                kind="choice",
                required=False,
                choices=("at_least", "at_most"),
                description="`at_least` (default) or `at_most` for lower-is-better.",
            ),
        ),
        fn=bands,
        inverse=_bands_inverse,
        increasing=lambda *, edges, scores, direction="at_least": direction == "at_least",
        check=_bands_check,
        description="Step bands.",
        array_params=True,
    ),
    MethodSpec(
        name="boolean",
        params=(),
        fn=boolean,
        inverse=_boolean_inverse,
        increasing=lambda: True,
        description="Yes scores 1, no scores 0.",
        array_params=True,
    ),
)


# --------------------------------------------------------------------------- aggregators
#: Divides sums of zero weights without a warning: zero weights over TINY give 0.
TINY = np.finfo(float).tiny


def weighted_mean(scores: Array, weights: Array) -> Array:
    """Weighted arithmetic mean over the last axis; weights are per row (0 drops a child).

    Aggregators receive scores without NaN: the engine has applied the N/A policy.
    """
    w = np.asarray(weights, dtype=float)
    out: Array = np.add.reduce(scores * w, axis=-1) / np.maximum(np.add.reduce(w, axis=-1), TINY)
    return out


def geometric_mean(scores: Array, weights: Array) -> Array:
    """Weighted geometric mean; a zero score with weight makes the result zero."""
    w = np.asarray(weights, dtype=float)
    s = np.asarray(scores, dtype=float)
    positive = s > 0
    logs = np.log(np.where(positive, s, 1.0))  # zero scores are handled by `zero` below
    mean = np.add.reduce(w * logs, axis=-1) / np.maximum(np.add.reduce(w, axis=-1), TINY)
    zero = np.logical_or.reduce(~positive & (w > 0), axis=-1)
    out: Array = np.where(zero, 0.0, np.exp(mean))
    return out


def minimum(scores: Array, weights: Array) -> Array:
    """The lowest score among the children that carry weight."""
    out = np.minimum.reduce(np.where(np.asarray(weights) > 0, scores, np.inf), axis=-1)
    result: Array = np.where(np.isinf(out), 0.0, out)
    return result


BUILTIN_AGGREGATORS = (
    AggregatorSpec(name="weighted_mean", fn=weighted_mean, description="Weighted arithmetic mean."),
    AggregatorSpec(
        name="geometric_mean", fn=geometric_mean, description="Weighted geometric mean."
    ),
    AggregatorSpec(name="minimum", fn=minimum, description="The lowest child score."),
    AggregatorSpec(
        name="points",
        fn=weighted_mean,
        description=(
            "Points sheets: the points earned over the points available, each child's "
            "maximum points being its weight (the children must all carry points)."
        ),
    ),
)
