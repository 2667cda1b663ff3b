"""Charts with ``dataset=``: each one draws from the dataset it is given, the bundled one by default.

A copy grown by ``tests/support/newdata.py`` (a figure for a region that had none) is loaded
beside the bundled data, not in its place, and France's figure that the new one is compared with
is moved by a point in it: a chart that read its figures, France's, its ranking, its regions or its
sources from the bundled dataset would miss the new region or show France's bundled value.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import pytest

import phare
from phare.dataset import BUNDLED
from phare.formatting import format_qualified
from phare.vocabulary import type_name
from support import newdata
from support.datacopy import copy_data, read_table, write_table
from support.verified import FIXTURES

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes

import phare.plot


@dataclass(frozen=True)
class Grown:
    """The example added to a copy, the copy loaded, and the figure of France moved in it."""

    example: newdata.Example
    copy: phare.Dataset
    figure: phare.Figure
    france: phare.Figure


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> Grown:
    root = tmp_path_factory.mktemp("copy")
    data = copy_data(root)
    example = newdata.add_region_study(data, Path(shutil.copytree(FIXTURES, root / "fixtures")))
    (added,) = phare.load(data).figures(region=example.region)
    compared = added.region.compare(added.actor.id, added.indicator.id)
    assert compared.national is not None, "the example has a figure of France to compare with"
    header, rows = read_table(data, "figures.csv")
    for row in rows:
        if row["id"] == compared.national.id:
            row["value"] = f"{float(row['value']) + 1:g}"
    write_table(data, "figures.csv", header, rows)
    copy = phare.load(data)
    (figure,) = copy.figures(region=example.region)
    (france,) = (f for f in copy.figures(region="france") if f.id == compared.national.id)
    assert france.value == compared.national.value + 1
    return Grown(example, copy, figure, france)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _cell(grown: Grown) -> tuple[str, str]:
    return grown.figure.actor.id, grown.figure.indicator.id


def _widths(ax: Axes, container: int) -> list[float]:
    return [float(bar.get_width()) for bar in ax.containers[container]]


def _names(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def _marks(ax: Axes) -> list[float]:
    return [float(x) for c in ax.collections for x, _ in c.get_offsets()]


def _footnote(ax: Axes) -> str:
    (note,) = [t.get_text() for t in ax.texts if t.get_gid() == "phare-sources"]
    return note


def _tile(ax: Axes, slug: str) -> str:
    (text,) = [t.get_text() for t in ax.texts if t.get_gid() == f"tile-{slug}"]
    return text


def _france_on_the_scale(ax: Axes) -> set[float]:
    return {
        float(line.get_ydata()[0])
        for scale in ax.figure.axes
        for line in scale.lines
        if line.get_gid() == "phare-france"
    }


def test_rank_draws_the_ranking_of_the_dataset_given(grown: Grown) -> None:
    actor, indicator = _cell(grown)
    table = grown.copy.rank(actor, indicator)
    assert grown.figure.region.name in table["region_name"].tolist()
    assert grown.france.value in table["national_value"].tolist()
    ax = phare.plot.rank(actor, indicator, dataset=grown.copy)
    assert _names(ax) == table["region_name"].tolist()
    assert _widths(ax, 0) == table["value"].tolist()
    assert _marks(ax) == table["national_value"].dropna().tolist()
    assert f"{grown.example.study} (" in _footnote(ax)
    bundled = phare.rank(actor, indicator)
    ax = phare.plot.rank(actor, indicator, dataset=None)
    assert (
        _names(ax) == bundled["region_name"].tolist() == _names(phare.plot.rank(actor, indicator))
    )
    assert _marks(ax) == bundled["national_value"].dropna().tolist()
    assert grown.figure.region.name not in _names(ax)
    assert f"{grown.example.study} (" not in _footnote(ax)


def test_tiles_draw_the_regions_and_figures_of_the_dataset_given(grown: Grown) -> None:
    actor, indicator = _cell(grown)
    region, figure = grown.figure.region, grown.figure
    code = region.iso_3166_2.removeprefix("FR-")
    ax = phare.plot.tiles(actor, indicator, dataset=grown.copy)
    assert _tile(ax, region.slug) == f"{code}\n" + format_qualified(
        figure.value, figure.unit, figure.qualifier
    )
    tiles = sorted(p.get_gid() for p in ax.patches if p.get_gid())
    assert tiles == sorted(r.slug for r in grown.copy.regions())
    table = grown.copy.rank(actor, indicator)
    assert _france_on_the_scale(ax) == set(table["national_value"].dropna())
    assert f"{grown.example.study} (" in _footnote(ax)
    ax = phare.plot.tiles(actor, indicator)
    assert _tile(ax, region.slug) == f"{code}\n–", "no figure in the bundled data"
    assert _france_on_the_scale(ax) == set(phare.rank(actor, indicator)["national_value"].dropna())
    assert f"{grown.example.study} (" not in _footnote(ax)


def test_profile_and_series_look_a_name_up_in_the_dataset_given(grown: Grown) -> None:
    actor, indicator = _cell(grown)
    slug = grown.example.region
    region = grown.copy.region(slug)
    percent = [f for f in grown.copy.figures(region=slug) if f.indicator.is_percent]
    national = region.compare(actor, indicator).national
    assert national == grown.france
    for ax in (
        phare.plot.profile(slug, dataset=grown.copy),
        phare.plot.profile(region, dataset=grown.copy),
        phare.plot.profile(region),  # a record brings its own dataset
    ):
        assert _widths(ax, 0) == [f.value for f in percent]
        assert _widths(ax, 1) == [grown.france.value]
        assert f"{grown.example.study} (" in _footnote(ax)
    ax = phare.plot.series(slug, actor, indicator, dataset=grown.copy)
    waves = [line.get_xdata().tolist() for line in ax.lines if line.get_gid() == "phare-wave"]
    assert waves == [[f.reference_year for f in region.series(actor, indicator)]]
    assert f"{grown.example.study} (" in _footnote(ax)
    with pytest.raises(phare.FigureNotFoundError):  # the bundled data has none for the region
        phare.plot.profile(slug)
    with pytest.raises(phare.FigureNotFoundError):
        phare.plot.series(slug, actor, indicator)


Draw = Callable[[object, object], object]
BY_REGION: dict[str, Draw] = {
    "profile": lambda region, dataset: phare.plot.profile(region, dataset=dataset),  # type: ignore[arg-type]
    "series": lambda region, dataset: phare.plot.series(
        region,  # type: ignore[arg-type]
        "companies",
        "partnering",
        dataset=dataset,  # type: ignore[arg-type]
    ),
}


@pytest.mark.parametrize("draw", BY_REGION.values(), ids=BY_REGION.keys())
def test_a_region_of_one_dataset_with_another_is_refused(grown: Grown, draw: Draw) -> None:
    slug = grown.example.region
    for region, dataset in ((phare.region(slug), grown.copy), (grown.copy.region(slug), BUNDLED)):
        with pytest.raises(phare.PhareError, match=f"^the region {region.name} was loaded by"):
            draw(region, dataset)
    assert not plt.get_fignums(), "refused before any figure was made"


CHARTS: dict[str, Callable[[object], object]] = {
    "profile": lambda dataset: phare.plot.profile("occitanie", dataset=dataset),  # type: ignore[arg-type]
    "series": lambda dataset: phare.plot.series(
        "france",
        "companies",
        "partnering",
        dataset=dataset,  # type: ignore[arg-type]
    ),
    "rank": lambda dataset: phare.plot.rank("companies", "partnering", dataset=dataset),  # type: ignore[arg-type]
    "tiles": lambda dataset: phare.plot.tiles("companies", "partnering", dataset=dataset),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("draw", CHARTS.values(), ids=CHARTS.keys())
@pytest.mark.parametrize(
    ("wrong", "kind"),
    [("bundled", "str"), (phare, "module"), (Path("."), type_name(Path(".")))],
    ids=["str", "module", "path"],
)
def test_a_dataset_that_is_not_one_is_a_type_error(
    draw: Callable[[object], object], wrong: object, kind: str
) -> None:
    with pytest.raises(TypeError, match=f"^dataset must be a phare.Dataset or None, not {kind}$"):
        draw(wrong)
    assert not plt.get_fignums(), "refused before any figure was made"


def test_tiles_leave_off_a_region_without_a_place_or_a_figure(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    header, rows = read_table(data, "regions.csv")
    isle = dict.fromkeys(header, "")
    isle.update(
        slug="example-isle",
        name="Example Isle",
        insee_code="99",
        iso_3166_2="FR-EXI",
        nuts="FRZ",
        kind="overseas",
    )
    write_table(data, "regions.csv", header, [*rows, isle])
    copy = phare.load(data)
    assert "example-isle" in {r.slug for r in copy.regions()}
    ax = phare.plot.tiles("companies", "partnering", dataset=copy)
    shown = " ".join(t.get_text() for t in ax.texts)
    assert "EXI" not in shown
    assert all(r.iso_3166_2.removeprefix("FR-") in shown for r in phare.regions())
    plt.close("all")


def test_tiles_refuse_a_region_with_a_figure_and_no_place(monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = phare.rank("companies", "partnering")["region"].iloc[0]
    layout = {slug: place for slug, place in phare.plot.TILE_LAYOUT.items() if slug != drawn}
    monkeypatch.setattr(phare.plot, "TILE_LAYOUT", layout)
    with pytest.raises(phare.PhareError, match=f"no place for {drawn} in the tile map"):
        phare.plot.tiles("companies", "partnering")
    assert not plt.get_fignums()
