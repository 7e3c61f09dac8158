"""Entry point for Hypothesis: registers dancoso's strategies for `st.from_type`."""

from __future__ import annotations

import sys

__all__ = ["_hypothesis_setup_hook"]

#: Set when the hook ran while `dancoso.strategies` was still being imported.
_deferred = False


def _hypothesis_setup_hook() -> None:
    """Called by Hypothesis when it is imported (entry-point group `hypothesis`)."""
    global _deferred
    module = sys.modules.get("dancoso.strategies")
    if module is not None and not getattr(module, "_COMPLETE", False):
        # `import dancoso.strategies` came first and is importing Hypothesis: the module
        # is half made, so it registers its strategies itself once it is complete
        _deferred = True
        return
    from dancoso.strategies import register_type_strategies

    register_type_strategies()


def deferred() -> bool:
    """Whether `dancoso.strategies` must register its strategies itself."""
    return _deferred
