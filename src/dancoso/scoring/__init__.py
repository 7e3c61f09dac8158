"""The rubric engine: pluggable, explainable scoring of dossiers against rubrics.

- [`score`][dancoso.scoring.score] a dossier, with the reference rubric for its unit kind
  or any [`Rubric`][dancoso.scoring.Rubric], into a [`Scorecard`][dancoso.scoring.Scorecard].
- Rubrics are TOML data ([`load_rubric`][dancoso.scoring.load_rubric]); indicators,
  methods, aggregators and rubrics are plugins ([`indicator`][dancoso.scoring.indicator],
  entry-point groups `dancoso.indicators`, `dancoso.methods`, `dancoso.aggregators`,
  `dancoso.rubrics`).
- Every provision the reference rubrics cite is in a citation table, with its article's
  title and whether it was checked against the law text
  ([`citation_for`][dancoso.scoring.citation_for], [`citations`][dancoso.scoring.citations]).
- [`CompiledRubric`][dancoso.scoring.CompiledRubric] scores tables of indicator values for
  many units with the same methods, over NumPy arrays.
"""

from dancoso.scoring._api import (
    dump_scorecard,
    list_rubrics,
    load_rubric,
    load_scorecard,
    reference_rubric,
    rubric,
    score,
)
from dancoso.scoring._citations import Citation, citation_for, citations
from dancoso.scoring._compile import compile_rubric
from dancoso.scoring._default import (
    REGISTRY,
    disable_entry_points,
    indicator,
    register_aggregator,
    register_method,
    register_rubric,
)
from dancoso.scoring._evaluate import CompiledRubric, Evaluation
from dancoso.scoring._improve import improvements
from dancoso.scoring._measure import (
    Context,
    Measurement,
    events_in,
    overlap_fraction,
    pro_rata,
    tallies_in,
)
from dancoso.scoring._registry import (
    AggregatorSpec,
    Direction,
    IndicatorSpec,
    MethodSpec,
    ParamSpec,
    PluginError,
    Registry,
    ScoringError,
    UnknownName,
)
from dancoso.scoring._report import render_text
from dancoso.scoring._results import (
    NOT_RATED,
    CriterionResult,
    Improvement,
    Scorecard,
    SectionResult,
    Status,
    YearResult,
)
from dancoso.scoring._rubric import (
    NOT_RATED_CAP,
    Band,
    Criterion,
    LegalBasis,
    NAPolicy,
    Regime,
    Role,
    Rubric,
    Section,
)

__all__ = [
    "NOT_RATED",
    "NOT_RATED_CAP",
    "REGISTRY",
    "AggregatorSpec",
    "Band",
    "Citation",
    "CompiledRubric",
    "Context",
    "Criterion",
    "CriterionResult",
    "Direction",
    "Evaluation",
    "Improvement",
    "IndicatorSpec",
    "LegalBasis",
    "Measurement",
    "MethodSpec",
    "NAPolicy",
    "ParamSpec",
    "PluginError",
    "Regime",
    "Registry",
    "Role",
    "Rubric",
    "Scorecard",
    "ScoringError",
    "Section",
    "SectionResult",
    "Status",
    "UnknownName",
    "YearResult",
    "citation_for",
    "citations",
    "compile_rubric",
    "disable_entry_points",
    "dump_scorecard",
    "events_in",
    "improvements",
    "indicator",
    "list_rubrics",
    "load_rubric",
    "load_scorecard",
    "overlap_fraction",
    "pro_rata",
    "reference_rubric",
    "register_aggregator",
    "register_method",
    "register_rubric",
    "render_text",
    "rubric",
    "score",
    "tallies_in",
]
