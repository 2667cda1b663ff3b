"""Counts stated in the prose of README.md and docs/ must match the bundled data.

The convention, which writers of these pages follow: a count of the dataset is a number (in
digits, or a word from three to twenty) written right before its noun, with at most one
qualifier between them: "98 figures", "18 regions", "13 metropolitan regions", "4 regions with
figures", "14 studies", "8 PHARE studies", "3 programmes", "four actors", "22 indicators",
"9 fragility themes", "6 disputes". Every such phrase is checked against ``phare``. Plain
"regions" may count all of them or those with figures ("France and four regions"): both
numbers follow the data. Numbers in
code are not prose (they are run as doctests instead); years (1900-2100) are never counts;
"one" and "two" are left free for ordinary sentences ("compare two regions"). The changelog is
history and is not checked. A phrase with an unknown qualifier is not matched at all ("13
regional reports" is not a count of regions), so rephrase rather than silence a failure.
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


def expected_counts() -> dict[tuple[str, str], set[int]]:
    """(qualifier, noun) -> the counts the data allows; qualifier "" is the whole set."""
    figures = phare.figures()
    regions = phare.regions()
    studies = phare.studies()
    programme_ids = [p.id.lower() for p in phare.programmes()]
    national = sum(f.region.is_national for f in figures)
    with_figures = len(data_inventory.regions_with_figures())
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
        ("", "regions with figures"): with_figures,
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
    }
    for kind, count in Counter(t.kind for t in phare.themes()).items():
        counts[(kind, "themes")] = count
    for pid in programme_ids:
        counts[(pid, "studies")] = len(phare.studies(pid))
        counts[(pid, "figures")] = len(phare.figures(programme=pid))
    allowed = {key: {count} for key, count in counts.items()}
    allowed[("", "regions")].add(with_figures)
    return allowed


COUNTS = expected_counts()
QUALIFIERS = sorted({q for q, _ in COUNTS if q}, key=len, reverse=True)
NOUNS = sorted({n.split()[0] for _, n in COUNTS}, key=len, reverse=True)

PHRASE = re.compile(
    rf"\b(?P<number>\d+|{'|'.join(WORDS)})\s+"
    rf"(?:(?P<qualifier>{'|'.join(map(re.escape, QUALIFIERS))})\s+)?"
    rf"(?P<noun>{'|'.join(NOUNS)})\b"
    r"(?P<with_figures>\s+with\s+(?:figures|data))?",
    re.IGNORECASE,
)
CODE = re.compile(r"^```.*?^```|`[^`\n]*`", re.MULTILINE | re.DOTALL)


def stated_counts(text: str) -> Iterator[tuple[str, int, set[int]]]:
    """(phrase, number stated, numbers the data allows) for every count phrase of *text*.

    The allowed set is empty for a noun and qualifier the data has no count for.
    """
    for match in PHRASE.finditer(CODE.sub(" ", text)):
        raw = match["number"].lower()
        number = WORDS.get(raw) or int(raw)
        if 1900 <= number <= 2100:
            continue
        noun = match["noun"].lower() + (" with figures" if match["with_figures"] else "")
        qualifier = (match["qualifier"] or "").lower()
        yield " ".join(match[0].split()), number, COUNTS.get((qualifier, noun), set())


def prose_pages() -> list[Path]:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return [p for p in pages if p not in NOT_CHECKED and "_build" not in p.parts]


@pytest.mark.parametrize("path", prose_pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_counts_in_prose_match_the_data(path: Path) -> None:
    wrong = [
        f"{phrase!r}: the data has {' or '.join(map(str, sorted(allowed)))}"
        if allowed
        else f"{phrase!r}: no such count"
        for phrase, number, allowed in stated_counts(path.read_text(encoding="utf-8"))
        if number not in allowed
    ]
    assert not wrong, f"{path.relative_to(ROOT)}: " + "; ".join(wrong)


def test_the_convention_catches_drift() -> None:
    text = (
        "It holds 98 figures for 13 metropolitan regions, from fourteen studies of 3 "
        "programmes; 4 regions with figures, France and four regions. In 2016 figures moved. "
        "Compare two regions. "
        "It has 12 figures and 19 regions, ten disputed figures and 2 overseas regions. "
        "The 13 regional reports. `12 figures` in code, and\n```\n99 figures\n```\n"
    )
    checked = [(phrase, number in allowed) for phrase, number, allowed in stated_counts(text)]
    assert checked == [
        ("98 figures", True),
        ("13 metropolitan regions", True),
        ("fourteen studies", True),
        ("3 programmes", True),
        ("4 regions with figures", True),
        ("four regions", True),
        ("12 figures", False),
        ("19 regions", False),
        ("ten disputed figures", False),
        ("2 overseas regions", False),
    ]


def test_the_docs_state_counts() -> None:
    stated = [
        phrase for path in prose_pages() for phrase, _, _ in stated_counts(path.read_text("utf-8"))
    ]
    assert any(phrase.endswith("figures") for phrase in stated)
    assert any(phrase.endswith("regions") for phrase in stated)
