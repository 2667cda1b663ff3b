"""The benchmark script still runs and reports every comparison (its figures are not judged here).

No test here asserts a time: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

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


def test_rss_line_compares_with_pycountrys_extra(
    quick_run: subprocess.CompletedProcess[str],
) -> None:
    row = _table(quick_run)[MEASUREMENTS.index("peak RSS: ")]
    assert "pycountry cold lookup" in row[2]
    assert row[3].endswith("x pycountry's extra over bare"), row
    assert row[4] == "≤ 0.5x pycountry's extra over bare"


def _benchmark_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("phare_benchmark", ROOT / "benchmarks" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_synthetic_package_is_valid_and_of_the_size_asked(tmp_path: Path) -> None:
    bundled = phare.figures()
    size = len(bundled) * 2 + 7  # two copies, the second cut short
    data = Path(phare.__file__).resolve().parent / "data"
    before = {path.name: path.read_bytes() for path in data.iterdir() if path.is_file()}
    folder = _benchmark_module().synthetic_package(data, tmp_path, size)
    grown = phare.load(folder)  # every loader rule holds for the synthetic rows
    figures = grown.figures()
    assert len(figures) == size
    assert [f.id for f in figures[: len(bundled)]] == [f.id for f in bundled]
    copies = figures[len(bundled) :]
    for figure in copies:  # copy k of a figure is in copy k of its study
        suffix = figure.id[figure.id.rindex("-synthetic-") :]
        assert figure.study.id.endswith(suffix), figure.id
    assert all(f.region.slug == (f.study.region or "france") for f in copies)
    assert len(grown.studies()) == len(phare.studies()) * 3
    # the bundled data is left as it was: synthetic rows are benchmark input only
    assert {path.name: path.read_bytes() for path in data.iterdir() if path.is_file()} == before


def test_scale_quick_run_loads_one_package() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "--quick"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    table = _table(run)
    assert len(table) == 1
    assert table[0][0] == "1,000"
    assert len(table[0]) == 8
    assert int(table[0][1].replace(",", "")) > len(phare.studies())
