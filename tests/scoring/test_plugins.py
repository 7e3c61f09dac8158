"""Plugins: contracts checked at registration, entry points loaded lazily, a real install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dancoso.scoring import (
    AggregatorSpec,
    Measurement,
    MethodSpec,
    ParamSpec,
    PluginError,
    Registry,
    UnknownName,
    _registry,
)

ROOT = Path(__file__).resolve().parents[2]


def test_indicator_registers_by_decorator_and_by_call() -> None:
    """An indicator registers as a decorator or as a call, and is returned unchanged."""
    reg = Registry(entry_points=False)

    @reg.indicator(name="a.one", title=("Một", "One"))
    def one(*, dossier: Any, context: Any) -> Measurement:
        return Measurement.of(1)

    def two(*, dossier: Any, context: Any) -> Measurement:
        return Measurement.of(2)

    assert reg.indicator(two, name="a.two", title=("Hai", "Two")) is two
    assert reg.names("indicator") == ("a.one", "a.two")
    assert reg.get_indicator("a.one").compute is one


def test_indicator_with_a_wrong_signature_is_refused_naming_it() -> None:
    """An indicator that cannot take `context` by keyword is refused when it registers."""
    reg = Registry(entry_points=False)

    def bad(dossier: Any) -> Measurement:
        return Measurement.missing()

    with pytest.raises(
        PluginError,
        match=r"indicator .*test_plugins.*bad must accept the keyword argument 'context'",
    ):
        reg.indicator(bad, name="x.bad", title=("Sai", "Bad"))
    assert reg.names("indicator") == ()


def test_indicator_needs_a_title() -> None:
    """An indicator without a bilingual title is refused."""
    with pytest.raises(PluginError, match="needs a title"):
        Registry(entry_points=False).indicator(lambda *, dossier, context: None, name="x")


def test_method_with_a_wrong_signature_is_refused() -> None:
    """A method must take `values`, `years` and each declared parameter by keyword."""

    def fn(values: Any, *, years: Any) -> Any:
        return values

    spec = MethodSpec(
        name="scaled",
        params=(ParamSpec(name="factor", kind="number"),),
        fn=fn,
        inverse=lambda score, *, years, factor: score,
        increasing=lambda *, factor: True,
    )
    with pytest.raises(
        PluginError, match=r"method 'scaled':.*must accept the keyword argument 'factor'"
    ):
        Registry(entry_points=False).method(spec)


def test_aggregator_with_a_wrong_signature_is_refused() -> None:
    """An aggregator must take `scores` and `weights`."""
    spec = AggregatorSpec(name="first", fn=lambda s, w: s[:, 0])
    with pytest.raises(PluginError, match=r"aggregator 'first':.*'scores'"):
        Registry(entry_points=False).aggregator(spec)


def test_duplicate_names_are_refused() -> None:
    """Two different plugins cannot take one name."""
    reg = Registry(entry_points=False)
    reg.aggregator(AggregatorSpec(name="mean", fn=lambda *, scores, weights: scores.mean(axis=1)))
    with pytest.raises(PluginError, match="aggregator 'mean' is already registered"):
        reg.aggregator(
            AggregatorSpec(name="mean", fn=lambda *, scores, weights: scores.max(axis=1))
        )


def test_unknown_name_suggests_the_nearest() -> None:
    """Looking up an unknown name suggests registered ones close to it."""
    reg = Registry(entry_points=False)
    reg.aggregator(AggregatorSpec(name="mean", fn=lambda *, scores, weights: scores.mean(axis=1)))
    with pytest.raises(UnknownName, match=r"unknown aggregator 'maen'; did you mean 'mean'\?"):
        reg.get_aggregator("maen")


# --------------------------------------------------------------------------- entry points
class FakeEntryPoint:
    def __init__(self, name: str, obj: Any, log: list[str]) -> None:
        self.name, self._obj, self._log = name, obj, log

    def load(self) -> Any:
        self._log.append(self.name)
        return self._obj


MEAN = AggregatorSpec(name="plugin_mean", fn=lambda *, scores, weights: np.mean(scores, axis=1))


@pytest.fixture
def fake_entry_points(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Entry points served from memory; returns the log of those loaded."""
    log: list[str] = []
    groups = {"dancoso.aggregators": [FakeEntryPoint("plugin_mean", MEAN, log)]}
    monkeypatch.setattr(
        _registry.importlib.metadata, "entry_points", lambda group: groups.get(group, [])
    )
    monkeypatch.delenv(_registry.DISABLE_ENV, raising=False)
    return log


def test_entry_points_load_only_when_needed(fake_entry_points: list[str]) -> None:
    """Creating a registry loads nothing; the first look-up of that kind loads the group once."""
    reg = Registry()
    assert fake_entry_points == []
    assert reg.get_aggregator("plugin_mean") is MEAN
    reg.names("aggregator")
    assert fake_entry_points == ["plugin_mean"]


def test_entry_points_can_be_turned_off(
    fake_entry_points: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With entry points off, by flag or environment variable, plugins stay unknown."""
    with pytest.raises(UnknownName):
        Registry(entry_points=False).get_aggregator("plugin_mean")
    monkeypatch.setenv(_registry.DISABLE_ENV, "1")
    with pytest.raises(UnknownName):
        Registry().get_aggregator("plugin_mean")
    assert fake_entry_points == []


def test_an_entry_point_of_the_wrong_kind_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry point that gives something else than a plugin is refused, naming it."""
    log: list[str] = []
    groups = {"dancoso.methods": [FakeEntryPoint("oops", 42, log)]}
    monkeypatch.setattr(
        _registry.importlib.metadata, "entry_points", lambda group: groups.get(group, [])
    )
    monkeypatch.delenv(_registry.DISABLE_ENV, raising=False)
    with pytest.raises(
        PluginError, match=r"entry point 'oops' in dancoso\.methods: 42 is not a method plugin"
    ):
        Registry().get_method("anything")


# --------------------------------------------------------------------------- a real install
SCRIPT = """
import datetime as dt
import dancoso
from dancoso.model import *
from dancoso.scoring import list_rubrics, rubric, score
assert "example-openness" in list_rubrics(), list_rubrics()
r = rubric("example-openness")
d = Dossier(
    unit=Unit(id="w", kind=UnitKind.WARD, name="Phường Mẫu"),
    period=Period.year(2024),
    evidence=(
        Disclosure(id="d1", subject="Dự toán ngân sách", disclosed_on=dt.date(2024, 3, 1),
                   channels=(DisclosureChannel.POSTING, DisclosureChannel.PORTAL,
                             DisclosureChannel.VILLAGE_HEADS)),
    ),
)
sc = score(d, r)
print(sc.rubric_id, sc.band, round(sc.total, 1), sc.criteria[0].evidence)
"""


def test_the_example_plugin_installs_and_scores(tmp_path: Path) -> None:
    """pip-installing examples/plugin makes its indicator and rubric available by entry point."""
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(ROOT / "examples" / "plugin"),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(target), str(ROOT / "src")])}
    env.pop("DANCOSO_DISABLE_PLUGINS", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], check=True, capture_output=True, text=True, env=env
    )
    assert out.stdout.split("\n")[0] == "example-openness open 100.0 ('d1',)"
