"""The command line: `dancoso summary` and `dancoso schema`, through `dancoso.__main__.main`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dancoso import json_schema
from dancoso.__main__ import main
from dancoso.model import Period

VALID = """\
{
  "unit": {"id": "co-giang", "kind": "ward", "name": "Phường Cô Giang"},
  "period": {"start": "2021-01-01", "end": "2021-12-31"},
  "evidence": [
    {"type": "statement", "text": "Dân biết, dân bàn"},
    {"type": "petition", "kind": "complaint", "received_on": "2021-05-01"},
    {"type": "statement", "text": "Dân kiểm tra"}
  ]
}
"""
VALID_TOML = """\
[unit]
id = "ai-tu"
kind = "township"
name = "Thị trấn Ái Tử"
valid_until = 2025-06-30

[period]
start = 2022-01-01
end = 2022-12-31
"""
INVALID = """\
{
  "unit": {"id": "co-giang", "kind": "ward", "name": "Phường Cô Giang"},
  "period": {"start": "2021-01-01", "end": "2021-12-31"},
  "evidence": [
    {"type": "petition", "kind": "complaint", "received_on": "2021-05-01",
     "resolved_on": "2021-04-01"}
  ]
}
"""
VALID_LINE = (
    "✓ a-valid.json: Phường Cô Giang (ward) 2021-01-01..2021-12-31: "
    "3 evidence records (1 petition, 2 statement)"
)
TOML_LINE = (
    "✓ c-valid.toml: Thị trấn Ái Tử (township) 2022-01-01..2022-12-31: 0 evidence records (none)"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a-valid.json").write_text(VALID, encoding="utf-8")
    (tmp_path / "c-valid.toml").write_text(VALID_TOML, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a dossier", encoding="utf-8")
    return tmp_path


def test_summary_of_valid_and_invalid_dossiers_exits_1(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One ✓ line per valid dossier on stdout, the errors on stderr, exit status 1."""
    bad = folder / "b-invalid.json"
    bad.write_text(INVALID, encoding="utf-8")
    status = main(["summary", str(folder)])
    out, err = capsys.readouterr()
    expected_err = (
        f"✗ {bad}: {bad} has 1 problem:\n"
        "  resolved_on (2021-04-01) is before received_on (2021-05-01)"
        " @ $.evidence[0].resolved_on\n"
    )
    expected = (1, f"{VALID_LINE}\n{TOML_LINE}\n2 valid, 1 invalid\n", expected_err)
    assert expected == (status, out, err)


def test_summary_of_valid_dossiers_exits_0(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only valid dossiers: ✓ lines, a count, nothing on stderr, exit status 0."""
    status = main(["summary", str(folder)])
    out, err = capsys.readouterr()
    expected = (0, f"{VALID_LINE}\n{TOML_LINE}\n2 valid, 0 invalid\n", "")
    assert expected == (status, out, err)


def test_summary_accepts_files_as_well_as_folders(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named on the command line is checked like one found in a folder."""
    status = main(["summary", str(folder / "a-valid.json")])
    out, _ = capsys.readouterr()
    expected = (0, f"{VALID_LINE}\n1 valid, 0 invalid\n")
    assert expected == (status, out)


def test_summary_of_a_missing_file_reports_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path that does not exist counts as invalid, with the reason on stderr."""
    missing = tmp_path / "missing.json"
    status = main(["summary", str(missing)])
    out, err = capsys.readouterr()
    expected = (
        1,
        "0 valid, 1 invalid\n",
        f"✗ {missing}: {missing}: cannot read (No such file or directory)\n",
    )
    assert expected == (status, out, err)


def test_summary_of_an_empty_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No dossier to check is a usage error."""
    status = main(["summary", str(tmp_path)])
    out, err = capsys.readouterr()
    expected = (2, "", "no dossiers found\n")
    assert expected == (status, out, err)


def test_schema_prints_the_dossier_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """`dancoso schema` prints the dossier's JSON Schema, Vietnamese unescaped."""
    status = main(["schema"])
    out, err = capsys.readouterr()
    expected = (0, "")
    assert expected == (status, err)
    assert json_schema() == json.loads(out)
    assert "Ban Thanh tra nhân dân" in out


def test_schema_of_a_named_class(capsys: pytest.CaptureFixture[str]) -> None:
    """`dancoso schema Period` prints the schema of that class."""
    status = main(["schema", "Period"])
    out, _ = capsys.readouterr()
    assert (0, json_schema(Period)) == (status, json.loads(out))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("Nope", "unknown model class 'Nope'\n", id="unknown-name"),
        pytest.param("period", "unknown model class 'period'\n", id="wrong-case"),
        pytest.param("references", "unknown model class 'references'\n", id="a-function"),
    ],
)
def test_schema_of_an_unknown_class_exits_2(
    name: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name that is not a model class is reported on stderr with exit status 2."""
    status = main(["schema", name])
    out, err = capsys.readouterr()
    assert (2, "", message) == (status, out, err)


def test_schema_of_a_public_class_that_is_not_a_model_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`Before` is exported by dancoso.model but has no schema: exit status 2, reason on stderr."""
    status = main(["schema", "Before"])
    out, err = capsys.readouterr()
    expected = (2, "", True)
    assert expected == (status, out, "Before" in err)


def test_a_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command, argparse exits with status 2 and a usage line."""
    with pytest.raises(SystemExit) as info:
        main([])
    _, err = capsys.readouterr()
    expected = (2, True)
    assert expected == (info.value.code, err.startswith("usage: dancoso"))
