"""The public functions of the engine."""

from __future__ import annotations

import datetime as dt
import os

from dancoso._io import Format, dumps, load
from dancoso.errors import DancosoError
from dancoso.model import Dossier, UnitKind
from dancoso.scoring._default import REGISTRY
from dancoso.scoring._engine import score_with
from dancoso.scoring._reference import REFERENCE_BY_KIND, register_packaged, registered_rubric
from dancoso.scoring._registry import Registry, ScoringError
from dancoso.scoring._results import Scorecard
from dancoso.scoring._rubric import Rubric, check_rubric

__all__ = [
    "dump_scorecard",
    "list_rubrics",
    "load_rubric",
    "load_scorecard",
    "reference_rubric",
    "rubric",
    "score",
]

register_packaged(REGISTRY)


def load_rubric(
    source: str | bytes | os.PathLike[str] | None = None,
    *,
    format: Format | None = None,  # noqa: A002
    registry: Registry | None = None,
    path: str | os.PathLike[str] | None = None,
) -> Rubric:
    """Load a rubric from TOML or JSON text, or from a `.toml`/`.json` file, and check it.

    A `str` is always the rubric's text, never a file name: pass a `pathlib.Path`, or
    `path=`, to read a file.

    Every name is checked against the registry: an unknown indicator, method or
    aggregator is reported at its path with the nearest valid names.

    Raises:
        InvalidInput: Every problem, each with its path.
        DancosoError: The file cannot be read.
    """
    r = load(Rubric, source, format=format, path=path)  # structural problems: "input has …"
    return check_rubric(r, registry or REGISTRY)


def rubric(rubric_id: str, *, registry: Registry | None = None) -> Rubric:
    """The registered rubric with id `rubric_id` (shipped or from a plugin), checked."""
    return registered_rubric(rubric_id, registry or REGISTRY)


def reference_rubric(
    unit_kind: UnitKind | str, *, on: dt.date | None = None, registry: Registry | None = None
) -> Rubric:
    """The reference rubric for a kind of unit, with a legal regime for the date `on`.

    Raises:
        ScoringError: No reference rubric rates that kind, or none has a regime for `on`.
    """
    try:
        kind = UnitKind(unit_kind)
    except ValueError:
        raise ScoringError(f"unknown unit kind {unit_kind!r}") from None
    rubric_id = REFERENCE_BY_KIND.get(kind)
    if rubric_id is None:
        raise ScoringError(f"no reference rubric rates a {kind.value} ({kind.vi})")
    r = rubric(rubric_id, registry=registry)
    if on is not None and r.regime_on(on) is None:
        raise ScoringError(f"reference rubric {r.id!r} has no legal regime for {on}")
    return r


def list_rubrics(*, registry: Registry | None = None) -> tuple[str, ...]:
    """Ids of every registered rubric: shipped ones and those of plugins."""
    return (registry or REGISTRY).names("rubric")


def score(
    dossier: Dossier, rubric: Rubric | None = None, *, registry: Registry | None = None
) -> Scorecard:
    """Score a dossier.

    Args:
        dossier: What is known about the unit over the period.
        rubric: The rubric; `None` picks the reference rubric for the unit's kind, with the
            legal regime in force on the last day of the dossier's period.
        registry: Where names are looked up (the default registry otherwise).

    Raises:
        ScoringError: The rubric does not rate this kind of unit, or has no regime for the period.
        InvalidInput: The rubric names what the registry does not know.
    """
    from dancoso import __version__

    if not isinstance(dossier, Dossier):
        raise DancosoError(f"score() takes a Dossier, not {type(dossier).__name__}")
    reg = registry or REGISTRY
    chosen = (
        rubric
        if rubric is not None
        else reference_rubric(dossier.unit.kind, on=dossier.period.end, registry=reg)
    )
    return score_with(chosen, dossier, reg, __version__)


def dump_scorecard(scorecard: Scorecard) -> str:
    """The scorecard as JSON; `load_scorecard` reads it back unchanged."""
    if not isinstance(scorecard, Scorecard):
        raise DancosoError(f"dump_scorecard() takes a Scorecard, not {type(scorecard).__name__}")
    return dumps(scorecard)


def load_scorecard(
    source: str | bytes | os.PathLike[str] | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
) -> Scorecard:
    """Read a scorecard written by `dump_scorecard`, from its JSON text or from a file.

    A `str` is always the JSON text, never a file name: pass a `pathlib.Path`, or
    `path=`, to read a file.

    Raises:
        InvalidInput: The text is not a valid scorecard.
        DancosoError: The file cannot be read.
    """
    return load(Scorecard, source, format="json", path=path)
