"""The benchmark scripts keep running (a smoke run; speed itself is not asserted here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_load_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench_load.py --quick prints a row per case and the median ratio."""
    spec = importlib.util.spec_from_file_location("bench_load", BENCHMARKS / "bench_load.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "median ratio over 15 cases" in out


def test_score_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    """bench_score.py --quick checks that engine and hand-written totals agree, and prints both."""
    spec = importlib.util.spec_from_file_location("bench_score", BENCHMARKS / "bench_score.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--quick"]) == 0
    out = capsys.readouterr().out
    assert "co-giang-2021" in out
    assert "hoan-kiem-2015-2020" in out
