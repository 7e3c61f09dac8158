"""The public API's shape: names, order, no accidental duplicates, frozen classes, light import."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import dancoso
import dancoso.model as model
from dancoso.model import Model

#: Names the top-level package re-exports on purpose from a public submodule.
DELIBERATE_REEXPORTS = {
    ("dancoso", "Dossier"): "dancoso.model",
    ("dancoso", "DancosoError"): "dancoso.errors",
    ("dancoso", "InvalidInput"): "dancoso.errors",
    ("dancoso", "Problem"): "dancoso.errors",
    # the engine's contract, served lazily from dancoso.scoring
    ("dancoso", "dump_scorecard"): "dancoso.scoring",
    ("dancoso", "list_rubrics"): "dancoso.scoring",
    ("dancoso", "load_rubric"): "dancoso.scoring",
    ("dancoso", "load_scorecard"): "dancoso.scoring",
    ("dancoso", "reference_rubric"): "dancoso.scoring",
    ("dancoso", "score"): "dancoso.scoring",
    # the kit for rubric authors gathers the strategies it is used with
    ("dancoso.testing", "dossiers"): "dancoso.strategies",
    ("dancoso.testing", "evidence_read_by"): "dancoso.strategies",
    ("dancoso.testing", "rubrics"): "dancoso.strategies",
}
HEAVY = ("numpy", "hypothesis", "pandas", "jsonschema")


def _public_modules() -> list[ModuleType]:
    """`dancoso` and every submodule with no `_`-prefixed part in its name."""
    names = ["dancoso"] + [
        m.name
        for m in pkgutil.walk_packages(dancoso.__path__, "dancoso.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]
    return [importlib.import_module(n) for n in names]


def _model_classes() -> list[type[Any]]:
    """The attrs classes `dancoso.model` exports."""
    found = (getattr(model, name) for name in model.__all__)
    return [c for c in found if isinstance(c, type) and attrs.has(c)]


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps: CONSTANTS, then Classes, then everything else."""
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("module", [dancoso, model], ids=lambda m: m.__name__)
def test_every_name_in_all_exists(module: ModuleType) -> None:
    """`__all__` lists no name the module lacks."""
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    expected = []
    assert expected == missing


@pytest.mark.parametrize("module", _public_modules(), ids=lambda m: m.__name__)
def test_all_is_sorted_and_has_no_duplicates(module: ModuleType) -> None:
    """`__all__` is sorted (constants, classes, then functions) and lists each name once."""
    names = list(module.__all__)
    assert sorted(set(names), key=_isort_key) == names


def test_no_public_name_is_exposed_by_two_public_modules() -> None:
    """Apart from the deliberate top-level re-exports, each public name has one home."""
    homes: dict[str, list[str]] = {}
    for module in _public_modules():
        for name in module.__all__:
            homes.setdefault(name, []).append(module.__name__)
    duplicated = {name: sorted(mods) for name, mods in homes.items() if len(mods) > 1}
    expected = {name: sorted([top, home]) for (top, name), home in DELIBERATE_REEXPORTS.items()}
    assert expected == duplicated


@pytest.mark.parametrize(
    ("top", "name", "home"),
    [
        pytest.param(top, name, home, id=f"{top}.{name}")
        for (top, name), home in DELIBERATE_REEXPORTS.items()
    ],
)
def test_reexports_are_the_same_objects(top: str, name: str, home: str) -> None:
    """`dancoso.Dossier` is `dancoso.model.Dossier`, and so on."""
    found = getattr(importlib.import_module(top), name)
    assert getattr(importlib.import_module(home), name) is found


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda c: c.__name__)
def test_type_hints_resolve_on_every_model_class(cls: type[Any]) -> None:
    """`typing.get_type_hints` works on each class and covers every field."""
    hints = typing.get_type_hints(cls)
    missing = [a.name for a in attrs.fields(cls) if a.name not in hints]
    expected = []
    assert expected == missing


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda c: c.__name__)
def test_every_model_class_is_frozen_and_slotted(cls: type[Any]) -> None:
    """Assigning to a field raises FrozenInstanceError, and instances have no __dict__.

    The instance is made without running `__init__`: frozenness does not depend on the
    values, and some classes cannot be built without arguments.
    """
    instance = object.__new__(cls)
    field = attrs.fields(cls)[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, field, None)
    assert not hasattr(instance, "__dict__")


@pytest.mark.parametrize(
    "cls",
    [c for c in _model_classes() if issubclass(c, Model)],
    ids=lambda c: c.__name__,
)
def test_every_model_class_is_keyword_only(cls: type[Any]) -> None:
    """Fields are passed by name, so adding a field never shifts the others."""
    positional = [a.name for a in attrs.fields(cls) if not a.kw_only]
    expected = []
    assert expected == positional


def test_version_is_a_non_empty_string() -> None:
    """`dancoso.__version__` is a version string such as '0.1.0'."""
    assert isinstance(dancoso.__version__, str)
    assert re.match(r"^\d+\.\d+", dancoso.__version__)


def test_import_dancoso_does_not_import_heavy_dependencies() -> None:
    """`import dancoso` stays light: no numpy, hypothesis, pandas or jsonschema."""
    src = str(Path(dancoso.__file__).resolve().parents[1])
    code = (
        "import json, sys\n"
        "import dancoso\n"
        f"heavy = {HEAVY!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": src, "PATH": ""},
    )
    expected = []
    assert expected == json.loads(result.stdout)
