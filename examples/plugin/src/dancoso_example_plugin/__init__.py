"""An example dancoso plugin: one indicator (in `indicators`) and one rubric."""

from __future__ import annotations

import importlib.resources

from dancoso.scoring import Rubric, load_rubric

__all__ = ["openness_rubric"]


def openness_rubric() -> Rubric:
    """The `example-openness` rubric, read from the package's data."""
    text = importlib.resources.files(__name__).joinpath("openness.toml").read_text("utf-8")
    return load_rubric(text)
