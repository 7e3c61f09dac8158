"""`dancoso score`, and the command line run as `python -m dancoso` in measured subprocesses.

The subprocesses keep the environment, so coverage's subprocess patch measures them.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dancoso
from dancoso import __main__ as cli
from dancoso.errors import DancosoError
from dancoso.scoring import load_scorecard

SRC = str(Path(dancoso.__file__).resolve().parents[1])
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TWO = ("co-giang-2021.json", "huyen-tung-2021.json")


@pytest.fixture
def two(tmp_path: Path) -> Path:
    """A folder with two example dossiers."""
    for name in TWO:
        shutil.copy(EXAMPLES / name, tmp_path / name)
    return tmp_path


def python_m_dancoso(*args: str) -> subprocess.Popen[bytes]:
    """`python -m dancoso ARGS` in a fresh interpreter that keeps this environment."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "dancoso", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def test_score_prints_one_report_per_dossier(two: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`score FOLDER` prints a headed report for each dossier, a blank line between them."""
    assert cli.main(["score", str(two)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    heads = [line for line in out.splitlines() if line.startswith("── ")]
    assert [h.split()[1] for h in heads] == list(TWO)
    assert "\n\n── huyen-tung-2021.json " in out
    assert out.startswith("── co-giang-2021.json ─")


def test_score_in_vietnamese(two: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`score --lang vi` labels the report in Vietnamese."""
    assert cli.main(["score", "--lang", "vi", str(two / TWO[0])]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[1] == "Phường Cô Giang (phường), 2021-01-01 – 2021-12-31"
    assert "chưa đủ căn cứ xếp loại" in out


def test_score_as_json_gives_loadable_scorecards(
    two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`score --json FILE` prints the scorecard's JSON, which load_scorecard reads back."""
    assert cli.main(["score", "--json", str(two / TWO[0])]) == 0
    out, _ = capsys.readouterr()
    card = load_scorecard(out)
    assert (card.unit_id, card.rubric_id) == ("co-giang", "commune")
    assert json.loads(out)["unit_id"] == "co-giang"


def test_score_reports_an_invalid_dossier_and_goes_on(
    two: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An invalid dossier is a ✗ line on stderr and exit 1; the valid one is still scored."""
    (two / "bad.json").write_text('{"unit": 1}', encoding="utf-8")
    assert cli.main(["score", str(two / "bad.json"), str(two / TWO[0])]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"✗ {two / 'bad.json'}: ")
    assert out.startswith("── co-giang-2021.json ")


def test_score_of_an_empty_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`score` of a folder without dossiers says so and exits 2."""
    assert cli.main(["score", str(tmp_path)]) == 2
    assert capsys.readouterr() == ("", "no dossiers found\n")


def test_a_path_the_system_refuses_is_a_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path too long to look at is reported with the system's reason, and skipped."""
    assert cli.main(["summary", str(tmp_path / ("x" * 300))]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"✗ {tmp_path / ('x' * 300)}: cannot read (File name too long)",
        "no dossiers found",
    ]


def test_a_schema_that_cannot_be_built_is_a_line_on_stderr(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If a model class had no JSON Schema, `schema` says why and exits 2, no traceback."""

    def refuse(cls: type) -> dict[str, object]:
        raise DancosoError(f"no JSON Schema for type {cls.__name__}")

    monkeypatch.setattr(cli, "json_schema", refuse)
    assert cli.main(["schema", "Unit"]) == 2
    assert capsys.readouterr() == ("", "no JSON Schema for type Unit\n")


def test_an_interrupt_ends_the_run_with_status_130(
    two: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C while loading prints 'interrupted' and exits 130, without a traceback."""

    def interrupted(path: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "load_dossier", interrupted)
    assert cli.main(["summary", str(two)]) == 130
    assert capsys.readouterr() == ("", "interrupted\n")


def test_streams_without_reconfigure_are_left_alone(
    two: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain StringIO streams (no reconfigure) still receive the output."""
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert cli.main(["summary", str(two)]) == 0
    assert out.getvalue().splitlines()[-1] == "2 valid, 0 invalid"
    assert err.getvalue() == ""


def test_python_m_dancoso_exits_with_the_status_of_main() -> None:
    """`python -m dancoso schema Nope` exits 2 with the message main() prints."""
    proc = python_m_dancoso("schema", "Nope")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert (out, err) == (b"", b"unknown model class 'Nope'\n")


def test_a_closed_pipe_ends_summary_quietly(two: Path) -> None:
    """`dancoso summary FOLDER | head -0`: exit 1, nothing on stderr, no traceback."""
    many = two / "many"
    many.mkdir()
    for i in range(400):  # some 50 kB of lines: a write fails while main() runs, not at exit
        shutil.copy(EXAMPLES / TWO[0], many / f"d{i:04}.json")
    proc = python_m_dancoso("summary", str(many))
    assert proc.stdout is not None
    assert proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the first line
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=300) == 1
    assert err == b""
