"""The benchmark scripts keep running (a smoke run; speed itself is not asserted here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _run_quick(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `benchmarks/<name>.py --quick` and return what it printed."""
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    return capsys.readouterr().out


def test_load_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench_load.py --quick prints a row per case and the median ratio."""
    assert "median ratio over 15 cases" in _run_quick("bench_load", capsys)


def test_score_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench_score.py --quick checks that engine and hand-written totals agree, and prints
    new and repeated dossiers for both cases."""
    out = _run_quick("bench_score", capsys)
    for case in ("co-giang-2021", "hoan-kiem-2015-2020"):
        assert f"{case}, a new dossier each call" in out
        assert f"{case}, the same dossier again" in out


def test_batch_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench_batch.py --quick checks that evaluate and hand-written totals agree, on every
    criterion of the commune rubric."""
    from dancoso.scoring import rubric

    criteria = len(rubric("commune").criteria())
    assert f"2,000 units × {criteria} criteria" in _run_quick("bench_batch", capsys)


def test_improve_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench_improve.py --quick prints the bounded and unbounded search for each band."""
    out = _run_quick("bench_improve", capsys)
    assert "200 criteria: score() once" in out
    assert out.count("×") == 3  # one row per band above the lowest, with its ratio
