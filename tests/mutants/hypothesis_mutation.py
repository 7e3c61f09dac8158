"""A pytest plugin registering the Hypothesis profile of `make mutation`.

Loaded with `-p hypothesis_mutation` (the Makefile puts this folder on `PYTHONPATH`), before
the profile is chosen with `--hypothesis-profile=mutation`. Under a mutant, a property test
that finds a counterexample must fail at once: shrinking it could take longer than the
mutant's time limit and turn a killed mutant into a timeout. The draws are derandomised and
no example database is kept, so two runs over the same code give the same counts.
"""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "mutation",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)
