"""Fixtures for the tests that kill mutants of the scoring core: a small registry and rubric.

The registry holds the built-in methods and aggregators, plugins that misbehave on purpose
(out-of-range scores) and a few indicators reading dialogues and satisfaction surveys; the
rubric text is built from criteria given as TOML, so each test states what it scores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from dancoso.model import Dialogue, Dossier, Satisfaction
from dancoso.scoring import (
    AggregatorSpec,
    Context,
    Measurement,
    MethodSpec,
    Registry,
    Rubric,
    events_in,
    load_rubric,
)
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS

HEAD = """
id = "m"
version = "1"
title = {{ vi = "Thử", en = "Test" }}
unit_kinds = ["ward", "commune"]
{extra}

[[regimes]]
id = "law"
title = {{ vi = "Luật", en = "Law" }}

[[bands]]
id = "low"
label = {{ vi = "Thấp", en = "Low" }}
min_total = 0

[[bands]]
id = "mid"
label = {{ vi = "Vừa", en = "Middle" }}
min_total = 50

[[bands]]
id = "high"
label = {{ vi = "Cao", en = "High" }}
min_total = 80
"""

BASIS = (
    'legal_basis = [{ act = "Law 10/2022/QH15", article = 32, clause = 1 }]\n'
    'recommendation = { vi = "Làm", en = "Do it" }\n'
)


def criterion(cid: str, indicator: str, method: str, params: str = "", extra: str = "") -> str:
    """One criterion as TOML, with a legal basis and a recommendation."""
    text = (
        f'[[sections.criteria]]\nid = "{cid}"\ntitle = {{ vi = "{cid}", en = "{cid}" }}\n'
        f'indicator = "{indicator}"\nmethod = "{method}"\n'
    )
    if params:
        text += f"params = {{ {params} }}\n"
    return text + extra + BASIS


def section(sid: str, *criteria: str, extra: str = "") -> str:
    """One section of `criteria` as TOML."""
    head = f'[[sections]]\nid = "{sid}"\ntitle = {{ vi = "{sid}", en = "{sid}" }}\n{extra}'
    return head + "\n".join(criteria)


def _over(values: Any, *, years: Any, by: float) -> Any:
    return np.asarray(values, dtype=float) * by


def make_registry() -> Registry:
    """Built-ins, methods and aggregators that leave [0, 1] or fill in NaN, and test indicators."""
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)
    for name, by in (("double", 2.0), ("negate", -1.0)):
        reg.method(
            MethodSpec(
                name=name,
                params=(),
                fn=lambda values, *, years, by=by: _over(values, years=years, by=by),
                inverse=lambda score, *, years, by=by: score / by,
                increasing=lambda: True,
                description=f"The value times {by}, unclipped.",
            )
        )
    reg.method(
        MethodSpec(
            name="always",
            params=(),
            fn=lambda values, *, years: np.ones(np.shape(values)),
            inverse=lambda score, *, years: 0.0,
            increasing=lambda: True,
            description="Scores 1 whatever the value, even a missing one.",
        )
    )
    reg.aggregator(
        AggregatorSpec(name="overshoot", fn=lambda scores, weights: np.full(scores.shape[0], 1.75))
    )
    reg.aggregator(
        AggregatorSpec(name="undershoot", fn=lambda scores, weights: np.full(scores.shape[0], -0.5))
    )

    @reg.indicator(name="m.dialogues", title=("Đối thoại", "Dialogues"), unit="count")
    def dialogues(*, dossier: Dossier, context: Context) -> Measurement:
        """Dialogues held in the period measured; missing when the dossier records none."""
        if not any(isinstance(e, Dialogue) for e in dossier.evidence):
            return Measurement.missing()
        held = events_in(dossier, context.period, Dialogue, "held_on")
        return Measurement.of(len(held), held)

    @reg.indicator(name="m.satisfaction", title=("Hài lòng", "Satisfaction"), unit="share")
    def satisfaction(*, dossier: Dossier, context: Context) -> Measurement:
        """The first satisfaction rate, as a share."""
        found = [e for e in dossier.evidence if isinstance(e, Satisfaction) and e.rate]
        if not found or found[0].rate is None:
            return Measurement.missing()
        return Measurement.of(found[0].rate.share, found[:1])

    @reg.indicator(
        name="m.commune_only",
        title=("Chỉ xã", "Communes only"),
        unit="bool",
        unit_kinds=["commune"],
    )
    def commune_only(*, dossier: Dossier, context: Context) -> Measurement:
        """Always met: only its unit kinds decide whether it applies."""
        return Measurement.of(True)

    return reg


@pytest.fixture
def registry() -> Registry:
    return make_registry()


@pytest.fixture
def crit() -> Callable[..., str]:
    """`criterion`, for the tests."""
    return criterion


@pytest.fixture
def sect() -> Callable[..., str]:
    """`section`, for the tests."""
    return section


@pytest.fixture
def build(registry: Registry) -> Callable[..., Rubric]:
    """Build a rubric from sections of TOML (`extra` goes in the rubric's head)."""

    def _build(*sections: str, extra: str = "") -> Rubric:
        return load_rubric(HEAD.format(extra=extra) + "\n".join(sections), registry=registry)

    return _build
