"""Public engine helpers: the default registry's helpers, look-ups and citation checks."""

from __future__ import annotations

from typing import Any

import pytest

import dancoso
from dancoso.scoring import (
    REGISTRY,
    LegalBasis,
    Registry,
    ScoringError,
    citation_for,
    disable_entry_points,
    list_rubrics,
    reference_rubric,
    register_aggregator,
    register_method,
    register_rubric,
    rubric,
)
from dancoso.scoring._citations import Citation, _Table
from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS


def problems(cls: type[Any], data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(dancoso.InvalidInput) as info:
        dancoso.from_data(cls, data)
    return [(p.path, p.message) for p in info.value.problems]


def test_reregistering_a_builtin_through_the_default_helpers_is_harmless() -> None:
    """register_method/register_aggregator of a built-in already there return it unchanged."""
    assert register_method(BUILTIN_METHODS[0]) is BUILTIN_METHODS[0]
    assert register_aggregator(BUILTIN_AGGREGATORS[0]) is BUILTIN_AGGREGATORS[0]
    assert REGISTRY.get_method(BUILTIN_METHODS[0].name) == BUILTIN_METHODS[0]


def test_register_rubric_adds_a_lazy_rubric_to_the_default_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A rubric registered by name is listed, and its loader runs only when it is asked for."""
    monkeypatch.setattr(REGISTRY, "_rubrics", dict(REGISTRY._rubrics))
    calls: list[str] = []
    commune = rubric("commune")

    def load() -> object:
        calls.append("load")
        return commune

    register_rubric("branches-test", load)
    assert "branches-test" in list_rubrics()
    assert calls == []
    assert REGISTRY.get_rubric_loader("branches-test")() is commune
    assert calls == ["load"]


def test_disable_entry_points_switches_the_default_registry_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """disable_entry_points() turns the default registry's entry-point loading off."""
    monkeypatch.setattr(REGISTRY, "entry_points", True)
    disable_entry_points()
    assert REGISTRY.entry_points is False


def test_an_unknown_unit_kind_has_no_reference_rubric() -> None:
    """reference_rubric('planet') is a ScoringError naming the kind."""
    with pytest.raises(ScoringError, match=r"^unknown unit kind 'planet'$"):
        reference_rubric("planet")


def test_a_rubric_plugin_must_return_a_rubric() -> None:
    """A rubric loader returning a dict is a DancosoError naming the plugin and the type."""
    reg = Registry(entry_points=False)
    reg.rubric("bad", lambda: {"id": "bad"})
    with pytest.raises(
        dancoso.DancosoError, match=r"^rubric plugin 'bad' returned dict, not a Rubric$"
    ):
        rubric("bad", registry=reg)


def test_a_citation_needs_its_article_and_clause() -> None:
    """A point without a clause, or a clause without an article, is refused at its field."""
    base = {"act": "Law 10/2022/QH15", "source": "secondary"}
    assert problems(Citation, {**base, "article": 5, "point": "a"}) == [
        ("$.point", "a point needs a clause")
    ]
    assert problems(Citation, {**base, "clause": 1}) == [
        ("$.clause", "a clause or point needs an article")
    ]


def test_a_citation_table_lists_each_provision_once_with_one_title() -> None:
    """Two titles for one article and a provision listed twice are both refused."""
    one, two = {"vi": "Một", "en": "One"}, {"vi": "Hai", "en": "Two"}
    rows = [
        {"act": "L", "article": 5, "clause": 1, "title": one, "source": "x"},
        {"act": "L", "article": 5, "clause": 2, "title": two, "source": "x"},
        {"act": "L", "article": 5, "clause": 2, "source": "x"},
    ]
    assert problems(_Table, {"citations": rows}) == [
        ("$.citations[1].title", "L Art. 5 has two titles"),
        ("$.citations[2]", "L Art. 5.2 is listed twice"),
    ]


def test_a_citation_shows_its_provision_and_whether_it_was_checked() -> None:
    """The repr of a table entry is its citation and its verified flag."""
    found = citation_for(LegalBasis(act="Law 10/2022/QH15", article=32, clause=1))
    assert repr(found) == "Citation('Law 10/2022/QH15 Art. 32.1', verified=True)"
