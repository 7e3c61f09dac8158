"""The opt-in pytest plugin checks every rubric file under a folder."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

FIRST = Path(__file__).with_name("rubric_first.toml").read_text(encoding="utf-8")
ARGS = ("-p", "dancoso.testing.pytest_plugin", "--dancoso-max-examples=2", "-p", "no:cacheprovider")


def test_a_folder_of_good_rubrics_passes(pytester: pytest.Pytester) -> None:
    """Each rubric file is one item; good rubrics pass."""
    pytester.mkdir("rubrics")
    (pytester.path / "rubrics" / "first.toml").write_text(FIRST, encoding="utf-8")
    result = pytester.runpytest_subprocess(*ARGS, "--dancoso-rubrics=rubrics")
    result.assert_outcomes(passed=1)


def test_a_broken_rubric_fails_readably(pytester: pytest.Pytester) -> None:
    """A rubric whose aggregator ignores weights fails, naming the property broken; a file
    that does not load fails with the path of its problem."""
    pytester.mkdir("rubrics")
    broken = FIRST.replace("weight = 2\n", 'weight = 2\naggregator = "plain_mean"\n')
    (pytester.path / "rubrics" / "broken.toml").write_text(broken, encoding="utf-8")
    (pytester.path / "rubrics" / "typo.toml").write_text(
        FIRST.replace('"satisfaction.rate"', '"satisfaction.rat"'), encoding="utf-8"
    )
    pytester.makeconftest(
        """
        import numpy as np
        from dancoso.scoring import AggregatorSpec, register_aggregator

        def plain_mean(*, scores, weights):
            return np.mean(scores, axis=-1)

        register_aggregator(AggregatorSpec(name="plain_mean", fn=plain_mean))
        """
    )
    pytester.makeini("[pytest]\ndancoso_rubrics = rubrics\ndancoso_derandomize = true\n")
    result = pytester.runpytest_subprocess(*ARGS)
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(
        [
            "*broken.toml: rubric 'first' breaks *",
            "*✗ aggregators: *",
            "*switched off (weight 0) still has a say*",
            "*typo.toml: rubric 'first' has 1 problem*",
            "*did you mean 'satisfaction.rate'*",
        ]
    )


def test_without_the_option_the_plugin_does_nothing(pytester: pytest.Pytester) -> None:
    """Enabled but without a folder, no rubric item is collected."""
    pytester.mkdir("rubrics")
    (pytester.path / "rubrics" / "first.toml").write_text(FIRST, encoding="utf-8")
    result = pytester.runpytest_subprocess(*ARGS)
    result.assert_outcomes()


def test_a_missing_folder_is_a_usage_error(pytester: pytest.Pytester) -> None:
    """Naming a folder that does not exist stops the run with a clear message."""
    result = pytester.runpytest_subprocess(*ARGS, "--dancoso-rubrics=nowhere")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--dancoso-rubrics: no folder *nowhere*"])
