"""The documentation's code runs, and the model page covers the model.

Every ```` ```python ```` block of every page under `docs/` (and of `README.md`, if there
is one) is executed; the blocks of one page run in order in one namespace, like a
notebook. A block whose info string is ```` ```python no-run ```` is shown but not run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import attrs
import pytest

import dancoso.model
from dancoso.model import EVIDENCE_TYPES, RULE_TYPES
from dancoso.model._base import spec_of

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its info string, first line number (1-based) and code."""

    info: str
    line: int
    code: str

    @property
    def runnable(self) -> bool:
        words = self.info.split()
        return bool(words) and words[0] == "python" and "no-run" not in words[1:]


def fenced_blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown text, in order, dedented to their fence."""
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m["indent"], m["fence"], m["info"]
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            close = _FENCE.match(lines[j])
            if (
                close
                and not close["info"]
                and close["fence"][0] == fence[0]
                and len(close["fence"]) >= len(fence)
            ):
                break
            line = lines[j]
            body.append(line[len(indent) :] if line.startswith(indent) else line.lstrip())
            j += 1
        blocks.append(Block(info=info, line=i + 2, code="\n".join(body) + "\n"))
        i = j + 1
    return blocks


def _pages() -> list[Path]:
    pages = sorted(DOCS.rglob("*.md"))
    readme = ROOT / "README.md"
    if readme.exists():
        pages.append(readme)
    return pages


def _runnable(page: Path) -> list[Block]:
    return [b for b in fenced_blocks(page.read_text(encoding="utf-8")) if b.runnable]


PAGES_WITH_CODE = [p for p in _pages() if _runnable(p)]


def test_fenced_blocks_reads_fences_infos_and_indented_blocks() -> None:
    """The block reader finds plain, no-run and indented (admonition) blocks with their lines."""
    text = (
        "# Title\n"
        "\n"
        "```python\n"
        "x = 1\n"
        "```\n"
        "\n"
        "```python no-run\n"
        "fragment(\n"
        "```\n"
        '!!! note "In a box"\n'
        "    ````python\n"
        "    y = x + 1\n"
        "    ```\n"
        "    still code\n"
        "    ````\n"
        "```text\n"
        "out\n"
        "```\n"
    )
    expected = [
        Block(info="python", line=4, code="x = 1\n"),
        Block(info="python no-run", line=8, code="fragment(\n"),
        Block(info="python", line=12, code="y = x + 1\n```\nstill code\n"),
        Block(info="text", line=17, code="out\n"),
    ]
    actual = fenced_blocks(text)
    assert expected == actual
    expected_runnable = [True, False, True, False]
    assert expected_runnable == [b.runnable for b in actual]


def test_the_guide_pages_have_code_to_run() -> None:
    """The tutorial and guide pages are among the pages whose code is executed."""
    names = {p.relative_to(ROOT).as_posix() for p in PAGES_WITH_CODE}
    expected = {
        "docs/getting-started.md",
        "docs/index.md",
        "docs/model.md",
        "docs/plugins.md",
        "docs/scoring.md",
        "docs/serialisation.md",
        "docs/testing.md",
        "docs/units.md",
        "docs/writing-rubrics.md",
    }
    assert expected == expected & names


@pytest.mark.parametrize(
    "page", PAGES_WITH_CODE, ids=[p.relative_to(ROOT).as_posix() for p in PAGES_WITH_CODE]
)
def test_page_code_runs(page: Path) -> None:
    """Every runnable Python block of the page runs, in order, in one shared namespace."""
    namespace: dict[str, object] = {"__name__": f"docs:{page.stem}"}
    for block in _runnable(page):
        # pad so that tracebacks point at the line in the Markdown file
        source = "\n" * (block.line - 1) + block.code
        exec(compile(source, str(page), "exec"), namespace)


def _code_spans(text: str) -> str:
    return "\n".join(re.findall(r"`([^`\n]+)`", text))


def test_model_page_mentions_every_model_class() -> None:
    """docs/model.md names, as code, every class that dancoso.model exports."""
    spans = _code_spans((DOCS / "model.md").read_text(encoding="utf-8"))
    classes = [n for n in dancoso.model.__all__ if isinstance(getattr(dancoso.model, n), type)]
    missing = [n for n in classes if not re.search(rf"\b{n}\b", spans)]
    expected: list[str] = []
    assert expected == missing


def _tag_table(heading: str) -> dict[str, str]:
    """Class name → tag, from the first two columns of the table under `heading` in model.md."""
    text = (DOCS / "model.md").read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n#", start + len(heading) + 2)
    section = text[start : end if end != -1 else len(text)]
    return dict(re.findall(r"^\| `(\w+)` \| `(\w+)` \|", section, flags=re.M))


def test_model_page_lists_every_evidence_type_tag() -> None:
    """The evidence table of docs/model.md pairs each evidence class with its `type` tag."""
    expected = {c.__name__: c.TYPE for c in EVIDENCE_TYPES}
    assert expected == _tag_table("### Every evidence kind")


def test_model_page_lists_every_commendation_rule_tag() -> None:
    """The rules table of docs/model.md pairs each commendation rule with its `type` tag."""
    expected = {c.__name__: c.TYPE for c in RULE_TYPES}
    assert expected == _tag_table("## Commendation criteria")


@pytest.mark.parametrize("page", ["glossary.md", "model.md", "units.md"])
def test_dotted_model_names_in_page_exist(page: str) -> None:
    """Every `Class.member` code span naming a model class refers to a member that exists."""
    spans = re.findall(r"`(\w+)\.(\w+)", (DOCS / page).read_text(encoding="utf-8"))
    public = set(dancoso.model.__all__)
    missing = [
        f"{cls}.{member}"
        for cls, member in spans
        if cls in public and not hasattr(getattr(dancoso.model, cls), member)
    ]
    expected: list[str] = []
    assert expected == missing


def _owner(cls: type, field: str) -> type:
    """The most general class in `cls`'s ancestry that has the attrs field `field`."""
    return [k for k in cls.__mro__ if attrs.has(k) and field in attrs.fields_dict(k)][-1]


def _reference_fields() -> dict[str, set[tuple[type, str]]]:
    """Reference kind → (defining class, field) of every field of the model that holds one."""
    found: dict[str, set[tuple[type, str]]] = {}
    for name in dancoso.model.__all__:
        cls = getattr(dancoso.model, name)
        if not (isinstance(cls, type) and attrs.has(cls)):
            continue
        for a in attrs.fields(cls):
            spec = spec_of(a)
            if spec is not None and spec.ref is not None:
                found.setdefault(spec.ref, set()).add((_owner(cls, a.name), a.name))
    return found


def test_model_page_lists_every_reference_field() -> None:
    """The references table of docs/model.md names every field that refers to a unit, body …"""
    text = (DOCS / "model.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\w+) \| .*? \| (.*) \|$", text, flags=re.M))
    listed = {
        kind: {
            (_owner(getattr(dancoso.model, cls), field), field)
            for cls, field in re.findall(r"`(\w+)\.(\w+)`", rows.get(kind, ""))
            if cls in dancoso.model.__all__
        }
        for kind in ("unit", "evidence", "body", "source")
    }
    missing = sorted(
        f"{kind}: {owner.__name__}.{field}"
        for kind, fields in _reference_fields().items()
        for owner, field in fields - listed.get(kind, set())
    )
    expected: list[str] = []
    assert expected == missing
