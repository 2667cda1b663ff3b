"""phare.plot, drawn headless (Agg): the bars must be the data, units and sources labelled."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib
import pytest

import phare
from support.datacopy import copy_data, read_table, write_table
from support.expected_analysis import (
    latest_per_region,
    national_counterpart,
    recency,
    regional_cells,
    same_cell,
)
from support.verified import EMPTY_REGION, FIGURES, REGIONS, VerifiedFigure

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

import phare.plot

REGION_NAMES = {r.slug: r.name for r in REGIONS}
WITH_PERCENT_FIGURES = sorted({f.region for f in FIGURES if f.is_percent})


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _widths(ax: Axes, container: int) -> list[float]:
    return [float(bar.get_width()) for bar in ax.containers[container]]


def _footnote(ax: Axes) -> str:
    notes = [t.get_text() for t in ax.texts if t.get_gid() == "phare-sources"]
    assert len(notes) == 1
    return notes[0]


def _latest_rows(slug: str) -> list[VerifiedFigure]:
    """The region's percent figures a profile draws: the latest wave of each, in the place of
    the first."""
    rows = [f for f in FIGURES if f.region == slug and f.is_percent]
    firsts = [f for i, f in enumerate(rows) if not any(same_cell(f, g) for g in rows[:i])]
    return [max((g for g in rows if same_cell(f, g)), key=recency) for f in firsts]


def _cell(figure: phare.Figure) -> tuple[str, str, str, str | None]:
    return (
        figure.actor.id,
        figure.segment.id,
        figure.indicator.id,
        None if figure.theme is None else figure.theme.id,
    )


def _drawn_without_warning(ax: Axes) -> list[warnings.WarningMessage]:
    """Draw the whole figure of *ax*, as saving it does, and return every warning raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    return caught


def test_profile_of_nouvelle_aquitaine_draws_its_figures_beside_france() -> None:
    ax = phare.plot.profile("nouvelle-aquitaine")
    assert _widths(ax, 0) == [45.0, 26.0, 29.0, 47.0, 65.0, 27.0, 67.0, 84.0, 65.0]
    # France, same programme: no national figure for wishing-to-partner or citizens' priority.
    assert _widths(ax, 1) == [37.0, 38.0, 60.0, 61.0, 69.0, 86.0, 81.0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Companies · Already partnering"
    assert labels[3] == "Citizens · Priority fragility: Employment"
    assert ax.get_xlabel() == "% of respondents, as published"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Nouvelle-Aquitaine", "France, same programme"]
    note = _footnote(ax)
    assert "phare-nouvelle-aquitaine-2016 (Le RAMEAU, press release)" in note
    assert "phare-entreprises-2015" in note


@pytest.mark.parametrize("slug", WITH_PERCENT_FIGURES)
def test_profile_bars_are_the_percent_figures_of_every_region(slug: str) -> None:
    rows = _latest_rows(slug)
    ax = phare.plot.profile(phare.region(slug))
    assert _widths(ax, 0) == [f.value for f in rows]
    assert len(ax.get_yticklabels()) == len(rows)
    if slug == "france":
        assert len(ax.containers) == 1
        return
    nationals = [national_counterpart(f) for f in rows]
    assert _widths(ax, 1) == [n.value for n in nationals if n is not None]
    # Each grey bar sits beside the regional bar it belongs to.
    region_rows = [round(bar.get_y() + bar.get_height()) for bar in ax.containers[0]]
    national_rows = [round(bar.get_y()) for bar in ax.containers[1]]
    assert national_rows == [y for y, n in zip(region_rows, nationals, strict=True) if n]


def test_profile_of_france_draws_each_figure_once_at_its_latest_wave() -> None:
    france = phare.national()
    published = [f for f in phare.figures(region="france") if f.indicator.is_percent]
    cells = {_cell(f) for f in published}
    assert len(cells) < len(published), "France publishes some figures in several waves"
    latest = {
        cell: france.figure(cell[0], cell[2], theme=cell[3], segment=cell[1]) for cell in cells
    }
    expected = list({_cell(f): latest[_cell(f)] for f in published}.values())  # first places
    ax = phare.plot.profile("france")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ax.containers[0]) == len(labels) == len(cells)
    assert len(set(labels)) == len(labels), "no figure twice"
    assert labels == [phare.plot.caption(f) for f in expected]
    assert _widths(ax, 0) == [f.value for f in expected]
    for f in expected:  # the latest reference year of its cell
        assert f.reference_year == max(g.reference_year for g in published if _cell(g) == _cell(f))
    superseded = {f.study.id for f in published} - {f.study.id for f in expected}
    assert superseded, "some study of France has only earlier waves"
    note = _footnote(ax)
    assert all(f"{study} (" not in note for study in superseded)
    assert _drawn_without_warning(ax) == []


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("slug", WITH_PERCENT_FIGURES)
def test_profile_of_every_region_draws_without_a_warning_and_reads(slug: str, lang: str) -> None:
    ax = phare.plot.profile(slug, lang=lang)
    assert _drawn_without_warning(ax) == []
    chart = ax.figure
    width, height = chart.get_size_inches()
    rows = len(ax.get_yticklabels())
    assert height <= 1.6 + 0.45 * rows, "no taller than the bars need"
    bars = ax.get_window_extent().width / chart.dpi
    labels = max(t.get_window_extent().width for t in ax.get_yticklabels()) / chart.dpi
    assert bars >= 3.5, f"the bars keep room beside the labels ({bars:.1f} in)"
    assert labels + bars <= width


def test_profile_of_a_region_with_several_waves_draws_the_latest(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    header, studies = read_table(data, "studies.csv")
    [naq_study] = [s for s in studies if s["id"] == "phare-nouvelle-aquitaine-2016"]
    later = {**{k: "" for k in header}, **{k: naq_study[k] for k in ("region", "scope")}}
    later.update(
        id="impact-nouvelle-aquitaine-example-2021",
        programme="IMPACT",
        title="IMPACT-Nouvelle-Aquitaine (example)",
        actors="companies",
        published="2021-06",
        producer="Observatoire national des partenariats",
        source="https://example.org/impact-naq-example",
        note="An example later wave added by the test suite.",
    )
    write_table(data, "studies.csv", header, [*studies, later])
    header, sources = read_table(data, "sources.csv")
    page = {"id": later["source"], "publisher": "Example", "title": "An example page"}
    write_table(data, "sources.csv", header, [*sources, page])
    header, figures = read_table(data, "figures.csv")
    [first] = [f for f in figures if f["id"] == "naq-companies-partnering"]
    wave = {
        **first,
        "id": "naq-companies-partnering-example-2021",
        "study": later["id"],
        "value": "52",
        "reference_year": "2021",
        "source": later["source"],
        "confidence": "B",
        "note": "An example figure added by the test suite.",
    }
    write_table(data, "figures.csv", header, [*figures, wave])
    region = phare.load(data).region("nouvelle-aquitaine")
    assert len(region.series("companies", "partnering")) == 2

    ax = phare.plot.profile(region)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(set(labels)) == len(labels)
    assert len(labels) == len({_cell(f) for f in region.figures() if f.indicator.is_percent})
    row = labels.index("Companies · Already partnering")
    assert row == 0, "the later wave stands where the first one did"
    assert _widths(ax, 0)[row] == region.figure("companies", "partnering").value == 52.0
    compared = region.compare("companies", "partnering")  # France's wave of the same programme
    assert compared.national.programme == "IMPACT"
    grey = {round(bar.get_y()): float(bar.get_width()) for bar in ax.containers[1]}
    assert grey[row] == compared.national.value
    assert _drawn_without_warning(ax) == []


def test_the_command_draws_france_with_nothing_but_its_notice(
    python: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    target = tmp_path / "fr.png"
    result = python("-m", "phare", "plot", "profile", "france", "--output", str(target))
    assert (result.returncode, result.stdout) == (0, "")
    assert result.stderr == f"phare: wrote {target}\n", "no warning on stderr"
    head = target.read_bytes()[:24]
    assert head.startswith(b"\x89PNG")
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    cells = {_cell(f) for f in phare.figures(region="france") if f.indicator.is_percent}
    assert height <= 150 * (1.6 + 0.45 * len(cells)), "one row per distinct figure, at 150 dpi"
    assert width < height


def test_profile_draws_on_the_axes_given() -> None:
    _, ax = plt.subplots()
    assert phare.plot.profile("occitanie", ax=ax) is ax
    assert _widths(ax, 0) == [82.0, 49.0]
    assert _widths(ax, 1) == [74.0]


def test_profile_of_a_region_without_figures_says_so() -> None:
    match = f"{EMPTY_REGION.name} has no percentage figure"
    with pytest.raises(phare.FigureNotFoundError, match=match):
        phare.plot.profile(EMPTY_REGION.slug)
    with pytest.raises(phare.UnknownRegionError):
        phare.plot.profile("bretange")


def test_rank_draws_the_ranking_with_france_marked() -> None:
    ax = phare.plot.rank("citizens", "alliances-innovation")
    names = [t.get_text() for t in ax.get_yticklabels()]
    assert names == [
        "Occitanie",
        "Bourgogne-Franche-Comté",
        "Nouvelle-Aquitaine",
        "Pays de la Loire",
    ]
    assert _widths(ax, 0) == [82.0, 75.0, 67.0, 65.0]
    marks = ax.collections[0].get_offsets().tolist()
    assert marks == [[74.0, 0.0], [69.0, 1.0], [69.0, 2.0], [69.0, 3.0]]
    assert ax.get_xlabel() == "% of respondents, as published"
    assert ax.get_title() == "Citizens · Alliances as a source of innovation"
    assert "impact-occitanie-2019" in _footnote(ax)
    assert "impact-2018-2022" in _footnote(ax)


@pytest.mark.parametrize(
    "cell", regional_cells(), ids=["-".join(p for p in cell if p) for cell in regional_cells()]
)
def test_rank_bars_match_the_facts_for_every_regional_cell(
    cell: tuple[str, str, str | None, str],
) -> None:
    actor, indicator, theme, segment = cell
    expected = sorted(
        latest_per_region(actor, indicator, theme, segment).values(),
        key=lambda f: (-f.value, f.region),
    )
    ax = phare.plot.rank(actor, indicator, theme=theme, segment=segment)
    assert _widths(ax, 0) == [f.value for f in expected]
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        REGION_NAMES[f.region] for f in expected
    ]
    nationals = [(y, national_counterpart(f)) for y, f in enumerate(expected)]
    marked = [[n.value, float(y)] for y, n in nationals if n is not None]
    got = ax.collections[0].get_offsets().tolist() if ax.collections else []
    assert got == marked


def test_rank_takes_the_filters_of_phare_rank() -> None:
    ax = phare.plot.rank("companies", "alliances-innovation", min_confidence="A")
    assert _widths(ax, 0) == [82.0, 65.0]
    ax = phare.plot.rank("citizens", "alliances-innovation", programme="PHARE")
    assert _widths(ax, 0) == [75.0, 67.0, 65.0]


def test_rank_of_a_score_labels_its_unit() -> None:
    ax = phare.plot.rank("companies", "fragility-score", theme="poverty-exclusion")
    assert ax.get_xlabel() == "mean score out of 10"
    assert _widths(ax, 0) == [6.0]


def test_rank_errors_are_the_family() -> None:
    with pytest.raises(phare.FigureNotFoundError):
        phare.plot.rank("mayors", "alliances-innovation")
    with pytest.raises(phare.UnknownActorError):
        phare.plot.rank("maires de paris", "partnering")


@pytest.mark.parametrize(
    "call",
    [
        lambda: phare.plot.rank(None, "partnering"),  # type: ignore[arg-type]
        lambda: phare.plot.rank("companies", None),  # type: ignore[arg-type]
        lambda: phare.plot.rank("companies", "partnering", segment=None),  # type: ignore[arg-type]
        lambda: phare.plot.rank(0, "partnering"),  # type: ignore[arg-type]
    ],
    ids=["actor", "indicator", "segment", "actor-int"],
)
def test_rank_refuses_none_as_a_wrong_type(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match="must be a str"):
        call()
    assert not plt.get_fignums()  # refused before any figure was made


def test_a_str_subclass_is_read_as_plain_text() -> None:
    class Sly(str):
        def __hash__(self) -> int:
            raise RuntimeError("__hash__ ran")

        def casefold(self) -> str:
            raise RuntimeError("casefold ran")

    ax = phare.plot.profile(Sly("nouvelle-aquitaine"))
    assert ax.get_title() == "Nouvelle-Aquitaine: figures in percent vs France"
    ranked = phare.plot.rank(Sly("companies"), Sly("partnering"), segment=Sly("all"))
    expected = phare.rank("companies", "partnering")["region_name"].tolist()
    assert [t.get_text() for t in ranked.get_yticklabels()] == expected


def test_rank_marks_france_of_the_grades_kept() -> None:
    ax = phare.plot.rank("citizens", "alliances-innovation", min_confidence="A")
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    [marks] = [c for c in ax.collections if c.get_label() == "France, same programme"]
    table = phare.rank("citizens", "alliances-innovation", min_confidence="A")
    assert ticks == table["region_name"].tolist()
    assert [float(x) for x, _ in marks.get_offsets()] == table["national_value"].dropna().tolist()


@pytest.mark.parametrize(
    "draw",
    [
        lambda: phare.plot.profile("nouvelle-aquitaine"),
        lambda: phare.plot.rank("companies", "partnering"),
    ],
    ids=["profile", "rank"],
)
def test_without_matplotlib_a_phare_error_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, draw: Callable[[], object]
) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(phare.MissingExtraError) as info:
        draw()
    assert isinstance(info.value, phare.PhareError)
    assert isinstance(info.value, ImportError)
    assert "pip install 'phare-observatoire[plot]'" in str(info.value)
    assert "matplotlib" in str(info.value)


def test_import_phare_loads_neither_plot_nor_matplotlib(
    python: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    code = (
        "import sys, phare\n"
        "assert 'phare.plot' not in sys.modules\n"
        "assert 'matplotlib' not in sys.modules\n"
        "phare.region('occitanie').share('citizens', 'alliances-innovation')\n"
        "assert 'matplotlib' not in sys.modules\n"
        "import phare.plot\n"
        "assert 'matplotlib' not in sys.modules, 'phare.plot loads matplotlib only to draw'\n"
        "print(phare.plot.profile.__module__)\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "phare.plot"


def test_phare_plot_is_reachable_as_an_attribute(
    python: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    result = python("-c", "import phare; print(phare.plot.__name__)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "phare.plot"


def test_bar_labels_carry_the_qualifier() -> None:
    ax = phare.plot.profile("france")
    labels = [t.get_text() for t in ax.texts if t.get_gid() != "phare-sources"]
    rows = _latest_rows("france")
    assert labels == [("~" if f.qualifier == "approx" else "") + f"{f.value:g} %" for f in rows]
    assert "~10 %" in labels
