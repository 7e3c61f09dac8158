"""`check_rubric` passes the shipped rubrics and catches broken plugins, naming the property."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dancoso.errors import DancosoError
from dancoso.scoring import (
    REGISTRY,
    AggregatorSpec,
    MethodSpec,
    ParamSpec,
    Registry,
    load_rubric,
    rubric,
)
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS
from dancoso.scoring._reference import PACKAGED
from dancoso.testing import PROPERTIES, RubricCheckError, check_rubric

FIRST = Path(__file__).with_name("rubric_first.toml")
FAST = ("bounds", "full_evidence", "failure_never_helps", "monotone_methods", "aggregators")


def _registry(
    method: MethodSpec | None = None, aggregator: AggregatorSpec | None = None
) -> Registry:
    """The built-in indicators, methods and aggregators, and the broken plugin given."""
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)
    for spec in REGISTRY.indicators():
        reg.indicator(
            spec.compute,
            name=spec.name,
            title=spec.title,
            unit=spec.unit,
            direction=spec.direction.value,
            unit_kinds=spec.unit_kinds,
        )
    if method is not None:
        reg.method(method)
    if aggregator is not None:
        reg.aggregator(aggregator)
    return reg


def _zigzag(values: Any, *, years: Any, step: float) -> Any:
    """Rises to 1 at `step`, then falls back: not monotone, whatever it declares."""
    v = np.asarray(values, dtype=float)
    return np.clip(np.where(v <= step, v / step, 2.0 - v / step), 0.0, 1.0)


ZIGZAG = MethodSpec(
    name="zigzag",
    params=(ParamSpec(name="step", kind="number"),),
    fn=_zigzag,
    inverse=lambda *, score, years, step: score * step,
    increasing=lambda *, step: True,
)
#: A plain mean of the children's scores: weights are ignored.
PLAIN_MEAN = AggregatorSpec(
    name="plain_mean", fn=lambda *, scores, weights: np.mean(scores, axis=-1)
)


def _first_with(old: str, new: str, reg: Registry) -> Any:
    return load_rubric(FIRST.read_text(encoding="utf-8").replace(old, new), registry=reg)


@pytest.mark.parametrize("name", PACKAGED)
def test_every_shipped_rubric_passes(name: str) -> None:
    """Each shipped reference rubric keeps every property, over a small derandomised run."""
    assert check_rubric(rubric(name), max_examples=5, derandomize=True) == tuple(PROPERTIES)


def test_a_rubric_file_is_checked_by_its_path() -> None:
    """A path is loaded and checked; the names of the properties run are returned."""
    assert check_rubric(FIRST, max_examples=5, derandomize=True, properties=FAST) == FAST


def test_a_non_monotone_method_is_caught() -> None:
    """A method that falls after rising while declaring it rises breaks `monotone_methods`,
    with the criterion, method and values in the message."""
    reg = _registry(method=ZIGZAG)
    bad = _first_with(
        'method = "goalposts"\nparams = { worst = 0.5, best = 0.9 }',
        'method = "zigzag"\nparams = { step = 0.5 }',
        reg,
    )
    with pytest.raises(RubricCheckError) as caught:
        check_rubric(bad, registry=reg, max_examples=50, derandomize=True, properties=FAST)
    names = [f.name for f in caught.value.failures]
    assert "monotone_methods" in names
    assert "aggregators" not in names
    text = str(caught.value)
    assert "rubric 'first' breaks" in text
    assert "criterion 'satisfaction', method 'zigzag'" in text


def test_an_aggregator_ignoring_weights_is_caught() -> None:
    """A plain mean, blind to weights, breaks `aggregators`: a child of weight 0 has a say."""
    reg = _registry(aggregator=PLAIN_MEAN)
    bad = _first_with("weight = 2\n", 'weight = 2\naggregator = "plain_mean"\n', reg)
    with pytest.raises(RubricCheckError) as caught:
        check_rubric(bad, registry=reg, max_examples=50, derandomize=True, properties=FAST)
    names = [f.name for f in caught.value.failures]
    assert "aggregators" in names
    assert "monotone_methods" not in names
    assert "switched off (weight 0) still has a say" in str(caught.value)


def test_the_error_is_a_dancoso_error_and_an_assertion() -> None:
    """pytest reports it as a failed assertion; `except DancosoError` catches it too."""
    assert issubclass(RubricCheckError, DancosoError)
    assert issubclass(RubricCheckError, AssertionError)


def test_unknown_properties_and_bad_knobs_are_refused() -> None:
    """A property name that does not exist, or no examples, is a clear error."""
    with pytest.raises(DancosoError, match="unknown properties 'monotony'"):
        check_rubric(FIRST, properties=["monotony"])
    with pytest.raises(DancosoError, match="max_examples is at least 1"):
        check_rubric(FIRST, max_examples=0)
