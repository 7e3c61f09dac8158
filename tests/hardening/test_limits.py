"""Input beyond the documented limits is refused with an `InvalidInput`, never another error.

Regression tests for issue 12: deep nesting, integers of thousands of digits, 50 MB
values in messages, non-text keys, repeated JSON keys.
"""

from __future__ import annotations

import json
import re
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest

import dancoso
from dancoso import DancosoError, InvalidInput, from_data, load_dossier, loads
from dancoso._limits import MAX_DEPTH, MAX_INT
from dancoso.model import Dossier, Ratio, Unit
from dancoso.scoring import Rubric, load_rubric, load_scorecard, reference_rubric

UNIT = {"id": "co-giang", "kind": "ward", "name": "Phường Cô Giang"}
PERIOD = {"start": "2021-01-01", "end": "2021-12-31"}
MINIMAL = {"unit": UNIT, "period": PERIOD}
DEEP_MESSAGE = f"objects and arrays are nested more than {MAX_DEPTH} deep"


def problems_of(call: Callable[[], Any]) -> list[tuple[str, str]]:
    """The (path, message) pairs of the `InvalidInput` that `call()` raises."""
    with pytest.raises(InvalidInput) as info:
        call()
    return [(p.path, p.message) for p in info.value.problems]


def rubric_data() -> dict[str, Any]:
    return dancoso.to_data(reference_rubric("ward"))


# --------------------------------------------------------------------------- nesting
LOADERS: list[Any] = [
    pytest.param(load_dossier, id="load_dossier"),
    pytest.param(load_rubric, id="load_rubric"),
    pytest.param(load_scorecard, id="load_scorecard"),
]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 100_000])
def test_deeply_nested_json_is_refused_by_every_loader(
    loader: Callable[[str], Any], depth: int
) -> None:
    """JSON nested beyond the limit, even 100,000 deep, is InvalidInput, not RecursionError."""
    text = '{"unit": ' + "[" * depth + "]" * depth + "}"
    found = problems_of(lambda: loader(text))
    assert len(found) == 1
    assert found[0][1] == DEEP_MESSAGE


@pytest.mark.parametrize("loader", [load_dossier, load_rubric])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 5_000])
def test_deeply_nested_toml_is_refused(loader: Callable[..., Any], depth: int) -> None:
    """TOML arrays nested beyond the limit (tomllib recurses) are InvalidInput."""
    text = "unit = " + "[" * depth + "]" * depth + "\n"
    found = problems_of(lambda: loader(text, format="toml"))
    assert [m for _, m in found] == [DEEP_MESSAGE]


def test_nesting_at_the_limit_reaches_the_model() -> None:
    """Exactly MAX_DEPTH levels is not a nesting problem: the model reports the wrong type."""
    value: Any = []
    for _ in range(MAX_DEPTH - 2):  # the document and `unit` are two levels
        value = [value]
    found = problems_of(lambda: from_data(Dossier, {"unit": value, "period": PERIOD}))
    assert [p for p, _ in found] == ["$.unit"]
    assert "expected an object" in found[0][1]


def test_deep_plain_data_is_refused_with_the_path_where_it_goes_too_deep() -> None:
    """from_data on Python data nested 5,000 deep names the first level beyond the limit."""
    value: Any = {}
    for _ in range(5_000):
        value = {"x": value}
    found = problems_of(lambda: from_data(Dossier, {"unit": value}))
    assert found == [("$.unit" + ".x" * (MAX_DEPTH - 1), DEEP_MESSAGE)]


def nested_sections(levels: int) -> dict[str, Any]:
    """The ward rubric's data with its first section wrapped until sections nest `levels`."""
    data = rubric_data()
    inner = data["sections"][0]
    depth = 1 + _section_depth(inner)
    while depth < levels:
        inner = {"id": f"wrap{depth}", "title": {"vi": "Bọc", "en": "Wrap"}, "sections": [inner]}
        depth += 1
    data["sections"][0] = inner
    return data


def _section_depth(section: dict[str, Any]) -> int:
    subs = section.get("sections", [])
    return max((1 + _section_depth(s) for s in subs), default=0)


def test_sections_nested_200_deep_are_refused_at_load() -> None:
    """Rubric sections 200 deep no longer load (to fail later in score() with RecursionError)."""
    text = json.dumps(nested_sections(200))
    found = problems_of(lambda: load_rubric(text))
    assert [m for _, m in found] == [DEEP_MESSAGE]


def test_sections_nested_17_deep_are_refused_with_their_path() -> None:
    """Within the nesting limit of documents, sections beyond 16 levels are refused."""
    found = problems_of(lambda: from_data(Rubric, nested_sections(17)))
    assert found == [("$.sections[0].sections", "sections are nested more than 16 deep")]


def test_sections_nested_16_deep_load_score_and_dump() -> None:
    """At the limit a rubric loads, scores, explains itself and dumps back."""
    rubric = from_data(Rubric, nested_sections(16))
    dossier = load_dossier(json.dumps(MINIMAL))
    card = dancoso.score(dossier, rubric)
    assert 0 <= card.total <= 100
    assert load_rubric(dancoso.dumps(rubric)) == rubric
    assert load_scorecard(dancoso.dump_scorecard(card)) == card


def test_sections_nested_deeply_in_python_are_refused() -> None:
    """A rubric tree built in Python cannot pass 16 levels: the 17th level is refused."""
    from dancoso.scoring import Section

    section = reference_rubric("ward").sections[0]  # one level: a section of criteria
    for i in range(15):
        section = Section(id=f"s{i}", title=section.title, sections=(section,))
    with pytest.raises(InvalidInput) as info:
        Section(id="s-too-deep", title=section.title, sections=(section,))
    assert info.value.problems[0].message == "sections are nested more than 16 deep"


# --------------------------------------------------------------------------- integers
@pytest.mark.parametrize("fmt", ["json", "toml"])
def test_an_integer_of_5000_digits_in_text_is_invalid_input(fmt: str) -> None:
    """Python's 4,300-digit limit on int() becomes a clear problem, for JSON and TOML."""
    if fmt == "json":
        text = '{"unit": {"households": ' + "9" * 5_000 + "}}"
    else:
        text = "[unit]\nhouseholds = " + "9" * 5_000 + "\n"
    found = problems_of(lambda: load_dossier(text, format=fmt))  # type: ignore[arg-type]
    assert found == [("$", "a whole number has more than 15 digits")]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (10**5000, "a whole number of about 5,001 digits"),
        (MAX_INT + 1, str(MAX_INT + 1)),
        (-(10**20), str(-(10**20))),
    ],
    ids=["10**5000", "MAX_INT+1", "-10**20"],
)
def test_from_data_refuses_integers_that_could_not_be_dumped(value: int, shown: str) -> None:
    """from_data refuses whole numbers beyond 15 digits at their path, and never str()s one
    of 5,000 digits (which would raise ValueError)."""
    data = {**MINIMAL, "unit": {**UNIT, "households": value}}
    found = problems_of(lambda: from_data(Dossier, data))
    assert found == [("$.unit.households", f"a whole number has at most 15 digits, got {shown}")]


def test_the_largest_accepted_integer_round_trips() -> None:
    """MAX_INT (15 nines) loads, dumps as JSON and TOML, and loads back equal."""
    d = from_data(Dossier, {**MINIMAL, "unit": {**UNIT, "households": MAX_INT}})
    for fmt in ("json", "toml"):
        assert load_dossier(dancoso.dump_dossier(d, format=fmt), format=fmt) == d  # type: ignore[arg-type]


def test_huge_integers_in_python_construction_are_refused() -> None:
    """Unit(households=10**5000) is refused like the data form, and rules between fields are
    not computed with the number (part/whole would overflow)."""
    with pytest.raises(InvalidInput) as info:
        Ratio(part=10**5001, whole=10**5000)
    assert info.value.paths == ("$.part", "$.whole")
    with pytest.raises(InvalidInput):
        Unit(id="u", kind="ward", name="U", households=10**5000)  # type: ignore[arg-type]


def test_a_float_field_refuses_a_huge_integer_without_overflow() -> None:
    """A 5,000-digit integer given for a number is a problem, not an OverflowError."""
    found = problems_of(lambda: from_data(Ratio, {"share": 10**5000}))
    assert found == [
        (
            "$.share",
            "a whole number has at most 15 digits, got a whole number of about 5,001 digits",
        )
    ]


# --------------------------------------------------------------------------- 50 MB values
HUGE = 50_000_000


def _costs(call: Callable[[], Any]) -> tuple[InvalidInput, float, int]:
    """The InvalidInput `call` raises, the seconds it took and the peak of new memory."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        call()
    except InvalidInput as exc:
        error = exc
    else:
        raise AssertionError("no InvalidInput raised")
    finally:
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, seconds, peak


def _with_unit(**changes: Any) -> dict[str, Any]:
    return {**MINIMAL, "unit": {**UNIT, **changes}}


def _rubric_text_with_indicator(name: str) -> str:
    text = dancoso.dumps(reference_rubric("ward"))
    return text.replace('"indicator": "', f'"indicator": "{name}', 1)


#: For each case: the input made from a 50 MB word (not timed), and the loader's call.
HUGE_VALUES: list[Any] = [
    pytest.param(
        lambda big: _with_unit(kind=big),
        lambda data: from_data(Dossier, data),
        "$.unit.kind",
        id="enum",
    ),
    pytest.param(
        lambda big: {**MINIMAL, "unit": {**UNIT, big: 1}},
        lambda data: from_data(Dossier, data),
        "$.unit[",
        id="unknown-key",
    ),
    pytest.param(
        lambda big: {**MINIMAL, "evidence": [{"type": big}]},
        lambda data: from_data(Dossier, data),
        "$.evidence[0].type",
        id="type-tag",
    ),
    pytest.param(
        _rubric_text_with_indicator,
        load_rubric,
        "$.sections[0].criteria[0].indicator",
        id="indicator-name",
    ),
]


@pytest.mark.parametrize(("make", "call", "path"), HUGE_VALUES)
def test_a_50_mb_bad_value_costs_little_and_is_cut_in_the_message(
    make: Callable[[str], Any], call: Callable[[Any], Any], path: str
) -> None:
    """A 50 MB bad enum value, unknown key, tag or indicator name: under 8 s (the loader
    alone, parsing 50 MB included), under 200 MB of new memory beyond a few copies of the
    input, and a message of a few hundred characters (it took 11–45 s and 2.2 GB, and the
    message carried all 50 MB)."""
    given = make("x" * HUGE)
    error, seconds, peak = _costs(lambda: call(given))
    assert error.paths[0].startswith(path)
    assert len(str(error)) < 2_000
    assert re.search(r"… \(50,000,0\d\d characters\)", str(error))
    assert seconds < 8  # a second or two on a busy machine; it was 11–45 s
    assert peak < 4 * HUGE + 200_000_000  # the document text itself may be copied a few times


def test_a_50_mb_identifier_is_refused_by_its_length() -> None:
    """An id of 50 MB is refused for its length before any pattern is matched over it."""
    error, seconds, _ = _costs(lambda: from_data(Dossier, _with_unit(id="x" * HUGE + " ")))
    assert error.problems[0].message == ("an identifier has at most 200 characters, got 50,000,001")
    assert seconds < 5


def test_suggestions_still_come_for_short_words() -> None:
    """The bound on suggestions leaves ordinary typos their 'did you mean'."""
    found = problems_of(lambda: from_data(Dossier, _with_unit(kind="wardd")))
    assert "did you mean 'ward'?" in found[0][1]


def test_str_of_thousands_of_problems_lists_the_first_hundred() -> None:
    """A document with 5,000 problems prints 100 of them and how many more; all are kept."""
    records = [{"type": "statement"} for _ in range(5_000)]
    with pytest.raises(InvalidInput) as info:
        from_data(Dossier, {**MINIMAL, "evidence": records})
    text = str(info.value)
    assert len(info.value.problems) == 5_000
    assert text.splitlines()[-1] == "  … and 4,900 more (all in exc.problems)"
    assert len(text.splitlines()) == 102


# --------------------------------------------------------------------------- keys
NON_TEXT_KEYS: list[Any] = [
    pytest.param({**MINIMAL, 1: "x"}, "$", "keys are text, got int 1", id="top"),
    pytest.param(
        {**MINIMAL, "unit": {**UNIT, None: 1}},
        "$.unit",
        "keys are text, got NoneType None",
        id="nested",
    ),
    pytest.param(
        {**MINIMAL, "unit": {**UNIT, ("a",): 1, 2.5: 0}},
        "$.unit",
        "keys are text, got tuple ('a',)",
        id="mixed-keys",
    ),
]


@pytest.mark.parametrize(("data", "path", "message"), NON_TEXT_KEYS)
def test_from_data_refuses_keys_that_are_not_text(
    data: dict[Any, Any], path: str, message: str
) -> None:
    """Non-string keys are problems at their object's path (they raised TypeError inside
    difflib, or sorting mixed keys)."""
    found = problems_of(lambda: from_data(Dossier, data))
    assert (path, message) == found[0]


def test_rubric_parameters_with_a_non_text_key_are_refused() -> None:
    """A parameter table with a number for a key is refused at the criterion's params."""
    data = rubric_data()
    data["sections"][0]["criteria"][0]["params"] = {1: 2.0}
    found = problems_of(lambda: from_data(Rubric, data))
    assert found == [("$.sections[0].criteria[0].params", "keys are text, got int 1")]


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('{"unit": {"id": "a", "id": "b"}}', "$.unit.id"),
        ('{"period": {}, "period": {}}', "$.period"),
        ('{"unit": {"x y": 1, "x y": 2}}', "$.unit['x y']"),
    ],
)
def test_repeated_json_keys_are_refused_with_their_path(text: str, path: str) -> None:
    """A JSON key given twice is refused, as TOML refuses it (last wins before)."""
    found = problems_of(lambda: load_dossier(text))
    assert found[0][0] == path
    assert "is given more than once" in found[0][1]


def test_repeated_toml_keys_stay_refused() -> None:
    """TOML already refused repeated keys; it still does."""
    found = problems_of(lambda: load_dossier('[unit]\nid = "a"\nid = "b"\n'))
    assert found[0][1].startswith("malformed TOML at line 3")


def test_unknown_keys_with_odd_characters_are_quoted_in_paths() -> None:
    """A key with a newline or a dot is quoted in its path, so a path is one line."""
    found = problems_of(lambda: from_data(Dossier, {**MINIMAL, "a\nb": 1, "c.d": 2}))
    assert [p for p, _ in found] == ["$['a\\nb']", "$['c.d']"]


def test_loads_refuses_what_is_neither_str_nor_bytes() -> None:
    """loads(Dossier, 42) is a DancosoError, not an AttributeError."""
    with pytest.raises(DancosoError):
        loads(Dossier, 42)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- shared data
def test_plain_data_that_shares_its_parts_is_checked_in_linear_time() -> None:
    """A list holding one list twice, 60 levels down (2**60 paths), and a dict holding
    itself: refused or reported in milliseconds (found by make fuzz: the shape walk and the
    repr in messages took exponential time)."""
    shared: Any = []
    for _ in range(60):
        shared = [shared, shared]
    start = time.perf_counter()
    found = problems_of(lambda: from_data(Dossier, {"unit": shared, "period": PERIOD}))
    assert found[0][0] == "$.unit"
    assert len(found[0][1]) < 200
    looped: dict[str, Any] = {}
    looped["a"] = looped
    found = problems_of(lambda: from_data(Dossier, {"unit": looped}))
    assert found == [("$.unit" + ".a" * (MAX_DEPTH - 1), DEEP_MESSAGE)]
    assert time.perf_counter() - start < 2
