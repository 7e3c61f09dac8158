"""The default registry, with the built-in methods, aggregators, indicators and rubrics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, overload

from dancoso.scoring._methods import BUILTIN_AGGREGATORS, BUILTIN_METHODS
from dancoso.scoring._registry import AggregatorSpec, MethodSpec, Registry

__all__ = [
    "REGISTRY",
    "disable_entry_points",
    "indicator",
    "register_aggregator",
    "register_method",
    "register_rubric",
]

F = TypeVar("F", bound=Callable[..., Any])

#: The registry `score()` and `load_rubric()` use unless given another.
REGISTRY = Registry()
"""The default registry: built-in indicators, methods and aggregators, the shipped rubrics,
and plugins found through entry points. `score()` and `load_rubric()` use it unless given
another."""
for _m in BUILTIN_METHODS:
    REGISTRY.method(_m)
for _a in BUILTIN_AGGREGATORS:
    REGISTRY.aggregator(_a)


@overload
def indicator(fn: F, **meta: Any) -> F: ...
@overload
def indicator(fn: None = None, **meta: Any) -> Callable[[F], F]: ...


def indicator(fn: F | None = None, **meta: Any) -> F | Callable[[F], F]:
    """Register an indicator with the default registry (a call or a decorator).

    Examples:
        ```python
        from dancoso.scoring import Measurement, indicator

        @indicator(name="example.evidence_count", title=("Số bằng chứng", "Evidence count"))
        def evidence_count(*, dossier, context):
            return Measurement.of(len(dossier.evidence), dossier.evidence)
        ```

        (Written as a plain example rather than a doctest: registering changes the
        default registry for the whole process.)
    """
    return REGISTRY.indicator(fn, **meta)


def register_method(spec: MethodSpec) -> MethodSpec:
    """Register a scoring method with the default registry."""
    return REGISTRY.method(spec)


def register_aggregator(spec: AggregatorSpec) -> AggregatorSpec:
    """Register an aggregator with the default registry."""
    return REGISTRY.aggregator(spec)


def register_rubric(name: str, load: Callable[[], Any]) -> None:
    """Register a rubric with the default registry; `load()` returns it when first needed."""
    REGISTRY.rubric(name, load)


def disable_entry_points() -> None:
    """Stop the default registry from loading plugins' entry points."""
    REGISTRY.entry_points = False


# Built-in indicators register themselves on import, with the decorator above.
from dancoso.scoring import _indicators  # noqa: E402, F401
