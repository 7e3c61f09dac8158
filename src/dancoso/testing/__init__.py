"""A kit for rubric authors: strategies, invariants, assertions and a pytest plugin.

Installed with the `testing` extra (`pip install 'dancoso[testing]'`):

- [`check_rubric`][dancoso.testing.check_rubric] runs the engine's invariants on a rubric
  (bounds, monotone methods, aggregators that honour weights, evidence order, N/A
  policies, points adding up, determinism, evidence of failure never helping,
  improvements reaching the band) and raises one
  [`RubricCheckError`][dancoso.testing.RubricCheckError] listing every broken property
  with its shrunk counter-example;
- [`dossiers`][dancoso.testing.dossiers] (with `for_rubric=`) and
  [`rubrics`][dancoso.testing.rubrics], the strategies of `dancoso.strategies`;
- [`assert_scorecards_equal`][dancoso.testing.assert_scorecards_equal] and
  [`assert_band`][dancoso.testing.assert_band];
- an opt-in pytest plugin, `-p dancoso.testing.pytest_plugin --dancoso-rubrics=DIR`, that
  checks every rubric file under a folder.
"""

from __future__ import annotations

from dancoso.errors import DancosoError


class MissingExtra(DancosoError, ImportError):
    """An optional dependency of dancoso is not installed."""


try:  # Hypothesis first: its entry point then finds dancoso.strategies not yet imported
    import hypothesis  # noqa: F401
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise MissingExtra(
        "dancoso.testing needs Hypothesis, which comes with the `testing` extra: "
        "pip install 'dancoso[testing]'"
    ) from exc

from dancoso.strategies import dossiers, evidence_read_by, rubrics  # noqa: E402
from dancoso.testing._asserts import assert_band, assert_scorecards_equal  # noqa: E402
from dancoso.testing._check import (  # noqa: E402
    PROPERTIES,
    PropertyFailure,
    RubricCheckError,
    check_rubric,
)

__all__ = [
    "PROPERTIES",
    "MissingExtra",
    "PropertyFailure",
    "RubricCheckError",
    "assert_band",
    "assert_scorecards_equal",
    "check_rubric",
    "dossiers",
    "evidence_read_by",
    "rubrics",
]
