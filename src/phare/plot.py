"""Charts of the figures with matplotlib, from the optional extra ``phare-observatoire[plot]``.

``import phare`` never loads this module, and this module loads matplotlib only when a chart
is drawn: without it, a chart raises :class:`phare.MissingExtraError` naming the extra.
Each chart states its unit on the value axis and its sources under the plot, and returns the
matplotlib ``Axes`` so the caller can restyle or save it. A chart draws on the ``ax`` given, which
must be a matplotlib ``Axes`` (or ``None`` for a new figure): anything else, like a *region* that is
neither a :class:`phare.Region` nor a ``str``, is a :class:`TypeError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from phare import _analysis, _query
from phare.errors import FigureNotFoundError, MissingExtraError
from phare.model import Figure, Region, format_qualified

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The value axis label for each unit.
UNIT_LABELS = {
    "percent": "% of respondents, as published",
    "score-10": "mean score out of 10",
    "count": "number, as published",
    "points": "change in percentage points",
}

REGION_COLOUR = "#1f77b4"
NATIONAL_COLOUR = "#7f7f7f"


def _require_matplotlib(ax: object) -> None:
    """Fail early, as the family or a TypeError: no matplotlib, or an *ax* that is not Axes."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("plot", "matplotlib") from exc
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, not {type(ax).__name__}")


def _axes(ax: Axes | None, rows: int) -> Axes:
    """*ax*, or the axes of a new figure tall enough for *rows* bars."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=(9.0, 1.6 + 0.45 * rows), layout="constrained")
    return new_ax


def caption(figure: Figure) -> str:
    """What a bar stands for: actor (and segment), indicator, theme.

    >>> import phare
    >>> caption(phare.national().figure("associations", "partnering", segment="employer"))
    'Associations (employer) · Already partnering'
    """
    who = figure.actor.label_en
    if figure.segment.id != "all":
        who += f" ({figure.segment.id})"
    what = f"{who} · {figure.indicator.label_en}"
    return what if figure.theme is None else f"{what}: {figure.theme.label_en}"


def sources_note(figures: Iterable[Figure]) -> str:
    """One line naming the studies and sources behind *figures*, for under a chart.

    >>> import phare
    >>> sources_note(phare.figures(region="occitanie"))
    'Source: Observatoire national des partenariats, via phare. impact-occitanie-2019 (Le RAMEAU, lerameau.fr)'
    """
    seen: list[str] = []
    for f in figures:
        url = f.source.url
        where = urlsplit(url).netloc.removeprefix("www.") if url else "press release"
        entry = f"{f.study.id} ({f.source.publisher}, {where})"
        if entry not in seen:
            seen.append(entry)
    return "Source: Observatoire national des partenariats, via phare. " + "; ".join(seen)


def _footnote(ax: Axes, figures: Sequence[Figure]) -> None:
    ax.annotate(
        sources_note(figures),
        xy=(0.0, 0.0),
        xycoords="axes fraction",
        xytext=(0, -34),
        textcoords="offset points",
        va="top",
        fontsize=7,
        color="#555555",
        wrap=True,
        gid="phare-sources",
    )


def profile(region: Region | str, ax: Axes | None = None) -> Axes:
    """The region's percentage figures as bars, each beside France's for the same programme.

    *region* is a :class:`phare.Region` or any name :func:`phare.region` accepts. The first
    bar container holds the region's bars, the second France's; a figure France did not
    publish in the same programme has no grey bar. Approximate values and lower bounds are
    drawn at their published value.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> ax = phare.plot.profile("nouvelle-aquitaine")
    >>> [float(bar.get_width()) for bar in ax.containers[0]][:3]
    [45.0, 26.0, 29.0]
    >>> ax.get_xlabel()
    '% of respondents, as published'
    """
    if not isinstance(region, (Region, str)):
        raise TypeError(f"region must be a Region or a str, not {type(region).__name__}")
    _require_matplotlib(ax)
    found = region if isinstance(region, Region) else _query.region(region)
    figures = [f for f in found.figures() if f.indicator.is_percent]
    if not figures:
        raise FigureNotFoundError(f"{found.name} has no percentage figure to draw")
    nationals = [None if found.is_national else _query.national_counterpart(f) for f in figures]
    ax = _axes(ax, len(figures))
    rows = range(len(figures))
    height = 0.4
    bars = ax.barh(
        [y - height / 2 for y in rows],
        [f.value for f in figures],
        height=height,
        color=REGION_COLOUR,
        label=found.name,
    )
    ax.bar_label(
        bars, labels=[format_qualified(f.value, f.unit, f.qualifier) for f in figures], padding=2
    )
    paired = [(y, n) for y, n in zip(rows, nationals, strict=True) if n is not None]
    if paired:
        grey = ax.barh(
            [y + height / 2 for y, _ in paired],
            [n.value for _, n in paired],
            height=height,
            color=NATIONAL_COLOUR,
            label="France, same programme",
        )
        ax.bar_label(
            grey,
            labels=[format_qualified(n.value, n.unit, n.qualifier) for _, n in paired],
            padding=2,
        )
    ax.set_yticks(list(rows), [caption(f) for f in figures])
    ax.invert_yaxis()
    ax.set_xlim(0, 110)
    ax.set_xlabel(UNIT_LABELS["percent"])
    ax.set_title(f"{found.name}: figures in percent" + ("" if found.is_national else " vs France"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _footnote(ax, [*figures, *(n for n in nationals if n is not None)])
    return ax


def rank(
    actor: str,
    indicator: str,
    ax: Axes | None = None,
    *,
    theme: str | None = None,
    segment: str = "all",
    programme: str | None = None,
    min_confidence: str | None = None,
) -> Axes:
    """The regions ranked on one figure (as :func:`phare.rank`), France marked on each bar.

    The bars are the regions' values, highest at the top; a black tick on a bar marks France's
    figure of that region's programme, when France published one. The keyword filters are
    those of :func:`phare.rank`.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> ax = phare.plot.rank("companies", "partnering")
    >>> [(t.get_text(), float(b.get_width())) for t, b in zip(ax.get_yticklabels(), ax.containers[0])]
    [('Nouvelle-Aquitaine', 45.0), ('Pays de la Loire', 43.0)]
    """
    _require_matplotlib(ax)
    ranked = _analysis.ranking(
        actor,
        indicator,
        theme=theme,
        segment=segment,
        programme=programme,
        min_confidence=min_confidence,
    )
    figures = [f for f, _ in ranked]
    first = figures[0]
    ax = _axes(ax, len(figures))
    rows = list(range(len(figures)))
    bars = ax.barh(
        rows,
        [f.value for f in figures],
        height=0.6,
        color=REGION_COLOUR,
        label="region, latest figure",
    )
    ax.bar_label(
        bars,
        labels=[format_qualified(f.value, f.unit, f.qualifier) for f in figures],
        label_type="center",
        color="white",
    )
    marks = [(y, n) for y, (_, n) in zip(rows, ranked, strict=True) if n is not None]
    if marks:
        ax.scatter(
            [n.value for _, n in marks],
            [y for y, _ in marks],
            marker="|",
            s=400,
            color="black",
            zorder=3,
            label="France, same programme",
        )
    ax.set_yticks(rows, [f.region.name for f in figures])
    ax.invert_yaxis()
    ax.set_xlabel(UNIT_LABELS[first.unit])
    if first.unit == "percent":
        ax.set_xlim(0, 110)
    ax.set_title(caption(first))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _footnote(ax, [*figures, *(n for _, n in marks)])
    return ax
