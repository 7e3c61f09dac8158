"""What holds for every bundled example: lossless, schema-valid, UTF-8, every fact sourced."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import dancoso

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.json"))
VALIDATOR = jsonschema.Draft202012Validator(
    dancoso.json_schema(), format_checker=jsonschema.FormatChecker()
)


def test_the_five_seed_reports_are_bundled() -> None:
    """One example per seed report."""
    expected = [
        "co-giang-2021",
        "dong-da-2022",
        "hcmc-supervision-2023",
        "hoan-kiem-2015-2020",
        "huyen-tung-2021",
    ]
    assert expected == [p.stem for p in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_round_trip_is_byte_identical(path: Path) -> None:
    """Dumping the loaded dossier as JSON gives back the file byte for byte."""
    text = path.read_text(encoding="utf-8")
    assert text == dancoso.dump_dossier(dancoso.load_dossier(path))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_toml_round_trip_gives_an_equal_dossier(path: Path) -> None:
    """Dumping as TOML and loading again gives an equal dossier."""
    dossier = dancoso.load_dossier(path)
    assert dossier == dancoso.load_dossier(dancoso.dump_dossier(dossier, format="toml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_validates_against_the_json_schema(path: Path) -> None:
    """The file validates against the dossier JSON Schema, formats included."""
    errors = [e.message for e in VALIDATOR.iter_errors(json.loads(path.read_text("utf-8")))]
    expected: list[str] = []
    assert expected == errors


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_text_has_no_unicode_escapes(path: Path) -> None:
    """Vietnamese is kept as UTF-8 text, with no \\u escapes."""
    assert "\\u" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_record_cites_its_source_with_a_quote(path: Path) -> None:
    """Each evidence record has an id and quotes the report it comes from."""
    dossier = dancoso.load_dossier(path)
    sources = {s.id for s in dossier.sources}
    uncited = [
        e.id
        for e in dossier.evidence
        if e.id is None or e.source is None or e.source.source not in sources or not e.source.quote
    ]
    expected: list[str] = []
    assert expected == uncited
