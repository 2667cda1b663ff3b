"""Questions asked across regions: where a figure ranks, and where figures exist at all.

The selection is plain Python over the records of a :class:`phare.Dataset`, handed in by the
dataset itself; the tables are built by :mod:`phare.frame`, the one module that imports pandas.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from phare._query import recency, report_name, theme_required
from phare.errors import FigureNotFoundError
from phare.model import Comparison
from phare.vocabulary import UNIT_NAMES, confidence, label, language, plain_text

if TYPE_CHECKING:
    import pandas as pd

    from phare.dataset import Dataset
    from phare.model import Figure, Region

#: A regional figure and France's figure of the same programme, when France has one.
Ranked = tuple["Figure", "Figure | None"]

#: The columns of :func:`rank`, in order.
RANK_COLUMNS = (
    "rank",
    "region",
    "region_name",
    "value",
    "unit",
    "share",
    "national_value",
    "national_study",
    "national_confidence",
    "difference",
    "reference_year",
    "study",
    "programme",
    "confidence",
    "source_url",
)


def ranking(
    dataset: Dataset,
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
    would give (the latest). Regions tied on the value keep the order of their slugs. The
    filters apply to both sides: with ``min_confidence="A"``, France's figure is the latest of
    grade A too. *actor*, *indicator* and *segment* are text: ``None`` is a :class:`TypeError`,
    not "any". Every text argument is read as a plain ``str`` copy, so a subclass's own methods
    never run here.

    >>> from phare.dataset import BUNDLED
    >>> ranked = ranking(BUNDLED, "companies", "partnering")
    >>> {f.region.slug: (f.value, n.value if n else None) for f, n in ranked}["nouvelle-aquitaine"]
    (45.0, 37.0)
    """
    actor = plain_text("actor", actor)
    indicator = plain_text("indicator", indicator)
    segment = plain_text("segment", segment)
    if theme is not None:
        theme = plain_text("theme", theme)
    if programme is not None:
        programme = plain_text("programme", programme)
    if min_confidence is not None:
        min_confidence = confidence(min_confidence)
    found_indicator = dataset.indicator(indicator)
    dataset._theme_for(found_indicator, theme)  # a theme that cannot apply says why
    if found_indicator.themed and theme is None:
        regional = _regional(dataset.figures(actor=actor, indicator=indicator))
        raise theme_required(
            found_indicator,
            (f.theme.id for f in regional if f.theme is not None),
            "in the regions",
        )
    matches = dataset.figures(
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
        if kept is None or recency(found) > recency(kept):
            latest[found.region.slug] = found
    if not latest:
        raise _nothing_to_rank(
            dataset, actor, found_indicator.id, theme, segment, programme, min_confidence
        )
    ordered = sorted(latest.values(), key=lambda f: (-f.value, f.region.slug))
    nationals = dataset.figures(
        region="france",
        actor=actor,
        indicator=indicator,
        theme=theme,
        segment=segment,
        min_confidence=min_confidence,
    )
    return tuple((f, _latest_of_programme(nationals, f.programme)) for f in ordered)


def _regional(figures: Iterable[Figure]) -> list[Figure]:
    return [f for f in figures if not f.region.is_national]


def _latest_of_programme(figures: Iterable[Figure], programme: str) -> Figure | None:
    """The latest of *figures* from *programme*, or ``None`` when it has none."""
    same = [f for f in figures if f.programme == programme]
    return max(same, key=recency) if same else None


def _nothing_to_rank(
    dataset: Dataset,
    actor: str,
    indicator: str,
    theme: str | None,
    segment: str,
    programme: str | None,
    min_confidence: str | None,
) -> FigureNotFoundError:
    """The error for a ranking without a figure: every filter is named, the programme's too.

    >>> from phare.dataset import BUNDLED
    >>> print(_nothing_to_rank(BUNDLED, "companies", "partnering", None, "all", "arpea", None))
    ... # doctest: +ELLIPSIS
    no region has a figure for companies, partnering, segment 'all', programme 'ARPEA'; ...
    """
    # The names passed the lookups, so they are text; quote plain copies of them (str.__str__),
    # never a subclass's own __format__ or __repr__.
    asked = f"no region has a figure for {str.__str__(actor)}, {indicator}"
    if theme is not None:
        asked += f", theme {theme!r}"
    asked += f", segment {segment!r}"
    if programme is not None:
        asked += f", programme {dataset.programme(programme).id!r}"
    if min_confidence is not None:
        asked += f", confidence {min_confidence} or better"
    ranked = sorted({f"{f.actor.id} {f.indicator.id}" for f in _regional(dataset.figures())})
    return FigureNotFoundError(f"{asked}; regions have figures for: {', '.join(ranked)}")


def rank(
    dataset: Dataset,
    actor: str,
    indicator: str,
    *,
    theme: str | None = None,
    segment: str = "all",
    programme: str | None = None,
    min_confidence: str | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """The table behind :meth:`phare.Dataset.rank`."""
    from phare import frame

    chosen = None if lang is None else language(lang)
    ranked = ranking(
        dataset,
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
            "national_study": national.study.id if national is not None else None,
            "national_confidence": national.confidence if national is not None else None,
            "difference": (
                Comparison(region=f, national=national).difference if national is not None else None
            ),
            "reference_year": f.reference_year,
            "study": f.study.id,
            "programme": f.programme,
            "confidence": f.confidence,
            "source_url": f.source.url,
            **({} if chosen is None else {"unit_label": UNIT_NAMES[chosen][f.unit]}),
        }
        for f, national in ranked
    ]
    return frame.table(
        rows,
        RANK_COLUMNS if chosen is None else (*RANK_COLUMNS, "unit_label"),
        floats=("value", "share", "national_value", "difference"),
        integers=("rank", "reference_year"),
    )


def _actor_counts(dataset: Dataset, figures: Iterable[Figure]) -> dict[str, int]:
    """Figures per actor, every actor listed (zero included), then the ``total``."""
    counts = dict.fromkeys((a.id for a in dataset.actors()), 0)
    for f in figures:
        counts[f.actor.id] += 1
    counts["total"] = sum(counts.values())
    return counts


def coverage(dataset: Dataset) -> pd.DataFrame:
    """The table behind :meth:`phare.Dataset.coverage`."""
    from phare import frame

    regions = (dataset.national(), *dataset.regions())
    actor_columns = tuple(a.id for a in dataset.actors())
    rows = [
        {
            "region": r.slug,
            "region_name": r.name,
            **_actor_counts(dataset, r.figures()),
            "reports_without_figures": "; ".join(
                report_name(s) for s in r.reports_without_figures()
            ),
        }
        for r in regions
    ]
    columns = ("region", "region_name", *actor_columns, "total", "reports_without_figures")
    return frame.table(rows, columns, integers=(*actor_columns, "total"))


def region_coverage(dataset: Dataset, region: Region, lang: str | None = None) -> pd.DataFrame:
    """The figures of one *region*, counted by indicator (rows) and actor (columns).

    Indicators come in the order of :func:`phare.indicators`; those without a figure here are
    left out (a region without figures gives an empty table with the same columns). ``label``
    is the indicator's English label; with *lang*, an ``indicator_label`` column in that
    language follows ``total``.

    >>> import phare
    >>> table = region_coverage(phare.dataset.BUNDLED, phare.region("occitanie"))
    >>> table[["indicator", "citizens", "total"]].values.tolist()
    [['alliances-innovation', 1, 1], ['actors-insufficiently-mobilised', 1, 1]]
    >>> region_coverage(phare.dataset.BUNDLED, phare.region("occitanie"), "fr")["indicator_label"][0]
    "Alliances sources d'innovation"
    """
    from phare import frame

    chosen = None if lang is None else language(lang)
    figures = region.figures()
    actor_columns = tuple(a.id for a in dataset.actors())
    rows = [
        {
            "indicator": indicator.id,
            "label": indicator.label_en,
            **_actor_counts(dataset, (f for f in figures if f.indicator is indicator)),
            **({} if chosen is None else {"indicator_label": label(indicator, chosen)}),
        }
        for indicator in dataset.indicators()
        if any(f.indicator is indicator for f in figures)
    ]
    columns = ("indicator", "label", *actor_columns, "total")
    if chosen is not None:
        columns = (*columns, "indicator_label")
    return frame.table(rows, columns, integers=(*actor_columns, "total"))
