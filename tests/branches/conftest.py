"""A small registry (built-in methods, two toy indicators) and a rubric text built on it."""

from __future__ import annotations

import pytest

from dancoso.model import DialogueTally, Dossier, Statement
from dancoso.scoring import Measurement, Registry
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS

RUBRIC = """
id = "mini"
version = "1"
title = { vi = "Nhỏ", en = "Mini" }
unit_kinds = ["ward"]

[[bands]]
id = "low"
label = { vi = "Thấp", en = "Low" }
min_total = 0

[[bands]]
id = "high"
label = { vi = "Cao", en = "High" }
min_total = 60

[[sections]]
id = "meet"
title = { vi = "Gặp gỡ", en = "Meet" }

[[sections.criteria]]
id = "dialogue"
title = { vi = "Đối thoại", en = "Dialogue" }
indicator = "mini.dialogues"
method = "target"
params = { per_year = 2 }
legal_basis = [{ act = "Law 10/2022/QH15", article = 32, clause = 1 }]
recommendation = { vi = "Tổ chức đối thoại", en = "Hold dialogues" }

[[sections.criteria]]
id = "said"
title = { vi = "Phát biểu", en = "Statements" }
indicator = "mini.statements"
method = "bands"
params = { edges = [1, 3], scores = [0, 0.5, 1] }
legal_basis = [{ act = "Law 10/2022/QH15", article = 5, clause = 1 }]
recommendation = { vi = "Ghi nhận ý kiến", en = "Record opinions" }
"""


def mini_registry(*, statements: bool = True) -> Registry:
    """Built-in methods and aggregators, the toy indicators, no entry points
    (`mini.statements` left for the test to register when `statements` is false)."""
    reg = Registry(entry_points=False)
    for m in BUILTIN_METHODS:
        reg.method(m)
    for a in BUILTIN_AGGREGATORS:
        reg.aggregator(a)

    @reg.indicator(name="mini.dialogues", title=("Đối thoại", "Dialogues"), unit="count")
    def dialogues(*, dossier: Dossier, context: object) -> Measurement:
        found = [e for e in dossier.evidence if isinstance(e, DialogueTally)]
        if not found:
            return Measurement.missing()
        return Measurement.of(sum(t.count or 0 for t in found), found)

    def said(*, dossier: Dossier, context: object) -> Measurement:
        found = [e for e in dossier.evidence if isinstance(e, Statement)]
        return Measurement.of(len(found), found) if found else Measurement.missing()

    if statements:
        reg.indicator(said, name="mini.statements", title=("Phát biểu", "Statements"))

    return reg


@pytest.fixture
def registry() -> Registry:
    return mini_registry()
