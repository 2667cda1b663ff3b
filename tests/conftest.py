"""Fixtures shared by the whole suite: the verified rows, and a fresh interpreter to run.

A test that takes ``verified_figure``, ``verified_study``, ``verified_region`` or ``former_region``
runs once per row of the verified facts (see ``verified.py``), with the row's id in the test name,
e.g. ``test_value[naq-companies-partnering]``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Sequence

import pytest

from support.verified import (
    FIGURES,
    FORMER_REGIONS,
    REGIONS,
    STUDIES,
    FormerRegionRow,
    VerifiedFigure,
    VerifiedRegion,
    VerifiedStudy,
)

#: Row-taking fixture names, with the rows and the test ids they expand to.
PARAMETRISED: dict[str, tuple[Sequence[object], list[str]]] = {
    "verified_figure": (FIGURES, [row.fact_id for row in FIGURES]),
    "verified_study": (STUDIES, [row.study_id for row in STUDIES]),
    "verified_region": (REGIONS, [row.slug for row in REGIONS]),
    "former_region": (FORMER_REGIONS, [row.name for row in FORMER_REGIONS]),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run row-taking tests once per verified row, named by the row's id."""
    for name, (rows, ids) in PARAMETRISED.items():
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, rows, ids=ids)


@pytest.fixture(scope="session")
def verified_figures() -> tuple[VerifiedFigure, ...]:
    """Every row of verified_figures.csv, in file order."""
    return FIGURES


@pytest.fixture(scope="session")
def verified_studies() -> tuple[VerifiedStudy, ...]:
    """Every row of verified_studies.csv, in file order."""
    return STUDIES


@pytest.fixture(scope="session")
def verified_regions() -> tuple[VerifiedRegion, ...]:
    """Every row of verified_regions.csv (France first), in file order."""
    return REGIONS


@pytest.fixture(scope="session")
def verified_former_regions() -> tuple[FormerRegionRow, ...]:
    """The 16 pre-2016 regions named in verified_regions.csv."""
    return FORMER_REGIONS


@pytest.fixture(scope="session")
def verified_figure_by_id() -> dict[str, VerifiedFigure]:
    """The verified figures keyed by fact_id."""
    return {row.fact_id: row for row in FIGURES}


@pytest.fixture(scope="session")
def python(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the test interpreter in a fresh process, outside the source tree, capturing output.

    ``python("-c", "import phare")`` answers a finished process; the child inherits the
    environment, so it sees the same installed ``phare`` as the tests do.
    """
    elsewhere = tmp_path_factory.mktemp("elsewhere")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=elsewhere,
            timeout=120,
        )

    return run
