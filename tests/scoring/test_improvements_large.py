"""`improvements()` on a rubric of thousands of criteria: bounded work, proposals that hold.

Work is counted in cells judged (candidate rows × criteria), which is what its time is made
of; a timed test would only measure the machine. Before the search was bounded, one call
on a rubric like this one judged every remaining criterion on every greedy round: hundreds
of millions of cells, about a minute.
"""

from __future__ import annotations

import random
from typing import Any

import attrs
import numpy as np
import pytest

from dancoso.model import Dossier, Label, Period, Statement, Unit, UnitKind
from dancoso.scoring import (
    Band,
    Criterion,
    LegalBasis,
    Measurement,
    NAPolicy,
    Regime,
    Registry,
    Rubric,
    Section,
    _improve,
    score,
)
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS

N_SECTIONS, PER_SECTION = 30, 100  # 3,000 criteria, each on its own indicator


def _registry(n: int) -> Registry:
    """Indicators `x0` … that read a share from a `Statement` with their name as id."""
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)

    def read(*, dossier: Dossier, context: object, name: str) -> Measurement:
        found = [e for e in dossier.evidence if isinstance(e, Statement) and e.id == name]
        return Measurement.of(float(found[0].text), found) if found else Measurement.missing()

    for i in range(n):
        name = f"x{i}"

        def reader(*, dossier: Dossier, context: object, name: str = name) -> Measurement:
            return read(dossier=dossier, context=context, name=name)

        reg.indicator(reader, name=name, title=(name, name), unit="share", direction="higher")
    return reg


def _rubric() -> Rubric:
    label = Label(vi="Tiêu chí", en="Criterion")
    basis = (LegalBasis(act="Law 10/2022/QH15", article=11),)
    rng = random.Random(7)
    sections = []
    for s in range(N_SECTIONS):
        criteria = []
        for c in range(PER_SECTION):
            i = s * PER_SECTION + c
            method, params = rng.choice(
                [
                    ("goalposts", {"worst": 0.0, "best": 1.0}),
                    ("threshold", {"at": 0.8, "direction": "at_least"}),
                    ("bands", {"edges": (0.5, 0.9), "scores": (0.0, 0.5, 1.0)}),
                ]
            )
            criteria.append(
                Criterion(
                    id=f"c{i}",
                    title=label,
                    indicator=f"x{i}",
                    method=method,
                    params=params,
                    weight=rng.choice([1.0, 2.0, 3.0]),
                    legal_basis=basis,
                    recommendation=Label(vi="Cải thiện", en="Improve"),
                )
            )
        sections.append(
            Section(
                id=f"s{s}",
                title=Label(vi="Mục", en="Section"),
                aggregator="weighted_mean",
                na_policy=NAPolicy.RENORMALISE,
                criteria=tuple(criteria),
            )
        )
    return Rubric(
        id="large",
        version="1",
        title=Label(vi="Bộ lớn", en="Large"),
        regimes=(Regime(id="any", title=Label(vi="Mọi thời kỳ", en="Any time")),),
        bands=tuple(
            Band(id=b, label=Label(vi=b, en=b), min_total=m)
            for b, m in [("low", 0), ("mid", 50), ("good", 70), ("top", 90)]
        ),
        aggregator="weighted_mean",
        na_policy=NAPolicy.RENORMALISE,
        min_coverage=0.0,
        sections=tuple(sections),
    )


@pytest.fixture(scope="module")
def large() -> tuple[Registry, Rubric, Dossier, Any]:
    reg = _registry(N_SECTIONS * PER_SECTION)
    rubric = _rubric()
    rng = random.Random(11)
    # evidence for two criteria in three, low on the whole: the unit starts in "low"
    evidence = tuple(
        Statement(id=f"x{i}", text=repr(round(rng.uniform(0.0, 0.6), 3)))
        for i in range(N_SECTIONS * PER_SECTION)
        if rng.random() < 2 / 3
    )
    dossier = Dossier(
        unit=Unit(id="u", kind=UnitKind.WARD, name="Phường Thử"),
        period=Period.year(2024),
        evidence=evidence,
    )
    return reg, rubric, dossier, score(dossier, rubric, registry=reg)


def _applied(dossier: Dossier, steps: Any) -> Dossier:
    values = {e.id: float(e.text) for e in dossier.evidence if isinstance(e, Statement)}
    for step in steps:
        name = f"x{step.criterion[1:]}"
        values[name] = max(values.get(name, step.needed_value), step.needed_value)
    return attrs.evolve(
        dossier, evidence=tuple(Statement(id=k, text=repr(v)) for k, v in values.items())
    )


@pytest.mark.parametrize("target", ["mid", "good", "top"])
def test_a_large_rubric_is_searched_with_bounded_work_and_the_proposals_reach_the_band(
    large: tuple[Registry, Rubric, Dossier, Any],
    target: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On 3,000 criteria, each on its own indicator, a call judges a few times the cell
    budget at most, and the dossier with the proposals carried out is rated at the band."""
    reg, rubric, dossier, card = large
    assert card.rated
    assert card.band == "low"
    judged = [0]
    judge = _improve._judge

    def counting(comp: Any, table: np.ndarray, applicable: Any, *, goal: int) -> Any:
        judged[0] += table.size
        return judge(comp, table, applicable, goal=goal)

    monkeypatch.setattr(_improve, "_judge", counting)
    steps = card.improvements(target=target)
    assert steps
    # the full search, the greedy rounds and the lowering each stay within the budget
    assert judged[0] <= 3 * _improve._MAX_CELLS
    for step in steps:
        assert step.needed_score > (step.current_score or 0.0)
    after = score(_applied(dossier, steps), rubric, registry=reg)
    assert after.rated
    ids = [b.id for b in rubric.bands]
    assert after.band is not None
    assert ids.index(after.band) >= ids.index(target)


@pytest.mark.parametrize("batch", [1, 2, 3, 5, 64])
def test_the_first_passing_index_is_found_within_the_batch(batch: int) -> None:
    """`_first` finds the least passing index of a monotone test (or None), testing at most
    `batch` indices per call and, for a batch of one, a bisection's worth of calls."""
    for n in range(30):
        for answer in range(n + 1):
            calls: list[list[int]] = []

            def test(
                indices: list[int], answer: int = answer, calls: list[list[int]] = calls
            ) -> np.ndarray:
                calls.append(indices)
                return np.array([i >= answer for i in indices])

            got = _improve._first(n, test, batch=batch)
            assert got == (None if answer == n else answer)
            assert all(len(c) <= batch for c in calls)
            if batch == 1 and n:
                assert len(calls) <= 1 + n.bit_length()
