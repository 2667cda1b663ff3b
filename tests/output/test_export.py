"""``phare export``: the tidy table as CSV, JSON or Markdown, on stdout or in a file."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import phare
from phare import export
from phare.cli import main
from phare.frame import COLUMNS, record
from support.verified import FIGURES

NAQ = "nouvelle-aquitaine"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["export", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_csv_is_the_default_and_holds_every_figure(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys)
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(FIGURES)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["id"] for r in rows] == [f.fact_id for f in FIGURES]
    assert [float(r["value"]) for r in rows] == [f.value for f in FIGURES]


def test_csv_reads_back_as_the_dataframe(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--format", "csv")
    back = pd.read_csv(io.StringIO(out), keep_default_na=False, na_values=[""])
    frame = phare.to_frame()
    for column in ("id", "region", "actor", "indicator", "unit", "study", "confidence"):
        assert back[column].astype(str).tolist() == frame[column].astype(str).tolist(), column
    assert back["value"].tolist() == frame["value"].tolist()
    assert back["share"].fillna(-1).tolist() == frame["share"].fillna(-1).tolist()
    assert back["reference_year"].tolist() == frame["reference_year"].tolist()
    assert back["disputed"].tolist() == frame["disputed"].tolist()


def test_json_is_a_list_of_records(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "--format", "json", "--region", NAQ, "--indicator", "partnering")
    assert status == 0
    records = json.loads(out)
    assert isinstance(records, list)
    assert [list(r) for r in records] == [list(COLUMNS)] * 2
    first = records[0]
    assert (first["actor"], first["value"], first["share"], first["unit"]) == (
        "companies",
        45.0,
        0.45,
        "percent",
    )
    assert first["theme"] is None
    assert first["source_url"] is None
    assert first["publisher"] == "Le RAMEAU"
    assert first["reference_year"] == 2016
    assert first["disputed"] is False


def test_json_keeps_the_large_counts_whole(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--format", "json", "--actor", "associations")
    counts = {r["id"]: r["value"] for r in json.loads(out) if r["unit"] == "count"}
    assert counts == {
        row.fact_id: row.value
        for row in FIGURES
        if (row.actor, row.unit) == ("associations", "count")
    }
    assert counts["fr-associations-partnerships-count-2015"] == 1200000.0


def test_markdown_is_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "--format", "markdown", "--region", "occitanie")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "| " + " | ".join(COLUMNS) + " |"
    assert set(lines[1].replace("|", "").split()) == {"---"}
    assert len(lines) == 2 + 2
    cells = [cell.strip() for cell in lines[2].strip("|").split(" | ")]
    assert len(cells) == len(COLUMNS)
    assert cells[COLUMNS.index("value")] == "82.0"


def test_markdown_escapes_pipes_and_newlines() -> None:
    row = record(phare.national().figure("companies", "partnering"))
    row["note"] = "a | b\nc"
    text = export.to_markdown([row])
    assert text.splitlines()[2].endswith("| a \\| b c |")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--region", NAQ], [f for f in FIGURES if f.region == "nouvelle-aquitaine"]),
        (["--actor", "maires"], [f for f in FIGURES if f.actor == "mayors"]),
        (
            ["--region", "FR", "--indicator", "partnering", "--actor", "companies"],
            [
                f
                for f in FIGURES
                if (f.region, f.indicator, f.actor) == ("france", "partnering", "companies")
            ],
        ),
        (["--min-confidence", "A", "--region", "pays-de-la-loire"], []),
    ],
    ids=["region", "actor-in-french", "three-filters", "confidence"],
)
def test_filters(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: list[object]
) -> None:
    _, out, _ = _run(capsys, "--format", "json", *args)
    assert [r["id"] for r in json.loads(out)] == [f.fact_id for f in expected]  # type: ignore[attr-defined]


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "naq.csv"
    status, out, err = _run(capsys, "--region", NAQ, "--output", str(target))
    assert (status, out) == (0, "")
    assert err == f"phare: wrote 13 figures to {target}\n"
    written = target.read_text(encoding="utf-8")
    assert len(list(csv.DictReader(io.StringIO(written)))) == 13
    assert written == export.render(phare.figures(region=NAQ), "csv")


def test_unwritable_output_is_a_clean_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = _run(capsys, "--output", str(tmp_path / "missing" / "x.csv"))
    assert (status, out) == (1, "")  # an output failure, not a usage error
    assert err.startswith("phare: error: cannot write ")


def test_unknown_region_exits_2_with_the_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "--region", "bretange")
    assert (status, out) == (2, "")
    assert "did you mean 'bretagne'" in err


def test_unknown_format_exits_2_naming_the_choices(
    python: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    result = python("-m", "phare", "export", "--format", "xml")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "unknown export format 'xml'" in result.stderr
    assert "'csv', 'json', 'markdown', 'xlsx' and 'sqlite'" in result.stderr
    assert "Traceback" not in result.stderr


def test_render_rejects_an_unknown_format() -> None:
    figures = phare.figures(region="occitanie")
    with pytest.raises(phare.UnknownNameError, match="did you mean 'json'"):
        export.render(figures, "jsn")
    with pytest.raises(
        phare.PhareError, match="formats are 'csv', 'json', 'markdown', 'xlsx' and 'sqlite'"
    ):
        export.render(figures, "xml")
    with pytest.raises(TypeError):
        export.render(figures, None)  # type: ignore[arg-type]


# --- what each format must escape ---------------------------------------------------------------

LINE_BREAKS = [
    "\r",
    "\n",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
]


def _markdown_row(note: str) -> str:
    row = record(phare.national().figure("companies", "partnering"))
    row["note"] = note
    [head, rule, line] = export.to_markdown([row]).splitlines()
    assert (head, rule) == tuple(export.to_markdown([]).splitlines())
    return line


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[f"U+{ord(b[0]):04X}" for b in LINE_BREAKS])
def test_markdown_turns_every_line_break_of_a_cell_into_a_space(brk: str) -> None:
    assert _markdown_row(f"a{brk}b | c").endswith("| a b \\| c |")


@settings(max_examples=150, deadline=None)
@given(
    note=st.lists(
        st.sampled_from(["a", " ", "|", "\\", "é", "\u00a0", *LINE_BREAKS]), max_size=30
    ).map("".join)
)
def test_a_markdown_cell_never_breaks_its_row_or_its_columns(note: str) -> None:
    line = _markdown_row(note)
    assert line.splitlines() == [line]  # one row, whatever the note holds
    bare_pipes = [i for i, char in enumerate(line) if char == "|" and line[i - 1 : i] != "\\"]
    assert len(bare_pipes) == len(COLUMNS) + 1  # the column borders alone
    cell = line.rsplit(" | ", 1)[1].removesuffix(" |")
    assert cell == " ".join(note.replace("|", "\\|").splitlines())


@settings(max_examples=100, deadline=None)
@given(
    value=st.floats(allow_nan=True, allow_infinity=True),
    share=st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True)),
)
def test_json_never_holds_nan_or_infinity(value: float, share: float | None) -> None:
    row = record(phare.national().figure("companies", "partnering"))
    row["value"], row["share"] = value, share

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in the JSON")

    [back] = json.loads(export.to_json([row]), parse_constant=refuse)
    for key, number in (("value", value), ("share", share)):
        finite = number is not None and math.isfinite(number)
        assert back[key] == (number if finite else None)


def test_json_writes_null_for_a_missing_share(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "--format", "json", "--indicator", "fragility-score")
    assert all(r["share"] is None for r in json.loads(out))
    assert "NaN" not in out


# --- where --output writes ------------------------------------------------------------------


def test_an_empty_output_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "--output", "")
    assert (status, out) == (2, "")
    assert err == "phare: error: --output needs a file name; leave it out to write to stdout\n"


def test_output_never_replaces_a_file_unless_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "mine.csv"
    target.write_text("my own work\n", encoding="utf-8")
    status, out, err = _run(capsys, "--region", NAQ, "--output", str(target))
    assert (status, out) == (2, "")
    assert err == f"phare: error: {target} exists; add --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "my own work\n"
    status, _, err = _run(capsys, "--region", NAQ, "--output", str(target), "--force")
    assert status == 0
    assert target.read_text(encoding="utf-8") == export.render(phare.figures(region=NAQ), "csv")
    assert main(["export", "--force"]) == 0  # --force without --output: stdout, as usual
    assert capsys.readouterr().out.startswith("id,")


def test_a_folder_is_not_replaced_even_forced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for extra in ([], ["--force"]):
        status, out, err = _run(capsys, "--output", str(tmp_path), *extra)
        assert (status, out) == (2, "")
        assert err == f"phare: error: {tmp_path} is a folder; give --output the name of a file\n"
    assert tmp_path.is_dir()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_under_output_is_status_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, "--output", "/dev/full", "--force")
    assert (status, out) == (1, "")
    assert err == "phare: error: cannot write /dev/full: No space left on device\n"
    assert Path("/dev/full").exists()


def test_a_file_that_fails_half_way_is_removed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "half.csv"

    class Full(io.StringIO):
        def write(self, text: str) -> int:
            raise OSError(28, "No space left on device")

    real_open = open

    def opening(*args: Any, **kwargs: Any) -> Full:
        real_open(*args, **kwargs).close()  # the file is created, as the real call would
        return Full()

    monkeypatch.setattr("builtins.open", opening)
    status, _, err = _run(capsys, "--output", str(target))
    monkeypatch.undo()
    assert status == 1
    assert err == f"phare: error: cannot write {target}: No space left on device\n"
    assert not target.exists()
