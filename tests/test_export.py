"""``phare export``: the tidy table as CSV, JSON or Markdown, on stdout or in a file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import phare
from phare import export
from phare.cli import main
from phare.frame import COLUMNS, record
from verified import FIGURES

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
    assert (status, out) == (2, "")
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
    assert "invalid choice: 'xml'" in result.stderr
    assert "'csv', 'json', 'markdown'" in result.stderr
    assert "Traceback" not in result.stderr


def test_render_rejects_an_unknown_format() -> None:
    figures = phare.figures(region="occitanie")
    with pytest.raises(phare.UnknownNameError, match="did you mean 'json'"):
        export.render(figures, "jsn")
    with pytest.raises(phare.PhareError, match="formats: csv, json, markdown"):
        export.render(figures, "xml")
    with pytest.raises(TypeError):
        export.render(figures, None)  # type: ignore[arg-type]
