"""dancoso: typed data and explainable scoring for Vietnam's grassroots democracy law.

The public API of the foundation:

- [`load_dossier`][dancoso.load_dossier] / [`dump_dossier`][dancoso.dump_dossier]: JSON and
  TOML in and out, validated, lossless.
- [`to_data`][dancoso.to_data] / [`from_data`][dancoso.from_data]: plain data for every
  model class.
- [`json_schema`][dancoso.json_schema]: JSON Schema 2020-12 for any model class.
- `dancoso.model`: the domain classes; `dancoso.errors`: the exceptions.

And of the rubric engine (`dancoso.scoring`, imported on first use so that
`import dancoso` stays light): [`score`][dancoso.scoring.score],
[`load_rubric`][dancoso.scoring.load_rubric],
[`reference_rubric`][dancoso.scoring.reference_rubric],
[`list_rubrics`][dancoso.scoring.list_rubrics],
[`dump_scorecard`][dancoso.scoring.dump_scorecard] and
[`load_scorecard`][dancoso.scoring.load_scorecard].
"""

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from dancoso._io import dump_dossier, dumps, from_data, load, load_dossier, loads, to_data
from dancoso._schema import json_schema
from dancoso.errors import DancosoError, InvalidInput, Problem
from dancoso.model import Dossier

try:
    __version__ = version("dancoso")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    from dancoso._version import __version__

if TYPE_CHECKING:
    from dancoso.scoring import (
        dump_scorecard,
        list_rubrics,
        load_rubric,
        load_scorecard,
        reference_rubric,
        score,
    )

#: Names served from `dancoso.scoring`, imported when first used (NumPy comes with them).
_SCORING = frozenset(
    {"dump_scorecard", "list_rubrics", "load_rubric", "load_scorecard", "reference_rubric", "score"}
)


def __getattr__(name: str) -> Any:
    if name in _SCORING:
        import dancoso.scoring

        return getattr(dancoso.scoring, name)
    raise AttributeError(f"module 'dancoso' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SCORING)


__all__ = [
    "DancosoError",
    "Dossier",
    "InvalidInput",
    "Problem",
    "__version__",
    "dump_dossier",
    "dump_scorecard",
    "dumps",
    "from_data",
    "json_schema",
    "list_rubrics",
    "load",
    "load_dossier",
    "load_rubric",
    "load_scorecard",
    "loads",
    "reference_rubric",
    "score",
    "to_data",
]
