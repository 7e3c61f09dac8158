"""The reference rubrics shipped with dancoso, and choosing one for a unit."""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable

from dancoso._weak import WeakIdMap
from dancoso.errors import DancosoError
from dancoso.model import UnitKind
from dancoso.scoring._registry import Registry
from dancoso.scoring._rubric import Rubric, check_rubric

__all__ = ["PACKAGED", "REFERENCE_BY_KIND", "packaged_loader", "registered_rubric"]

#: The rubric files shipped in `dancoso/scoring/rubrics/`.
PACKAGED = ("agency", "commune", "commune-points", "employer", "local", "soe")

#: Which reference rubric rates which kind of unit.
REFERENCE_BY_KIND: dict[UnitKind, str] = {
    **dict.fromkeys(
        (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE, UnitKind.TOWNSHIP), "commune"
    ),
    **dict.fromkeys((UnitKind.STATE_AGENCY, UnitKind.PUBLIC_SERVICE_UNIT), "agency"),
    UnitKind.STATE_OWNED_ENTERPRISE: "soe",
    UnitKind.NON_STATE_EMPLOYER: "employer",
    **dict.fromkeys(
        (
            UnitKind.URBAN_DISTRICT,
            UnitKind.RURAL_DISTRICT,
            UnitKind.DISTRICT_TOWN,
            UnitKind.PROVINCIAL_CITY,
            UnitKind.MUNICIPAL_CITY,
            UnitKind.PROVINCE,
            UnitKind.CENTRAL_CITY,
        ),
        "local",
    ),
}


def packaged_loader(name: str) -> Callable[[], Rubric]:
    """A loader reading `rubrics/<name>.toml` from the installed package."""

    def load() -> Rubric:
        from dancoso._io import loads

        text = importlib.resources.files("dancoso.scoring").joinpath(f"rubrics/{name}.toml")
        return loads(Rubric, text.read_text(encoding="utf-8"), format="toml")

    return load


def register_packaged(registry: Registry) -> None:
    """Register every shipped rubric with `registry`."""
    for name in PACKAGED:
        registry.rubric(name, packaged_loader(name))


# per registry, weakly: an id() key would outlive its registry and could be handed to a
# new one, which would then see the old registry's rubrics
_LOADED: WeakIdMap[Registry, dict[str, Rubric]] = WeakIdMap()


def registered_rubric(rubric_id: str, registry: Registry) -> Rubric:
    """The rubric registered as `rubric_id` (shipped or from a plugin), checked once."""
    loaded = _LOADED.get(registry)
    if loaded is None:
        loaded = {}
        _LOADED.put(registry, loaded)
    if rubric_id not in loaded:
        got = registry.get_rubric_loader(rubric_id)()
        if not isinstance(got, Rubric):
            raise DancosoError(
                f"rubric plugin {rubric_id!r} returned {type(got).__name__}, not a Rubric"
            )
        loaded[rubric_id] = check_rubric(got, registry)
    return loaded[rubric_id]
