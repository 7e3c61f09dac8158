"""Shared fixtures for engine tests: a toy registry, its rubric text, and a dossier."""

from __future__ import annotations

import pytest

from dancoso.model import (
    DemocracyRegulation,
    DialogueKind,
    DialogueTally,
    Dossier,
    Period,
    Ratio,
    Satisfaction,
    Statement,
    Unit,
    UnitKind,
)
from dancoso.scoring import Measurement, Registry
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS

TOY_RUBRIC = """
id = "toy"
version = "1"
title = { vi = "Thử", en = "Toy" }
unit_kinds = ["ward", "commune"]

[[regimes]]
id = "old"
title = { vi = "Cũ", en = "Old" }
end = 2023-06-30

[[regimes]]
id = "law"
title = { vi = "Luật", en = "Law" }
start = 2023-07-01

[[bands]]
id = "low"
label = { vi = "Thấp", en = "Low" }
min_total = 0

[[bands]]
id = "mid"
label = { vi = "Vừa", en = "Middle" }
min_total = 50

[[bands]]
id = "high"
label = { vi = "Cao", en = "High" }
min_total = 80

[[sections]]
id = "meet"
title = { vi = "Gặp gỡ", en = "Meet" }

[[sections.criteria]]
id = "dialogue"
title = { vi = "Đối thoại", en = "Dialogue" }
indicator = "toy.dialogues"
method = "target"
params = { per_year = 2 }
legal_basis = [{ act = "Law 10/2022/QH15", article = 32, clause = 1 }]
recommendation = { vi = "Tổ chức đối thoại", en = "Hold dialogues" }

[[sections.criteria]]
id = "satisfaction"
title = { vi = "Hài lòng", en = "Satisfaction" }
indicator = "toy.satisfaction"
method = "goalposts"
params = { worst = 0.5, best = 1.0 }
policy = true
policy_note = "The law sets no number."
legal_basis = [{ act = "Law 10/2022/QH15", article = 35, clause = 2, point = "a" }]
recommendation = { vi = "Khảo sát", en = "Survey" }

[[sections]]
id = "rules"
title = { vi = "Quy chế", en = "Rules" }

[[sections.criteria]]
id = "regulation"
title = { vi = "Quy chế dân chủ", en = "Democracy regulation" }
indicator = "toy.regulation"
method = "boolean"
gate = true
cap_band = "mid"
legal_basis = [{ act = "Law 10/2022/QH15", article = 35, clause = 2, point = "c" }]
recommendation = { vi = "Ban hành quy chế", en = "Issue the regulation" }
"""


def make_registry() -> Registry:
    """A registry with the built-in methods and three toy indicators, no entry points."""
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)

    @reg.indicator(name="toy.dialogues", title=("Đối thoại", "Dialogues"), unit="count")
    def dialogues(*, dossier: Dossier, context: object) -> Measurement:
        found = [e for e in dossier.evidence if isinstance(e, DialogueTally)]
        if not found:
            return Measurement.missing()
        return Measurement.of(sum(t.count or 0 for t in found), found)

    @reg.indicator(name="toy.satisfaction", title=("Hài lòng", "Satisfaction"), unit="share")
    def satisfaction(*, dossier: Dossier, context: object) -> Measurement:
        found = [e for e in dossier.evidence if isinstance(e, Satisfaction) and e.rate]
        if not found:
            return Measurement.missing()
        value = found[0].rate.value if found[0].rate else None
        return Measurement.of(value or 0.0, found)

    @reg.indicator(name="toy.regulation", title=("Quy chế", "Regulation"), unit="bool")
    def regulation(*, dossier: Dossier, context: object) -> Measurement:
        found = [e for e in dossier.evidence if isinstance(e, DemocracyRegulation)]
        if found:
            return Measurement.of(True, found)
        # a report saying there is none: evidence of failure, unlike silence
        lacking = [e for e in dossier.evidence if isinstance(e, Statement) and e.id == "r"]
        return Measurement.of(False, lacking) if lacking else Measurement.missing()

    return reg


@pytest.fixture
def registry() -> Registry:
    return make_registry()


def ward_dossier(
    *,
    year: int = 2021,
    dialogues: int | None = 1,
    satisfaction: float | None = 0.9,
    regulation: bool | None = None,
) -> Dossier:
    """A ward's dossier; `regulation` None says nothing of it, False records that it lacks one."""
    evidence: list[object] = []
    if dialogues is not None:
        evidence.append(
            DialogueTally(
                id="d", kind=DialogueKind.HEAD_BUSINESSES, period=Period.year(year), count=dialogues
            )
        )
    if satisfaction is not None:
        evidence.append(
            Satisfaction(id="s", period=Period.year(year), rate=Ratio(share=satisfaction))
        )
    if regulation:
        evidence.append(DemocracyRegulation(id="r", title="Quy chế dân chủ"))
    elif regulation is not None:
        evidence.append(Statement(id="r", text="Phường chưa ban hành quy chế dân chủ"))
    return Dossier(
        unit=Unit(id="w", kind=UnitKind.WARD, name="Phường X"),
        period=Period.year(year),
        evidence=tuple(evidence),  # type: ignore[arg-type]
    )


@pytest.fixture
def toy_text() -> str:
    return TOY_RUBRIC


@pytest.fixture
def make_dossier() -> object:
    return ward_dossier
