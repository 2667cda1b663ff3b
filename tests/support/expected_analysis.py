"""What comparisons, rankings and coverage should give, worked out from the verified facts alone.

Like ``verified.py``, nothing here imports phare: the expectations come from the copies of the
reviewed facts in tests/fixtures, so the package cannot agree with itself by construction.
"""

from __future__ import annotations

from collections import Counter

from support.verified import FIGURES, STUDIES, VerifiedFigure

PROGRAMME_OF_STUDY = {s.study_id: s.programme for s in STUDIES}
PUBLISHED_OF_STUDY = {s.study_id: s.published or "" for s in STUDIES}
ACTORS = ("citizens", "companies", "associations", "mayors")
#: The grades each ``min_confidence`` keeps, the surest first (as ``docs/data/confidence.md`` says).
GRADES_KEPT = {None: ("A", "B", "C"), "A": ("A",), "B": ("A", "B"), "C": ("A", "B", "C")}


def programme(row: VerifiedFigure) -> str:
    return PROGRAMME_OF_STUDY[row.study_id]


def recency(row: VerifiedFigure) -> tuple[int, str]:
    """Latest reference year first, then the latest publication: the package's stated rule."""
    return (row.reference_year, PUBLISHED_OF_STUDY[row.study_id])


def same_cell(a: VerifiedFigure, b: VerifiedFigure) -> bool:
    return (a.actor, a.segment, a.indicator, a.theme) == (b.actor, b.segment, b.indicator, b.theme)


def national_counterpart(
    row: VerifiedFigure, min_confidence: str | None = None
) -> VerifiedFigure | None:
    """France's latest figure for the same cell and programme as *row*, of the grades kept."""
    same = [
        f
        for f in FIGURES
        if f.region == "france"
        and same_cell(f, row)
        and programme(f) == programme(row)
        and f.confidence in GRADES_KEPT[min_confidence]
    ]
    return max(same, key=recency) if same else None


def regional_rows() -> list[VerifiedFigure]:
    return [f for f in FIGURES if f.region != "france"]


def latest_per_region(
    actor: str,
    indicator: str,
    theme: str | None = None,
    segment: str = "all",
    min_confidence: str | None = None,
) -> dict[str, VerifiedFigure]:
    """Each region's latest figure for one cell (France left out), of the grades kept."""
    latest: dict[str, VerifiedFigure] = {}
    for f in regional_rows():
        if (f.actor, f.indicator, f.theme, f.segment) != (actor, indicator, theme, segment):
            continue
        if f.confidence not in GRADES_KEPT[min_confidence]:
            continue
        kept = latest.get(f.region)
        if kept is None or recency(f) > recency(kept):
            latest[f.region] = f
    return latest


def regional_cells() -> list[tuple[str, str, str | None, str]]:
    """Every (actor, indicator, theme, segment) that at least one region published."""
    return sorted(
        {(f.actor, f.indicator, f.theme, f.segment) for f in regional_rows()},
        key=lambda cell: tuple(part or "" for part in cell),
    )


def counts_by_actor(region: str) -> Counter[str]:
    return Counter(f.actor for f in FIGURES if f.region == region)


def counts_by_indicator(region: str) -> dict[str, Counter[str]]:
    table: dict[str, Counter[str]] = {}
    for f in FIGURES:
        if f.region == region:
            table.setdefault(f.indicator, Counter())[f.actor] += 1
    return table
