"""Text is text, equal text is equal data, and a string is never taken for a file name.

Regression tests for issue 12: lone surrogates, control characters, invisible names, NFD
and NFC, -0.0, paths with NUL, and text read as a path.
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from pathlib import Path
from typing import Any

import pytest

import dancoso
from dancoso import DancosoError, InvalidInput, from_data, load_dossier, to_data
from dancoso.model import Dossier, Label, Period, Ratio, Satisfaction, Unit, UnitKind
from dancoso.scoring import Rubric, load_rubric, load_scorecard, reference_rubric, score
from dancoso.scoring._rubric import canonical_json

UNIT = {"id": "co-giang", "kind": "ward", "name": "Phường Cô Giang"}
PERIOD = {"start": "2021-01-01", "end": "2021-12-31"}
MINIMAL = {"unit": UNIT, "period": PERIOD}


def problems_of(call: Any) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInput) as info:
        call()
    return [(p.path, p.message) for p in info.value.problems]


def dossier_with_name(name: str) -> str:
    return json.dumps({**MINIMAL, "unit": {**UNIT, "name": name}}, ensure_ascii=False)


# --------------------------------------------------------------------------- surrogates
SURROGATE = "holds a lone surrogate (U+D800 at character 1), which is not text"


def test_a_lone_surrogate_in_a_str_document_is_refused() -> None:
    """'P\\ud800' given as text loads no more (score(), hashes and writes then raised
    UnicodeEncodeError)."""
    text = dossier_with_name("P\ud800")
    assert problems_of(lambda: load_dossier(text)) == [("$.unit.name", SURROGATE)]


def test_a_lone_surrogate_as_a_json_escape_is_refused() -> None:
    """The JSON escape \\ud800 (valid JSON, not valid text) is refused at its path."""
    text = json.dumps({**MINIMAL, "unit": {**UNIT, "name": "P\ud800"}})  # ensure_ascii: \ud800
    assert "\\ud800" in text
    assert problems_of(lambda: load_dossier(text)) == [("$.unit.name", SURROGATE)]


def test_a_lone_surrogate_in_python_construction_is_refused() -> None:
    """Unit(name='P\\ud800') is refused like its data form."""
    found = problems_of(lambda: Unit(id="u", kind=UnitKind.WARD, name="P\ud800"))
    assert found == [("$.name", SURROGATE)]


def test_a_surrogate_in_a_field_without_bounds_is_refused() -> None:
    """Even a field with no spec of its own (a section's aggregator) refuses a surrogate."""
    data = to_data(reference_rubric("ward"))
    data["sections"][0]["aggregator"] = "weighted\ud800"
    found = problems_of(lambda: from_data(Rubric, data))
    assert found == [
        (
            "$.sections[0].aggregator",
            "holds a lone surrogate (U+D800 at character 8), which is not text",
        )
    ]


def test_a_surrogate_in_a_rubric_parameter_is_refused() -> None:
    """A parameter word or name with a lone surrogate is refused at the parameter's path."""
    data = to_data(reference_rubric("ward"))
    data["sections"][0]["criteria"][0]["params"] = {"direction\ud800": "at_least"}
    found = problems_of(lambda: from_data(Rubric, data))
    assert found[0][0] == "$.sections[0].criteria[0].params['direction\\ud800']"
    assert "lone surrogate" in found[0][1]


def test_a_scorecard_with_a_lone_surrogate_does_not_load() -> None:
    """load_scorecard refuses a surrogate (it loaded, and every write of it then failed)."""
    card = score(load_dossier(json.dumps(MINIMAL)))
    text = dancoso.dump_scorecard(card).replace("Phường Cô Giang", "P\\ud800", 1)
    found = problems_of(lambda: load_scorecard(text))
    assert found == [("$.unit_name", SURROGATE)]


def test_everything_that_loads_encodes_as_utf8() -> None:
    """Whatever loads can be hashed and written as UTF-8: score, Rubric.hash, dumps."""
    rubric = load_rubric(dancoso.dumps(reference_rubric("ward")))
    dossier = load_dossier(dossier_with_name("Phường \U0001f3e0 Cô Giang"))
    card = score(dossier, rubric)
    for text in (dancoso.dump_dossier(dossier), dancoso.dump_scorecard(card), rubric.hash):
        text.encode("utf-8")


# --------------------------------------------------------------------------- control chars
@pytest.mark.parametrize(
    ("char", "code"), [("\x00", "0000"), ("\x1b", "001B"), ("\x7f", "007F"), ("\x85", "0085")]
)
def test_control_characters_are_refused_in_text(char: str, code: str) -> None:
    """NUL, ESC, DEL and C1 controls are no part of a name."""
    found = problems_of(lambda: load_dossier(dossier_with_name(f"Phường{char}")))
    assert found == [("$.unit.name", f"holds the control character U+{code} at character 6")]


def test_tabs_and_line_breaks_stay_allowed() -> None:
    """Tab, line feed and carriage return are ordinary in notes and quotes."""
    d = load_dossier(json.dumps({**MINIMAL, "notes": ["a\tb\nc\r\nd"]}))
    assert d.notes == ("a\tb\nc\r\nd",)


# --------------------------------------------------------------------------- invisible text
@pytest.mark.parametrize(
    "name",
    ["\u200b", "\u200b\u200c\u200d\ufeff", "\u3164", "\u2800", "\u0301"],
    ids=[
        "zero-width-space",
        "joiners-and-bom",
        "hangul-filler",
        "braille-blank",
        "lone-combining-mark",
    ],
)
def test_a_name_of_only_invisible_characters_is_empty(name: str) -> None:
    """A name of zero-width spaces (or other invisible characters) passes 'not empty' no more."""
    found = problems_of(lambda: load_dossier(dossier_with_name(name)))
    assert found == [("$.unit.name", "must not be empty: it has no visible character")]


@pytest.mark.parametrize("name", ["  ", "\u00a0\u3000"], ids=["spaces", "nbsp-ideographic"])
def test_blank_text_keeps_its_message(name: str) -> None:
    """Spaces only (any Unicode spaces) is still 'must not be empty'."""
    assert problems_of(lambda: load_dossier(dossier_with_name(name))) == [
        ("$.unit.name", "must not be empty")
    ]


def test_visible_text_with_invisible_characters_is_kept_as_is() -> None:
    """A zero-width joiner inside a real name is kept: only names of nothing else are empty."""
    assert load_dossier(dossier_with_name("Cô\u200dGiang")).unit.name == "Cô\u200dGiang"


# --------------------------------------------------------------------------- NFC
NFC_NAME = "Phường Cô Giang"
NFD_NAME = unicodedata.normalize("NFD", NFC_NAME)


def test_nfd_and_nfc_names_are_equal_data() -> None:
    """A name typed decomposed (NFD) loads equal to the composed one, with the same dump."""
    assert NFD_NAME != NFC_NAME
    a, b = load_dossier(dossier_with_name(NFD_NAME)), load_dossier(dossier_with_name(NFC_NAME))
    assert a == b
    assert a.unit.name == NFC_NAME
    assert dancoso.dump_dossier(a) == dancoso.dump_dossier(b)


def test_nfd_text_is_normalised_in_python_construction_too() -> None:
    """Label(vi=NFD) equals Label(vi=NFC); tuples of text are normalised item by item."""
    assert Label(vi=NFD_NAME, en="x") == Label(vi=NFC_NAME, en="x")
    d = Dossier(
        unit=Unit(id="u", kind=UnitKind.WARD, name=NFD_NAME),
        period=Period.year(2021),
        notes=(NFD_NAME, "plain"),
    )
    assert d.notes == (NFC_NAME, "plain")


def test_texts_equal_only_after_nfc_are_duplicates() -> None:
    """Two items of a tuple of unique text that differ only in normal form are duplicates."""
    found = problems_of(lambda: from_data(Dossier, {**MINIMAL, "inferred": ["title", "title"]}))
    assert found[0][1] == "duplicate value 'title'"


def test_nfd_and_nfc_rubrics_hash_the_same() -> None:
    """A rubric title typed in NFD has the same content hash as in NFC."""
    data = to_data(reference_rubric("ward"))
    nfd = json.loads(unicodedata.normalize("NFD", json.dumps(data, ensure_ascii=False)))
    assert from_data(Rubric, nfd).hash == reference_rubric("ward").hash


# --------------------------------------------------------------------------- -0.0
def test_negative_zero_is_stored_as_zero() -> None:
    """A share of -0.0 equals 0.0 and now also dumps, and hashes, the same."""
    a = from_data(Ratio, {"share": -0.0})
    b = from_data(Ratio, {"share": 0.0})
    assert str(a.share) == "0.0"
    assert to_data(a) == to_data(b)
    assert canonical_json(to_data(a)) == canonical_json(to_data(b))
    assert Ratio(share=-0.0).share.hex() == "0x0.0p+0"


def test_negative_zero_in_a_dossier_gives_the_same_dossier_hash() -> None:
    """Two dossiers, -0.0 and 0.0 for one share, score with the same dossier hash."""

    def dossier(share: float) -> Dossier:
        return Dossier(
            unit=Unit(id="u", kind=UnitKind.WARD, name="U"),
            period=Period.year(2021),
            evidence=(Satisfaction(period=Period.year(2021), rate=Ratio(share=share)),),
        )

    assert score(dossier(-0.0)).dossier_hash == score(dossier(0.0)).dossier_hash


def test_negative_zero_in_rubric_parameters_is_stored_as_zero() -> None:
    """Parameters hold -0.0 as 0.0, so the rubric hash does not tell them apart."""
    text = dancoso.dumps(reference_rubric("ward"))
    data = json.loads(text)
    crit = data["sections"][0]["criteria"][0]
    numbers = [k for k, v in crit["params"].items() if isinstance(v, float | int)]
    assert numbers, "the first criterion of the ward rubric has a numeric parameter"
    crit["params"][numbers[0]] = 0.0
    zero = from_data(Rubric, data)
    crit["params"][numbers[0]] = -0.0
    negative = from_data(Rubric, data)
    assert canonical_json(to_data(negative)) == canonical_json(to_data(zero))
    assert hashlib.sha256(canonical_json(to_data(negative)).encode()).hexdigest() == zero.hash


# --------------------------------------------------------------------------- path vs text
def test_a_str_is_never_read_as_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load_dossier('d.json') parses the string: it does not read the file of that name
    (untrusted text could read local files)."""
    (tmp_path / "d.json").write_text(json.dumps(MINIMAL), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = problems_of(lambda: load_dossier("d.json"))
    assert found == [
        (
            "$",
            (
                "malformed TOML at the end of the document (line 1): Expected '=' after a key"
                " in a key/value pair; text is read as a document: to read a file, pass a"
                " pathlib.Path or path="
            ),
        )
    ]
    assert load_dossier(Path("d.json")) == load_dossier(path="d.json")


@pytest.mark.parametrize("loader", [load_dossier, load_rubric, load_scorecard])
def test_no_loader_reads_a_str_as_a_path(loader: Any) -> None:
    """load_rubric and load_scorecard, like load_dossier, take a str as the document."""
    with pytest.raises(InvalidInput):
        loader(os.devnull)


def test_a_nul_in_text_is_a_malformed_document() -> None:
    """load_dossier('a\\x00.json') is InvalidInput (it raised ValueError from the file system)."""
    found = problems_of(lambda: load_dossier("a\x00.json"))
    assert found[0][0] == "$"


def test_a_nul_in_a_path_is_a_clear_error() -> None:
    """A path holding NUL is a DancosoError that says so, as path= or as a Path."""
    for call in (lambda: load_dossier(path="a\x00.json"), lambda: load_dossier(Path("a\x00.json"))):
        with pytest.raises(DancosoError) as info:
            call()
        assert "a path cannot hold a NUL character" in str(info.value)


def test_a_path_with_a_lone_surrogate_is_a_clear_error() -> None:
    """A name the file system cannot encode is a DancosoError, not UnicodeEncodeError."""
    with pytest.raises(DancosoError) as info:
        load_dossier(path="d\ud800.json")
    assert not isinstance(info.value, InvalidInput)


def test_source_and_path_together_are_refused() -> None:
    """Giving both the document and path= is a usage error."""
    with pytest.raises(DancosoError, match="not both"):
        load_dossier(json.dumps(MINIMAL), path="d.json")


@pytest.mark.parametrize("source", [None, 42, ["{}"]], ids=["nothing", "int", "list"])
def test_a_source_of_another_kind_is_refused(source: Any) -> None:
    """Neither text, bytes nor a path: a DancosoError naming what to give."""
    with pytest.raises(DancosoError) as info:
        load_dossier(source)
    assert not isinstance(info.value, InvalidInput)


def test_path_keyword_reads_rubrics_and_scorecards(tmp_path: Path) -> None:
    """load_rubric(path=…) and load_scorecard(path=…) read files, as Path sources do."""
    rubric = reference_rubric("ward")
    (tmp_path / "r.json").write_text(dancoso.dumps(rubric), encoding="utf-8")
    assert load_rubric(path=str(tmp_path / "r.json")) == rubric
    assert load_rubric(tmp_path / "r.json") == rubric
    card = score(load_dossier(json.dumps(MINIMAL)))
    (tmp_path / "s.json").write_text(dancoso.dump_scorecard(card), encoding="utf-8")
    assert load_scorecard(path=tmp_path / "s.json") == card
    assert load_scorecard(tmp_path / "s.json") == card
