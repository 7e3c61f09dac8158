"""The command line never shows a traceback for a user's mistake, run as users run it.

Regression tests for issue 12: deep input, huge integers, surrogates, undecodable file
names, PYTHONIOENCODING=ascii, a closed pipe, a FIFO named *.json in a folder, `A.JSON`
in a folder scan; and `import dancoso.strategies` in a fresh interpreter.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dancoso

SRC = str(Path(dancoso.__file__).resolve().parents[1])
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
VALID = json.dumps(
    {
        "unit": {"id": "co-giang", "kind": "ward", "name": "Phường Cô Giang"},
        "period": {"start": "2021-01-01", "end": "2021-12-31"},
    },
    ensure_ascii=False,
)


def run(
    *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """`python -m dancoso ARGS` in a fresh interpreter; output as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "dancoso", *args],
        capture_output=True,
        timeout=timeout,
        env={"PYTHONPATH": SRC, "PATH": os.environ.get("PATH", ""), **(env or {})},
        check=False,
    )


def assert_no_traceback(result: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")


BAD_FILES = [
    pytest.param("[" * 100_000 + "]" * 100_000, "nested more than 64 deep", id="deep-json"),
    pytest.param(
        '{"unit": {"households": ' + "9" * 5_000 + "}}",
        "a whole number has more than 15 digits",
        id="huge-integer",
    ),
    pytest.param(
        VALID.replace("Phường Cô Giang", "P\\ud800"), "lone surrogate (U+D800", id="surrogate"
    ),
    pytest.param(
        VALID.replace('"period"', '"unit": {}, "period"'), "given more than once", id="repeated-key"
    ),
]


@pytest.mark.parametrize("command", ["summary", "score"])
@pytest.mark.parametrize(("content", "message"), BAD_FILES)
def test_bad_input_is_a_line_on_stderr_not_a_traceback(
    tmp_path: Path, command: str, content: str, message: str
) -> None:
    """Deep input, huge integers, surrogates and repeated keys: exit 1, the problem on stderr."""
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    result = run(command, str(path))
    assert_no_traceback(result)
    assert result.returncode == 1
    assert message in result.stderr.decode("utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="file names as bytes are a POSIX matter")
def test_an_undecodable_file_name_is_printed_escaped(tmp_path: Path) -> None:
    """A file name that is not UTF-8 is shown escaped (printing it raised UnicodeEncodeError)."""
    name = os.fsencode(tmp_path) + b"/bad\xffname.json"
    with open(name, "wb") as f:
        f.write(VALID.encode("utf-8"))
    result = run("summary", str(tmp_path))
    assert_no_traceback(result)
    assert result.returncode == 0
    assert b"bad\\udcffname.json" in result.stdout


@pytest.mark.parametrize("command", ["summary", "score"])
def test_pythonioencoding_ascii_escapes_what_it_cannot_write(command: str) -> None:
    """Under PYTHONIOENCODING=ascii, Vietnamese is written escaped, not raised."""
    result = run(command, str(EXAMPLES / "co-giang-2021.json"), env={"PYTHONIOENCODING": "ascii"})
    assert_no_traceback(result)
    assert result.returncode == 0
    assert b"Ph\\u01b0\\u1eddng C\\xf4 Giang" in result.stdout
    result.stdout.decode("ascii")


def test_a_closed_pipe_ends_the_run_quietly() -> None:
    """`dancoso score examples | head -1`: no BrokenPipeError traceback, nothing on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "dancoso", "score", str(EXAMPLES)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PYTHONPATH": SRC, "PATH": os.environ.get("PATH", "")},
    )
    assert proc.stdout is not None
    assert proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    err = proc.stderr.read()
    proc.stderr.close()
    status = proc.wait(timeout=120)
    assert first.startswith("── ".encode())
    assert err == b""
    assert status == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX matter")
def test_a_fifo_named_json_in_a_folder_is_skipped(tmp_path: Path) -> None:
    """A FIFO called x.json in a scanned folder is not opened (it hung the scan)."""
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "real.json").write_text(VALID, encoding="utf-8")
    result = run("summary", str(tmp_path), timeout=30)
    assert_no_traceback(result)
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").splitlines()[-1] == "1 valid, 0 invalid"


def test_upper_case_suffixes_are_found_in_a_folder(tmp_path: Path) -> None:
    """A.JSON and B.Toml in a folder are dossiers too (A.JSON was skipped)."""
    shutil.copy(EXAMPLES / "co-giang-2021.json", tmp_path / "A.JSON")
    (tmp_path / "B.Toml").write_text(
        dancoso.dump_dossier(dancoso.load_dossier(VALID), format="toml"), encoding="utf-8"
    )
    (tmp_path / "C.txt").write_text(VALID, encoding="utf-8")
    result = run("summary", str(tmp_path))
    lines = result.stdout.decode("utf-8").splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["✓ A.JSON", "✓ B.Toml"]
    assert lines[-1] == "2 valid, 0 invalid"


def test_a_path_the_system_refuses_is_reported(tmp_path: Path) -> None:
    """A path the file system refuses to look at (a name of 300 characters) is a line on
    stderr, not an OSError traceback from the folder check."""
    result = run("summary", str(tmp_path / ("x" * 300)))
    assert_no_traceback(result)
    assert result.returncode == 2
    assert b"cannot read (File name too long)" in result.stderr


def test_import_dancoso_strategies_in_a_fresh_interpreter() -> None:
    """`import dancoso.strategies` before Hypothesis works and registers st.from_type
    (it failed with a circular ImportError; pytest hid it by importing Hypothesis first)."""
    code = (
        "import dancoso.strategies\n"
        "from hypothesis import strategies as st\n"
        "from dancoso.model import Dossier\n"
        "print(repr(st.from_type(Dossier)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": SRC, "PATH": os.environ.get("PATH", "")},
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "dossiers()"
