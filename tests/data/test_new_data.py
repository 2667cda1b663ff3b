"""New data is a data change: a study and a figure for a region that had none break nothing.

``tests/support/newdata.py`` makes the edit ``docs/howto/add-a-figure.md`` asks of a contributor (a
source, a study and a figure in the package's tables, the same study and figure in the verified
fixtures) on temporary copies. The copy must load, answer the public queries, pass the pinning
checks of ``test_figures.py`` against its own fixtures, and feed every generated section of the
documentation. The same edit applied to a real checkout leaves the whole suite green: nothing
else in the suite, the docstrings or the docs pins the current data.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import test_figures
from test_data_mutation import pinning_failures, serving

import phare
from phare.dataset import BUNDLED
from support import newdata
from support.datacopy import DATA, copy_data
from support.verified import FIGURES, FIXTURES, REGIONS, STUDIES, figures_in, studies_in

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import data_inventory  # noqa: E402  (the documentation's own helpers)
import phare_data  # noqa: E402


@pytest.fixture
def grown(tmp_path: Path) -> Iterator[tuple[newdata.Example, Path]]:
    """The public API served from a copy of the data grown by the example.

    Yields what was added and the grown copy of the fixtures.
    """
    data = copy_data(tmp_path)
    fixtures = Path(shutil.copytree(FIXTURES, tmp_path / "fixtures"))
    example = newdata.add_region_study(data, fixtures)
    with serving(phare.load(data)):
        yield example, fixtures


def test_the_example_region_has_no_data_yet() -> None:
    region = newdata.empty_region(DATA)
    assert region in {row.slug for row in REGIONS if row.kind == "metropolitan"}
    assert phare.region(region).figures() == ()
    assert region not in {row.region for row in FIGURES}
    assert region not in {row.region for row in STUDIES}


def test_the_loader_accepts_the_grown_copy(grown: tuple[newdata.Example, Path]) -> None:
    example, _ = grown
    loaded = BUNDLED._tables()
    assert len(loaded.figures) == len(FIGURES) + 1
    assert len(loaded.studies) == len(STUDIES) + 1
    assert example.region in loaded.by_region


def test_the_queries_answer_the_new_figure_and_study(grown: tuple[newdata.Example, Path]) -> None:
    example, fixtures = grown
    region = phare.region(example.region)
    (figure,) = region.figures()
    assert figure.id == example.figure
    assert region.share("companies", "partnering") == float(example.value) / 100
    assert figure.study == phare.study(example.study)
    assert phare.study(example.study).region == region.slug
    assert figure in phare.figures(programme="PHARE", region=example.region)
    assert [f.id for f in phare.figures()] == [row.fact_id for row in figures_in(fixtures)]
    assert {s.study_id for s in studies_in(fixtures)} == {s.id for s in phare.studies()}
    assert example.region in phare.rank("companies", "partnering")["region"].tolist()
    coverage = phare.coverage().set_index("region")
    assert coverage.loc[example.region, "total"] == 1
    assert int(coverage["total"].sum()) == len(FIGURES) + 1


def test_the_new_figure_passes_the_pinning_checks_against_its_fixtures(
    grown: tuple[newdata.Example, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    example, fixtures = grown
    programmes = {study.study_id: study.programme for study in studies_in(fixtures)}
    monkeypatch.setattr(test_figures, "PROGRAMME", programmes)
    rows = figures_in(fixtures)
    assert rows[-1].fact_id == example.figure
    assert [failure for row in rows for failure in pinning_failures(row)] == []


def test_the_docs_generation_accepts_it(grown: tuple[newdata.Example, Path]) -> None:
    example, _ = grown
    region = phare.region(example.region)
    assert region in data_inventory.regions_with_figures()
    pages = {name: phare_data.render(name) for name in phare_data.SECTIONS}
    assert pages["summary"].splitlines()[2] == f"| Figures | {len(FIGURES) + 1} |"
    assert example.study in pages["studies"]
    assert region.name in pages["coverage"]
    assert example.source in pages["sources"]
