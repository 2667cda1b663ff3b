"""The benchmark script still runs and reports every comparison (its figures are not judged here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import phare

ROOT = Path(__file__).resolve().parents[2]

#: The start of each line of the results table, one per measurement the performance issue asks for.
MEASUREMENTS = (
    "import (",
    "modules `import phare` loads",
    "cold process: import + ",
    "steady state: ",
    "miss with suggestions: ",
    "`phare.to_frame()`",
    "peak RSS: ",
    "reject a 10 MB name",
)


@pytest.fixture(scope="module")
def quick_run() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _table(run: subprocess.CompletedProcess[str]) -> list[list[str]]:
    rows = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[1:]]


def test_quick_run_ends_well(quick_run: subprocess.CompletedProcess[str]) -> None:
    assert quick_run.returncode == 0, quick_run.stderr
    assert "quick run" in quick_run.stdout


def test_every_measurement_has_a_line_with_its_target_and_verdict(
    quick_run: subprocess.CompletedProcess[str],
) -> None:
    table = _table(quick_run)
    assert len(table) == len(MEASUREMENTS)
    for row, start in zip(table, MEASUREMENTS, strict=True):
        assert row[0].startswith(start), row
        assert len(row) == 6, row
        assert row[4], row  # the target
        assert row[5] in {"met", "missed"}, row


def test_import_line_lists_only_what_import_phare_needs(
    quick_run: subprocess.CompletedProcess[str],
) -> None:
    modules = _table(quick_run)[1][1].split(", ")
    assert "phare" in modules
    assert "pandas" not in modules


def test_compared_calls_answer_the_same_questions(
    quick_run: subprocess.CompletedProcess[str],
) -> None:
    out = quick_run.stdout
    rows, columns = phare.to_frame().shape
    assert "share = 0.45; pycountry get = FR-NAQ Nouvelle-Aquitaine" in out
    assert "suggestions for 'nouvelle-aquitane': ['nouvelle-aquitaine']" in out
    assert f"to_frame: {rows} rows x {columns} columns" in out
    assert "load_penguins: 344 rows x 8 columns" in out
    assert "(UnknownRegionError)" in out


def test_machine_is_described(quick_run: subprocess.CompletedProcess[str]) -> None:
    header = [line for line in quick_run.stdout.splitlines() if line.startswith("# machine: ")]
    assert len(header) == 1
    assert "cores" in header[0]
    assert "phare " in header[0]
