"""Exports of a copy loaded with ``phare.load``: the copy's records and version, never the bundled.

A copy grown by ``tests/support/newdata.py`` (a source, a study and a figure) and given a data
version of its own is loaded beside the bundled data, not in its place, so an export that read
anything from the bundled dataset would miss the new study or name the bundled version.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest

import phare
from phare import export
from support import newdata
from support.datacopy import copy_data
from support.verified import FIXTURES

#: A version the bundled data never had: dates of its changes come after it.
COPY_VERSION = "2020-01-01"


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> tuple[newdata.Example, phare.Dataset]:
    """The example added to a copy with a version of its own, loaded beside the bundled data."""
    root = tmp_path_factory.mktemp("copy")
    data = copy_data(root)
    example = newdata.add_region_study(data, Path(shutil.copytree(FIXTURES, root / "fixtures")))
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["version"] != COPY_VERSION
    descriptor["version"] = COPY_VERSION
    (data / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return example, phare.load(data)


def test_the_copy_is_not_the_bundled_data(grown: tuple[newdata.Example, phare.Dataset]) -> None:
    example, copy = grown
    assert copy.version == COPY_VERSION != phare.__data_version__
    assert example.study not in {s.id for s in phare.studies()}


def test_sqlite_holds_the_copys_studies_sources_and_version(
    grown: tuple[newdata.Example, phare.Dataset], tmp_path: Path
) -> None:
    example, copy = grown
    path = tmp_path / "copy.sqlite"
    export.write(copy.figures(), "sqlite", str(path))
    with contextlib.closing(sqlite3.connect(path)) as db:
        studies = {row[0] for row in db.execute("SELECT id FROM studies")}
        sources = {row[0] for row in db.execute("SELECT id FROM sources")}
        versions = {row[0] for row in db.execute("SELECT data_version FROM figures")}
        meta = dict(db.execute("SELECT key, value FROM metadata").fetchall())
        dangling = db.execute("PRAGMA foreign_key_check").fetchall()
        (count,) = db.execute("SELECT count(*) FROM figures").fetchone()
    assert studies == {s.id for s in copy.studies()}
    assert example.study in studies
    assert example.source in sources
    assert versions == {COPY_VERSION}
    assert meta["data_version"] == COPY_VERSION
    assert dangling == []
    assert count == len(copy.figures())


def test_the_workbook_names_the_copys_version(
    grown: tuple[newdata.Example, phare.Dataset], tmp_path: Path
) -> None:
    example, copy = grown
    path = tmp_path / "copy.xlsx"
    export.write(copy.figures(region=example.region), "xlsx", str(path))
    book = openpyxl.load_workbook(path)
    about = {row[0].value: row[1].value for row in book["about"].iter_rows(min_row=2)}
    assert about["data_version"] == COPY_VERSION == book.properties.version
    studies = [row[0].value for row in book["studies"].iter_rows(min_row=2)]
    assert example.study in studies
    header = [cell.value for cell in book["figures"][1]]
    (row,) = book["figures"].iter_rows(min_row=2, values_only=True)
    assert row[header.index("id")] == example.figure
    assert row[header.index("data_version")] == COPY_VERSION


@pytest.mark.parametrize("form", ["csv", "json", "markdown"])
def test_text_exports_carry_each_rows_data_version(
    grown: tuple[newdata.Example, phare.Dataset], form: str
) -> None:
    _, copy = grown
    for dataset, version in ((copy, COPY_VERSION), (phare, phare.__data_version__)):
        text = export.render(dataset.figures(actor="mayors"), form)
        if form == "csv":
            versions = [row["data_version"] for row in csv.DictReader(io.StringIO(text))]
        elif form == "json":
            versions = [row["data_version"] for row in json.loads(text)]
        else:
            lines = [line.split(" | ") for line in text.splitlines()]
            column = lines[0].index("data_version")
            versions = [cells[column] for cells in lines[2:]]
        assert versions == [version] * len(dataset.figures(actor="mayors")), form


def test_frames_carry_the_data_version_of_their_dataset(
    grown: tuple[newdata.Example, phare.Dataset],
) -> None:
    _, copy = grown
    assert set(copy.to_frame()["data_version"]) == {COPY_VERSION}
    assert set(phare.to_frame()["data_version"]) == {phare.__data_version__}


def test_figures_of_two_datasets_are_not_written_together(
    grown: tuple[newdata.Example, phare.Dataset], tmp_path: Path
) -> None:
    _, copy = grown
    mixed = [*copy.figures(actor="mayors"), *phare.figures(actor="mayors")]
    for form in ("sqlite", "xlsx"):
        target = tmp_path / f"mixed.{form}"
        with pytest.raises(phare.PhareError, match="come from 2 datasets"):
            export.write(mixed, form, str(target))
        assert not target.exists()


def test_no_figures_export_the_bundled_tables(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    export.write([], "sqlite", str(path))
    with contextlib.closing(sqlite3.connect(path)) as db:
        meta = dict(db.execute("SELECT key, value FROM metadata").fetchall())
        (studies,) = db.execute("SELECT count(*) FROM studies").fetchone()
        (figures,) = db.execute("SELECT count(*) FROM figures").fetchone()
    assert meta["data_version"] == phare.__data_version__
    assert (studies, figures) == (len(phare.studies()), 0)
