"""Built-in methods: the inverses at their edges, in both directions."""

from __future__ import annotations

import math

import numpy as np

from dancoso.scoring._methods import (
    _bands_inverse,
    _boolean_inverse,
    _threshold_inverse,
    bands,
    threshold,
)


def test_threshold_inverse_of_zero_is_any_value() -> None:
    """A score of 0 needs nothing: −inf when higher is better, +inf when lower is."""
    assert _threshold_inverse(0.0, years=1.0, at=5.0) == -math.inf
    assert _threshold_inverse(0.0, years=1.0, at=5.0, direction="at_most") == math.inf
    assert _threshold_inverse(0.5, years=1.0, at=5.0, direction="at_most") == 5.0


def test_threshold_at_most_scores_low_values_1() -> None:
    """`at_most`: 3 ≤ 5 is met, 7 is not, NaN stays missing."""
    out = threshold(np.array([3.0, 7.0, np.nan]), years=1.0, at=5.0, direction="at_most")
    np.testing.assert_array_equal(out, [1.0, 0.0, np.nan])


def test_bands_inverse_gives_the_edge_that_reaches_a_score() -> None:
    """Each band score maps back to the edge that reaches it, and reaching it scores so."""
    edges, scores = [1.0, 3.0], [0.0, 0.5, 1.0]
    assert _bands_inverse(0.0, years=1.0, edges=edges, scores=scores) == -math.inf
    assert _bands_inverse(0.5, years=1.0, edges=edges, scores=scores) == 1.0
    assert _bands_inverse(1.0, years=1.0, edges=edges, scores=scores) == 3.0
    # lower is better: 3 reaches the first edge, 1 both
    low = {"edges": edges, "scores": scores, "direction": "at_most"}
    assert _bands_inverse(0.0, years=1.0, **low) == math.inf
    assert _bands_inverse(0.5, years=1.0, **low) == 3.0
    assert _bands_inverse(1.0, years=1.0, **low) == 1.0
    np.testing.assert_array_equal(bands(np.array([3.0, 1.0]), years=1.0, **low), [0.5, 1.0])


def test_bands_inverse_beyond_the_top_score_is_the_last_edge() -> None:
    """A score above every band's (unreachable) asks for the last edge in the good direction."""
    edges, scores = [1.0, 3.0], [0.0, 0.5, 0.8]
    assert _bands_inverse(0.9, years=1.0, edges=edges, scores=scores) == 3.0
    assert _bands_inverse(0.9, years=1.0, edges=edges, scores=scores, direction="at_most") == 1.0


def test_boolean_inverse() -> None:
    """A positive score needs a true value (1); a zero score needs nothing (0)."""
    assert _boolean_inverse(0.5, years=1.0) == 1.0
    assert _boolean_inverse(0.0, years=1.0) == 0.0
