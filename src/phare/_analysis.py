"""Questions asked across regions: where a figure ranks, and where figures exist at all.

The selection is plain Python over the records of :mod:`phare._query`; the tables themselves
are built by :mod:`phare.frame`, the one module that imports pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from phare import _query, _store
from phare.errors import FigureNotFoundError
from phare.model import Comparison, Figure, Region

if TYPE_CHECKING:
    import pandas as pd

#: A regional figure and France's figure of the same programme, when France has one.
Ranked = tuple[Figure, Figure | None]

#: The columns of :func:`rank`, in order.
RANK_COLUMNS = (
    "rank",
    "region",
    "region_name",
    "value",
    "unit",
    "share",
    "national_value",
    "difference",
    "reference_year",
    "study",
    "programme",
    "confidence",
    "source_url",
)


def ranking(
    actor: str,
    indicator: str,
    *,
    theme: str | None = None,
    segment: str = "all",
    programme: str | None = None,
    min_confidence: str | None = None,
) -> tuple[Ranked, ...]:
    """Each region's figure, highest value first, with France's figure of the same programme.

    A region with several matching studies counts once, with the figure :meth:`Region.figure`
    would give (the latest). Regions tied on the value keep the order of their slugs.

    >>> ranked = {f.region.slug: (f.value, n.value if n else None) for f, n in ranking("companies", "partnering")}
    >>> ranked["nouvelle-aquitaine"]
    (45.0, 37.0)
    """
    found_indicator = _query.resolve_indicator(indicator)
    if found_indicator.themed and theme is None:
        regional = _regional(_query.figures(actor=actor, indicator=indicator))
        raise _query.theme_required(
            found_indicator,
            (f.theme.id for f in regional if f.theme is not None),
            "in the regions",
        )
    matches = _query.figures(
        actor=actor,
        indicator=indicator,
        theme=theme,
        segment=segment,
        programme=programme,
        min_confidence=min_confidence,
    )
    latest: dict[str, Figure] = {}
    for found in _regional(matches):
        kept = latest.get(found.region.slug)
        if kept is None or _query.recency(found) > _query.recency(kept):
            latest[found.region.slug] = found
    if not latest:
        raise _nothing_to_rank(actor, found_indicator.id, theme, segment)
    ordered = sorted(latest.values(), key=lambda f: (-f.value, f.region.slug))
    return tuple((f, _query.national_counterpart(f)) for f in ordered)


def _regional(figures: Iterable[Figure]) -> list[Figure]:
    return [f for f in figures if not f.region.is_national]


def _nothing_to_rank(
    actor: str, indicator: str, theme: str | None, segment: str
) -> FigureNotFoundError:
    asked = f"no region has a figure for {actor}, {indicator}"
    if theme is not None:
        asked += f", theme {theme!r}"
    asked += f", segment {segment!r} (with the filters given)"
    ranked = sorted({f"{f.actor.id} {f.indicator.id}" for f in _regional(_query.figures())})
    return FigureNotFoundError(f"{asked}; regions have figures for: {', '.join(ranked)}")


def rank(
    actor: str,
    indicator: str,
    *,
    theme: str | None = None,
    segment: str = "all",
    programme: str | None = None,
    min_confidence: str | None = None,
) -> pd.DataFrame:
    """The regions that published a figure, ranked by value, against France, as a DataFrame.

    One row per region (France itself is the yardstick, not a row), highest value first:
    ``rank`` (ties share a rank), the region's ``region`` slug and ``region_name``, ``value``
    as published and its ``unit``, ``share`` (percentages only), ``national_value`` and
    ``difference``, France's figure of the same programme and the gap to it (missing when France
    has none), and the figure's ``reference_year``, ``study``, ``programme``, ``confidence`` and
    ``source_url``. ``programme="PHARE"`` or ``min_confidence="A"`` narrow the field. A region
    with several studies counts once, with its latest figure.

    >>> import phare
    >>> df = phare.rank("citizens", "alliances-innovation")
    >>> df[["rank", "region", "value", "national_value", "difference", "programme"]].values.tolist()
    [[1, 'occitanie', 82.0, 74.0, 8.0, 'IMPACT'],
     [2, 'bourgogne-franche-comte', 75.0, 69.0, 6.0, 'PHARE'],
     [3, 'nouvelle-aquitaine', 67.0, 69.0, -2.0, 'PHARE'],
     [4, 'pays-de-la-loire', 65.0, 69.0, -4.0, 'PHARE']]
    """
    from phare import frame

    ranked = ranking(
        actor,
        indicator,
        theme=theme,
        segment=segment,
        programme=programme,
        min_confidence=min_confidence,
    )
    values = [f.value for f, _ in ranked]
    rows = [
        {
            "rank": 1 + sum(other > f.value for other in values),
            "region": f.region.slug,
            "region_name": f.region.name,
            "value": f.value,
            "unit": f.unit,
            "share": f.share,
            "national_value": national.value if national is not None else None,
            "difference": (
                Comparison(region=f, national=national).difference if national is not None else None
            ),
            "reference_year": f.reference_year,
            "study": f.study.id,
            "programme": f.programme,
            "confidence": f.confidence,
            "source_url": f.source.url,
        }
        for f, national in ranked
    ]
    return frame.table(
        rows,
        RANK_COLUMNS,
        floats=("value", "share", "national_value", "difference"),
        integers=("rank", "reference_year"),
    )


def _actor_counts(figures: Iterable[Figure]) -> dict[str, int]:
    """Figures per actor, every actor listed (zero included), then the ``total``."""
    counts = dict.fromkeys((a.id for a in _store.get().actors), 0)
    for f in figures:
        counts[f.actor.id] += 1
    counts["total"] = sum(counts.values())
    return counts


def coverage() -> pd.DataFrame:
    """Where data exists: one row per region, France first, with its figures counted by actor.

    Columns: ``region`` (slug), ``region_name``, one column per actor (``citizens``,
    ``companies``, ``associations``, ``mayors``) and ``total``. Every region is listed, those
    without any figure too, so the gaps show.

    >>> import phare
    >>> cov = phare.coverage()
    >>> len(cov) == len(phare.regions()) + 1, int(cov["total"].sum()) == len(phare.figures())
    (True, True)
    >>> cov[cov["region"] == "nouvelle-aquitaine"].values.tolist()
    [['nouvelle-aquitaine', 'Nouvelle-Aquitaine', 2, 7, 4, 0, 13]]
    """
    from phare import frame

    regions = (_query.national(), *_query.regions())
    actor_columns = tuple(a.id for a in _store.get().actors)
    rows = [
        {"region": r.slug, "region_name": r.name, **_actor_counts(r.figures())} for r in regions
    ]
    columns = ("region", "region_name", *actor_columns, "total")
    return frame.table(rows, columns, integers=(*actor_columns, "total"))


def region_coverage(region: Region) -> pd.DataFrame:
    """The figures of one *region*, counted by indicator (rows) and actor (columns).

    Indicators come in the order of :func:`phare.indicators`; those without a figure here are
    left out (a region without figures gives an empty table with the same columns).

    >>> import phare
    >>> region_coverage(phare.region("occitanie"))[["indicator", "citizens", "total"]].values.tolist()
    [['alliances-innovation', 1, 1], ['actors-insufficiently-mobilised', 1, 1]]
    """
    from phare import frame

    figures = region.figures()
    actor_columns = tuple(a.id for a in _store.get().actors)
    rows = [
        {
            "indicator": indicator.id,
            "label": indicator.label_en,
            **_actor_counts(f for f in figures if f.indicator is indicator),
        }
        for indicator in _query.indicators()
        if any(f.indicator is indicator for f in figures)
    ]
    columns = ("indicator", "label", *actor_columns, "total")
    return frame.table(rows, columns, integers=(*actor_columns, "total"))
