"""The verified facts copied into tests/fixtures, parsed into typed rows.

These files are copies of the reviewed source material, kept apart from the package's own data
(``src/phare/data``): the suite compares the package with an independent record, so a mistake in
the bundled tables cannot hide behind itself. Nothing here imports phare.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_PREFIX = "seed:"


def _rows(name: str, folder: Path = FIXTURES) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@dataclass(frozen=True)
class VerifiedFigure:
    """One row of verified_figures.csv, with its numbers parsed."""

    fact_id: str
    study_id: str
    region: str
    actor: str
    segment: str
    indicator: str
    theme: str | None
    value: float
    unit: str
    qualifier: str
    reference_year: int
    source: str
    confidence: str
    note: str

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"

    @property
    def disputed(self) -> bool:
        return "DISPUTED:" in self.note

    @property
    def selection(self) -> dict[str, str]:
        """The keyword arguments that name this one figure in ``Region.figure``."""
        chosen = {"segment": self.segment, "study": self.study_id}
        if self.theme is not None:
            chosen["theme"] = self.theme
        return chosen


@dataclass(frozen=True)
class VerifiedStudy:
    """One row of verified_studies.csv."""

    study_id: str
    programme: str
    title: str
    actors: tuple[str, ...]
    scope: str
    region: str | None
    published: str | None
    regional_report_number: int | None
    producer: str
    sponsors: tuple[str, ...]
    sample_size: int | None
    sample_qualifier: str | None
    source: str
    note: str


@dataclass(frozen=True)
class FormerRegionRow:
    """A pre-2016 region, as listed in the former_regions column of verified_regions.csv."""

    name: str
    insee_code: str
    merged_into: str
    merged_name: str


@dataclass(frozen=True)
class VerifiedRegion:
    """One row of verified_regions.csv."""

    slug: str
    name: str
    insee_code: str | None
    iso_3166_2: str
    nuts: str
    kind: str
    former_regions: tuple[FormerRegionRow, ...]


def _figure(row: dict[str, str]) -> VerifiedFigure:
    return VerifiedFigure(
        fact_id=row["fact_id"],
        study_id=row["study_id"],
        region=row["region"],
        actor=row["actor"],
        segment=row["segment"],
        indicator=row["indicator"],
        theme=row["theme"] or None,
        value=float(row["value"]),
        unit=row["unit"],
        qualifier=row["qualifier"],
        reference_year=int(row["reference_year"]),
        source=row["source_url"],
        confidence=row["confidence"],
        note=row["note"],
    )


def _study(row: dict[str, str]) -> VerifiedStudy:
    return VerifiedStudy(
        study_id=row["study_id"],
        programme=row["programme"],
        title=row["title"],
        actors=_split(row["actors"]),
        scope=row["scope"],
        region=row["region"] or None,
        published=row["published"] or None,
        regional_report_number=int(row["regional_report_number"])
        if row["regional_report_number"]
        else None,
        producer=row["producer"],
        sponsors=_split(row["sponsors"]),
        sample_size=int(row["sample_size"]) if row["sample_size"] else None,
        sample_qualifier=row["sample_qualifier"] or None,
        source=row["source_url"],
        note=row["note"],
    )


_FORMER = re.compile(r"^(?P<name>.+) \((?P<code>\d{2})\)$")


def _region(row: dict[str, str]) -> VerifiedRegion:
    formers = []
    for entry in _split(row["former_regions"]):
        match = _FORMER.match(entry)
        assert match is not None, f"unreadable former region {entry!r} in verified_regions.csv"
        formers.append(
            FormerRegionRow(match["name"], match["code"], row["slug"], merged_name=row["name"])
        )
    return VerifiedRegion(
        slug=row["slug"],
        name=row["name"],
        insee_code=row["insee_code"] or None,
        iso_3166_2=row["iso_3166_2"],
        nuts=row["nuts"],
        kind=row["kind"],
        former_regions=tuple(formers),
    )


def figures_in(folder: Path) -> tuple[VerifiedFigure, ...]:
    """The verified figures of a fixtures folder laid out like ``tests/fixtures``."""
    return tuple(_figure(row) for row in _rows("verified_figures.csv", folder))


def studies_in(folder: Path) -> tuple[VerifiedStudy, ...]:
    """The verified studies of a fixtures folder laid out like ``tests/fixtures``."""
    return tuple(_study(row) for row in _rows("verified_studies.csv", folder))


FIGURES = figures_in(FIXTURES)
STUDIES = studies_in(FIXTURES)
REGIONS = tuple(_region(row) for row in _rows("verified_regions.csv"))
FORMER_REGIONS = tuple(former for region in REGIONS for former in region.former_regions)


def url_and_document(source: str) -> tuple[str | None, str | None]:
    """What a verified source cell says a phare Source holds: ``(url, document)``.

    A web page has a URL and no document name; the Nouvelle-Aquitaine press release (``seed:<name>``) has no
    URL and is named by its document.
    """
    if source.startswith(SEED_PREFIX):
        return None, source[len(SEED_PREFIX) :]
    return source, None


def figures_of(region: str) -> tuple[VerifiedFigure, ...]:
    """The verified figures of one region (``france`` for the national ones), in table order."""
    return tuple(row for row in FIGURES if row.region == region)


#: Regions with at least one verified figure (France included when it has national figures).
REGIONS_WITH_FIGURES = frozenset(row.region for row in FIGURES)

#: A metropolitan region with no verified figure and no study: the suite's example of a region
#: where nothing is published. It is chosen from the fixtures, so a figure added for this region
#: moves the example to the next such region instead of breaking the tests that use it.
EMPTY_REGION = next(
    region
    for region in REGIONS
    if region.kind == "metropolitan"
    and region.slug not in REGIONS_WITH_FIGURES
    and region.slug not in {study.region for study in STUDIES}
)


@dataclass(frozen=True)
class VerifiedBreak:
    """One row of verified_comparability.csv: two waves of a series that break."""

    before: str
    after: str
    kind: str
    reason: str
    source: str


BREAKS = tuple(VerifiedBreak(**row) for row in _rows("verified_comparability.csv"))


def _reports_without_figures() -> dict[str, tuple[VerifiedStudy, ...]]:
    cited = {f.study_id for f in FIGURES}
    found: dict[str, tuple[VerifiedStudy, ...]] = {}
    for study in STUDIES:
        if study.region is not None and study.study_id not in cited:
            found[study.region] = (*found.get(study.region, ()), study)
    return found


#: The regional studies no verified figure comes from, by region: reports known, figures not public.
REPORTS_WITHOUT_FIGURES = _reports_without_figures()
