"""dancoso: typed data and explainable scoring for Vietnam's grassroots democracy law.

The public API of the foundation:

- [`load_dossier`][dancoso.load_dossier] / [`dump_dossier`][dancoso.dump_dossier]: JSON and
  TOML in and out, validated, lossless.
- [`to_data`][dancoso.to_data] / [`from_data`][dancoso.from_data]: plain data for every
  model class.
- [`json_schema`][dancoso.json_schema]: JSON Schema 2020-12 for any model class.
- `dancoso.model`: the domain classes; `dancoso.errors`: the exceptions.
"""

from importlib.metadata import PackageNotFoundError, version

from dancoso._io import dump_dossier, dumps, from_data, load, load_dossier, loads, to_data
from dancoso._schema import json_schema
from dancoso.errors import DancosoError, InvalidInput, Problem
from dancoso.model import Dossier

try:
    __version__ = version("dancoso")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    from dancoso._version import __version__

__all__ = [
    "DancosoError",
    "Dossier",
    "InvalidInput",
    "Problem",
    "__version__",
    "dump_dossier",
    "dumps",
    "from_data",
    "json_schema",
    "load",
    "load_dossier",
    "loads",
    "to_data",
]
