"""A dataset is an object: ``phare.load(copy)`` answers from the copy, records included.

A researcher adds figures by copying the data folder, adding rows and loading the copy; every
query of the copy, and every method of a record the copy made, must answer from the copy and
never from the bundled data (nor the bundled data from the copy).
"""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pytest

import phare
from phare.dataset import BUNDLED
from support import newdata
from support.datacopy import copy_data, read_table, set_cell
from support.verified import FIXTURES

NATIONAL_ID = "fr-companies-partnering-2015"


@pytest.fixture
def changed(tmp_path: Path) -> tuple[phare.Dataset, float, float]:
    """A copy in which France's 2015 share of companies partnering is one point higher."""
    folder = copy_data(tmp_path)
    _, rows = read_table(folder, "figures.csv")
    number = next(n for n, row in enumerate(rows, start=2) if row["id"] == NATIONAL_ID)
    bundled = float(rows[number - 2]["value"])
    set_cell(folder, "figures.csv", number, "value", f"{bundled + 1:g}")
    return phare.load(folder), bundled, bundled + 1


def test_load_gives_a_dataset_answering_the_module_queries(tmp_path: Path) -> None:
    mine = phare.load(copy_data(tmp_path))
    assert isinstance(mine, phare.Dataset)
    assert mine is not BUNDLED
    assert mine.figures() == phare.figures()
    assert mine.regions() == phare.regions()
    assert mine.studies() == phare.studies()
    assert mine.observatory() == phare.observatory()
    assert [a.id for a in mine.actors()] == [a.id for a in phare.actors()]
    assert mine.cite() == phare.cite()
    assert mine.to_frame().equals(phare.to_frame())
    assert mine.coverage().equals(phare.coverage())
    assert "Dataset of" in repr(mine)


def test_records_answer_from_the_dataset_that_made_them(
    changed: tuple[phare.Dataset, float, float],
) -> None:
    mine, bundled, edited = changed
    naq = mine.region("nouvelle-aquitaine")
    assert naq == phare.region("nouvelle-aquitaine")  # the same facts: equal records
    assert naq.compare("companies", "partnering").national.value == edited
    assert phare.region("nouvelle-aquitaine").compare("companies", "partnering").national.value == (
        bundled
    )
    france = mine.national()
    study = "phare-entreprises-2015"
    assert france.share("companies", "partnering", study=study) == pytest.approx(edited / 100)
    assert phare.national().share("companies", "partnering", study=study) == pytest.approx(
        bundled / 100
    )
    assert edited in [f.value for f in france.series("companies", "partnering")]
    assert NATIONAL_ID in {f.id for f in france.figures() if f.value == edited}
    assert edited in france.to_frame()["value"].tolist()
    ranked = mine.rank("companies", "partnering")
    assert set(ranked[ranked["programme"] == "PHARE"]["national_value"]) == {edited}
    programme = mine.programme("PHARE")
    assert all(s._dataset is mine for s in programme.studies())
    assert mine.observatory().programme("phare") is programme


def test_the_bundled_dataset_stays_as_shipped(changed: tuple[phare.Dataset, float, float]) -> None:
    _, bundled, _ = changed
    assert phare.national().figure(
        "companies", "partnering", study="phare-entreprises-2015"
    ).value == (bundled)


def test_a_dataset_reads_nothing_until_asked() -> None:
    lazy = phare.Dataset()
    assert lazy._store is None
    assert lazy.region("FR-NAQ").name == "Nouvelle-Aquitaine"
    assert lazy._store is not None


def test_a_folder_without_data_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(phare.DataError, match="missing"):
        phare.load(tmp_path)


def test_a_region_of_one_figure_says_so_in_the_singular(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    example = newdata.add_region_study(data, Path(shutil.copytree(FIXTURES, tmp_path / "fx")))
    region = phare.load(data).region(example.region)
    assert len(region.figures()) == 1
    assert ", 1 figure; use .figures()" in repr(region)
    assert ", 0 figures; " in repr(phare.region(example.region))


def test_a_dataset_and_its_suggestions_go_together(tmp_path: Path) -> None:
    """A miss prepares suggestions once per index; they are the dataset's, not the module's."""
    copy = phare.load(copy_data(tmp_path))
    for ask in (copy.region, copy.actor, copy.indicator, copy.theme, copy.study, copy.programme):
        with pytest.raises(phare.UnknownNameError):
            ask("zzz-nothing-like-it")
    assert len(copy._choices_memo) == 6
    gone = weakref.ref(copy.figures()[0])
    del copy, ask
    gc.collect()
    assert gone() is None  # no module-level memo keeps the copy's records alive
