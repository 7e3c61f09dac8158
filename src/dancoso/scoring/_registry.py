"""The registry of indicators, methods, aggregators and rubrics, and how plugins join it.

Plugins are checked when they register, not when first called: a function whose signature
does not fit its contract is refused with a `PluginError` naming it. Entry-point groups
(`dancoso.indicators`, `dancoso.methods`, `dancoso.aggregators`, `dancoso.rubrics`) are
loaded only when the registry is first asked for something of that kind, never at import,
and can be switched off.
"""

from __future__ import annotations

import importlib.metadata
import inspect
import os
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any, Literal, TypeVar, overload

from attrs import define, field, frozen

from dancoso._limits import nearest, shown
from dancoso.errors import DancosoError
from dancoso.model import Label, UnitKind

__all__ = [
    "ENTRY_POINT_GROUPS",
    "AggregatorSpec",
    "Direction",
    "IndicatorSpec",
    "MethodSpec",
    "ParamSpec",
    "PluginError",
    "Registry",
    "ScoringError",
    "UnknownName",
]

F = TypeVar("F", bound=Callable[..., Any])
Kind = Literal["indicator", "method", "aggregator", "rubric"]

ENTRY_POINT_GROUPS: dict[Kind, str] = {
    "indicator": "dancoso.indicators",
    "method": "dancoso.methods",
    "aggregator": "dancoso.aggregators",
    "rubric": "dancoso.rubrics",
}
#: Set this environment variable to a non-empty value to ignore every entry point.
DISABLE_ENV = "DANCOSO_DISABLE_PLUGINS"


class ScoringError(DancosoError):
    """A dossier cannot be scored with a rubric (wrong unit kind, no legal regime …)."""


class PluginError(DancosoError):
    """A plugin does not fit its contract (wrong signature, duplicate name …)."""


class UnknownName(DancosoError, KeyError):
    """A name that no registered indicator, method, aggregator or rubric has."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind, self.name = kind, name
        # no suggestion for a long name, and a long name cut in the message: a 50 MB name
        # must not cost seconds of difflib or travel whole in the error
        self.suggestions = tuple(nearest(name, known, n=3, cutoff=0.5))
        hint = (
            f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?"
            if self.suggestions
            else ""
        )
        super().__init__(f"unknown {kind} {shown(name)}{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class Direction(StrEnum):
    """Which way an indicator improves."""

    HIGHER = "higher"
    LOWER = "lower"


@frozen(kw_only=True)
class IndicatorSpec:
    """A named measurement computed from a dossier.

    `compute` is called as `compute(dossier=..., context=...)` and returns a
    [`Measurement`][dancoso.scoring.Measurement].
    """

    name: str
    title: Label
    unit: str
    direction: Direction
    unit_kinds: frozenset[UnitKind]
    compute: Callable[..., Any] = field(eq=False)
    description: str = ""

    def applies_to(self, kind: UnitKind) -> bool:
        """Whether the indicator is defined for units of `kind` (empty: all kinds)."""
        return not self.unit_kinds or kind in self.unit_kinds


@frozen(kw_only=True)
class ParamSpec:
    """A parameter a method takes from the rubric."""

    name: str
    kind: Literal["number", "numbers", "choice"]
    required: bool = True
    choices: tuple[str, ...] = ()
    description: str = ""


@frozen(kw_only=True)
class MethodSpec:
    """A method turning indicator values into scores in [0, 1], over NumPy arrays.

    `fn(values, *, years, **params)`: `values` is a float array (NaN where missing),
    `years` the length of each period in years. `inverse(score, *, years, **params)`
    gives the smallest value reaching `score` (used to say what would raise a score).
    `increasing(**params)` says whether the score grows with the value.
    """

    name: str
    params: tuple[ParamSpec, ...]
    fn: Callable[..., Any] = field(eq=False)
    inverse: Callable[..., Any] = field(eq=False)
    increasing: Callable[..., bool] = field(eq=False)
    check: Callable[..., list[str]] | None = field(default=None, eq=False)
    description: str = ""
    #: `fn` accepts arrays for its `number` parameters (one per column), so criteria that
    #: share a method are scored in one call. Plugins leave it False unless they do.
    array_params: bool = False
    #: The method scores a duty per year (its `years` scale a yearly target): over a period
    #: of several calendar years it is scored year by year, so that a surplus in one year
    #: does not make up for a shortfall in another.
    yearly: bool = False


@frozen(kw_only=True)
class AggregatorSpec:
    """An aggregator: `fn(scores, weights)` over a 2-D array, one row per unit."""

    name: str
    fn: Callable[..., Any] = field(eq=False)
    description: str = ""


def _params_of(fn: Callable[..., Any]) -> dict[str, inspect.Parameter]:
    try:
        return dict(inspect.signature(fn).parameters)
    except (TypeError, ValueError) as exc:
        raise PluginError(f"{_name(fn)}: cannot read its signature ({exc})") from None


def _name(fn: object) -> str:
    module = getattr(fn, "__module__", "?")
    return f"{module}.{getattr(fn, '__qualname__', repr(fn))}"


def _check_keywords(fn: Callable[..., Any], needed: Iterable[str], what: str) -> None:
    params = _params_of(fn)
    accepts_kwargs = any(p.kind is p.VAR_KEYWORD for p in params.values())
    for name in needed:
        p = params.get(name)
        if p is None and not accepts_kwargs:
            raise PluginError(f"{what} {_name(fn)} must accept the keyword argument {name!r}")
        if p is not None and p.kind is p.POSITIONAL_ONLY:
            raise PluginError(f"{what} {_name(fn)}: {name!r} must be passable by keyword")
    extra = [
        n
        for n, p in params.items()
        if n not in needed
        and p.default is p.empty
        and p.kind not in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
    ]
    if extra:
        raise PluginError(f"{what} {_name(fn)} requires unexpected arguments: {', '.join(extra)}")


def _same_plugin(a: Any, b: Any) -> bool:
    """Registering the same plugin twice (a module imported again) is harmless."""
    if a is b:
        return True
    code = ("compute", "fn")
    return a == b and all(getattr(a, f, None) is getattr(b, f, None) for f in code)


@define
class Registry:
    """Where indicators, methods, aggregators and rubrics are found by name.

    Attributes:
        entry_points: Whether entry-point groups are loaded when first needed.
    """

    entry_points: bool = field(default=True)
    _indicators: dict[str, IndicatorSpec] = field(factory=dict, init=False)
    _methods: dict[str, MethodSpec] = field(factory=dict, init=False)
    _aggregators: dict[str, AggregatorSpec] = field(factory=dict, init=False)
    _rubrics: dict[str, Callable[[], Any]] = field(factory=dict, init=False)
    _loaded: set[str] = field(factory=set, init=False)

    # ------------------------------------------------------------------ registration
    @overload
    def indicator(self, fn: F, **meta: Any) -> F: ...
    @overload
    def indicator(self, fn: None = None, **meta: Any) -> Callable[[F], F]: ...

    def indicator(self, fn: F | None = None, **meta: Any) -> F | Callable[[F], F]:
        """Register an indicator, as a call or as a decorator.

        Keyword Args:
            name (str): Dotted name, e.g. `complaints.on_time_share` (default: the function
                name).
            title (Label | tuple[str, str]): A [`Label`][dancoso.model.Label] (or a
                `(vi, en)` pair).
            unit (str): Unit of measure: `share`, `count`, `days`, `per_year`, `bool` …
            direction (str): `"higher"` or `"lower"`: which way is better.
            unit_kinds (Iterable[UnitKind | str]): Unit kinds it is defined for (empty: all).
            description (str): Free text (default: the function's docstring).
        """

        def register(f: F) -> F:
            _check_keywords(f, ("dossier", "context"), "indicator")
            title = meta.get("title")
            if isinstance(title, tuple):
                title = Label(vi=title[0], en=title[1])
            if not isinstance(title, Label):
                raise PluginError(
                    f"indicator {_name(f)} needs a title (a Label or a (vi, en) pair)"
                )
            try:
                direction = Direction(meta.get("direction", "higher"))
            except ValueError:
                raise PluginError(
                    f"indicator {_name(f)}: direction must be 'higher' or 'lower'"
                ) from None
            spec = IndicatorSpec(
                name=meta.get("name") or f.__name__,
                title=title,
                unit=meta.get("unit", "count"),
                direction=direction,
                unit_kinds=frozenset(UnitKind(k) for k in meta.get("unit_kinds", ())),
                compute=f,
                description=meta.get("description") or inspect.getdoc(f) or "",
            )
            self._add(self._indicators, spec.name, spec, "indicator")
            return f

        return register(fn) if fn is not None else register

    def method(self, spec: MethodSpec) -> MethodSpec:
        """Register a scoring method, after checking its functions' signatures."""
        names = [p.name for p in spec.params]
        _check_keywords(spec.fn, ("values", "years", *names), f"method {spec.name!r}:")
        _check_keywords(spec.inverse, ("score", "years", *names), f"method {spec.name!r} inverse:")
        _check_keywords(spec.increasing, names, f"method {spec.name!r} increasing:")
        if spec.check is not None:
            _check_keywords(spec.check, names, f"method {spec.name!r} check:")
        self._add(self._methods, spec.name, spec, "method")
        return spec

    def aggregator(self, spec: AggregatorSpec) -> AggregatorSpec:
        """Register an aggregator, after checking its signature."""
        _check_keywords(spec.fn, ("scores", "weights"), f"aggregator {spec.name!r}:")
        self._add(self._aggregators, spec.name, spec, "aggregator")
        return spec

    def rubric(self, name: str, load: Callable[[], Any]) -> None:
        """Register a rubric by id; `load()` returns the `Rubric` when first needed."""
        if not callable(load):
            raise PluginError(f"rubric {name!r}: expected a callable returning a Rubric")
        self._add(self._rubrics, name, load, "rubric")

    def _add(self, table: dict[str, Any], name: str, value: Any, kind: str) -> None:
        if not isinstance(name, str) or not name:
            raise PluginError(f"{kind} needs a non-empty name")
        old = table.get(name)
        if old is not None and not _same_plugin(old, value):
            raise PluginError(f"{kind} {name!r} is already registered")
        table[name] = value

    # ------------------------------------------------------------------ look-up
    def _ensure(self, kind: Kind) -> None:
        group = ENTRY_POINT_GROUPS[kind]
        if group in self._loaded or not self.entry_points or os.environ.get(DISABLE_ENV):
            return
        self._loaded.add(group)
        for ep in importlib.metadata.entry_points(group=group):
            try:
                obj = ep.load()
            except Exception as exc:
                raise PluginError(
                    f"entry point {ep.name!r} in {group}: cannot load ({exc})"
                ) from exc
            self._accept(kind, ep.name, obj, group)

    def _accept(self, kind: Kind, name: str, obj: Any, group: str) -> None:
        """Register what an entry point gave (modules register themselves on import)."""
        if inspect.ismodule(obj):
            return
        if kind == "rubric":
            self.rubric(name, obj if callable(obj) else (lambda: obj))
        elif kind == "method" and isinstance(obj, MethodSpec):
            self.method(obj)
        elif kind == "aggregator" and isinstance(obj, AggregatorSpec):
            self.aggregator(obj)
        elif (
            kind == "indicator"
            and callable(obj)
            and obj in {s.compute for s in self._indicators.values()}
        ):
            return
        else:
            raise PluginError(f"entry point {name!r} in {group}: {obj!r} is not a {kind} plugin")

    def get_indicator(self, name: str) -> IndicatorSpec:
        """The indicator called `name`."""
        self._find(self._indicators, name, "indicator")
        return self._indicators[name]

    def get_method(self, name: str) -> MethodSpec:
        """The method called `name`."""
        self._find(self._methods, name, "method")
        return self._methods[name]

    def get_aggregator(self, name: str) -> AggregatorSpec:
        """The aggregator called `name`."""
        self._find(self._aggregators, name, "aggregator")
        return self._aggregators[name]

    def get_rubric_loader(self, name: str) -> Callable[[], Any]:
        """The loader of the rubric with id `name`."""
        self._find(self._rubrics, name, "rubric")
        return self._rubrics[name]

    def _find(self, table: dict[str, Any], name: str, kind: Kind) -> None:
        if name not in table:
            self._ensure(kind)
        if name not in table:
            raise UnknownName(kind, name, table)

    def names(self, kind: Kind) -> tuple[str, ...]:
        """Every registered name of `kind`, sorted (loading entry points first)."""
        self._ensure(kind)
        tables: dict[str, dict[str, Any]] = {
            "indicator": self._indicators,
            "method": self._methods,
            "aggregator": self._aggregators,
            "rubric": self._rubrics,
        }
        return tuple(sorted(tables[kind]))

    def indicators(self) -> tuple[IndicatorSpec, ...]:
        """Every registered indicator, sorted by name."""
        return tuple(self._indicators[n] for n in self.names("indicator"))
