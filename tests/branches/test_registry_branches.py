"""Plugin registration: every contract breach is a PluginError naming the plugin."""

from __future__ import annotations

import types
from typing import Any

import pytest

from dancoso.scoring import (
    AggregatorSpec,
    MethodSpec,
    PluginError,
    Registry,
    _registry,
)
from dancoso.scoring._methods import BUILTIN_METHODS


class EntryPoint:
    """An entry point served from memory."""

    def __init__(self, name: str, obj: Any = None, error: Exception | None = None) -> None:
        self.name, self._obj, self._error = name, obj, error

    def load(self) -> Any:
        if self._error is not None:
            raise self._error
        return self._obj


@pytest.fixture
def groups(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[EntryPoint]]:
    """Entry-point groups the test fills; the environment switch is off."""
    table: dict[str, list[EntryPoint]] = {}
    monkeypatch.setattr(
        _registry.importlib.metadata, "entry_points", lambda group: table.get(group, [])
    )
    monkeypatch.delenv(_registry.DISABLE_ENV, raising=False)
    return table


def compute(*, dossier: object, context: object) -> Any:
    raise AssertionError("never called")


def test_a_callable_without_a_signature_is_refused() -> None:
    """An indicator whose signature cannot be read (a C callable) is refused, naming it."""
    with pytest.raises(
        PluginError,
        match=r"^builtins\.max: cannot read its signature \(no signature found for builtin",
    ):
        Registry(entry_points=False).indicator(max, title=("A", "A"))


def test_a_positional_only_keyword_is_refused() -> None:
    """An indicator taking `dossier` positionally only cannot be called by keyword: refused."""

    def positional(dossier: object, /, *, context: object) -> Any:
        raise AssertionError("never called")

    with pytest.raises(PluginError, match=r"positional: 'dossier' must be passable by keyword$"):
        Registry(entry_points=False).indicator(positional, title=("A", "A"))


def test_extra_required_arguments_are_refused() -> None:
    """An indicator that also requires `year` would fail when the engine calls it: refused."""

    def needy(*, dossier: object, context: object, year: int) -> Any:
        raise AssertionError("never called")

    with pytest.raises(PluginError, match=r"needy requires unexpected arguments: year$"):
        Registry(entry_points=False).indicator(needy, title=("A", "A"))


def test_a_catch_all_indicator_is_accepted() -> None:
    """An indicator taking **kwargs accepts `dossier` and `context` and is registered."""

    def loose(**kwargs: object) -> Any:
        raise AssertionError("never called")

    reg = Registry(entry_points=False)
    assert reg.indicator(loose, name="x.loose", title=("A", "A")) is loose
    assert reg.get_indicator("x.loose").compute is loose


def test_a_bad_direction_is_refused() -> None:
    """direction='up' is neither 'higher' nor 'lower': refused, naming the indicator."""
    with pytest.raises(PluginError, match=r"compute: direction must be 'higher' or 'lower'$"):
        Registry(entry_points=False).indicator(compute, title=("A", "A"), direction="up")


def test_a_rubric_loader_must_be_callable() -> None:
    """Registering a rubric with a non-callable loader is refused, naming the rubric."""
    with pytest.raises(PluginError, match=r"^rubric 'r': expected a callable returning a Rubric$"):
        Registry(entry_points=False).rubric("r", 42)  # type: ignore[arg-type]


def test_a_plugin_needs_a_name() -> None:
    """A method whose name is empty is refused."""
    spec = BUILTIN_METHODS[0]
    nameless = MethodSpec(
        name="",
        params=spec.params,
        fn=spec.fn,
        inverse=spec.inverse,
        increasing=spec.increasing,
    )
    with pytest.raises(PluginError, match=r"^method needs a non-empty name$"):
        Registry(entry_points=False).method(nameless)


def test_the_same_method_registered_twice_is_harmless() -> None:
    """The same spec, or an equal one with the same functions (a re-import), registered again
    is no error."""
    reg = Registry(entry_points=False)
    spec = BUILTIN_METHODS[0]
    again = MethodSpec(
        name=spec.name,
        params=spec.params,
        fn=spec.fn,
        inverse=spec.inverse,
        increasing=spec.increasing,
        check=spec.check,
        description=spec.description,
        array_params=spec.array_params,
    )
    reg.method(spec)
    reg.method(spec)
    reg.method(again)
    assert reg.get_method(spec.name) == spec


def test_an_entry_point_that_fails_to_load_is_reported(groups: dict[str, list[EntryPoint]]) -> None:
    """An entry point whose import fails is a PluginError naming it, its group and the cause."""
    groups["dancoso.methods"] = [EntryPoint("broken", error=ImportError("no module named x"))]
    with pytest.raises(
        PluginError,
        match=r"^entry point 'broken' in dancoso\.methods: cannot load \(no module named x\)$",
    ):
        Registry().get_method("anything")


def test_entry_points_give_methods_aggregators_and_rubrics(
    groups: dict[str, list[EntryPoint]],
) -> None:
    """Spec objects and rubric values from entry points are registered under their names."""
    spec = BUILTIN_METHODS[0]
    mean = AggregatorSpec(name="ep_mean", fn=lambda *, scores, weights: scores)
    marker = object()
    groups["dancoso.methods"] = [EntryPoint(spec.name, spec)]
    groups["dancoso.aggregators"] = [EntryPoint("ep_mean", mean)]
    groups["dancoso.rubrics"] = [EntryPoint("ep-rubric", marker)]
    reg = Registry()
    assert reg.get_method(spec.name) is spec
    assert reg.get_aggregator("ep_mean") is mean
    assert reg.get_rubric_loader("ep-rubric")() is marker


def test_modules_and_self_registered_indicators_from_entry_points_are_accepted(
    groups: dict[str, list[EntryPoint]],
) -> None:
    """An entry point giving a module, or an indicator already registered on import, is fine."""
    reg = Registry()
    reg.indicator(compute, name="ep.compute", title=("A", "A"))
    groups["dancoso.indicators"] = [
        EntryPoint("mod", types.ModuleType("plugin_module")),
        EntryPoint("ep.compute", compute),
    ]
    assert reg.get_indicator("ep.compute").compute is compute
    with pytest.raises(_registry.UnknownName):
        reg.get_indicator("mod")


def test_a_rubric_registered_in_one_registry_is_never_seen_by_a_later_one() -> None:
    """Rubrics loaded through a registry are kept with it, not with its address: a new
    registry (which may be given a freed one's address) loads its own, and the cache
    forgets a registry once it is gone."""
    import gc

    import attrs

    from dancoso.scoring import load_rubric
    from dancoso.scoring._reference import _LOADED, registered_rubric

    from .conftest import RUBRIC, mini_registry

    gc.collect()
    before = len(_LOADED)
    for version in ("1", "2", "3"):
        reg = mini_registry()
        mine = attrs.evolve(load_rubric(RUBRIC, registry=reg), version=version)
        reg.rubric("mini", lambda mine=mine: mine)
        assert registered_rubric("mini", reg).version == version
        del reg
        gc.collect()
    assert len(_LOADED) == before
