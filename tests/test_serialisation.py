"""Loading, dumping, plain data and JSON Schema: what goes in, what comes out, what is reported."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

import attrs
import jsonschema
import pytest

import dancoso.model as model
from dancoso import (
    DancosoError,
    InvalidInput,
    dump_dossier,
    dumps,
    from_data,
    json_schema,
    load_dossier,
    to_data,
)
from dancoso.model import (
    EVIDENCE_TYPES,
    AdministrativeProcedures,
    AnnualTheme,
    BandReached,
    Board,
    BoardActivity,
    BoardKind,
    CitizenReception,
    CitizenReceptionTally,
    CollectiveAgreement,
    CollectiveAgreementTally,
    Commendation,
    CommendationCriteria,
    CommunityConvention,
    CommunityDecision,
    CommunityMatter,
    Conference,
    ConferenceKind,
    ConferenceTally,
    Consultation,
    ConventionKind,
    ConventionTally,
    DemocracyRegulation,
    Dialogue,
    DialogueKind,
    DialogueTally,
    Disclosure,
    DisclosureChannel,
    DisclosureTally,
    DocumentRef,
    Dossier,
    Evidence,
    Finding,
    FindingKind,
    ImplementationPlan,
    Inspection,
    Label,
    MinimumCoverage,
    MinimumTotal,
    MobilisationModel,
    MobilisationModelTally,
    Model,
    NoFailedGate,
    OnlineServiceLevel,
    OnlineServices,
    OversightMode,
    OversightTally,
    OversightTarget,
    Period,
    Person,
    Petition,
    PetitionKind,
    PetitionTally,
    ProjectStage,
    ProjectTally,
    QuestionTally,
    Ratio,
    Receiver,
    RuleCombination,
    Satisfaction,
    Source,
    SourceRef,
    Statement,
    Supervision,
    TallyPart,
    TaskList,
    Unit,
    UnitKind,
    VoterContact,
    VoterContactKind,
    VoterContactTally,
)

D = dt.date
YEAR = {"start": "2021-01-01", "end": "2021-12-31"}
UNIT = {"id": "co-giang", "kind": "ward", "name": "Phường Cô Giang"}
MINIMAL = {"unit": UNIT, "period": YEAR}
MINIMAL_TOML = """\
[unit]
id = "co-giang"
kind = "ward"
name = "Phường Cô Giang"

[period]
start = 2021-01-01
end = 2021-12-31
"""
BOM = b"\xef\xbb\xbf"
EVIDENCE_TAGS = ", ".join(sorted(c.TYPE for c in EVIDENCE_TYPES))
UNIT_KINDS = ", ".join(k.value for k in UnitKind)


def minimal_dossier() -> Dossier:
    return Dossier(
        unit=Unit(id="co-giang", kind=UnitKind.WARD, name="Phường Cô Giang"),
        period=Period(start=D(2021, 1, 1), end=D(2021, 12, 31)),
    )


def rich_dossier() -> Dossier:
    """A dossier using nested records, ratios, parts, Vietnamese text and every kind of ref."""
    year = Period.year(2021)
    return Dossier(
        title="Phường Cô Giang, năm 2021",
        unit=Unit(
            id="co-giang",
            kind=UnitKind.WARD,
            name="Phường Cô Giang",
            parent="quan-1",
            valid_until=D(2025, 6, 30),
            residential_communities=66,
        ),
        period=year,
        related_units=(
            Unit(
                id="quan-1", kind=UnitKind.URBAN_DISTRICT, name="Quận 1", valid_until=D(2025, 6, 30)
            ),
        ),
        sources=(
            Source(
                id="s1",
                title="Quận 1 kiểm tra thực hiện dân chủ ở cơ sở",
                published_on=D(2021, 11, 3),
                document=DocumentRef.parse("31-KH/BCĐTP", issued_on=D(2021, 5, 19)),
            ),
        ),
        evidence=(
            Petition(
                id="p1",
                kind=PetitionKind.COMPLAINT,
                received_on=D(2021, 3, 1),
                resolved_on=D(2021, 4, 1),
                source=SourceRef(source="s1", quote="Giải quyết đúng hạn"),
            ),
            PetitionTally(
                id="pt",
                period=year,
                received=97,
                accepted=97,
                resolved=Ratio(part=92, whole=97, share=0.948),
                parts=(TallyPart(label="cấp phường", count=60, unit="co-giang"),),
            ),
            Board(id="b1", kind=BoardKind.PEOPLES_INSPECTION_BOARD, members=5),
            BoardActivity(
                id="ba",
                period=year,
                board="b1",
                board_kind=BoardKind.PEOPLES_INSPECTION_BOARD,
                supervisions=4,
            ),
            Inspection(
                id="i1",
                start=D(2021, 10, 20),
                end=D(2021, 10, 21),
                targets=(OversightTarget(unit="co-giang", body="Đảng ủy phường"),),
                findings=(
                    Finding(kind=FindingKind.STRENGTH, text="Thực hiện tốt", evidence=("p1", "pt")),
                ),
                concluded_by=Person(name="Đỗ Phương Lợi", title="Phó Trưởng Ban Dân vận"),
            ),
            Disclosure(
                subject="Dự toán ngân sách",
                item=4,
                channels=(DisclosureChannel.POSTING, DisclosureChannel.RADIO),
            ),
        ),
        notes=("Báo cáo không nêu số hộ.",),
    )


def load_problems(data: Any) -> list[tuple[str, str]]:
    """The (path, message) pairs reported when loading `data` as JSON."""
    with pytest.raises(InvalidInput) as info:
        load_dossier(json.dumps(data, ensure_ascii=False))
    return [(p.path, p.message) for p in info.value.problems]


def with_unit(**changes: Any) -> dict[str, Any]:
    return {**MINIMAL, "unit": {**UNIT, **changes}}


def with_evidence(*records: dict[str, Any]) -> dict[str, Any]:
    return {**MINIMAL, "evidence": list(records)}


# --------------------------------------------------------------------------- sources of input
def _write(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


JSON_BYTES = json.dumps(MINIMAL, ensure_ascii=False).encode()
SOURCES: list[Any] = [
    pytest.param(
        lambda tmp: {"path": str(_write(tmp, "d.json", JSON_BYTES))}, id="json-path-as-str"
    ),
    pytest.param(
        lambda tmp: {"path": str(_write(tmp, "d.toml", MINIMAL_TOML.encode()))},
        id="toml-path-as-str",
    ),
    pytest.param(lambda tmp: {"path": _write(tmp, "d.json", JSON_BYTES)}, id="json-path-keyword"),
    pytest.param(lambda tmp: {"source": _write(tmp, "d.json", JSON_BYTES)}, id="json-pathlib-Path"),
    pytest.param(
        lambda tmp: {"source": _write(tmp, "d.toml", MINIMAL_TOML.encode())},
        id="toml-pathlib-Path",
    ),
    pytest.param(lambda tmp: {"source": _write(tmp, "D.JSON", JSON_BYTES)}, id="upper-case-suffix"),
    pytest.param(
        lambda tmp: {"source": _write(tmp, "d.json", BOM + JSON_BYTES)}, id="json-file-with-BOM"
    ),
    pytest.param(lambda tmp: {"source": JSON_BYTES.decode()}, id="json-str"),
    pytest.param(lambda tmp: {"source": "\n  " + JSON_BYTES.decode()}, id="json-str-leading-space"),
    pytest.param(lambda tmp: {"source": JSON_BYTES}, id="json-bytes"),
    pytest.param(lambda tmp: {"source": BOM + JSON_BYTES}, id="json-bytes-with-BOM"),
    pytest.param(lambda tmp: {"source": MINIMAL_TOML}, id="toml-str"),
    pytest.param(lambda tmp: {"source": MINIMAL_TOML.encode()}, id="toml-bytes"),
]


@pytest.mark.parametrize("make_source", SOURCES)
def test_load_dossier_reads_every_kind_of_source(
    make_source: Callable[[Path], dict[str, Any]], tmp_path: Path
) -> None:
    """Files (a Path, or path= as str or Path, .json or .toml) and JSON or TOML text (str or
    bytes) all load."""
    assert minimal_dossier() == load_dossier(**make_source(tmp_path))


def test_load_dossier_reads_json_text_starting_with_a_bom() -> None:
    """A str holding JSON read from a BOM-prefixed file loads like the same bytes do."""
    assert minimal_dossier() == load_dossier("\ufeff" + JSON_BYTES.decode())


def test_format_overrides_the_suffix(tmp_path: Path) -> None:
    """A file with another suffix loads when the format is given."""
    path = _write(tmp_path, "dossier.txt", JSON_BYTES)
    assert minimal_dossier() == load_dossier(path, format="json")


def test_a_missing_file_is_a_dancoso_error_not_an_os_error(tmp_path: Path) -> None:
    """Reading a file that does not exist raises DancosoError naming the file."""
    path = tmp_path / "missing.json"
    with pytest.raises(DancosoError) as info:
        load_dossier(path)
    assert not isinstance(info.value, OSError)
    expected = f"{path}: cannot read (No such file or directory)"
    assert expected == str(info.value)


def test_an_unknown_suffix_is_a_dancoso_error(tmp_path: Path) -> None:
    """A .yaml path is refused with a hint to pass format=."""
    path = _write(tmp_path, "dossier.yaml", JSON_BYTES)
    with pytest.raises(DancosoError) as info:
        load_dossier(path)
    assert not isinstance(info.value, OSError)
    expected = f"{path}: cannot tell the format from the suffix; pass format="
    assert expected == str(info.value)


# --------------------------------------------------------------------------- malformed documents
MALFORMED = [
    pytest.param(
        '{\n  "unit": {\n    "id": "w",,\n',
        "malformed JSON at line 3, column 15: Expecting property name enclosed in double quotes",
        id="json-double-comma",
    ),
    pytest.param(
        '{"unit": {"id": "w"}',
        "malformed JSON at line 1, column 21: Expecting ',' delimiter",
        id="json-unclosed-object",
    ),
    pytest.param(
        '[unit]\nid = "w"\nkind = = 1\n',
        "malformed TOML at line 3, column 8: Invalid value",
        id="toml-bad-value",
    ),
    pytest.param(
        '[unit]\nid = "w"\n[unit]\n',
        "malformed TOML at line 3, column 6: Cannot declare ('unit',) twice",
        id="toml-table-twice",
    ),
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_malformed_text_is_reported_with_line_and_column(text: str, message: str) -> None:
    """Syntax errors become InvalidInput at `$` naming line and column."""
    with pytest.raises(InvalidInput) as info:
        load_dossier(text)
    expected = f"input has 1 problem:\n  {message} @ $"
    assert expected == str(info.value)


def test_malformed_file_names_the_file(tmp_path: Path) -> None:
    """Loading a malformed file names the file in the head line."""
    path = _write(tmp_path, "broken.json", b'{"unit": }')
    with pytest.raises(InvalidInput) as info:
        load_dossier(path)
    expected = f"{path} has 1 problem:\n  malformed JSON at line 1, column 10: Expecting value @ $"
    assert expected == str(info.value)


def test_text_that_is_not_utf8_is_reported() -> None:
    """Bytes that are not UTF-8 are reported, not decoded with replacement characters."""
    with pytest.raises(InvalidInput) as info:
        load_dossier(b'{"unit": "\xff"}')
    expected = [("$", "not UTF-8 text (byte 10): invalid start byte")]
    assert expected == [(p.path, p.message) for p in info.value.problems]


EMPTY = [
    pytest.param(lambda tmp: "", id="empty-str"),
    pytest.param(lambda tmp: " \n\t\n", id="blank-str"),
    pytest.param(lambda tmp: b"", id="empty-bytes"),
    pytest.param(lambda tmp: BOM, id="bom-only-bytes"),
    pytest.param(lambda tmp: _write(tmp, "empty.json", b""), id="empty-json-file"),
    pytest.param(lambda tmp: _write(tmp, "empty.toml", b""), id="empty-toml-file"),
    pytest.param(lambda tmp: _write(tmp, "blank.json", b"  \n"), id="blank-json-file"),
]


@pytest.mark.parametrize("make_source", EMPTY)
def test_an_empty_document_is_reported_as_empty(
    make_source: Callable[[Path], Any], tmp_path: Path
) -> None:
    """Empty or blank input, text or file, is reported as 'the document is empty' at `$`."""
    with pytest.raises(InvalidInput) as info:
        load_dossier(make_source(tmp_path))
    expected = [("$", "the document is empty")]
    assert expected == [(p.path, p.message) for p in info.value.problems]


# --------------------------------------------------------------------------- wrong types
WRONG_TYPES = [
    pytest.param(
        with_unit(households="12"),
        ("$.unit.households", "expected a whole number, got str '12'"),
        id="string-for-a-count",
    ),
    pytest.param(
        with_unit(name=12), ("$.unit.name", "expected text, got int 12"), id="number-for-a-string"
    ),
    pytest.param(
        with_unit(households=True),
        ("$.unit.households", "expected a whole number, got bool True"),
        id="bool-for-an-int",
    ),
    pytest.param(
        with_unit(households=12.0),
        ("$.unit.households", "expected a whole number, got float 12.0"),
        id="float-for-an-int",
    ),
    pytest.param(
        {**MINIMAL, "period": {**YEAR, "start": "2021-01-01T00:00:00"}},
        ("$.period.start", "expected a date as YYYY-MM-DD, got str '2021-01-01T00:00:00'"),
        id="datetime-string-for-a-date",
    ),
    pytest.param(
        {**MINIMAL, "period": {**YEAR, "start": "2021-02-30"}},
        ("$.period.start", "'2021-02-30' is not a valid date"),
        id="impossible-date",
    ),
    pytest.param(
        {**MINIMAL, "period": {**YEAR, "start": 20210101}},
        ("$.period.start", "expected a date as YYYY-MM-DD, got int 20210101"),
        id="number-for-a-date",
    ),
    pytest.param(
        {**MINIMAL, "evidence": {}},
        ("$.evidence", "expected a list, got dict {}"),
        id="object-for-a-list",
    ),
    pytest.param(
        {**MINIMAL, "notes": "Ghi chú"},
        ("$.notes", "expected a list, got str 'Ghi chú'"),
        id="string-for-a-list",
    ),
    pytest.param(
        {**MINIMAL, "unit": "co-giang"},
        ("$.unit", "expected an object (Unit), got str 'co-giang'"),
        id="string-for-an-object",
    ),
    pytest.param(
        with_evidence({"type": "disclosure", "subject": "Dự toán", "permanent": "yes"}),
        ("$.evidence[0].permanent", "expected true or false, got str 'yes'"),
        id="string-for-a-bool",
    ),
    pytest.param(
        with_evidence(
            {"type": "satisfaction", "period": YEAR, "rate": {"share": "0.9989"}},
        ),
        ("$.evidence[0].rate.share", "expected a number, got str '0.9989'"),
        id="string-for-a-float",
    ),
    pytest.param(
        with_unit(kind=3),
        ("$.unit.kind", f"expected one of {UNIT_KINDS}; got int 3"),
        id="number-for-an-enum",
    ),
    pytest.param(
        with_unit(name=None),
        ("$.unit.name", "expected text, got NoneType None"),
        id="null-for-text",
    ),
]


@pytest.mark.parametrize(("data", "expected"), WRONG_TYPES)
def test_wrong_types_are_rejected_without_coercion(
    data: dict[str, Any], expected: tuple[str, str]
) -> None:
    """Nothing is coerced: '12' is not 12, true is not 1, 12.0 is not 12."""
    assert [expected] == load_problems(data)


def test_a_toml_datetime_is_not_a_date() -> None:
    """A TOML date-time where a date is expected is rejected."""
    text = MINIMAL_TOML.replace("start = 2021-01-01", "start = 2021-01-01T08:00:00")
    with pytest.raises(InvalidInput) as info:
        load_dossier(text)
    expected = [("$.period.start", "expected a date without time, got 2021-01-01T08:00:00")]
    assert expected == [(p.path, p.message) for p in info.value.problems]


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity"])
def test_a_number_that_is_not_finite_is_rejected(word: str) -> None:
    """NaN and infinities, which Python's JSON reader accepts, are not shares."""
    evidence = (
        f'[{{"type": "satisfaction", "period": {json.dumps(YEAR)}, "rate": {{"share": {word}}}}}]'
    )
    text = f'{{"unit": {json.dumps(UNIT)}, "period": {json.dumps(YEAR)}, "evidence": {evidence}}}'
    with pytest.raises(InvalidInput) as info:
        load_dossier(text)
    value = {"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}[word]
    expected = [("$.evidence[0].rate.share", f"expected a finite number, got {value}")]
    assert expected == [(p.path, p.message) for p in info.value.problems]


# --------------------------------------------------------------------------- unknown and missing
def test_unknown_keys_are_reported_with_a_suggestion() -> None:
    """A misspelt key is named, with the field it was probably meant to be."""
    expected = [("$.unit.nmae", "unknown key 'nmae'; did you mean 'name'?")]
    data = {**MINIMAL, "unit": {"id": "co-giang", "kind": "ward", "nmae": "X", "name": "Y"}}
    assert expected == load_problems(data)


def test_unknown_keys_are_reported_with_other_problems_of_the_same_object() -> None:
    """An unknown key does not hide a bad value or a missing field next to it."""
    data = {**MINIMAL, "unit": {"id": "co-giang", "kind": "wrd", "nmae": "X", "zzz": 1}}
    expected = [
        ("$.unit.nmae", "unknown key 'nmae'; did you mean 'name'?"),
        ("$.unit.zzz", "unknown key 'zzz'"),
        (
            "$.unit.kind",
            f"'wrd' is not a valid UnitKind; did you mean 'ward'? (one of: {UNIT_KINDS})",
        ),
        ("$.unit.name", "required field missing"),
    ]
    assert sorted(expected) == sorted(load_problems(data))


def test_unknown_evidence_type_is_reported_with_a_suggestion() -> None:
    """A misspelt type tag is reported at `.type` with the nearest tag."""
    expected = [("$.evidence[0].type", "unknown type 'statment'; did you mean 'statement'?")]
    assert expected == load_problems(with_evidence({"type": "statment", "text": "x"}))


def test_evidence_type_that_is_not_text_is_reported() -> None:
    """A number as type tag is reported at `.type`."""
    expected = [("$.evidence[0].type", "unknown type 3")]
    assert expected == load_problems(with_evidence({"type": 3, "text": "x"}))


def test_missing_evidence_type_is_reported_with_the_choices() -> None:
    """A record without a type lists the tags it could have."""
    expected = [("$.evidence[0]", f"missing 'type' key (one of: {EVIDENCE_TAGS})")]
    assert expected == load_problems(with_evidence({"text": "x"}))


def test_missing_required_fields_are_reported_at_their_place() -> None:
    """Each required field missing is reported at the path it should have."""
    data = {
        "unit": {"id": "co-giang", "kind": "ward"},
        "period": {"start": "2021-01-01"},
        "evidence": [{"type": "petition", "kind": "complaint"}],
    }
    expected = [
        ("$.unit.name", "required field missing"),
        ("$.period.end", "required field missing"),
        ("$.evidence[0].received_on", "required field missing"),
    ]
    assert expected == load_problems(data)


def test_an_empty_object_lacks_unit_and_period() -> None:
    """`{}` is a document missing its two required fields."""
    expected = [("$.unit", "required field missing"), ("$.period", "required field missing")]
    assert expected == load_problems({})


def test_a_bad_enum_value_is_reported_with_a_suggestion_and_the_choices() -> None:
    """'complain' is not a petition kind; 'complaint' is suggested."""
    data = with_evidence({"type": "petition", "kind": "complain", "received_on": "2021-05-01"})
    kinds = ", ".join(k.value for k in PetitionKind)
    expected = [
        (
            "$.evidence[0].kind",
            f"'complain' is not a valid PetitionKind; did you mean 'complaint'? (one of: {kinds})",
        )
    ]
    assert expected == load_problems(data)


# --------------------------------------------------------------------------- all problems at once
def test_the_documented_example_message() -> None:
    """A petition resolved before it arrived is reported at its place in the dossier."""
    statement = {"type": "statement", "text": "Dân biết, dân bàn"}
    bad = {
        "type": "petition",
        "kind": "complaint",
        "received_on": "2021-05-01",
        "resolved_on": "2021-04-01",
    }
    with pytest.raises(InvalidInput) as info:
        load_dossier(json.dumps(with_evidence(statement, statement, statement, statement, bad)))
    expected = (
        "input has 1 problem:\n"
        "  resolved_on (2021-04-01) is before received_on (2021-05-01) @ $.evidence[4].resolved_on"
    )
    assert expected == str(info.value)


def test_all_problems_of_a_document_are_reported_at_once_in_document_order() -> None:
    """Problems in the unit, the period, several evidence records and a source all come out."""
    data = {
        "unit": {**UNIT, "households": -1},
        "period": {"start": "2021-12-31", "end": "2021-01-01"},
        "evidence": [
            {"type": "statement", "text": 1},
            {"type": "statement", "text": "ok"},
            {"type": "dialogue", "kind": "other", "held_on": "2021-06-01", "participants": "50"},
            {"type": "nope"},
        ],
        "sources": [{"id": "s 1", "title": "Báo cáo"}],
    }
    expected = [
        ("$.unit.households", "a count cannot be below 0, got -1"),
        ("$.period.end", "end (2021-01-01) is before start (2021-12-31)"),
        ("$.evidence[0].text", "expected text, got int 1"),
        ("$.evidence[2].participants", "expected a whole number, got str '50'"),
        ("$.evidence[3].type", "unknown type 'nope'"),
        (
            "$.sources[0].id",
            "'s 1' is not a valid identifier (letters, digits, '.', '_', ':', '-')",
        ),
    ]
    assert expected == load_problems(data)


def test_unknown_keys_take_their_place_in_document_order() -> None:
    """An unknown key written last is reported after the problems written before it."""
    data = {**with_evidence({"type": "statement", "text": 1}), "extra": True}
    expected = [
        ("$.evidence[0].text", "expected text, got int 1"),
        ("$.extra", "unknown key 'extra'"),
    ]
    assert expected == load_problems(data)


def test_dossier_wide_problems_are_reported_with_their_paths_when_loading() -> None:
    """Duplicate ids and dangling references come out of load_dossier with dossier paths."""
    data = with_evidence(
        {"type": "statement", "id": "e1", "text": "a"},
        {"type": "statement", "id": "e1", "text": "b", "source": {"source": "s9"}},
    )
    expected = [
        ("$.evidence[1].id", "duplicate evidence id 'e1' (first used at $.evidence[0].id)"),
        ("$.evidence[1].source.source", "no source with id 's9' in this dossier"),
    ]
    assert expected == load_problems(data)


# --------------------------------------------------------------------------- dumping
def test_dump_json_keeps_vietnamese_as_written() -> None:
    """Vietnamese text is written as UTF-8, never as \\u escapes."""
    text = dump_dossier(rich_dossier())
    assert "\\u" not in text
    assert '"name": "Phường Cô Giang"' in text
    assert '"number": "31-KH/BCĐTP"' in text


def test_dump_json_ends_with_a_newline() -> None:
    """The JSON text ends with exactly one newline."""
    text = dump_dossier(minimal_dossier())
    expected = (True, False)
    assert expected == (text.endswith("\n"), text.endswith("\n\n"))


def test_dump_json_omits_defaults() -> None:
    """Fields left at their default (None, empty, False) are not written."""
    d = Dossier(
        unit=Unit(id="co-giang", kind=UnitKind.WARD, name="Phường Cô Giang"),
        period=Period.year(2021),
        evidence=(Disclosure(subject="Dự toán ngân sách"),),
    )
    expected = {
        "unit": UNIT,
        "period": YEAR,
        "evidence": [{"type": "disclosure", "subject": "Dự toán ngân sách"}],
    }
    assert expected == json.loads(dump_dossier(d))


def test_dump_json_keeps_values_equal_to_a_default_only_when_set_otherwise() -> None:
    """A flag set to True and a zero count are written; they are not defaults."""
    d = Dossier(
        unit=Unit(id="co-giang", kind=UnitKind.WARD, name="Phường Cô Giang", households=0),
        period=Period.year(2021),
        evidence=(Disclosure(subject="Dự toán", permanent=True),),
    )
    data = json.loads(dump_dossier(d))
    expected = (0, True)
    assert expected == (data["unit"]["households"], data["evidence"][0]["permanent"])


def test_dump_toml_writes_native_dates() -> None:
    """TOML output uses TOML dates, not quoted strings."""
    text = dump_dossier(rich_dossier(), format="toml")
    data = tomllib.loads(text)
    assert (D(2021, 1, 1), D(2021, 4, 1)) == (
        data["period"]["start"],
        data["evidence"][0]["resolved_on"],
    )
    assert "start = 2021-01-01\n" in text


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_dump_then_load_gives_the_same_dossier(fmt: Literal["json", "toml"]) -> None:
    """What dump_dossier writes, load_dossier reads back unchanged."""
    d = rich_dossier()
    assert d == load_dossier(dump_dossier(d, format=fmt), format=fmt)


@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_dump_then_load_through_a_file(fmt: Literal["json", "toml"], tmp_path: Path) -> None:
    """A dumped dossier written to a .json or .toml file loads back unchanged."""
    path = tmp_path / f"dossier.{fmt}"
    path.write_text(dump_dossier(rich_dossier(), format=fmt), encoding="utf-8")
    assert rich_dossier() == load_dossier(path)


def test_unknown_dump_format_is_a_dancoso_error() -> None:
    """Only json and toml are written."""
    with pytest.raises(DancosoError) as info:
        dumps(minimal_dossier(), format="yaml")
    expected = "unknown format 'yaml'; use 'json' or 'toml'"
    assert expected == str(info.value)


# --------------------------------------------------------------------------- to_data / from_data
def _sample_objects() -> Iterator[Any]:
    year = Period.year(2021)
    day = D(2021, 6, 1)
    yield pytest.param(year, id="Period")
    yield pytest.param(Ratio(part=92, whole=97, share=0.948), id="Ratio-counts-and-share")
    yield pytest.param(Ratio.percent(99.89), id="Ratio-share")
    yield pytest.param(
        Unit(id="ai-tu", kind=UnitKind.TOWNSHIP, name="Thị trấn Ái Tử", valid_until=D(2025, 6, 30)),
        id="Unit",
    )
    yield pytest.param(Person(name="Đỗ Phương Lợi", title="Phó Trưởng Ban"), id="Person")
    yield pytest.param(
        DocumentRef.parse("59/2023/NĐ-CP", issued_on=D(2023, 8, 14)), id="DocumentRef"
    )
    yield pytest.param(Label(vi="Khen thưởng", en="Commendation"), id="Label")
    minimal: list[Evidence] = [
        Disclosure(subject="Dự toán"),
        DisclosureTally(period=year),
        CommunityDecision(matter=CommunityMatter.CONVENTION, decided_on=day),
        Consultation(subject="Quy hoạch"),
        CommunityConvention(kind=ConventionKind.HUONG_UOC),
        ConventionTally(period=year),
        DemocracyRegulation(title="Quy chế dân chủ"),
        Conference(kind=ConferenceKind.STAFF, held_on=day),
        ConferenceTally(period=year, kind=ConferenceKind.STAFF),
        Dialogue(kind=DialogueKind.HEAD_STAFF, held_on=day),
        DialogueTally(period=year, kind=DialogueKind.HEAD_STAFF),
        VoterContact(kind=VoterContactKind.BEFORE_SESSION, held_on=day),
        VoterContactTally(period=year),
        CitizenReception(held_on=day, receiver=Receiver.PEOPLES_COMMITTEE_CHAIR),
        CitizenReceptionTally(period=year),
        Petition(kind=PetitionKind.FEEDBACK, received_on=day),
        PetitionTally(period=year),
        Board(kind=BoardKind.MEDIATION_TEAM),
        BoardActivity(period=year, board_kind=BoardKind.MEDIATION_TEAM),
        AdministrativeProcedures(period=year),
        OnlineServices(period=year, level=OnlineServiceLevel.FULL),
        Satisfaction(period=year),
        MobilisationModel(name="Dân vận khéo"),
        MobilisationModelTally(period=year),
        Commendation(awarded_by="Quận ủy Đống Đa"),
        Inspection(start=day),
        Supervision(start=day),
        Statement(text="Dân biết, dân bàn"),
        CollectiveAgreement(),
        CollectiveAgreementTally(period=year),
        ImplementationPlan(title="Kế hoạch thực hiện QCDC"),
        AnnualTheme(period=year, text="Kỷ cương, trách nhiệm"),
        TaskList(set_by="Quận ủy"),
        ProjectTally(period=year, stage=ProjectStage.STARTED),
        OversightTally(period=year, mode=OversightMode.INSPECTION),
        QuestionTally(period=year),
    ]
    for record in minimal:
        yield pytest.param(record, id=type(record).__name__)
    yield pytest.param(
        CommendationCriteria(
            id="khen-3-nam",
            title=Label(vi="Khen thưởng", en="Commendation"),
            rules=(
                BandReached(band="excellent", periods=3),
                MinimumTotal(total=80),
                MinimumCoverage(coverage=0.9),
                NoFailedGate(),
            ),
            combine=RuleCombination.ANY,
            unit_kinds=(UnitKind.WARD, UnitKind.COMMUNE),
        ),
        id="CommendationCriteria",
    )


SAMPLES = list(_sample_objects())


def test_the_samples_hold_one_minimal_record_of_every_evidence_class() -> None:
    """The round-trip sample covers every tagged evidence class."""
    sampled = {type(p.values[0]) for p in SAMPLES}
    assert set(EVIDENCE_TYPES) <= sampled


@pytest.mark.parametrize("obj", SAMPLES)
def test_to_data_then_from_data_gives_the_same_object(obj: Model) -> None:
    """Plain data round-trips, through JSON text too."""
    data = to_data(obj)
    assert obj == from_data(type(obj), data)
    assert obj == from_data(type(obj), json.loads(json.dumps(data)))


def test_to_data_gives_only_plain_built_in_types() -> None:
    """No enum members, dates or tuples: only dict, list, str, int, float and bool."""
    plain = (dict, list, str, int, float, bool)

    def odd_leaves(value: Any, path: str) -> Iterator[tuple[str, str]]:
        if type(value) is dict:
            for k, v in value.items():
                yield from odd_leaves(v, f"{path}.{k}")
        elif type(value) is list:
            for i, v in enumerate(value):
                yield from odd_leaves(v, f"{path}[{i}]")
        elif type(value) not in plain:
            yield path, type(value).__name__

    expected: list[tuple[str, str]] = []
    assert expected == list(odd_leaves(to_data(rich_dossier()), "$"))


def test_to_data_of_evidence_starts_with_its_type() -> None:
    """An evidence record keeps its tag even on its own."""
    data = to_data(Statement(text="Dân biết"))
    expected = ["type", "text"]
    assert expected == list(data)
    expected = "statement"
    assert expected == data["type"]


def test_from_data_on_an_evidence_class_accepts_its_own_type() -> None:
    """A matching `type` key is accepted and dropped."""
    expected = Statement(text="x")
    assert expected == from_data(Statement, {"type": "statement", "text": "x"})


def test_from_data_on_an_evidence_class_rejects_another_type() -> None:
    """A `type` key naming another class is reported at `$.type`."""
    with pytest.raises(InvalidInput) as info:
        from_data(Statement, {"type": "petition", "text": "x"})
    expected = "Statement has 1 problem:\n  expected type 'statement', got 'petition' @ $.type"
    assert expected == str(info.value)


def test_from_data_reports_problems_under_the_class_name() -> None:
    """The head line names the class that was being built."""
    with pytest.raises(InvalidInput) as info:
        from_data(Period, {"start": "2021-05-01", "end": "2021-04-01"})
    expected = "Period has 1 problem:\n  end (2021-04-01) is before start (2021-05-01) @ $.end"
    assert expected == str(info.value)


def test_to_data_writes_dates_as_iso_text_and_terms_as_identifiers() -> None:
    """Dates become 'YYYY-MM-DD' and terms their identifier."""
    ref = DocumentRef.parse("31-KH/BCĐTP", issued_on=D(2023, 5, 19))
    expected = {"number": "31-KH/BCĐTP", "kind": "plan", "issued_on": "2023-05-19"}
    assert expected == to_data(ref)


# --------------------------------------------------------------------------- JSON Schema
def _model_classes() -> list[type[Model]]:
    found = (getattr(model, name) for name in model.__all__)
    return [c for c in found if isinstance(c, type) and issubclass(c, Model) and attrs.has(c)]


def test_the_dossier_schema_is_a_valid_2020_12_schema() -> None:
    """The schema passes the metaschema and says which draft it follows."""
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    expected = "https://json-schema.org/draft/2020-12/schema"
    assert expected == schema["$schema"]


def test_the_dossier_schema_accepts_what_to_data_writes() -> None:
    """A dumped dossier validates."""
    validator = jsonschema.Draft202012Validator(json_schema())
    expected = []
    assert expected == [e.message for e in validator.iter_errors(to_data(rich_dossier()))]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        pytest.param(lambda d: d["unit"].update(nmae="X"), ["unit"], id="unknown-key-in-unit"),
        pytest.param(lambda d: d.update(extra=1), [], id="unknown-key-at-top"),
        pytest.param(
            lambda d: d["evidence"][0].update(extra=1),
            ["evidence", 0],
            id="unknown-key-in-evidence",
        ),
        pytest.param(
            lambda d: d["unit"].update(households=-1), ["unit", "households"], id="negative-count"
        ),
        pytest.param(
            lambda d: d["evidence"][1].update(received=-1),
            ["evidence", 1],
            id="negative-count-in-evidence",
        ),
        pytest.param(
            lambda d: d["evidence"][0].update(type="nope"), ["evidence", 0], id="unknown-type"
        ),
    ],
)
def test_the_dossier_schema_rejects_unknown_keys_and_negative_counts(
    change: Callable[[dict[str, Any]], None], where: list[Any]
) -> None:
    """Unknown keys, negative counts and unknown type tags fail validation where they are."""
    data = copy.deepcopy(to_data(rich_dossier()))
    change(data)
    validator = jsonschema.Draft202012Validator(json_schema())
    errors = list(validator.iter_errors(data))
    assert errors
    assert where == list(errors[0].absolute_path)[: len(where)]


def test_the_dossier_schema_covers_every_evidence_type_tag() -> None:
    """Each evidence class appears in the union with its `type` constant."""
    schema = json_schema()
    refs = schema["$defs"]["Dossier"]["properties"]["evidence"]["items"]["oneOf"]
    names = [r["$ref"].removeprefix("#/$defs/") for r in refs]
    tags = {schema["$defs"][n]["properties"]["type"]["const"] for n in names}
    assert {c.TYPE for c in EVIDENCE_TYPES} == tags
    assert [c.__name__ for c in EVIDENCE_TYPES] == names


def test_every_exported_evidence_class_is_in_the_union() -> None:
    """No concrete evidence class is left out of EVIDENCE_TYPES."""
    tagged = {c for c in _model_classes() if issubclass(c, Evidence) and c.TYPE}
    assert tagged == set(EVIDENCE_TYPES)


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda c: c.__name__)
def test_json_schema_works_for_every_model_class(cls: type[Model]) -> None:
    """Each model class has a valid 2020-12 schema titled with its name."""
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert (cls.__name__, f"#/$defs/{cls.__name__}") == (schema["title"], schema["$ref"])


@pytest.mark.parametrize("obj", SAMPLES)
def test_each_class_schema_accepts_what_to_data_writes(obj: Model) -> None:
    """`to_data(obj)` validates against `json_schema(type(obj))`."""
    validator = jsonschema.Draft202012Validator(json_schema(type(obj)))
    expected = []
    assert expected == [e.message for e in validator.iter_errors(to_data(obj))]


def test_json_schema_returns_a_fresh_copy() -> None:
    """Changing a returned schema does not change the next one."""
    first = json_schema()
    first["$defs"].clear()
    assert "Unit" in json_schema()["$defs"]


# --------------------------------------------------------------------------- misuse and pickling
NOT_MODELS = [
    pytest.param(lambda: to_data({"start": "2021-01-01"}), id="to_data-dict"),
    pytest.param(lambda: to_data(UnitKind.WARD), id="to_data-term"),
    pytest.param(lambda: to_data(Period), id="to_data-class"),
    pytest.param(lambda: from_data(dict, {}), id="from_data-dict"),
    pytest.param(lambda: from_data(Period.year(2021), {}), id="from_data-instance"),
    pytest.param(lambda: from_data(UnitKind, "ward"), id="from_data-term"),
    pytest.param(lambda: json_schema(dict), id="json_schema-dict"),
    pytest.param(lambda: json_schema(UnitKind), id="json_schema-term"),
    pytest.param(lambda: json_schema(model.Before), id="json_schema-rule"),
    pytest.param(lambda: dump_dossier(Period.year(2021)), id="dump_dossier-period"),
    pytest.param(lambda: dump_dossier({"unit": UNIT}), id="dump_dossier-dict"),
]


@pytest.mark.parametrize("call", NOT_MODELS)
def test_non_model_arguments_raise_dancoso_error(call: Callable[[], object]) -> None:
    """Passing something that is not a model class or object is a DancosoError, not a crash."""
    with pytest.raises(DancosoError) as info:
        call()
    assert not isinstance(info.value, InvalidInput)


def test_invalid_input_pickles_with_its_problems() -> None:
    """InvalidInput survives pickling (multiprocessing) with its problems and message."""
    with pytest.raises(InvalidInput) as info:
        load_dossier(json.dumps(with_unit(households=-1, kind="wrd")))
    again = pickle.loads(pickle.dumps(info.value))
    assert (InvalidInput, info.value.problems, str(info.value), info.value.what) == (
        type(again),
        again.problems,
        str(again),
        again.what,
    )
