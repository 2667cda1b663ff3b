"""``phare export --format xlsx|sqlite``: files re-read with openpyxl and sqlite3."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import openpyxl
import pytest

import phare
from phare import _sqlite, _tables, _xlsx, export
from phare.cli import main
from phare.frame import COLUMNS, record

Python = Callable[..., subprocess.CompletedProcess[str]]

#: Texts a spreadsheet would read as the start of a formula, were they typed in a cell.
FORMULA_STARTS = ("=1+1", "+1+1", "-1+1", "@SUM(1)")


def _hostile_figures() -> list[phare.Figure]:
    """The figures, the first four with a note (and one a source title) that looks like a formula."""
    figures = list(phare.figures())
    for number, text in enumerate(FORMULA_STARTS):
        figures[number] = attrs.evolve(figures[number], note=text)
    source = attrs.evolve(figures[0].source, id="seed:hostile", title="=HYPERLINK(1)")
    figures[0] = attrs.evolve(figures[0], source=source)
    return figures


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[phare.Figure]]:
    figures = _hostile_figures()
    path = tmp_path_factory.mktemp("xlsx") / "phare.xlsx"
    _xlsx.write(figures, str(path))
    return path, figures


def _sheet_rows(path: Path, name: str) -> list[list[object]]:
    sheet = openpyxl.load_workbook(path)[name]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_workbook_holds_every_figure_as_the_table_does(
    book: tuple[Path, list[phare.Figure]],
) -> None:
    path, figures = book
    rows = _sheet_rows(path, "figures")
    assert rows[0] == [*COLUMNS, "source_id"]
    assert len(rows) == len(figures) + 1
    for figure, row in zip(figures, rows[1:], strict=True):
        expected = record(figure)
        # an empty text, like a missing value, is an empty cell
        assert row[: len(COLUMNS)] == [
            expected[column] if expected[column] != "" else None for column in COLUMNS
        ]
        assert row[-1] == figure.source.id
    disputed = rows[0].index("disputed")
    assert {type(row[disputed]) for row in rows[1:]} == {bool}


def test_the_workbook_has_the_related_sheets_and_the_versions(
    book: tuple[Path, list[phare.Figure]],
) -> None:
    path, _ = book
    loaded = openpyxl.load_workbook(path)
    assert loaded.sheetnames == [
        "figures", "studies", "sources", "disputes", "breaks", "regions", "about"
    ]  # fmt: skip
    studies = _sheet_rows(path, "studies")
    assert [row[0] for row in studies[1:]] == [s.id for s in phare.studies()]
    regions = _sheet_rows(path, "regions")
    assert [row[0] for row in regions[1:]] == [r.slug for r in (phare.national(), *phare.regions())]
    disputes = _sheet_rows(path, "disputes")
    every = phare.disputes()[["subject_kind", "subject_id", "field", "other"]]
    assert [[row[1], row[2], row[5], row[7]] for row in disputes[1:]] == every.values.tolist()
    about = dict(_sheet_rows(path, "about")[1:])
    assert about["data_version"] == phare.__data_version__
    assert about["phare_version"] == phare.__version__
    assert loaded.properties.version == phare.__data_version__


def test_no_text_becomes_a_formula(book: tuple[Path, list[phare.Figure]]) -> None:
    path, _ = book
    sheet = openpyxl.load_workbook(path)["figures"]
    note = [cell.value for cell in sheet[1]].index("note") + 1
    cells = [sheet.cell(row=row, column=note) for row in range(2, 2 + len(FORMULA_STARTS))]
    assert [cell.value for cell in cells] == list(FORMULA_STARTS)
    assert {cell.data_type for cell in cells} == {"s"}
    sources = dict((row[0], row[2]) for row in _sheet_rows(path, "sources")[1:])
    assert sources["seed:hostile"] == "=HYPERLINK(1)"
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        for name in sheets:
            assert b"<f>" not in archive.read(name), name


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "phare.sqlite"
    _sqlite.write(_hostile_figures(), str(path))
    return path


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute(sql).fetchall()


TABLES = {"figures", "studies", "sources", "regions", "disputes", "breaks", "metadata"}


def test_the_database_declares_its_keys_and_they_hold(database: Path) -> None:
    names = {
        row[0] for row in _query(database, "SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert names == TABLES
    assert _query(database, "PRAGMA foreign_key_check") == []
    keys = {
        "figures": "id",
        "studies": "id",
        "sources": "id",
        "regions": "slug",
        "disputes": "id",
        "breaks": "id",
        "metadata": "key",
    }
    for table, key in keys.items():
        info = _query(database, f"PRAGMA table_info({table})")
        assert [row[1] for row in info if row[5]] == [key], table
    references = {
        table: sorted(
            (row[3], row[2], row[4])
            for row in _query(database, f"PRAGMA foreign_key_list({table})")
        )
        for table in ("figures", "studies", "disputes", "breaks")
    }
    assert references == {
        "figures": [
            ("region", "regions", "slug"),
            ("source_id", "sources", "id"),
            ("study", "studies", "id"),
        ],
        "studies": [("region", "regions", "slug"), ("source", "sources", "id")],
        "disputes": [
            ("figure", "figures", "id"),
            ("source", "sources", "id"),
            ("study", "studies", "id"),
        ],
        "breaks": [
            ("after", "figures", "id"),
            ("before", "figures", "id"),
            ("source", "sources", "id"),
        ],
    }


def test_the_database_holds_the_figures_as_the_table_does(database: Path) -> None:
    figures = _hostile_figures()
    rows = _query(database, f"SELECT {', '.join(COLUMNS)} FROM figures ORDER BY rowid")
    expected = [tuple(record(f)[c] for c in COLUMNS) for f in figures]
    disputed = COLUMNS.index("disputed")
    assert [row[:disputed] + row[disputed + 1 :] for row in rows] == [
        row[:disputed] + row[disputed + 1 :] for row in expected
    ]
    assert [row[disputed] for row in rows] == [int(f.disputed) for f in figures]
    assert _query(database, "SELECT value FROM metadata WHERE key = 'data_version'") == [
        (phare.__data_version__,)
    ]
    assert _query(database, "SELECT count(*) FROM figures WHERE share IS NULL") == [
        (sum(f.share is None for f in figures),)
    ]


def test_a_database_is_replaced_not_appended_to(tmp_path: Path) -> None:
    path = tmp_path / "phare.sqlite"
    export.write(phare.figures(), "sqlite", str(path))
    export.write(phare.figures(region="occitanie"), "sqlite", str(path))
    assert _query(path, "SELECT count(*) FROM figures") == [
        (len(phare.figures(region="occitanie")),)
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["phare.sqlite"]


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_a_link_is_followed_and_stays_a_link(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"target.{fmt}"
    target.write_bytes(b"old")
    link = tmp_path / f"link.{fmt}"
    link.symlink_to(target)
    export.write(phare.figures(region="occitanie"), fmt, str(link))
    assert link.is_symlink()
    assert link.resolve() == target
    assert target.read_bytes() != b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [link.name, target.name]


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_a_new_file_gets_the_umasks_mode_and_a_replaced_one_keeps_its_own(
    fmt: str, tmp_path: Path
) -> None:
    previous = os.umask(0o022)
    try:
        fresh = tmp_path / f"fresh.{fmt}"
        export.write(phare.figures(region="occitanie"), fmt, str(fresh))
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / f"kept.{fmt}"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        export.write(phare.figures(region="occitanie"), fmt, str(kept))
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_what_is_not_a_regular_file_is_never_replaced(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / f"pipe.{fmt}"
    os.mkfifo(pipe)
    with pytest.raises(phare.PhareError, match="not a regular file"):
        export.write(phare.figures(region="occitanie"), fmt, str(pipe))
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    argv = ["export", "--format", fmt, "--output", str(pipe), "--force"]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"phare: error: cannot write {pipe}: it is not a regular file (a folder, a pipe or a "
        "device); name a file\n"
    )
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == [pipe.name]


def test_a_file_the_command_cannot_write_is_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing" / "x.sqlite"
    assert main(["export", "--format", "sqlite", "--output", str(missing)]) == 1
    assert capsys.readouterr().err.startswith(f"phare: error: cannot write {missing}: ")


def test_the_command_writes_both_files(python: Python, tmp_path: Path) -> None:
    for fmt in ("xlsx", "sqlite"):
        target = tmp_path / f"occitanie.{fmt}"
        result = python(
            "-m",
            "phare",
            "export",
            "--format",
            fmt,
            "--region",
            "occitanie",
            "--output",
            str(target),
        )
        assert result.returncode == 0, result.stderr
        count = len(phare.figures(region="occitanie"))
        assert result.stderr == f"phare: wrote {count} figures to {target}\n"
    assert openpyxl.load_workbook(tmp_path / "occitanie.xlsx")["figures"].max_row == count + 1
    assert _query(tmp_path / "occitanie.sqlite", "SELECT count(*) FROM figures") == [(count,)]


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_a_file_format_needs_an_output(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", fmt]) == 2
    assert f"--format {fmt} writes a file: give --output FILE" in capsys.readouterr().err
    with pytest.raises(phare.PhareError, match="is a file format"):
        export.render(phare.figures(), fmt)


def test_write_refuses_a_text_format_and_an_unwritable_path(tmp_path: Path) -> None:
    with pytest.raises(phare.PhareError, match="'csv' is not a file format"):
        export.write(phare.figures(), "csv", str(tmp_path / "x.csv"))
    with pytest.raises(phare.PhareError, match="cannot write"):
        export.write(phare.figures(), "sqlite", str(tmp_path / "missing" / "x.sqlite"))
    with pytest.raises(phare.PhareError, match="cannot write"):
        export.write(phare.figures(), "xlsx", str(tmp_path / "nul\0.xlsx"))


def test_a_control_character_is_refused_not_dropped(tmp_path: Path) -> None:
    figures = [attrs.evolve(phare.figures()[0], note="bell\x07")]
    with pytest.raises(phare.PhareError, match=r"row 2, column 'note'.*control character"):
        _xlsx.write(figures, str(tmp_path / "x.xlsx"))
    assert list(tmp_path.iterdir()) == []


def test_without_openpyxl_the_extra_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(phare.MissingExtraError, match=r"pip install 'phare-observatoire\[excel\]'"):
        _xlsx.write(phare.figures(), str(tmp_path / "x.xlsx"))


def test_every_table_column_is_named_once() -> None:
    for table in _tables.contents(phare.figures()).tables:
        names = [c.name for c in table.columns]
        assert len(names) == len(set(names)), table.name
        assert all(len(row) == len(names) for row in table.rows), table.name


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_a_figure_given_twice_is_written_once(fmt: str, tmp_path: Path) -> None:
    twice = [*phare.figures(region="occitanie"), *phare.figures(actor="citizens")]
    once = list(dict.fromkeys(twice))
    assert len(once) < len(twice)  # occitanie has citizens' figures
    path = tmp_path / f"twice.{fmt}"
    export.write(twice, fmt, str(path))
    if fmt == "sqlite":
        ids = [row[0] for row in _query(path, "SELECT id FROM figures ORDER BY rowid")]
    else:
        ids = [row[0] for row in _sheet_rows(path, "figures")[1:]]
    assert ids == [f.id for f in once]


@pytest.mark.parametrize("fmt", ["xlsx", "sqlite"])
def test_two_figures_under_one_id_are_refused(fmt: str, tmp_path: Path) -> None:
    first = phare.figures()[0]
    changed = attrs.evolve(first, note="another reading")
    with pytest.raises(phare.PhareError, match=f"two different figures have the id '{first.id}'"):
        export.write([first, changed], fmt, str(tmp_path / f"x.{fmt}"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["csv", "json", "markdown", "xlsx", "sqlite"])
@pytest.mark.parametrize(
    ("given", "named"),
    [
        (lambda: phare.to_frame(region="occitanie"), "pandas.DataFrame"),
        (lambda: ["occitanie"], "str"),
        (lambda: [phare.region("occitanie")], "phare.Region"),
        (lambda: None, "NoneType"),
        (lambda: "occitanie", "str"),
    ],
    ids=["frame", "ids", "regions", "none", "text"],
)
def test_what_is_not_figures_is_a_type_error(
    fmt: str, given: Callable[[], object], named: str, tmp_path: Path
) -> None:
    def exported() -> None:
        if fmt in ("xlsx", "sqlite"):
            export.write(given(), fmt, str(tmp_path / f"x.{fmt}"))  # type: ignore[arg-type]
        else:
            export.render(given(), fmt)  # type: ignore[arg-type]

    with pytest.raises(TypeError, match=f"figures must be Figure records .*, not {named}$"):
        exported()
    assert list(tmp_path.iterdir()) == []


def test_the_breaks_between_exported_waves_are_written(tmp_path: Path) -> None:
    every = phare.figures()
    breaks = [b for f in every for b in _breaks_after(f)]
    assert breaks  # the data has breaks, so the test can fail
    path = tmp_path / "all.sqlite"
    export.write(every, "sqlite", str(path))
    written = _query(path, 'SELECT "before", "after", kind, reason, source FROM breaks')
    expected = {(b.before.id, b.after.id, b.kind, b.reason, b.source.id) for b in breaks}
    assert set(written) == expected
    assert len(written) == len(expected)
    one_wave = [breaks[0].after]  # the wave before it is not exported: no break to write
    export.write(one_wave, "sqlite", str(path))
    assert _query(path, "SELECT count(*) FROM breaks") == [(0,)]
    book = tmp_path / "all.xlsx"
    export.write(every, "xlsx", str(book))
    assert len(_sheet_rows(book, "breaks")) == len(expected) + 1


def _breaks_after(figure: phare.Figure) -> list[phare.Break]:
    """The breaks of *figure*'s series that end at *figure*."""
    theme = figure.theme.id if figure.theme else None
    series = figure.region.series(
        figure.actor.id, figure.indicator.id, theme=theme, segment=figure.segment.id
    )
    return [b for b in series.breaks if b.after == figure]


@pytest.mark.parametrize(
    ("path", "error"), [(5, TypeError), (b"x.sqlite", TypeError), ("", phare.PhareError)]
)
def test_write_checks_its_path_first(path: object, error: type[Exception]) -> None:
    with pytest.raises(error, match="path must"):
        export.write(phare.figures(region="occitanie"), "sqlite", path)  # type: ignore[arg-type]


def test_a_figure_its_dataset_cannot_place_is_the_figures_fault(tmp_path: Path) -> None:
    figure = phare.figures()[0]
    stray = attrs.evolve(figure, study=attrs.evolve(figure.study, id="no-such-study"))
    with pytest.raises(phare.PhareError, match="refer to records their dataset does not hold"):
        export.write([stray], "sqlite", str(tmp_path / "x.sqlite"))
