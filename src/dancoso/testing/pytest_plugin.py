"""An opt-in pytest plugin: every rubric file under a folder becomes a test item.

Enable it with `-p dancoso.testing.pytest_plugin` (or `pytest_plugins = [...]` in a
`conftest.py`) and name the folder, on the command line or in the ini file:

    pytest -p dancoso.testing.pytest_plugin --dancoso-rubrics=rubrics/

    [tool.pytest.ini_options]
    addopts = ["-p", "dancoso.testing.pytest_plugin"]
    dancoso_rubrics = "rubrics"

Each `*.toml` and `*.json` file under the folder is loaded with `load_rubric` and checked
with [`check_rubric`][dancoso.testing.check_rubric]; a file that does not load, or a
rubric that breaks a property, fails its item with the error's message. Without the
option the plugin does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dancoso.errors import DancosoError
from dancoso.scoring import load_rubric
from dancoso.testing._check import check_rubric

__all__ = ["RubricFile", "RubricItem"]

SUFFIXES = (".toml", ".json")


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--dancoso-rubrics=DIR` and its ini keys."""
    group = parser.getgroup("dancoso", "dancoso rubric checks")
    group.addoption(
        "--dancoso-rubrics",
        dest="dancoso_rubrics",
        default=None,
        metavar="DIR",
        help="check every rubric file (*.toml, *.json) under DIR with dancoso.testing.check_rubric",
    )
    group.addoption(
        "--dancoso-max-examples",
        dest="dancoso_max_examples",
        type=int,
        default=None,
        help="examples drawn per property (default: check_rubric's)",
    )
    parser.addini("dancoso_rubrics", "folder of rubric files to check", default="")
    parser.addini("dancoso_max_examples", "examples drawn per property", default="")
    parser.addini(
        "dancoso_derandomize", "draw the same examples on every run", type="bool", default=False
    )


def _folder(config: pytest.Config) -> Path | None:
    value = config.getoption("dancoso_rubrics") or config.getini("dancoso_rubrics")
    if not value:
        return None
    path = Path(str(value))
    return path if path.is_absolute() else Path(config.rootpath, path)


def pytest_configure(config: pytest.Config) -> None:
    """Fail early and clearly when the folder named does not exist."""
    folder = _folder(config)
    if folder is not None and not folder.is_dir():
        raise pytest.UsageError(f"--dancoso-rubrics: no folder {folder}")


def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Add one item per rubric file under the folder (files found by the usual collection,
    such as a test module's own TOML, are not collected twice)."""
    folder = _folder(config)
    if folder is None:
        return
    known = {i.path for i in items if isinstance(i, RubricItem)}
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file()):
        if path in known:
            continue
        parent = RubricFile.from_parent(session, path=path)
        items.extend(parent.collect())


class RubricFile(pytest.File):
    """A rubric file: one item that loads and checks it."""

    def collect(self) -> Iterator[RubricItem]:
        """The file's single item."""
        yield RubricItem.from_parent(self, name=self.path.name)


class RubricItem(pytest.Item):
    """Loads a rubric file and runs `check_rubric` on it."""

    def runtest(self) -> None:
        """Load the rubric and check it; a `DancosoError` fails the item."""
        config = self.config
        chosen = config.getoption("dancoso_max_examples") or config.getini("dancoso_max_examples")
        options: dict[str, Any] = {"derandomize": bool(config.getini("dancoso_derandomize"))}
        if chosen:
            options["max_examples"] = int(chosen)
        rubric = load_rubric(self.path)
        check_rubric(rubric, **options)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """The error's own message: which properties broke, with their counter-examples."""
        if isinstance(excinfo.value, DancosoError):
            return f"{self.path}: {excinfo.value}"
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the item comes from, for pytest's report."""
        return self.path, None, f"rubric {self.path.name}"
