"""Property-based tests: what holds for every valid dossier and every model object."""

from __future__ import annotations

import copy
import importlib.metadata
import json
import re
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import dancoso
from dancoso.model import (
    EVIDENCE_TYPES,
    Dossier,
    Evidence,
    Model,
    Petition,
    PetitionKind,
    Unit,
    UnitKind,
)
from dancoso.model._base import spec_of
from dancoso.strategies import MODEL_CLASSES, dossiers, models

_VALIDATORS: dict[type, jsonschema.Draft202012Validator] = {}


def _validator(cls: type[Model]) -> jsonschema.Draft202012Validator:
    if cls not in _VALIDATORS:
        _VALIDATORS[cls] = jsonschema.Draft202012Validator(
            dancoso.json_schema(cls), format_checker=jsonschema.FormatChecker()
        )
    return _VALIDATORS[cls]


@given(dossiers())
def test_dossier_json_round_trip(dossier: Dossier) -> None:
    """Every valid dossier dumps to JSON and loads back equal, and dumps again byte-identical."""
    text = dancoso.dump_dossier(dossier)
    again = dancoso.load_dossier(text)
    assert again == dossier
    assert dancoso.dump_dossier(again) == text


@given(dossiers())
def test_dossier_toml_round_trip(dossier: Dossier) -> None:
    """Every valid dossier dumps to TOML and loads back equal."""
    assert dancoso.load_dossier(dancoso.dump_dossier(dossier, format="toml")) == dossier


@given(dossiers())
def test_dossier_validates_against_schema(dossier: Dossier) -> None:
    """The data of every valid dossier validates against json_schema()."""
    _validator(Dossier).validate(json.loads(dancoso.dump_dossier(dossier)))


_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})")


@given(dossiers())
def test_json_escapes_only_control_characters(dossier: Dossier) -> None:
    """JSON output keeps text as written: only control characters are \\u-escaped."""
    text = dancoso.dump_dossier(dossier)
    assert json.loads(text) == dancoso.to_data(dossier)
    escaped = {int(code, 16) for code in _ESCAPE.findall(text)}
    assert all(c < 0x20 or c == 0x7F for c in escaped)
    assert json.dumps(dossier.unit.name, ensure_ascii=False)[1:-1] in text


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda c: c.__name__)
@given(data=st.data())
def test_every_model_class_round_trips(cls: type[Model], data: st.DataObject) -> None:
    """Every model object survives to_data/from_data and validates against its own schema."""
    obj = data.draw(models(cls))
    plain = dancoso.to_data(obj)
    assert dancoso.from_data(cls, plain) == obj
    _validator(cls).validate(plain)


def test_strategies_cover_every_evidence_type() -> None:
    """MODEL_CLASSES (registered for st.from_type) include every evidence class."""
    assert set(EVIDENCE_TYPES) <= set(MODEL_CLASSES)


def test_hypothesis_entry_point_is_declared() -> None:
    """The installed package declares dancoso's setup hook in the `hypothesis` group."""
    points = importlib.metadata.entry_points(group="hypothesis")
    assert "dancoso._hypothesis:_hypothesis_setup_hook" in {p.value for p in points}


@given(st.from_type(Dossier), st.from_type(Unit))
def test_from_type_is_registered(dossier: Dossier, unit: Unit) -> None:
    """Through the entry point, st.from_type draws valid dossiers and units."""
    assert isinstance(dossier, Dossier)
    assert isinstance(unit, Unit)


# --------------------------------------------------------------------------- broken on purpose
def _load_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(dancoso.InvalidInput) as info:
        dancoso.load_dossier(json.dumps(data, ensure_ascii=False))
    return [(p.path, p.message) for p in info.value.problems]


def _count_fields(cls: type[Evidence]) -> list[str]:
    hints = attrs.fields(cls)
    return [
        a.name
        for a in hints
        if (s := spec_of(a)) is not None and s.minimum == 0 and s.maximum is None and not s.unique
    ]


_WITH_COUNTS = [c for c in EVIDENCE_TYPES if _count_fields(c)]


@given(dossiers(max_evidence=3), st.data())
def test_negative_count_is_rejected_at_its_path(dossier: Dossier, data: st.DataObject) -> None:
    """A negative count anywhere in the evidence is reported at that field's path."""
    cls = data.draw(st.sampled_from(_WITH_COUNTS))
    record = data.draw(models(cls))
    name = data.draw(st.sampled_from(_count_fields(cls)))
    doc = dancoso.to_data(dossier)
    plain = dancoso.to_data(attrs.evolve(record, id=None, source=None))
    plain[name] = -1
    doc.setdefault("evidence", []).append(plain)
    index = len(doc["evidence"]) - 1
    problems = _load_problems(doc)
    assert (f"$.evidence[{index}].{name}", "a count cannot be below 0, got -1") in problems


@given(dossiers(max_evidence=3), st.sampled_from(["households", "residents", "staff"]))
def test_wrong_type_is_rejected_at_its_path(dossier: Dossier, name: str) -> None:
    """A string where a count belongs is an error (no coercion), reported at its path."""
    doc = dancoso.to_data(dossier)
    doc["unit"][name] = "12"
    assert _load_problems(doc) == [(f"$.unit.{name}", "expected a whole number, got str '12'")]


@given(dossiers(max_evidence=3), st.data())
def test_reversed_dates_are_rejected_at_the_later_field(
    dossier: Dossier, data: st.DataObject
) -> None:
    """A petition resolved before it was received is reported at resolved_on."""
    first = data.draw(st.dates(min_value=dancoso.model.Period.year(2000).start))
    gap = data.draw(st.integers(1, 400))
    received = first.fromordinal(first.toordinal() + gap)
    petition = Petition(kind=PetitionKind.COMPLAINT, received_on=first)
    doc = dancoso.to_data(dossier)
    plain = dancoso.to_data(petition)
    plain["received_on"], plain["resolved_on"] = received.isoformat(), first.isoformat()
    doc.setdefault("evidence", []).append(plain)
    index = len(doc["evidence"]) - 1
    assert _load_problems(doc) == [
        (
            f"$.evidence[{index}].resolved_on",
            f"resolved_on ({first}) is before received_on ({received})",
        )
    ]


@given(dossiers(max_evidence=4), st.data())
def test_unknown_key_is_rejected_at_its_path(dossier: Dossier, data: st.DataObject) -> None:
    """An unknown key in an evidence record is reported at that key's path."""
    doc = dancoso.to_data(dossier)
    if not doc.get("evidence"):
        doc["unit"]["zz_unknown"] = 1
        assert _load_problems(doc) == [("$.unit.zz_unknown", "unknown key 'zz_unknown'")]
        return
    index = data.draw(st.integers(0, len(doc["evidence"]) - 1))
    doc["evidence"][index]["zz_unknown"] = 1
    assert _load_problems(doc) == [(f"$.evidence[{index}].zz_unknown", "unknown key 'zz_unknown'")]


@given(dossiers(max_evidence=4), st.data())
def test_dangling_source_reference_is_rejected(dossier: Dossier, data: st.DataObject) -> None:
    """A reference to a source id that does not exist is reported where it is made."""
    doc = dancoso.to_data(dossier)
    missing = "no-such-source"
    record = dancoso.to_data(data.draw(models(data.draw(st.sampled_from(EVIDENCE_TYPES)))))
    record.pop("id", None)
    record["source"] = {"source": missing}
    doc.setdefault("evidence", []).append(record)
    index = len(doc["evidence"]) - 1
    problems = _load_problems(copy.deepcopy(doc))
    assert (
        f"$.evidence[{index}].source.source",
        f"no source with id {missing!r} in this dossier",
    ) in problems


@given(dossiers(max_evidence=2))
def test_duplicate_evidence_id_is_rejected(dossier: Dossier) -> None:
    """Two evidence records with one id are rejected at the second."""
    doc = dancoso.to_data(dossier)
    record = {"type": "statement", "id": "dup", "text": "Một sự kiện"}
    doc["evidence"] = [*doc.get("evidence", []), record, dict(record)]
    n = len(doc["evidence"])
    problems = _load_problems(doc)
    expected = f"duplicate evidence id 'dup' (first used at $.evidence[{n - 2}].id)"
    assert (f"$.evidence[{n - 1}].id", expected) in problems


@given(models(Unit), st.sampled_from([k for k in UnitKind if k.abolished_on]))
def test_abolished_kinds_need_an_end_before_reform(unit: Unit, kind: UnitKind) -> None:
    """A township or district-level unit valid after 2025-06-30 is rejected."""
    data = dancoso.to_data(unit)
    data["kind"] = kind.value
    data.pop("valid_until", None)
    data.pop("valid_from", None)
    with pytest.raises(dancoso.InvalidInput) as info:
        dancoso.from_data(Unit, data)
    assert info.value.paths == ("$.valid_until",)


@given(dossiers(max_evidence=4), st.integers(0, 2))
def test_dangling_evidence_reference_is_rejected(dossier: Dossier, n_findings: int) -> None:
    """A finding pointing at an evidence id that does not exist is reported where it points."""
    doc = dancoso.to_data(dossier)
    findings = [{"kind": "strength", "text": "Tốt"} for _ in range(n_findings)]
    findings.append({"kind": "weakness", "text": "Chưa tốt", "evidence": ["no-such-record"]})
    inspection = {"type": "inspection", "start": "2022-04-12", "findings": findings}
    doc["evidence"] = [*doc.get("evidence", []), inspection]
    index = len(doc["evidence"]) - 1
    expected = [
        (
            f"$.evidence[{index}].findings[{n_findings}].evidence[0]",
            "no evidence with id 'no-such-record' in this dossier",
        )
    ]
    assert expected == _load_problems(doc)
