"""One new study and one new figure for a region that has no data, added as a contributor would.

``docs/howto/add-a-figure.md`` says what adding a figure touches: a source, a study and a
figure in the package's tables, and the same study and figure in the verified fixtures.
:func:`add_region_study` makes exactly that edit on any data folder and fixtures folder, so
``tests/data/test_new_data.py`` can apply it to temporary copies, and a maintainer can apply it to a
real checkout to prove that nothing else in the suite pins the current data
(``python tests/support/newdata.py``, then the whole suite, then ``git checkout`` the five files back).
The region is the first metropolitan one with neither a figure nor a study in the folder given,
so the edit also works on a checkout that already holds it.

The rows are an example of the shape of a regional PHARE report, not a published result: they
never reach the package.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

#: The fixtures name a few columns differently from the package's tables.
_FIXTURE_NAMES = {"id": "fact_id", "study": "study_id", "source": "source_url"}
_VALUE = "41"


@dataclass(frozen=True)
class Example:
    """What :func:`add_region_study` added: its region, study, figure, source and value."""

    region: str
    study: str
    figure: str
    source: str
    value: str = _VALUE


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def empty_region(data: Path) -> str:
    """The first metropolitan region of *data* that no figure and no study names."""
    used = {row["region"] for name in ("figures.csv", "studies.csv") for row in _read(data / name)}
    return next(
        row["slug"]
        for row in _read(data / "regions.csv")
        if row["kind"] == "metropolitan" and row["slug"] not in used
    )


def _append(path: Path, row: dict[str, str], rename: dict[str, str]) -> None:
    """Append *row* to the CSV at *path*, its keys renamed, empty cells for the columns it lacks."""
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    named = {rename.get(key, key): value for key, value in row.items()}
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow([named.get(name, "") for name in header])


def add_region_study(data: Path, fixtures: Path) -> Example:
    """Add an example source, study and figure to the tables in *data* and *fixtures*."""
    region = empty_region(data)
    example = Example(
        region=region,
        study=f"phare-{region}-example-2017",
        figure=f"{region}-companies-partnering-example",
        source=f"https://example.org/phare-{region}-example",
    )
    study = {
        "id": example.study,
        "programme": "PHARE",
        "title": f"PHARE-{region} (example)",
        "actors": "companies",
        "scope": "regional",
        "region": region,
        "published": "2017-03",
        "producer": "Observatoire national des partenariats",
        "source": example.source,
        "note": "An example study added by the test suite.",
    }
    figure = {
        "id": example.figure,
        "study": example.study,
        "region": region,
        "actor": "companies",
        "segment": "all",
        "indicator": "partnering",
        "value": example.value,
        "unit": "percent",
        "qualifier": "exact",
        "reference_year": "2017",
        "source": example.source,
        "confidence": "B",
        "note": "An example figure added by the test suite.",
    }
    page = {"id": example.source, "publisher": "Example", "title": "An example page"}
    _append(data / "sources.csv", page, {})
    _append(data / "studies.csv", study, {})
    _append(data / "figures.csv", figure, {})
    _append(fixtures / "verified_studies.csv", study, {**_FIXTURE_NAMES, "id": "study_id"})
    _append(fixtures / "verified_figures.csv", figure, _FIXTURE_NAMES)
    return example


if __name__ == "__main__":
    ROOT = Path(__file__).resolve().parents[2]
    print(add_region_study(ROOT / "src" / "phare" / "data", ROOT / "tests" / "fixtures"))
