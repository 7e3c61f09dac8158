"""The fuzzing harness: seeds, mutators, and the one property every loader must keep.

The property (`check`): whatever the input, a loader either returns an object or raises a
`DancosoError`; what it returns dumps back and loads again to an equal object, scores
(dossiers, rubrics) raising nothing but `DancosoError`, and dumps as UTF-8.

Used by `fuzz/run.py` (`make fuzz`, hundreds of thousands of inputs from `random`) and by
`tests/fuzz/` (Hypothesis drives the same mutators, sized for CI). Nothing here is
imported by the library.
"""

from __future__ import annotations

import functools
import json
import math
import random
import string
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs

import dancoso
from dancoso import DancosoError, from_data, load_dossier, loads, to_data
from dancoso.model import EVIDENCE_TYPES, Dossier, Model, Period, Ratio, Unit
from dancoso.scoring import (
    Rubric,
    Scorecard,
    dump_scorecard,
    list_rubrics,
    load_rubric,
    load_scorecard,
    rubric,
    score,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
LOADERS = ("load_dossier", "load_rubric", "load_scorecard", "from_data", "loads")


# --------------------------------------------------------------------------- seeds
@dataclass(frozen=True)
class Seeds:
    """Documents to mutate: full examples, small dossiers, rubrics, scorecards."""

    dossier_texts: tuple[str, ...]
    dossier_data: tuple[dict[str, Any], ...]
    rubric_texts: tuple[str, ...]
    rubric_data: tuple[dict[str, Any], ...]
    scorecard_texts: tuple[str, ...]
    parts: tuple[tuple[type[Model], dict[str, Any]], ...]


def _small_dossiers(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The example's unit and period with one evidence record at a time (no sources)."""
    for record in data.get("evidence", [])[:8]:
        record = {k: v for k, v in record.items() if k not in ("source", "evidence", "board")}
        yield {"unit": data["unit"], "period": data["period"], "evidence": [record]}


@functools.cache
def seeds() -> Seeds:
    """The seed corpus, built once per process from the bundled files."""
    dossier_texts: list[str] = []
    dossier_data: list[dict[str, Any]] = []
    scorecards: list[str] = []
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        dossier = load_dossier(text)
        dossier_texts += [text, dancoso.dump_dossier(dossier, format="toml")]
        data = json.loads(text)
        dossier_data.append(data)
        for small in _small_dossiers(data):
            try:
                d = from_data(Dossier, small)
            except DancosoError:
                continue
            dossier_data.append(small)
            dossier_texts.append(dancoso.dump_dossier(d))
        scorecards.append(dump_scorecard(score(dossier)))
    rubric_texts: list[str] = []
    rubric_data: list[dict[str, Any]] = []
    packaged = ROOT / "src" / "dancoso" / "scoring" / "rubrics"
    for rubric_id in list_rubrics():
        r = rubric(rubric_id)
        toml_file = packaged / f"{rubric_id}.toml"
        if toml_file.exists():
            rubric_texts.append(toml_file.read_text(encoding="utf-8"))
        rubric_texts.append(dancoso.dumps(r))
        rubric_data.append(to_data(r))
    parts: list[tuple[type[Model], dict[str, Any]]] = []
    for d in dossier_data[:5]:
        dossier = from_data(Dossier, d)
        parts.append((Unit, to_data(dossier.unit)))
        parts.append((Period, to_data(dossier.period)))
        for e in dossier.evidence[:12]:
            parts.append((type(e), to_data(e)))
            for a in attrs.fields(type(e)):
                value = getattr(e, a.name)
                if isinstance(value, Ratio):
                    parts.append((Ratio, to_data(value)))
    return Seeds(
        tuple(dossier_texts),
        tuple(dossier_data),
        tuple(rubric_texts),
        tuple(rubric_data),
        tuple(scorecards),
        tuple(parts),
    )


# --------------------------------------------------------------------------- interesting values
def interesting_values(rng: random.Random) -> Any:
    """A value that has broken, or could break, a loader: limits, odd text, odd types."""
    pick = rng.randrange(40)
    if pick == 0:
        return 10 ** rng.choice((15, 16, 300, 4_299, 4_301, 5_000))
    if pick == 1:
        return -(10 ** rng.choice((15, 20, 5_000)))
    if pick == 2:
        return rng.choice((math.nan, math.inf, -math.inf, -0.0, 5e-324, 1e308, -1e308))
    if pick == 3:
        return rng.choice(("", " ", "\u200b", "\u3164", "\u0301", "\ufeff", "\u00a0\u2028"))
    if pick == 4:
        return "P" + rng.choice(("\ud800", "\udfff", "\x00", "\x1b", "\x7f", "\x85", "\r\n"))
    if pick == 5:
        return unicodedata.normalize("NFD", "Phường Cô Giang Thị trấn Ái Tử")
    if pick == 6:
        return "x" * rng.choice((59, 60, 61, 100, 101, 200, 201, 10_000, 200_000))
    if pick == 7:
        depth = rng.choice((16, 17, 63, 64, 65, 200, 2_000))
        value: Any = rng.choice(([], {}))
        for _ in range(depth):
            value = [value] if rng.random() < 0.5 else {"a": value}
        return value
    if pick == 8:
        return {rng.choice((1, None, 2.5, ("t",), True)): 1}
    if pick == 9:
        return rng.choice(
            ("2021-02-30", "2021-1-1", "9999-12-31", "0001-01-01", "2021-01-01T00:00:00")
        )
    if pick == 10:
        return rng.choice(("ward", "commune", "wardd", "statement", "disclosure", "ward "))
    if pick == 11:
        return [rng.choice((1, "a", None, {}, [])) for _ in range(rng.randrange(5))]
    if pick == 12:
        return rng.choice((True, False, None, 0, 1, -1, 0.5, 1.0, 100, 101))
    if pick == 13:
        return rng.choice(("co-giang", "a", "a.b:c-d_e", "-a", "a b", "ä", "e1", "x" * 201))
    if pick < 25:
        return rng.choice((0, 1, 2, 3, 10, 97, 1000, 0.0, 0.25, 0.948, 1.0, 50.0, 99.9, -1, -0.5))
    if pick < 32:
        return "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(12)))
    return rng.choice((None, "", [], {}, "2021-12-31", "ward", "statement", "x"))


_ALPHABET = (
    string.ascii_letters + string.digits + " .-_:/,()[]{}\"'\\=#\n\t"
    "ăâđêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ\u200b\u0301\ud800€😀"
)


# --------------------------------------------------------------------------- mutators
def mutate_data(value: Any, rng: random.Random, rounds: int = 3) -> Any:
    """A deep copy of plain data with a few random changes at random places."""
    out = _copy(value)
    for _ in range(rounds):
        out = _mutate_once(out, rng)
    return out


def _copy(value: Any) -> Any:
    """A deep copy of plain data; the value itself where JSON cannot hold it (a tuple key,
    a number of 5,000 digits, nesting beyond the recursion limit): sharing is harmless."""
    try:
        return json.loads(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError, RecursionError):
        return value


def as_json(value: Any, rng: random.Random) -> str:
    """JSON text of plain data; data JSON cannot hold becomes a text mutation of it."""
    try:
        return json.dumps(value, ensure_ascii=rng.random() < 0.3)
    except (TypeError, ValueError, RecursionError):
        return mutate_text("".join(rng.choice(_TOKENS) for _ in range(5)), rng)


def _containers(value: Any, acc: list[Any]) -> list[Any]:
    """The objects and arrays of `value` down to 24 levels, each once (data may share)."""
    seen: set[int] = set()
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if not isinstance(node, dict | list) or id(node) in seen or depth > 24:
            continue
        seen.add(id(node))
        acc.append(node)
        stack.extend((v, depth + 1) for v in (node.values() if isinstance(node, dict) else node))
    return acc


def _mutate_once(root: Any, rng: random.Random) -> Any:
    nodes = _containers(root, [])
    if not nodes:
        return interesting_values(rng)
    node = rng.choice(nodes)
    op = rng.randrange(8)
    if isinstance(node, dict):
        keys = list(node)
        if op == 0 or not keys:  # a key the class does not know, or a near miss
            key = f"{rng.choice(keys)}{rng.choice(('s', '_', ''))}" if keys else "x"
            node[rng.choice((key, "type", "id", "x" * rng.choice((5, 200))))] = interesting_values(
                rng
            )
        elif op == 1:
            del node[rng.choice(keys)]
        elif op == 2:  # a value taken from elsewhere in the document
            node[rng.choice(keys)] = _copy(rng.choice(nodes))
        else:
            node[rng.choice(keys)] = interesting_values(rng)
    elif isinstance(node, list):
        if op == 0 and node:
            node.append(_copy(rng.choice(node)))
        elif op == 1 and node:
            del node[rng.randrange(len(node))]
        elif op == 2 and len(node) > 1:
            rng.shuffle(node)
        elif node:
            node[rng.randrange(len(node))] = interesting_values(rng)
        else:
            node.append(interesting_values(rng))
    return root


_TOKENS = (
    '"\\ud800"',
    "1e999",
    "-0.0",
    "9" * 5_000,
    "[" * 2_000,
    "{" * 500,
    "null",
    "true",
    '"x"',
    '{"a": 1, "a": 2}',
    "NaN",
    "Infinity",
    '"\\u0000"',
    "\ufeff",
    "\x00",
    '"ward"',
    "2021-01-01",
    "= ",
    "[[evidence]]",
    '"""',
    "'''",
    "\n",
    "#",
    ",",
    ":",
    "]",
    "}",
)


def mutate_text(text: str, rng: random.Random, rounds: int = 2) -> str:
    """Text with a few random edits: cuts, repeats, flips, tokens that broke loaders."""
    for _ in range(rounds):
        n = len(text)
        op = rng.randrange(7)
        i = rng.randrange(n + 1)
        j = min(n, i + rng.randrange(1, 40))
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:i] + rng.choice(_TOKENS) + text[i:]
        elif op == 2:
            text = text[:j] + text[i:j] + text[j:]
        elif op == 3 and n:
            k = rng.randrange(n)
            text = text[:k] + chr(ord(text[k]) ^ (1 << rng.randrange(7))) + text[k + 1 :]
        elif op == 4:
            text = text[:i]
        elif op == 5:
            text = text[:i] + rng.choice(_ALPHABET) + text[i:]
        else:
            try:
                token = json.dumps(interesting_values(rng), default=str)
            except (TypeError, ValueError, RecursionError):
                token = rng.choice(_TOKENS)
            text = text[:i] + token + text[j:]
    return text


def random_bytes(rng: random.Random) -> bytes:
    """Random bytes, sometimes starting like a document or with a BOM."""
    body = rng.randbytes(rng.randrange(64))
    return rng.choice((b"", b"{", b"[unit]\n", b"\xef\xbb\xbf", b"\xff\xfe")) + body


def random_json(rng: random.Random, depth: int = 0) -> Any:
    """A random JSON value (objects with keys of the model, sometimes)."""
    if depth > 4 or rng.random() < 0.3:
        return interesting_values(rng)
    if rng.random() < 0.5:
        return [random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ("unit", "period", "evidence", "id", "kind", "name", "start", "end", "type", "x")
    return {rng.choice(keys): random_json(rng, depth + 1) for _ in range(rng.randrange(5))}


# --------------------------------------------------------------------------- the property
class Unexpected(AssertionError):
    """A loader broke the property: an error other than DancosoError, or a bad round trip."""


def _equal_again(obj: Model, again: Model, how: str) -> None:
    if again != obj:
        raise Unexpected(f"{how}: what loaded did not load back equal")


def check_dossier(d: Dossier) -> None:
    """A loaded dossier dumps as JSON and TOML and loads back equal, and scores."""
    text = dancoso.dump_dossier(d)
    text.encode("utf-8")
    _equal_again(d, load_dossier(text), "dossier JSON")
    _equal_again(d, load_dossier(dancoso.dump_dossier(d, format="toml")), "dossier TOML")
    try:
        card = score(d)
    except DancosoError:
        return
    check_scorecard(card)


def check_rubric(r: Rubric) -> None:
    """A loaded rubric dumps and loads back equal with its hash, and scores a dossier.

    `from_data(Rubric, …)` checks structure only; names are checked against the registry
    by `load_rubric` and `score`, which may refuse the rubric with a `DancosoError`.
    """
    _equal_again(r, loads(Rubric, dancoso.dumps(r)), "rubric JSON")
    again = loads(Rubric, dancoso.dumps(r, format="toml"))
    _equal_again(r, again, "rubric TOML")
    if again.hash != r.hash:
        raise Unexpected("rubric TOML: the hash changed on the way back")
    small = seeds().dossier_data[1]
    try:
        card = score(from_data(Dossier, small), r)
    except DancosoError:
        return
    check_scorecard(card)


#: Rendering a scorecard computes `improvements()`; a loaded scorecard that does not match
#: its rubric (a criterion removed) gives a `ScoringError`, which the report leaves out.
RENDER_LOADED_SCORECARDS = True


def check_scorecard(card: Scorecard, *, render: bool = True) -> None:
    """A scorecard dumps and loads back equal, and renders as text."""
    text = dump_scorecard(card)
    text.encode("utf-8")
    _equal_again(card, load_scorecard(text), "scorecard JSON")
    if render:
        str(card).encode("utf-8")


def check_loaded_scorecard(card: Scorecard) -> None:
    """A scorecard from the input: the round trip, and rendering once the engine allows."""
    _equal_again(card, from_data(Scorecard, to_data(card)), "to_data")
    check_scorecard(card, render=RENDER_LOADED_SCORECARDS)


def check_model(obj: Model) -> None:
    """Any model object: plain data and JSON and TOML text load back equal."""
    cls = type(obj)
    _equal_again(obj, from_data(cls, to_data(obj)), "to_data")
    _equal_again(obj, loads(cls, dancoso.dumps(obj)), "JSON")
    if isinstance(obj, Dossier):
        check_dossier(obj)
    elif isinstance(obj, Rubric):
        check_rubric(obj)
    elif isinstance(obj, Scorecard):
        check_loaded_scorecard(obj)
    else:
        _equal_again(obj, loads(cls, dancoso.dumps(obj, format="toml")), "TOML")


def check(call: Callable[[], Model | None], after: Callable[[Any], None] = check_model) -> bool:
    """Run one loader call: True if it loaded (and the round trips held), False if it
    refused with a DancosoError. Anything else raises `Unexpected`."""
    try:
        obj = call()
    except DancosoError:
        return False
    except Unexpected:
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise Unexpected(f"the loader raised {type(exc).__name__}: {str(exc)[:300]}") from exc
    if obj is None:
        return False
    try:
        after(obj)
    except Unexpected:
        raise
    except DancosoError as exc:
        raise Unexpected(f"what loaded failed to round-trip: {str(exc)[:300]}") from exc
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise Unexpected(
            f"what loaded raised {type(exc).__name__} on its way back: {str(exc)[:300]}"
        ) from exc
    return True


# --------------------------------------------------------------------------- inputs by loader
MODEL_CLASSES: tuple[type[Model], ...] = (
    Dossier,
    Unit,
    Period,
    Ratio,
    Rubric,
    Scorecard,
    *EVIDENCE_TYPES,
)


def make_input(loader: str, rng: random.Random) -> Callable[[], Model | None]:
    """One random input for `loader`, as a call that runs it."""
    s = seeds()
    kind = rng.random()
    if loader == "load_dossier":
        if kind < 0.55:
            text = mutate_text(rng.choice(s.dossier_texts), rng, rng.randrange(1, 4))
        elif kind < 0.85:
            text = as_json(mutate_data(rng.choice(s.dossier_data), rng), rng)
        elif kind < 0.95:
            return functools.partial(load_dossier, random_bytes(rng))
        else:
            text = as_json(random_json(rng), rng)
        raw: str | bytes = text.encode("utf-8", "surrogatepass") if rng.random() < 0.2 else text
        return functools.partial(load_dossier, raw)
    if loader == "load_rubric":
        if kind < 0.5:
            text = mutate_text(rng.choice(s.rubric_texts), rng, rng.randrange(1, 4))
        elif kind < 0.95:
            text = as_json(mutate_data(rng.choice(s.rubric_data), rng), rng)
        else:
            text = as_json(random_json(rng), rng)
        return functools.partial(load_rubric, text)
    if loader == "load_scorecard":
        base = rng.choice(s.scorecard_texts)
        if kind < 0.5:
            text = mutate_text(base, rng, rng.randrange(1, 4))
        else:
            text = as_json(mutate_data(json.loads(base), rng), rng)
        return functools.partial(load_scorecard, text)
    if loader == "from_data":
        if kind < 0.4:
            cls, data = rng.choice(s.parts)
            return functools.partial(from_data, cls, mutate_data(data, rng))
        if kind < 0.7:
            return functools.partial(
                from_data, Dossier, mutate_data(rng.choice(s.dossier_data), rng)
            )
        if kind < 0.8:
            return functools.partial(from_data, Rubric, mutate_data(rng.choice(s.rubric_data), rng))
        return functools.partial(from_data, rng.choice(MODEL_CLASSES), random_json(rng))
    if loader == "loads":
        cls, data = rng.choice(s.parts)
        if kind < 0.5:
            text = mutate_text(json.dumps(data, ensure_ascii=False), rng)
        elif kind < 0.8:
            obj = from_data(cls, data)
            text = mutate_text(dancoso.dumps(obj, format="toml"), rng)
        else:
            text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(40)))
        return functools.partial(loads, cls, text)
    raise ValueError(f"unknown loader {loader!r}")
