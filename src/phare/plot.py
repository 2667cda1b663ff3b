"""Charts of the figures with matplotlib, from the optional extra ``phare-observatoire[plot]``.

``import phare`` never loads this module, and this module loads matplotlib only when a chart
is drawn: without it, a chart raises :class:`phare.MissingExtraError` naming the extra.
Each chart states its unit on the value axis (on the colour bar for the tile map) and its sources
under the plot, and returns the matplotlib ``Axes`` so the caller can restyle or save it
(:func:`save` writes it to a PNG or SVG file). A chart draws on the ``ax`` given, which
must be a matplotlib ``Axes`` (or ``None`` for a new figure): anything else, like a *region* that is
neither a :class:`phare.Region` nor a ``str``, is a :class:`TypeError`.

Every chart takes the keyword ``dataset``: a :class:`phare.Dataset` (from :func:`phare.load`), or
``None`` for the bundled data. The chart reads everything it draws from that one dataset: the
figures, France's figures beside them, the ranking, the regions of the tiles and the sources in the
footer. A :class:`phare.Region` record brings the dataset that loaded it, so ``dataset`` may be left
out; given as well, it must be that same dataset (a region of another one is a
:class:`phare.PhareError`, never silently redrawn from either). A ``dataset`` that is neither a
``Dataset`` nor ``None`` is a :class:`TypeError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from phare import _analysis
from phare.dataset import BUNDLED, Dataset
from phare.errors import FigureNotFoundError, MissingExtraError, PhareError
from phare.formatting import format_qualified
from phare.model import Figure, Region
from phare.vocabulary import UNIT_LABELS, UNIT_LABELS_FR, label, language, plain_text, type_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from phare.vocabulary import Language, Unit

REGION_COLOUR = "#1f77b4"
NATIONAL_COLOUR = "#7f7f7f"

#: The words of the charts, by language: titles, legends and the footer (our own wording). The
#: value axis reads :data:`~phare.vocabulary.UNIT_LABELS` or
#: :data:`~phare.vocabulary.UNIT_LABELS_FR`; region names are the regions' own.
WORDS: Mapping[Language, Mapping[str, str]] = MappingProxyType(
    {
        "en": MappingProxyType(
            {
                "source": "Source: Observatoire national des partenariats, via phare. ",
                "press release": "press release",
                "percent figures": "{region}: figures in percent",
                "vs France": " vs France",
                "France, same programme": "France, same programme",
                "region, latest figure": "region, latest figure",
                "France": "France: {value}",
                "no national figure": "no figure of the same programme",
                "overseas": "Overseas regions",
                "no figure published": "no figure published",
            }
        ),
        "fr": MappingProxyType(
            {
                "source": "Source : Observatoire national des partenariats, via phare. ",
                "press release": "communiqué de presse",
                "percent figures": "{region} : chiffres en pourcentage",
                "vs France": ", face à la France",
                "France, same programme": "France, même programme",
                "region, latest figure": "région, dernier chiffre publié",
                "France": "France : {value}",
                "no national figure": "aucun chiffre du même programme",
                "overseas": "Régions d'outre-mer",
                "no figure published": "aucun chiffre publié",
            }
        ),
    }
)


def _dataset(dataset: object) -> Dataset:
    """The dataset a chart draws from: *dataset*, or the bundled one for ``None``.

    >>> _dataset(None) is BUNDLED
    True
    """
    if dataset is None:
        return BUNDLED
    if not isinstance(dataset, Dataset):
        raise TypeError(f"dataset must be a phare.Dataset or None, not {type_name(dataset)}")
    return dataset


def _region(region: Region | str, dataset: object) -> Region:
    """*region* as a record: a :class:`~phare.Region` as given, a name looked up in *dataset*.

    A record keeps the dataset that loaded it; a *dataset* given beside it must be that one.

    >>> import phare
    >>> _region("FR-NAQ", None) is phare.region("nouvelle-aquitaine")
    True
    """
    source = _dataset(dataset)
    if not isinstance(region, Region):
        return source.region(plain_text("region", region))
    if dataset is not None and region._dataset is not source:
        raise PhareError(
            f"the region {region.name} was loaded by {region._dataset!r}, not by the "
            f"dataset given, {source!r}: pass the region by name, or the dataset it came from"
        )
    return region


def _axis_label(unit: Unit, lang: Language) -> str:
    """The value axis label of *unit* in *lang*."""
    return (UNIT_LABELS_FR if lang == "fr" else UNIT_LABELS)[unit]


def _require_matplotlib(ax: object) -> None:
    """Fail early, as the family or a TypeError: no matplotlib, or an *ax* that is not Axes."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("plot", "matplotlib") from exc
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, not {type_name(ax)}")


def _axes(ax: Axes | None, rows: int, width: float = 9.0, row_height: float = 0.45) -> Axes:
    """*ax*, or the axes of a new figure tall enough for *rows* bars (or rows of tiles)."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new_ax = plt.subplots(figsize=(width, 1.6 + row_height * rows), layout="constrained")
    return new_ax


#: The inches a new profile keeps, beyond its longest label, for its bars, values and legend.
_PROFILE_ROOM = 6.0


def _widen_for_labels(ax: Axes) -> None:
    """Widen the new figure of *ax* so that its bars keep :data:`_PROFILE_ROOM` beside the labels.

    Without it, long labels squeeze the bars to a sliver, and the layout gives up with a warning.
    """
    from matplotlib.figure import Figure as Chart

    chart = ax.figure
    if not isinstance(chart, Chart):  # pragma: no cover - a new figure is never a subfigure
        return
    longest = max((t.get_window_extent().width for t in ax.get_yticklabels()), default=0.0)
    width, height = chart.get_size_inches()
    chart.set_size_inches(max(float(width), longest / chart.dpi + _PROFILE_ROOM), height)


def _latest_waves(region: Region, figures: Iterable[Figure]) -> list[Figure]:
    """One figure per actor, segment, indicator and theme: its latest wave, where its first was.

    The wave kept is the one :meth:`phare.Region.figure` answers when no study is named (the
    latest reference year; ties: the latest study), so a chart and a query never disagree; each
    stands in the place of the first of its waves in *figures*, so a new wave moves no row.

    >>> import phare
    >>> waves = _latest_waves(phare.national(), phare.national().figures())
    >>> [f.reference_year for f in waves if f.indicator.id == "partnerships-urgent"]
    [2012]
    """
    kept: dict[tuple[object, ...], Figure] = {}
    for f in figures:
        cell = (f.actor, f.segment, f.indicator, f.theme)
        if cell not in kept:
            theme = None if f.theme is None else f.theme.id
            kept[cell] = region.figure(
                f.actor.id, f.indicator.id, theme=theme, segment=f.segment.id
            )
    return list(kept.values())


def caption(figure: Figure, lang: str = "en") -> str:
    """What a bar stands for: actor (and segment), indicator, theme, in the language *lang*.

    In English the segment is named by its id, as in the tables; in French by its label.

    >>> import phare
    >>> employer = phare.national().figure("associations", "partnering", segment="employer")
    >>> caption(employer)
    'Associations (employer) · Already partnering'
    >>> caption(employer, "fr")
    'Associations (Associations employeuses) · Pratique déjà le partenariat'
    """
    chosen = language(lang)
    who = label(figure.actor, chosen)
    if figure.segment.id != "all":
        who += f" ({figure.segment.id if chosen == 'en' else label(figure.segment, chosen)})"
    what = f"{who} · {label(figure.indicator, chosen)}"
    return what if figure.theme is None else f"{what}: {label(figure.theme, chosen)}"


def sources_note(figures: Iterable[Figure], lang: str = "en") -> str:
    """One line naming the studies and sources behind *figures*, for under a chart.

    The study ids and publishers are as published, in any language.

    >>> import phare
    >>> sources_note(phare.figures(region="occitanie"))
    'Source: Observatoire national des partenariats, via phare. impact-occitanie-2019 (Le RAMEAU, lerameau.fr)'
    """
    words = WORDS[language(lang)]
    seen: list[str] = []
    for f in figures:
        url = f.source.url
        where = urlsplit(url).netloc.removeprefix("www.") if url else words["press release"]
        entry = f"{f.study.id} ({f.source.publisher}, {where})"
        if entry not in seen:
            seen.append(entry)
    return words["source"] + "; ".join(seen)


def _footnote(ax: Axes, figures: Sequence[Figure], lang: Language) -> None:
    ax.annotate(
        sources_note(figures, lang),
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


def profile(
    region: Region | str,
    ax: Axes | None = None,
    *,
    lang: str = "en",
    dataset: Dataset | None = None,
) -> Axes:
    """The region's percentage figures as bars, each beside France's for the same programme.

    *region* is a :class:`phare.Region`, or any name :meth:`phare.Dataset.region` accepts,
    looked up in *dataset* (``None``: the bundled data; see the module's notes). The first
    bar container holds the region's bars, the second France's; a figure France did not
    publish in the same programme has no grey bar. Approximate values and lower bounds are
    drawn at their published value. ``lang="fr"`` writes the labels, title, legend and footer
    in French (:data:`WORDS`); the values keep their published form.

    A figure published in several waves (France's, above all) has one bar, in the place of its
    first wave: its latest wave, the one :meth:`phare.Region.figure` answers when no study is
    named. The footer names the studies of the bars drawn; :func:`series` draws every wave.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> ax = phare.plot.profile("nouvelle-aquitaine")
    >>> [float(bar.get_width()) for bar in ax.containers[0]][:3]
    [45.0, 26.0, 29.0]
    >>> ax.get_xlabel()
    '% of respondents, as published'
    >>> phare.plot.profile("nouvelle-aquitaine", lang="fr").get_title()
    'Nouvelle-Aquitaine : chiffres en pourcentage, face à la France'
    >>> france = phare.plot.profile("france")
    >>> labels = [t.get_text() for t in france.get_yticklabels()]
    >>> len(labels) == len(set(labels))
    True
    >>> bar = france.containers[0][labels.index("Companies · Already partnering")]
    >>> float(bar.get_width()) == phare.national().figure("companies", "partnering").value
    True

    A region of a dataset of your own is drawn from it, its France too; a region of the bundled
    data with ``dataset=`` another one is refused:

    >>> import shutil, tempfile
    >>> from importlib.resources import files
    >>> mine = phare.load(shutil.copytree(str(files("phare") / "data"), tempfile.mkdtemp() + "/d"))
    >>> ax = phare.plot.profile("occitanie", dataset=mine)
    >>> [float(bar.get_width()) for bar in ax.containers[0]] == [
    ...     f.value for f in mine.figures(region="occitanie") if f.indicator.is_percent]
    True
    >>> phare.plot.profile(phare.region("occitanie"), dataset=mine)
    Traceback (most recent call last):
    ...
    phare.errors.PhareError: the region Occitanie was loaded by <Dataset of bundled data>, ...
    """
    if not isinstance(region, (Region, str)):
        raise TypeError(f"region must be a Region or a str, not {type_name(region)}")
    chosen = language(lang)
    words = WORDS[chosen]
    _require_matplotlib(ax)
    found = _region(region, dataset)
    figures = _latest_waves(found, (f for f in found.figures() if f.indicator.is_percent))
    if not figures:
        raise FigureNotFoundError(f"{found.name} has no percentage figure to draw")
    nationals = [
        None if found.is_national else found._dataset._national_counterpart(f) for f in figures
    ]
    new_figure = ax is None
    paired_rows = any(n is not None for n in nationals)
    ax = _axes(ax, len(figures), row_height=0.45 if paired_rows else 0.3)
    rows = range(len(figures))
    height = 0.4 if paired_rows else 0.6
    bars = ax.barh(
        [y - height / 2 if paired_rows else y for y in rows],
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
            label=words["France, same programme"],
        )
        ax.bar_label(
            grey,
            labels=[format_qualified(n.value, n.unit, n.qualifier) for _, n in paired],
            padding=2,
        )
    ax.set_yticks(list(rows), [caption(f, chosen) for f in figures])
    if new_figure:
        _widen_for_labels(ax)
    ax.set_ylim(len(rows) - 0.5, -0.5)  # the first figure at the top, no empty rows around
    ax.set_xlim(0, 110)
    ax.set_xlabel(_axis_label("percent", chosen))
    ax.set_title(
        words["percent figures"].format(region=found.name)
        + ("" if found.is_national else words["vs France"])
    )
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _footnote(ax, [*figures, *(n for n in nationals if n is not None)], chosen)
    return ax


def series(
    region: Region | str,
    actor: str,
    indicator: str,
    *,
    theme: str | None = None,
    segment: str = "all",
    ax: Axes | None = None,
    lang: str = "en",
    dataset: Dataset | None = None,
) -> Axes:
    """The waves of one series over the years, a solid line only where they read as one trend.

    *region* is a :class:`phare.Region`, or any name :meth:`phare.Dataset.region` accepts,
    looked up in *dataset* (``None``: the bundled data; see the module's notes); the other
    arguments are those of :meth:`phare.Region.series`. Waves joined by a solid line
    (``gid="phare-wave"``) can be read as one trend; a break (:attr:`phare.Series.breaks`) is
    a dotted line between its two waves (``gid="phare-break"``), a dashed vertical line between
    their years, and a label naming its kind (``gid="phare-break-label"``), so that nobody
    reads 21 -> 37 % as growth when the two populations differ. ``lang="fr"`` writes the axis,
    title and footer in French.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> ax = phare.plot.series("france", "companies", "partnering")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "phare-break-label"]
    ['break: base', 'break: unstated']
    >>> [line.get_xdata().tolist() for line in ax.lines if line.get_gid() == "phare-wave"]
    [[2010], [2015], [2021]]
    """
    if not isinstance(region, (Region, str)):
        raise TypeError(f"region must be a Region or a str, not {type_name(region)}")
    _require_matplotlib(ax)
    chosen = language(lang)
    found = _region(region, dataset)
    waves = found.series(actor, indicator, theme=theme, segment=segment)
    ax = _axes(ax, 8)
    broken = {b.after.id for b in waves.breaks}
    runs: list[list[Figure]] = [[]]
    for f in waves:
        if runs[-1] and f.id in broken:
            runs.append([])
        runs[-1].append(f)
    for run in runs:
        ax.plot(
            [f.reference_year for f in run],
            [f.value for f in run],
            marker="o",
            color=REGION_COLOUR,
            gid="phare-wave",
        )
    for f in waves:
        ax.annotate(
            format_qualified(f.value, f.unit, f.qualifier),
            xy=(f.reference_year, f.value),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            gid="phare-value",
        )
    for b in waves.breaks:
        years = [b.before.reference_year, b.after.reference_year]
        ax.plot(
            years,
            [b.before.value, b.after.value],
            linestyle=":",
            color=NATIONAL_COLOUR,
            gid="phare-break",
        )
        middle = sum(years) / 2
        ax.axvline(middle, linestyle="--", linewidth=0.8, color=NATIONAL_COLOUR)
        ax.annotate(
            f"break: {b.kind}",
            xy=(middle, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, -4),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            color=NATIONAL_COLOUR,
            gid="phare-break-label",
        )
    first = waves[0]
    ax.set_xticks([f.reference_year for f in waves])
    if first.indicator.is_percent:
        ax.set_ylim(0, 110)
    ax.set_ylabel(_axis_label(first.unit, chosen))
    ax.set_title(f"{found.name}: {caption(first, chosen)}")
    _footnote(ax, waves, chosen)
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
    lang: str = "en",
    dataset: Dataset | None = None,
) -> Axes:
    """The regions ranked on one figure (as :func:`phare.rank`), France marked on each bar.

    The bars are the regions' values, highest at the top; a black tick on a bar marks France's
    figure of that region's programme, when France published one. The keyword filters are
    those of :func:`phare.rank`; ``lang="fr"`` writes the axis label, title, legend and footer
    in French. ``dataset=phare.load(folder)`` ranks the regions of that dataset, as its
    :meth:`~phare.Dataset.rank` does (``None``: the bundled data).

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> ax = phare.plot.rank("companies", "partnering")
    >>> bars = {t.get_text(): float(b.get_width()) for t, b in zip(ax.get_yticklabels(), ax.containers[0])}
    >>> bars["Nouvelle-Aquitaine"], bars["Pays de la Loire"]
    (45.0, 43.0)
    >>> fr = phare.plot.rank("companies", "partnering", lang="fr")
    >>> fr.get_title(), fr.get_xlabel()
    ('Entreprises · Pratique déjà le partenariat', '% des personnes interrogées, tel que publié')
    >>> import shutil, tempfile
    >>> from importlib.resources import files
    >>> mine = phare.load(shutil.copytree(str(files("phare") / "data"), tempfile.mkdtemp() + "/d"))
    >>> ax = phare.plot.rank("companies", "partnering", dataset=mine)
    >>> [t.get_text() for t in ax.get_yticklabels()] == mine.rank(
    ...     "companies", "partnering")["region_name"].tolist()
    True
    """
    source = _dataset(dataset)
    chosen = language(lang)
    words = WORDS[chosen]
    _require_matplotlib(ax)
    ranked = _analysis.ranking(
        source,
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
        label=words["region, latest figure"],
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
            label=words["France, same programme"],
        )
    ax.set_yticks(rows, [f.region.name for f in figures])
    ax.invert_yaxis()
    ax.set_xlabel(_axis_label(first.unit, chosen))
    if first.unit == "percent":
        ax.set_xlim(0, 110)
    ax.set_title(caption(first, chosen))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    _footnote(ax, [*figures, *(n for _, n in marks)], chosen)
    return ax


#: Where each region's tile sits, as (row, column): the metropolitan regions in their rough
#: geographic places, Corse off the south-east coast, and the five overseas regions in a row
#: apart, below. A layout for drawing, not a fact about the regions, so it lives here.
TILE_LAYOUT: Mapping[str, tuple[int, int]] = MappingProxyType(
    {
        "hauts-de-france": (0, 2),
        "bretagne": (1, 0),
        "normandie": (1, 1),
        "ile-de-france": (1, 2),
        "grand-est": (1, 3),
        "pays-de-la-loire": (2, 1),
        "centre-val-de-loire": (2, 2),
        "bourgogne-franche-comte": (2, 3),
        "nouvelle-aquitaine": (3, 1),
        "auvergne-rhone-alpes": (3, 2),
        "occitanie": (4, 1),
        "provence-alpes-cote-d-azur": (4, 2),
        "corse": (5, 3),
        "guadeloupe": (7, 0),
        "martinique": (7, 1),
        "guyane": (7, 2),
        "la-reunion": (7, 3),
        "mayotte": (7, 4),
    }
)

#: The colour scale of the tiles: viridis runs from dark to light, so it reads in greyscale too,
#: and none of its colours is a grey.
TILE_COLOURS = "viridis"
#: The colour of a region that published no figure, hatched so that it reads in greyscale too.
NO_FIGURE_COLOUR = "#d9d9d9"
NO_FIGURE_HATCH = "///"
#: The colour scale of the units that have a whole scale (a 2-point gap between two shares
#: looks small, as it is); the others run from the lowest value drawn to the highest.
TILE_SCALES: Mapping[str, tuple[float, float]] = MappingProxyType(
    {"percent": (0.0, 100.0), "score-10": (0.0, 10.0)}
)


def _tile_text_colour(rgba: Sequence[float]) -> str:
    """Black on a light tile, white on a dark one (by relative luminance)."""
    red, green, blue = rgba[:3]
    return "black" if 0.2126 * red + 0.7152 * green + 0.0722 * blue > 0.5 else "white"


def tiles(
    actor: str,
    indicator: str,
    ax: Axes | None = None,
    *,
    theme: str | None = None,
    segment: str = "all",
    programme: str | None = None,
    min_confidence: str | None = None,
    lang: str = "en",
    dataset: Dataset | None = None,
) -> Axes:
    r"""The regions as a grid of tiles in their rough places, coloured by one figure.

    Each region shows its latest figure (as :func:`phare.rank` picks it), labelled with the
    region's ISO 3166-2 code and the value as published; a region that published none is grey.
    The title gives France's figure of the same programme; the colour bar states the unit;
    the footer names the sources. Each tile is a patch whose ``gid`` is the region's slug. The
    keyword filters are those of :func:`phare.rank`; ``lang="fr"`` writes the title, legend,
    colour bar and footer in French. ``dataset=phare.load(folder)`` draws the regions of that
    dataset and their figures (``None``: the bundled data); a region without a place in
    :data:`TILE_LAYOUT` is a :class:`phare.PhareError`.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> ax = phare.plot.tiles("companies", "partnering")
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "tile-nouvelle-aquitaine"]
    ['NAQ\n45 %']
    >>> ax.get_title()
    'Companies · Already partnering\nFrance: 37 %'
    >>> phare.plot.tiles("companies", "partnering", lang="fr").get_title()
    'Entreprises · Pratique déjà le partenariat\nFrance : 37 %'
    >>> import shutil, tempfile
    >>> from importlib.resources import files
    >>> mine = phare.load(shutil.copytree(str(files("phare") / "data"), tempfile.mkdtemp() + "/d"))
    >>> ax = phare.plot.tiles("companies", "partnering", dataset=mine)
    >>> sorted(p.get_gid() for p in ax.patches if p.get_gid()) == sorted(
    ...     r.slug for r in mine.regions())
    True
    """
    source = _dataset(dataset)
    chosen = language(lang)
    words = WORDS[chosen]
    _require_matplotlib(ax)
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize, to_hex
    from matplotlib.patches import Patch, Rectangle

    ranked = _analysis.ranking(
        source,
        actor,
        indicator,
        theme=theme,
        segment=segment,
        programme=programme,
        min_confidence=min_confidence,
    )
    by_region = {f.region.slug: f for f, _ in ranked}
    first = ranked[0][0]
    nationals = list(dict.fromkeys(n for _, n in ranked if n is not None))
    values = [f.value for f in (*by_region.values(), *nationals)]
    low, high = TILE_SCALES.get(first.unit, (min(values), max(values)))
    norm = Normalize(vmin=low, vmax=high if high > low else low + 1)
    colours = colormaps[TILE_COLOURS]
    # a region a copy adds has no tile: left off while it has no figure to show, refused after
    unplaced = [slug for slug in by_region if slug not in TILE_LAYOUT]
    if unplaced:
        raise PhareError(f"no place for {', '.join(unplaced)} in the tile map (TILE_LAYOUT)")
    regions = [r for r in source.regions() if r.slug in TILE_LAYOUT]
    rows = max(row for row, _ in TILE_LAYOUT.values())
    columns = max(column for _, column in TILE_LAYOUT.values())
    ax = _axes(ax, rows + 7, width=columns + 3.0)
    for region in regions:
        row, column = TILE_LAYOUT[region.slug]
        figure = by_region.get(region.slug)
        if figure is None:
            fill, hatch, ink, shown = NO_FIGURE_COLOUR, NO_FIGURE_HATCH, "#555555", "–"
        else:
            rgba = colours(norm(figure.value))
            fill, hatch, ink = to_hex(rgba), None, _tile_text_colour(rgba)
            shown = format_qualified(figure.value, figure.unit, figure.qualifier)
        ax.add_patch(
            Rectangle(
                (column, -row),
                0.94,
                0.94,
                facecolor=fill,
                edgecolor="white",
                hatch=hatch,
                gid=region.slug,
            )
        )
        ax.text(
            column + 0.47,
            -row + 0.47,
            f"{region.iso_3166_2.removeprefix('FR-')}\n{shown}",
            ha="center",
            va="center",
            fontsize=10,
            color=ink,
            gid=f"tile-{region.slug}",
        )
    ax.set_xlim(-0.1, columns + 1.04)
    ax.set_ylim(-rows - 0.1, 1.04)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.text(0, 1 - rows, words["overseas"], fontsize=8, color="#555555", va="bottom")
    ax.legend(
        handles=[
            Patch(
                facecolor=NO_FIGURE_COLOUR,
                edgecolor="white",
                hatch=NO_FIGURE_HATCH,
                label=words["no figure published"],
            )
        ],
        loc="upper left",
        fontsize=8,
        frameon=False,
    )
    national = ", ".join(
        format_qualified(n.value, n.unit, n.qualifier)
        + (f" ({n.programme})" if len(nationals) > 1 else "")
        for n in nationals
    )
    shown_national = words["France"].format(value=national or words["no national figure"])
    ax.set_title(f"{caption(first, chosen)}\n{shown_national}")
    bar = ax.figure.colorbar(ScalarMappable(norm=norm, cmap=colours), ax=ax, shrink=0.5)
    bar.set_label(_axis_label(first.unit, chosen))
    for national_figure in nationals:  # France's value, marked on the scale
        bar.ax.axhline(national_figure.value, color="black", linewidth=2, gid="phare-france")
    _footnote(ax, [*by_region.values(), *nationals], chosen)
    return ax


#: The file formats a chart can be saved to, by file name suffix.
FILE_FORMATS = (".png", ".svg")


def save(ax: Axes, path: str) -> None:
    """Save the chart of *ax* to *path*, a ``.png`` or ``.svg`` file, and close its figure.

    This is what ``phare plot ... --output FILE`` does; a suffix that is neither, or a path
    that cannot be written, is a :class:`phare.PhareError` naming it.

    >>> import pathlib, tempfile, matplotlib
    >>> matplotlib.use("Agg")
    >>> import phare.plot
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "tiles.svg"
    >>> save(phare.plot.tiles("companies", "partnering"), str(path))
    >>> "<svg" in path.read_text(encoding="utf-8")
    True
    """
    import os

    import matplotlib.pyplot as plt
    from matplotlib.figure import Figure as Chart

    chart = ax.figure if isinstance(ax.figure, Chart) else ax.figure.figure  # a subfigure's root
    suffix = os.path.splitext(path)[1].lower()
    if suffix not in FILE_FORMATS:
        raise PhareError(f"cannot save a chart as {path!r}: name a .png or .svg file")
    try:
        chart.savefig(path, dpi=150 if suffix == ".png" else "figure")
    except (OSError, ValueError) as err:  # ValueError: a NUL or a lone surrogate in the name
        reason = err.strerror if isinstance(err, OSError) else None
        raise PhareError(f"cannot write {path}: {reason or err}") from err
    finally:
        plt.close(chart)
