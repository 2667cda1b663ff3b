"""Counts stated in the prose of README.md and docs/ must match the bundled data.

The convention, which writers of these pages follow: a count of the dataset is a number (in
digits, or a word from three to twenty) written right before its noun, with at most one
qualifier between them: "98 figures", "18 regions", "13 metropolitan regions", "4 regions with
figures", "14 studies", "8 PHARE studies", "3 programmes", "four actors", "22 indicators",
"9 fragility themes", "6 disputes". Every such phrase is checked against ``phare``, and each
means one count only: plain "N regions" is all of them (France aside), and the regions that
have figures are "N regions with figures" (or "with data"), never plain "regions", so that a
swap of the two numbers is caught. "N rows" counts the rows of ``phare.to_frame()``, and
"N rows of M columns" its columns too; say the shape of another table in another way ("a
344 × 8 table"). Numbers in code are not prose (they are run as doctests instead); years
(1900-2100) are never counts; "one" and "two" are left free for ordinary sentences ("compare
two regions"). The changelog is history and is not checked; the table of what was left out
(``docs/data/excluded.csv``) is prose on its page, and is. A phrase with an unknown qualifier
is not matched at all ("13 regional reports" is not a count of regions), and columns are
counted only after "rows of" ("nine columns" is free): rephrase rather than silence a failure.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import phare

ROOT = Path(__file__).resolve().parent.parent
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
    assert not wrong, f"{path.relative_to(ROOT)}: " + "; ".join(wrong)


def test_the_convention_catches_drift() -> None:
    text = (
        "It holds 98 figures for 13 metropolitan regions, from fourteen studies of 3 "
        "programmes; 4 regions with figures among 18 regions. In 2016 figures moved. "
        "Compare two regions. "
        "It has 12 figures and 19 regions, ten disputed figures and 2 overseas regions; "
        "France and four regions, 18 regions with figures. "
        "A frame of 98 rows of 20 columns, or 97 rows of twenty columns, or 98 rows of 21 "
        "columns; nine columns made categorical. "
        "The 13 regional reports. `12 figures` in code, and\n```\n99 figures\n```\n"
    )
    checked = [(phrase, number == expected) for phrase, number, expected in stated_counts(text)]
    assert checked == [
        ("98 figures", True),
        ("13 metropolitan regions", True),
        ("fourteen studies", True),
        ("3 programmes", True),
        ("4 regions with figures", True),
        ("18 regions", True),
        ("12 figures", False),
        ("19 regions", False),
        ("ten disputed figures", False),
        ("2 overseas regions", False),
        ("four regions", False),
        ("18 regions with figures", False),
        ("98 rows", True),
        ("98 rows of 20 columns", True),
        ("97 rows", False),
        ("97 rows of twenty columns", True),
        ("98 rows", True),
        ("98 rows of 21 columns", False),
    ]


def test_the_docs_state_counts() -> None:
    stated = [
        phrase for path in prose_pages() for phrase, _, _ in stated_counts(path.read_text("utf-8"))
    ]
    assert any(phrase.endswith("figures") for phrase in stated)
    assert any(phrase.endswith("regions") for phrase in stated)
    assert any(phrase.endswith("regions with figures") for phrase in stated)
    assert any(phrase.endswith("rows of 20 columns") for phrase in stated)
