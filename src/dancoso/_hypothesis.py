"""Entry point for Hypothesis: registers dancoso's strategies for `st.from_type`."""

from __future__ import annotations

__all__ = ["_hypothesis_setup_hook"]


def _hypothesis_setup_hook() -> None:
    """Called by Hypothesis when it is imported (entry-point group `hypothesis`)."""
    from dancoso.strategies import register_type_strategies

    register_type_strategies()
