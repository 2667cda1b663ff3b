"""Counts in the prose of README.md and docs/ never go stale.

Two kinds of count exist. What grows with the data (figures, studies, sources, disputes,
programmes, the regions with figures, the rows of ``phare.to_frame()``) is never written by
hand: the prose says "every figure", shows a call that computes it, or lets the data pages
(``docs/_ext``) generate it, so that a figure added for one region changes no page. What the
data cannot change by adding a figure (the 18 regions, the 13 metropolitan ones, four actors,
22 indicators, 9 fragility themes) may be written, and is checked against ``phare``.

The convention: a count is a number (in digits, or a word from three to twenty) written right
before its noun, with at most one qualifier between them: "18 regions", "13 metropolitan
regions", "four actors", "22 indicators", "9 fragility themes". Plain "N regions" is all of them
(France aside); the regions that have figures would be "N regions with figures" (or "with
data"), a growing count and so refused. "N rows" counts the rows of ``phare.to_frame()``
(refused too); say the shape of another table in another way ("a 344 × 8 table"). Numbers in
code are not prose (they are run as doctests instead); years (1900-2100) are never counts; "one"
and "two" are left free for ordinary sentences ("compare two regions"). The changelog is history
and is not checked; the table of what was left out (``docs/data/excluded.csv``) is prose on its
page, and is. A phrase with an unknown qualifier is not matched at all ("13 regional reports" is
not a count of regions), and columns are counted only after "rows of" ("nine columns" is free):
rephrase rather than silence a failure.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import phare

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import data_inventory  # noqa: E402  (the documentation's own counting helpers)

NOT_CHECKED = {ROOT / "docs" / "changelog.md"}

#: Number words that count as a stated number ("one" and "two" are left for ordinary prose).
WORDS = {
    word: number
    for number, word in enumerate(
        (
            "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
            "twenty",
        ),
        start=3,
    )
}  # fmt: skip


def expected_counts() -> dict[tuple[str, str], int]:
    """(qualifier, noun) -> the count in the data; qualifier "" is the whole set."""
    figures = phare.figures()
    regions = phare.regions()
    studies = phare.studies()
    programme_ids = [p.id.lower() for p in phare.programmes()]
    national = sum(f.region.is_national for f in figures)
    frame = phare.to_frame()
    counts = {
        ("", "figures"): len(figures),
        ("published", "figures"): len(figures),
        ("bundled", "figures"): len(figures),
        ("national", "figures"): national,
        ("regional", "figures"): len(figures) - national,
        ("disputed", "figures"): sum(f.disputed for f in figures),
        ("", "regions"): len(regions),
        ("french", "regions"): len(regions),
        ("metropolitan", "regions"): sum(r.kind == "metropolitan" for r in regions),
        ("overseas", "regions"): sum(r.kind == "overseas" for r in regions),
        ("former", "regions"): sum(len(r.former_regions) for r in regions),
        ("", "regions with figures"): len(data_inventory.regions_with_figures()),
        ("", "studies"): len(studies),
        ("national", "studies"): sum(s.scope == "national" for s in studies),
        ("regional", "studies"): sum(s.scope == "regional" for s in studies),
        ("", "programmes"): len(phare.programmes()),
        ("five-year", "programmes"): len(phare.programmes()),
        ("", "actors"): len(phare.actors()),
        ("", "indicators"): len(phare.indicators()),
        ("", "themes"): len(phare.themes()),
        ("", "segments"): len(phare.segments()),
        ("", "sources"): len(data_inventory.sources()),
        ("", "disputes"): len(data_inventory.disputes()),
        ("", "rows"): len(frame),
        ("", "columns"): len(frame.columns),
    }
    for kind, count in Counter(t.kind for t in phare.themes()).items():
        counts[(kind, "themes")] = count
    for pid in programme_ids:
        counts[(pid, "studies")] = len(phare.studies(pid))
        counts[(pid, "figures")] = len(phare.figures(programme=pid))
    return counts


COUNTS = expected_counts()

#: The nouns whose count a new figure, study or source can change: never written by hand.
GROWING = {
    "figures", "studies", "sources", "disputes", "programmes", "rows", "regions with figures"
}  # fmt: skip
QUALIFIERS = sorted({q for q, _ in COUNTS if q}, key=len, reverse=True)
NOUNS = sorted({n.split()[0] for _, n in COUNTS} - {"columns"}, key=len, reverse=True)
NUMBER = rf"\d+|{'|'.join(WORDS)}"

PHRASE = re.compile(
    rf"\b(?P<number>{NUMBER})\s+"
    rf"(?:(?P<qualifier>{'|'.join(map(re.escape, QUALIFIERS))})\s+)?"
    rf"(?P<noun>{'|'.join(NOUNS)})\b"
    r"(?P<with_figures>\s+with\s+(?:figures|data))?"
    rf"(?P<columns>\s+of\s+(?P<width>{NUMBER})\s+columns\b)?",
    re.IGNORECASE,
)
CODE = re.compile(r"^```.*?^```|`[^`\n]*`", re.MULTILINE | re.DOTALL)


def stated_counts(text: str) -> Iterator[tuple[str, int, int | None]]:
    """(phrase, number stated, number in the data) for every count phrase of *text*.

    The number in the data is ``None`` for a noun and qualifier the data has no count for.
    """
    for match in PHRASE.finditer(CODE.sub(" ", text)):
        number = _number(match["number"])
        if 1900 <= number <= 2100:
            continue
        noun = match["noun"].lower() + (" with figures" if match["with_figures"] else "")
        qualifier = (match["qualifier"] or "").lower()
        end = match.start("columns") if match["columns"] else match.end()
        phrase = " ".join(match.string[match.start() : end].split())
        yield phrase, number, COUNTS.get((qualifier, noun))
        if match["columns"]:
            width = _number(match["width"])
            yield f"{phrase} of {match['width']} columns", width, COUNTS[("", "columns")]


def grows(phrase: str) -> bool:
    """Whether *phrase* counts something that new data can change."""
    words = phrase.lower().split()
    return any(" ".join(words[-len(noun.split()) :]) == noun for noun in GROWING) or "rows" in words


def _number(raw: str) -> int:
    return WORDS.get(raw.lower()) or int(raw)


def prose_pages() -> list[Path]:
    docs = ROOT / "docs"
    pages = [ROOT / "README.md", *sorted(docs.rglob("*.md")), docs / "data" / "excluded.csv"]
    return [p for p in pages if p not in NOT_CHECKED and "_build" not in p.parts]


@pytest.mark.parametrize("path", prose_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_counts_in_prose_match_the_data(path: Path) -> None:
    wrong = [
        f"{phrase!r}: the data has {expected}"
        if expected is not None
        else f"{phrase!r}: no such count"
        for phrase, number, expected in stated_counts(path.read_text(encoding="utf-8"))
        if number != expected
    ]
    wrong += [
        f"{phrase!r}: new data changes this count; say 'every', or let docs/_ext generate it"
        for phrase, _, _ in stated_counts(path.read_text(encoding="utf-8"))
        if grows(phrase)
    ]
    assert not wrong, f"{path.relative_to(ROOT)}: " + "; ".join(wrong)


def test_the_convention_catches_drift() -> None:
    n = {key: COUNTS[key] for key in [("", "figures"), ("", "rows"), ("", "columns")]}
    text = (
        f"It holds {n['', 'figures']} figures for 13 metropolitan regions, from four actors; "
        "18 regions. In 2016 figures moved. "
        "Compare two regions. "
        "It has 19 regions, 2 overseas regions and nineteen actors; "
        "France and four regions. "
        f"A frame of {n['', 'rows']} rows of {n['', 'columns']} columns, or 97 rows of "
        f"{n['', 'columns'] + 1} columns; nine columns made categorical. "
        "The 13 regional reports. `12 figures` in code, and\n```\n99 figures\n```\n"
    )
    checked = [(phrase, number == expected) for phrase, number, expected in stated_counts(text)]
    assert checked == [
        (f"{n['', 'figures']} figures", True),
        ("13 metropolitan regions", True),
        ("four actors", True),
        ("18 regions", True),
        ("19 regions", False),
        ("2 overseas regions", False),
        ("nineteen actors", False),
        ("four regions", False),
        (f"{n['', 'rows']} rows", True),
        (f"{n['', 'rows']} rows of {n['', 'columns']} columns", True),
        ("97 rows", False),
        (f"97 rows of {n['', 'columns'] + 1} columns", False),
    ]
    growing = [phrase for phrase, _, _ in stated_counts(text) if grows(phrase)]
    assert growing == [
        f"{n['', 'figures']} figures",
        f"{n['', 'rows']} rows",
        f"{n['', 'rows']} rows of {n['', 'columns']} columns",
        "97 rows",
        f"97 rows of {n['', 'columns'] + 1} columns",
    ]
    assert grows("4 regions with figures")
    assert grows("fourteen studies")
    assert not grows("18 regions")
    assert not grows("22 indicators")


def test_the_docs_state_no_growing_count() -> None:
    stated = [
        phrase for path in prose_pages() for phrase, _, _ in stated_counts(path.read_text("utf-8"))
    ]
    assert any(phrase.endswith("regions") for phrase in stated)
    assert not [phrase for phrase in stated if grows(phrase)]
