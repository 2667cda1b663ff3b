"""One vocabulary module for the closed sets, and one matcher with one rule for what users type."""

from __future__ import annotations

import ast
import importlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import assume, given, settings, strategies as st

import phare
from phare import citation, display, export, plot, vocabulary
from phare.cli import main

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTOR = json.loads((ROOT / "src/phare/data/datapackage.json").read_text(encoding="utf-8"))
MATCHERS: dict[str, tuple[Callable[[object], str], tuple[str, ...]]] = {
    "export format": (vocabulary.export_format, vocabulary.FORMATS),
    "citation style": (vocabulary.citation_style, vocabulary.STYLES),
    "confidence grade": (vocabulary.confidence, vocabulary.CONFIDENCES),
    "language": (vocabulary.language, vocabulary.LANGUAGES),
}
SMALL = settings(max_examples=80, deadline=None)


def _enum(resource: str, field: str) -> list[str]:
    [table] = [r for r in DESCRIPTOR["resources"] if r["name"] == resource]
    [column] = [f for f in table["schema"]["fields"] if f["name"] == field]
    enum: list[str] = column["constraints"]["enum"]
    return enum


@pytest.mark.parametrize(
    ("members", "resource", "field"),
    [
        (vocabulary.UNITS, "indicators", "unit"),
        (vocabulary.QUALIFIERS, "figures", "qualifier"),
        (vocabulary.CONFIDENCES, "figures", "confidence"),
        (vocabulary.REGION_KINDS, "regions", "kind"),
        (vocabulary.BREAK_KINDS, "comparability", "kind"),
    ],
    ids=["units", "qualifiers", "confidences", "region-kinds", "break-kinds"],
)
def test_the_closed_sets_are_the_data_contract_s(
    members: tuple[str, ...], resource: str, field: str
) -> None:
    assert list(members) == _enum(resource, field)


@pytest.mark.parametrize(
    "table",
    [
        vocabulary.UNIT_SUFFIXES,
        vocabulary.DIFFERENCE_SUFFIXES,
        vocabulary.UNIT_WORDS,
        vocabulary.UNIT_LABELS,
    ],
)
def test_every_unit_has_each_wording(table: dict[str, str]) -> None:
    assert tuple(table) == vocabulary.UNITS


def test_every_qualifier_and_grade_has_its_wording() -> None:
    assert tuple(vocabulary.QUALIFIER_MARKS) == vocabulary.QUALIFIERS
    assert tuple(vocabulary.QUALIFIER_WORDS) == vocabulary.QUALIFIERS
    assert tuple(vocabulary.CONFIDENCE_WORDS) == vocabulary.CONFIDENCES
    assert tuple(vocabulary.BREAK_WORDS) == vocabulary.BREAK_KINDS
    marks = [vocabulary.QUALIFIER_MARKS[q] for q in vocabulary.QUALIFIERS if q != "exact"]
    assert list(vocabulary.MARK_MEANINGS) == [*marks, vocabulary.DISPUTED_MARK]


def test_the_modules_read_the_one_vocabulary() -> None:
    assert plot.UNIT_LABELS is vocabulary.UNIT_LABELS
    assert citation.CONFIDENCE_WORDS is vocabulary.CONFIDENCE_WORDS
    assert display.MARK_MEANINGS is vocabulary.MARK_MEANINGS
    assert (*export.WRITERS, *vocabulary.FILE_FORMATS) == vocabulary.FORMATS


#: Copies the core modules still hold, until they read this module: (module, name, the one table).
CORE_COPIES = [
    ("phare._query", "UNIT_WORDS", vocabulary.UNIT_WORDS),
    ("phare._query", "CONFIDENCE_ORDER", vocabulary.CONFIDENCES),
]


@pytest.mark.parametrize(
    ("module", "name", "table"), CORE_COPIES, ids=[f"{m}.{n}" for m, n, _ in CORE_COPIES]
)
def test_a_copy_left_in_the_core_says_the_same(module: str, name: str, table: object) -> None:
    copy = getattr(importlib.import_module(module), name, table)  # gone once the core reads ours
    assert copy is table or (
        dict(copy) == dict(table) if isinstance(table, Mapping) else tuple(copy) == table
    )


def test_the_vocabulary_is_a_leaf() -> None:
    tree = ast.parse((ROOT / "src/phare/vocabulary.py").read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert {name for name in imported if name.startswith("phare")} == {"phare.errors"}


# --- one matcher, one rule ----------------------------------------------------------------------


def _decorations() -> st.SearchStrategy[Callable[[str], str]]:
    """Ways a person may type a member: any case, spaces around, separators inside."""
    separator = st.sampled_from(["", " ", "-", "_", ".", "\t"])

    def decorate(case: list[bool], inner: str, before: str, after: str) -> Callable[[str], str]:
        def apply(member: str) -> str:
            cased = (
                "".join(
                    c.upper() if upper else c.lower()
                    for c, upper in zip(member, case, strict=False)
                )
                + member[len(case) :]
            )
            return before + inner.join(cased) + after

        return apply

    return st.builds(
        decorate,
        st.lists(st.booleans(), max_size=10),
        separator,
        st.sampled_from(["", " ", "  ", "\n"]),
        st.sampled_from(["", " ", "\t"]),
    )


@pytest.mark.parametrize("kind", MATCHERS)
@SMALL
@given(decoration=_decorations(), data=st.data())
def test_every_spelling_of_a_member_matches_it(
    kind: str, decoration: Callable[[str], str], data: st.DataObject
) -> None:
    matcher, members = MATCHERS[kind]
    member = data.draw(st.sampled_from(members))
    assert matcher(decoration(member)) == member


@pytest.mark.parametrize("kind", MATCHERS)
@SMALL
@given(text=st.text(max_size=12))
def test_anything_else_is_a_phare_error_listing_the_choices(kind: str, text: str) -> None:
    matcher, members = MATCHERS[kind]
    letters = "".join(c for c in text.casefold() if c.isalnum())
    assume(letters not in {m.casefold().replace("-", "") for m in members})
    with pytest.raises(phare.UnknownNameError) as info:
        matcher(text)
    message = str(info.value)
    assert message.startswith(f"unknown {kind} ")
    assert all(repr(member) in message for member in members)
    assert info.value.kind == kind


@pytest.mark.parametrize("kind", MATCHERS)
@pytest.mark.parametrize("value", [None, 1, b"csv", ["csv"], 1.5])
def test_a_matcher_refuses_what_is_not_text(kind: str, value: object) -> None:
    matcher, _ = MATCHERS[kind]
    with pytest.raises(TypeError, match="must be a str"):
        matcher(value)


class Sly(str):
    """A str whose own methods must never run inside phare."""

    def casefold(self) -> str:
        raise RuntimeError("casefold ran")

    def translate(self, table: object) -> str:
        raise RuntimeError("translate ran")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ ran")

    def __hash__(self) -> int:
        raise RuntimeError("__hash__ ran")

    def __len__(self) -> int:
        raise RuntimeError("__len__ ran")


@pytest.mark.parametrize("kind", MATCHERS)
def test_a_str_subclass_is_read_as_plain_text(kind: str) -> None:
    matcher, members = MATCHERS[kind]
    assert matcher(Sly(members[-1].upper())) == members[-1]
    with pytest.raises(phare.UnknownNameError):
        matcher(Sly("nothing"))


def test_a_near_miss_is_suggested() -> None:
    with pytest.raises(phare.UnknownNameError, match="did you mean 'markdown'") as info:
        vocabulary.export_format("markdwn")
    assert info.value.suggestions == ("markdown",)


def test_a_huge_text_is_refused_without_echoing_it_whole() -> None:
    with pytest.raises(phare.UnknownNameError) as info:
        vocabulary.export_format("csv" * 1_000_000)
    assert len(str(info.value)) < 200
    assert info.value.suggestions == ()


def test_the_same_case_rule_holds_in_every_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    figures = phare.figures(region="occitanie")
    assert export.render(figures, "CSV") == export.render(figures, "csv")
    assert export.render(figures, " Markdown ") == export.render(figures, "markdown")
    assert phare.cite("BibTeX") == phare.cite("bibtex")
    assert (
        main(["export", "--format", "JSON", "--min-confidence", "a", "--region", "occitanie"]) == 0
    )
    assert capsys.readouterr().out.startswith("[")
    frame = phare.rank("citizens", "alliances-innovation", min_confidence=" b ")
    assert frame.equals(phare.rank("citizens", "alliances-innovation", min_confidence="B"))


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["export", "--format", "xml"],
            "the export formats are 'csv', 'json', 'markdown', 'xlsx' and 'sqlite'",
        ),
        (["export", "--format", "jsonn"], "did you mean 'json'?"),
        (["export", "--min-confidence", "D"], "the confidence grades are 'A', 'B' and 'C'"),
    ],
)
def test_the_command_line_uses_the_same_matcher(
    capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert says in err
