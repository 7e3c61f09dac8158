"""The citation table: every criterion cites it, and its verified titles are the law's."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

import dancoso
from dancoso.errors import InvalidInput
from dancoso.scoring import Citation, LegalBasis, citation_for, citations, list_rubrics, rubric
from dancoso.scoring._citations import _Table

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "data" / "law-titles.txt"
DOCS = ROOT / "docs" / "rubrics.md"
#: The consolidated code, in the shared folder beside the project (or beside the folder of
#: its worktrees), where it is present.
LAW_TEXTS = next(
    (
        folder
        for base in (ROOT.parent, ROOT.parent.parent)
        if (folder := base / "shared" / "domain" / "law-texts").is_dir()
    ),
    ROOT.parent / "shared" / "domain" / "law-texts",
)

# A title line `Điều 44.13.LQ.32. Title`, followed by its source line
# `(Điều 32 Luật số 10/2022/QH15, có hiệu lực thi hành kể từ ngày 01/07/2023 …)`.
TITLE = re.compile(r"Điều \d+\.\d+\.(?:LQ|NĐ\.\d+|TT\.\d+)\.\d+\. (?P<title>.+?)\s*$")
SOURCE = re.compile(
    r"^\(Điều (?P<article>\d+) (?:Luật|Bộ luật|Nghị định|Thông tư|Quyết định) số "
    r"(?P<number>[^ ,)]+)(?:.*?kể từ ngày (?P<date>\d{2}/\d{2}/\d{4}))?"
)

Articles = dict[tuple[str, str, int], tuple[str, dt.date | None]]


def articles_in(name: str, lines: list[str]) -> Articles:
    """(file, act number, article) → (title, date in force) for each titled article."""
    found: Articles = {}
    for i, line in enumerate(lines):
        m = TITLE.search(line)
        if m is None or line.lstrip().startswith("(Điều này"):
            continue  # a cross-reference, not a title
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        s = SOURCE.match(lines[j]) if j < len(lines) else None
        if s is None:
            continue
        date = dt.datetime.strptime(s["date"], "%d/%m/%Y").date() if s["date"] else None
        found.setdefault((name, s["number"], int(s["article"])), (m["title"], date))
    return found


def fixture_sections() -> dict[str, list[str]]:
    """The fixture's lines, by the law-texts file they were copied from."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = sections.setdefault(line[3:].strip(), [])
        elif line and not line.startswith("#") and current is not None:
            current.append(line)
    return sections


def law_articles() -> Articles:
    """Titled articles of the law texts: the shared folder when present, else the fixture.

    When the shared folder is present, every fixture line must also be a line of the file
    it names, so the fixture stays a faithful extract.
    """
    sections = fixture_sections()
    if not LAW_TEXTS.is_dir():
        return {
            k: v for name, lines in sections.items() for k, v in articles_in(name, lines).items()
        }
    found: Articles = {}
    for name, copied in sections.items():
        lines = (LAW_TEXTS / name).read_text(encoding="utf-8").splitlines()
        stripped = {line.strip() for line in lines}
        # a title may share its line with the end of the article before it
        titles = {m.group(0).strip() for line in lines if (m := TITLE.search(line))}
        strays = [line for line in copied if line not in stripped and line not in titles]
        expected: list[str] = []
        assert expected == strays
        found.update(articles_in(name, lines))
    return found


def number_of(act: str) -> str:
    """The document number of an act as the project writes it: `10/2022/QH15` of a law."""
    return act.split()[-1]


def all_criteria() -> list[tuple[str, dancoso.scoring.Criterion]]:
    """Every criterion of every shipped rubric, with the rubric's id."""
    return [(rid, c) for rid in list_rubrics() for c in rubric(rid).criteria()]


def test_every_criterion_cites_only_entries_of_the_table() -> None:
    """Each legal basis of each shipped rubric matches an entry: act, article, clause, point."""
    missing = sorted(
        {
            f"{rid}:{c.id}: {b.citation}"
            for rid, c in all_criteria()
            for b in c.legal_basis
            if citation_for(b) is None
        }
    )
    expected: list[str] = []
    assert expected == missing


def test_the_table_lists_each_provision_once_with_one_title_per_article() -> None:
    """No provision is listed twice, and the entries of one article share its title."""
    table = citations()
    assert len(table) == len({c.key for c in table})
    titles: dict[tuple[str, int | None], set[str]] = {}
    for c in table:
        if c.title is not None:
            titles.setdefault((c.act, c.article), set()).add(c.title.vi)
    expected: dict[tuple[str, int | None], set[str]] = {}
    assert expected == {k: v for k, v in titles.items() if len(v) > 1}


def test_verified_titles_and_dates_are_the_law_texts() -> None:
    """Each verified entry's article exists in its law-texts file, with that title and date."""
    articles = law_articles()
    wrong = []
    for c in citations():
        if not c.verified:
            continue
        assert c.title is not None
        assert c.article is not None
        found = articles.get((c.source.removeprefix("law-texts/"), number_of(c.act), c.article))
        if found is None:
            wrong.append(f"{c.citation}: not in {c.source}")
            continue
        title, date = found
        if title != c.title.vi:
            wrong.append(f"{c.citation}: {c.title.vi!r} is not the text's {title!r}")
        if c.in_force_from is not None and date is not None and c.in_force_from != date:
            wrong.append(f"{c.citation}: in force from {date}, not {c.in_force_from}")
    expected: list[str] = []
    assert expected == wrong


def test_the_fixture_holds_only_title_and_source_lines() -> None:
    """The committed extract copies article titles and their source lines, no article text."""
    others = [
        line
        for lines in fixture_sections().values()
        for line in lines
        if not TITLE.search(line) and not SOURCE.match(line)
    ]
    expected: list[str] = []
    assert expected == others
    assert fixture_sections()  # and it is not empty


def test_unverified_entries_say_what_they_rest_on() -> None:
    """An entry not read in the law texts names its secondary source, never a law-texts file."""
    claimed = [
        c.citation for c in citations() if not c.verified and c.source.startswith("law-texts/")
    ]
    expected: list[str] = []
    assert expected == claimed
    assert all(c.source.strip() for c in citations())


def test_repealed_texts_are_never_marked_verified() -> None:
    """The repealed texts the law texts do not hold are all unverified."""
    repealed = ("Ordinance 34/2007", "Decree 04/2015", "Decree 149/2018", "Decree 60/2013")
    marked = [
        c.citation
        for c in citations()
        if c.verified and (c.act.startswith(repealed) or c.act.startswith("Labour Code 10/2012"))
    ]
    expected: list[str] = []
    assert expected == marked


def test_criteria_without_an_article_rest_only_on_policy_documents() -> None:
    """A criterion citing no article is marked policy and cites only Party or policy documents."""
    odd = []
    for rid, c in all_criteria():
        if any(b.article for b in c.legal_basis):
            continue
        entries = [citation_for(b) for b in c.legal_basis]
        if not c.policy or not all(e is not None and e.not_law for e in entries):
            odd.append(f"{rid}:{c.id}")
    expected: list[str] = []
    assert expected == odd


def test_no_criterion_applies_before_or_after_everything_it_cites() -> None:
    """Where all of a criterion's provisions have dates, it applies only within their span."""
    outside = []
    for rid in list_rubrics():
        r = rubric(rid)
        first = min((g.start for g in r.regimes if g.start), default=None)
        for c in r.criteria():
            entries = [citation_for(b) for b in c.legal_basis]
            starts = [e.in_force_from for e in entries if e is not None]
            ends = [e.in_force_until for e in entries if e is not None]
            start = c.in_force_from or first
            if all(starts) and starts and start is not None and start < min(filter(None, starts)):
                outside.append(f"{rid}:{c.id} starts {start}")
            if all(ends) and ends and (c.in_force_until or dt.date.max) > max(filter(None, ends)):
                outside.append(f"{rid}:{c.id} ends {c.in_force_until}")
    expected: list[str] = []
    assert expected == outside


def test_every_entry_is_cited_by_a_rubric_or_named_in_the_docs() -> None:
    """The table holds what the rubrics cite, and the obligations docs/rubrics.md lists."""
    cited = {citation_for(b) for _, c in all_criteria() for b in c.legal_basis}
    docs = " ".join(DOCS.read_text(encoding="utf-8").split())  # lines wrap anywhere
    loose = [c.citation for c in citations() if c not in cited and c.citation not in docs]
    expected: list[str] = []
    assert expected == loose


def test_citation_for_finds_the_entry_with_its_title() -> None:
    """A legal basis leads to its entry, with the article's title in Vietnamese and English."""
    entry = citation_for(LegalBasis(act="Decree 145/2020/NĐ-CP", article=40, clause=2))
    assert entry is not None
    assert entry.title is not None
    expected = ("Tổ chức đối thoại khi có yêu cầu của một hoặc các bên", True, dt.date(2021, 2, 1))
    assert expected == (entry.title.vi, entry.verified, entry.in_force_from)
    assert entry.title.en


def test_citation_for_does_not_match_another_clause() -> None:
    """Only the same act, article, clause and point match: Art. 40 is not Art. 40.2."""
    assert citation_for(LegalBasis(act="Decree 145/2020/NĐ-CP", article=40)) is None
    assert citation_for(LegalBasis(act="Law 10/2022/QH15", article=999)) is None


def test_a_table_with_a_provision_twice_is_rejected_with_its_path() -> None:
    """Listing a provision twice is a clear error at the second entry."""
    row = {"act": "Law 02/2011/QH13", "article": 28, "source": "nowhere"}
    with pytest.raises(InvalidInput, match=r"\$\.citations\[1\]"):
        dancoso.from_data(_Table, {"citations": [row, row]})


@pytest.mark.parametrize(
    ("row", "path"),
    [
        (
            {"act": "Law 1/2000/QH10", "verified": True, "article": 1, "source": "law-texts/x.md"},
            "$.title",
        ),
        ({"act": "Law 1/2000/QH10", "clause": 2, "source": "a page"}, "$.clause"),
        (
            {
                "act": "Law 1/2000/QH10",
                "article": 1,
                "title": {"vi": "Tên", "en": "Name"},
                "verified": True,
                "source": "a page",
            },
            "$.source",
        ),
    ],
    ids=["verified-without-title", "clause-without-article", "verified-elsewhere"],
)
def test_a_malformed_entry_is_rejected_with_its_path(row: dict[str, object], path: str) -> None:
    """An entry that claims verification without a title or a law-texts file, or cites a
    clause without an article, is rejected where the problem is."""
    with pytest.raises(InvalidInput, match=re.escape(path)):
        dancoso.from_data(Citation, row)
