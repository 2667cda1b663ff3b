"""phare.plot.tiles and ``phare plot tiles``: each tile's colour and label are the region's figure."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import matplotlib
import pytest

from support.expected_analysis import latest_per_region, national_counterpart, regional_cells
from support.verified import REGIONS

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.colors import Normalize, to_hex
from matplotlib.patches import Rectangle

import phare
import phare.plot
from phare.model import format_qualified

Python = Callable[..., subprocess.CompletedProcess[str]]
#: The 18 regions, France left out: every one has a tile.
TILED = [r for r in REGIONS if r.slug != "france"]
#: The whole scale of the units that have one; other units run over the values drawn.
WHOLE_SCALES = {"percent": (0.0, 100.0), "score-10": (0.0, 10.0)}
CELLS = regional_cells()


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _tiles(ax: Axes) -> dict[str, Rectangle]:
    return {p.get_gid(): p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid()}


def _label(ax: Axes, slug: str) -> str:
    [text] = [t.get_text() for t in ax.texts if t.get_gid() == f"tile-{slug}"]
    return text


@pytest.mark.parametrize("cell", CELLS, ids=["-".join(p for p in c if p) for c in CELLS])
def test_every_tile_is_its_region_figure(cell: tuple[str, str, str | None, str]) -> None:
    actor, indicator, theme, segment = cell
    expected = latest_per_region(actor, indicator, theme, segment)
    nationals = [n for n in map(national_counterpart, expected.values()) if n is not None]
    unit = next(iter(expected.values())).unit
    values = [f.value for f in (*expected.values(), *nationals)]
    low, high = WHOLE_SCALES.get(unit, (min(values), max(values)))
    norm = Normalize(low, high if high > low else low + 1)
    ax = phare.plot.tiles(actor, indicator, theme=theme, segment=segment)
    tiles = _tiles(ax)
    assert sorted(tiles) == sorted(r.slug for r in TILED)
    for region in TILED:
        code = region.iso_3166_2.removeprefix("FR-")
        figure = expected.get(region.slug)
        colour = to_hex(tiles[region.slug].get_facecolor())
        if figure is None:
            assert colour == to_hex(phare.plot.NO_FIGURE_COLOUR), region.slug
            assert tiles[region.slug].get_hatch()
            assert _label(ax, region.slug) == f"{code}\n–"
        else:
            assert colour == to_hex(matplotlib.colormaps["viridis"](norm(figure.value)))
            shown = format_qualified(figure.value, figure.unit, figure.qualifier)
            assert _label(ax, region.slug) == f"{code}\n{shown}"
    title = ax.get_title()
    if nationals:
        first = nationals[0]
        assert f"France: {format_qualified(first.value, first.unit, first.qualifier)}" in title
    else:
        assert title.endswith("France: no figure of the same programme")
    sources = [t.get_text() for t in ax.texts if t.get_gid() == "phare-sources"]
    assert len(sources) == 1
    assert all(f.study_id in sources[0] for f in expected.values())


def test_the_tiles_keep_the_rough_map_and_the_overseas_row_apart() -> None:
    ax = phare.plot.tiles("companies", "partnering")
    tiles = _tiles(ax)
    row = {slug: -tile.get_y() for slug, tile in tiles.items()}
    column = {slug: tile.get_x() for slug, tile in tiles.items()}
    overseas = {r.slug for r in TILED if r.kind == "overseas"}
    assert {row[slug] for slug in overseas} == {max(row.values())}
    assert min(row[slug] for slug in overseas) > max(row[s] for s in row if s not in overseas) + 1
    assert row["hauts-de-france"] < row["ile-de-france"] < row["centre-val-de-loire"]
    assert row["centre-val-de-loire"] < row["nouvelle-aquitaine"] < row["occitanie"]
    assert column["bretagne"] < column["normandie"] < column["ile-de-france"] < column["grand-est"]
    assert column["nouvelle-aquitaine"] < column["auvergne-rhone-alpes"] < column["corse"]
    assert len({(row[s], column[s]) for s in tiles}) == len(tiles)


def test_the_scale_states_the_unit_and_marks_france() -> None:
    ax = phare.plot.tiles("companies", "partnering")
    [bar] = [a for a in ax.figure.axes if a is not ax]
    assert bar.get_ylabel() == "% of respondents, as published"
    marks = [line.get_ydata()[0] for line in bar.lines if line.get_gid() == "phare-france"]
    # France's figure of each ranked region's programme, as the ranking sets it against them
    nationals = phare.rank("companies", "partnering")["national_value"].dropna()
    assert marks == list(dict.fromkeys(nationals.tolist()))


def test_tiles_take_the_filters_and_refuse_what_has_no_figure() -> None:
    ax = phare.plot.tiles("citizens", "alliances-innovation", programme="PHARE")
    assert "IMPACT" not in " ".join(t.get_text() for t in ax.texts)
    assert _label(ax, "occitanie").endswith("–")
    with pytest.raises(phare.FigureNotFoundError):
        phare.plot.tiles("companies", "partnerships-count")
    with pytest.raises(phare.UnknownActorError):
        phare.plot.tiles("compagnies", "partnering")
    with pytest.raises(TypeError):
        phare.plot.tiles("companies", "partnering", ax="not axes")  # type: ignore[arg-type]


def test_save_writes_png_or_svg_and_refuses_the_rest(tmp_path: Path) -> None:
    for name in ("t.png", "t.svg"):
        phare.plot.save(phare.plot.tiles("companies", "partnering"), str(tmp_path / name))
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    assert "<svg" in (tmp_path / "t.svg").read_text(encoding="utf-8")
    with pytest.raises(phare.PhareError, match=r"name a \.png or \.svg file"):
        phare.plot.save(phare.plot.tiles("companies", "partnering"), str(tmp_path / "t.pdf"))
    with pytest.raises(phare.PhareError, match="cannot write"):
        phare.plot.save(phare.plot.tiles("companies", "partnering"), str(tmp_path / "no" / "t.png"))


def test_the_command_draws_the_tiles(python: Python, tmp_path: Path) -> None:
    target = tmp_path / "tiles.png"
    result = python(
        "-m", "phare", "plot", "tiles", "entreprises", "partnering", "--output", str(target)
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"phare: wrote {target}\n"
    assert target.read_bytes().startswith(b"\x89PNG")
    bad = python(
        "-m", "phare", "plot", "tiles", "companies", "partnerships-count", "--output", str(target)
    )
    assert bad.returncode == 2
    assert bad.stderr.startswith("phare: error: no region has a figure for companies")
    assert "Traceback" not in bad.stderr
