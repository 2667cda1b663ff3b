"""Read the bundled tables once, check them, and build the indices every query uses.

Data flows one way: the files under ``phare/data`` are parsed here into frozen records from
:mod:`phare.model`, and nothing else in the package reads a file. The first call to :func:`get`
loads everything under a lock; later calls return the same :class:`Store`.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, TypeVar

from phare._names import normalise
from phare.errors import DataError
from phare.model import (
    Actor,
    Dispute,
    Figure,
    FormerRegion,
    Indicator,
    Observatory,
    Organisation,
    Programme,
    Region,
    Segment,
    Source,
    Study,
    Theme,
)

T = TypeVar("T")
Row = dict[str, str]
CellKey = tuple[str, str, str]

#: The folder, inside the package, that holds the data files.
DATA_FOLDER = "data"

#: The subject under which disputes about the Observatory itself are filed.
OBSERVATORY_ID = "observatoire-national-des-partenariats"
UNITS = ("percent", "score-10", "count", "points")
QUALIFIERS = ("exact", "approx", "lower-bound")
CONFIDENCES = ("A", "B", "C")
REGION_KINDS = ("country", "metropolitan", "overseas")
SCOPES = ("national", "regional")
#: Inclusive bounds of a value in each unit.
UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "score-10": (0.0, 10.0),
    "count": (0.0, float("inf")),
    "points": (-100.0, 100.0),
}


class Store:
    """Every record of the bundled data, and the indices that find them by any spelling."""

    __slots__ = (
        "actor_index",
        "actors",
        "by_cell",
        "by_region",
        "figures",
        "former_index",
        "indicator_index",
        "indicators",
        "observatory",
        "programme_index",
        "region_index",
        "regions",
        "segment_index",
        "segments",
        "sources",
        "studies",
        "study_index",
        "theme_index",
        "themes",
    )

    def __init__(self) -> None:
        self.sources = _load_sources()
        disputes = _load_disputes(self.sources)
        self.regions = _load_regions()
        self.region_index = _index(
            "regions.csv",
            self.regions,
            lambda r: (r.slug, r.name, r.insee_code or "", r.iso_3166_2, r.nuts),
        )
        self.former_index = _index(
            "former_regions.csv",
            [former for region in self.regions for former in region.former_regions],
            lambda f: (f.name, f.insee_code),
        )
        _check_disjoint("former_regions.csv", self.former_index, self.region_index)
        self.actors = _load_actors()
        self.actor_index = _index(
            "actors.csv", self.actors, lambda a: (a.id, a.label_en, a.label_fr, *a.aliases)
        )
        self.segments = _load_segments({a.id for a in self.actors})
        self.segment_index = _index(
            "segments.csv", self.segments, lambda s: (s.id, s.label_en, s.label_fr)
        )
        self.themes = _load_themes()
        self.theme_index = _index(
            "themes.csv", self.themes, lambda t: (t.id, t.label_en, t.label_fr, *t.aliases)
        )
        self.indicators = _load_indicators({t.kind for t in self.themes})
        self.indicator_index = _index(
            "indicators.csv",
            self.indicators,
            lambda i: (i.id, i.label_en, i.label_fr, *i.aliases),
        )
        self.observatory = _load_observatory(self.sources, disputes)
        self.programme_index = _index(
            "observatory.json", self.observatory.programmes, lambda p: (p.id,)
        )
        self.studies = _load_studies(self, disputes)
        self.study_index = _index("studies.csv", self.studies, lambda s: (s.id,))
        self.figures = _load_figures(self, disputes)
        self.by_cell, self.by_region = _group_figures(self.figures)
        _check_disputes_attached(disputes, self)


_lock = threading.Lock()
_store: Store | None = None
#: How many times the data was loaded in this process: one, once anything was asked.
load_count = 0


def get() -> Store:
    """The loaded data, read on the first call and shared by every later one.

    >>> len(get().figures)
    98
    """
    global _store, load_count
    store = _store
    if store is None:
        with _lock:
            if _store is None:
                _store = Store()
                load_count += 1
            store = _store
    return store


# --- reading -------------------------------------------------------------------------------


def read_text(name: str) -> str:
    """The text of one bundled file, or a :class:`DataError` naming it."""
    try:
        return (resources.files("phare") / DATA_FOLDER / name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataError(f"{name}: bundled data file is missing") from exc
    except UnicodeDecodeError as exc:
        raise DataError(f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc


def read_table(name: str, columns: Sequence[str]) -> list[Row]:
    """The rows of one bundled CSV file, after checking its header holds *columns*."""
    text = read_text(name)
    if not text.strip():
        raise DataError(f"{name}: the file is empty")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [column for column in columns if column not in header]
    if missing:
        raise DataError(f"{name}: missing column(s) {', '.join(missing)}")
    rows: list[Row] = []
    for number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            raise DataError(f"{name}, line {number}: expected {len(header)} fields")
        rows.append(row)
    if not rows:
        raise DataError(f"{name}: the table has no rows")
    return rows


class _Cell:
    """Parses the fields of one row, and names file, line and field in every error."""

    __slots__ = ("line", "name", "row")

    def __init__(self, name: str, line: int, row: Row) -> None:
        self.name, self.line, self.row = name, line, row

    def fail(self, field: str, problem: str) -> DataError:
        return DataError(f"{self.name}, line {self.line}, field {field!r}: {problem}")

    def text(self, field: str) -> str:
        value = self.row[field].strip()
        if not value:
            raise self.fail(field, "is empty")
        return value

    def optional(self, field: str) -> str | None:
        return self.row[field].strip() or None

    def number(self, field: str) -> float:
        raw = self.text(field)
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(field, f"{raw!r} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise self.fail(field, f"{raw!r} is not a finite number")
        return value

    def integer(self, field: str) -> int:
        raw = self.text(field)
        if not raw.isdigit():
            raise self.fail(field, f"{raw!r} is not a whole number")
        return int(raw)

    def optional_integer(self, field: str) -> int | None:
        return self.integer(field) if self.row[field].strip() else None

    def choice(self, field: str, allowed: Iterable[str]) -> str:
        value = self.text(field)
        allowed = tuple(allowed)
        if value not in allowed:
            raise self.fail(field, f"{value!r} is not one of {', '.join(sorted(allowed))}")
        return value

    def listed(self, field: str) -> tuple[str, ...]:
        return tuple(part.strip() for part in self.row[field].split(";") if part.strip())

    def ref(self, field: str, known: Mapping[str, T]) -> T:
        value = self.text(field)
        try:
            return known[value]
        except KeyError:
            raise self.fail(field, f"{value!r} refers to nothing known") from None


def _cells(name: str, columns: Sequence[str]) -> list[_Cell]:
    return [_Cell(name, line, row) for line, row in enumerate(read_table(name, columns), start=2)]


def _unique(name: str, records: Sequence[T], key: Callable[[T], object]) -> None:
    seen: set[object] = set()
    for record in records:
        value = key(record)
        if value in seen:
            raise DataError(f"{name}: duplicate key {value!r}")
        seen.add(value)


def _index(name: str, records: Iterable[T], keys: Callable[[T], Iterable[str]]) -> dict[str, T]:
    """Map every normalised name of every record to it; two records on one key is an error."""
    index: dict[str, T] = {}
    for record in records:
        for key in keys(record):
            folded = normalise(key)
            if not folded:
                continue
            other = index.setdefault(folded, record)
            if other is not record:
                raise DataError(f"{name}: the name {key!r} is given to two records")
    return index


def _check_disjoint(name: str, first: Mapping[str, object], second: Mapping[str, object]) -> None:
    clash = sorted(set(first) & set(second))
    if clash:
        raise DataError(f"{name}: {clash[0]!r} names both a former and a current region")


# --- tables --------------------------------------------------------------------------------


def _load_sources() -> dict[str, Source]:
    sources = [
        Source(id=c.text("id"), publisher=c.text("publisher"), title=c.text("title"))
        for c in _cells("sources.csv", ("id", "publisher", "title"))
    ]
    _unique("sources.csv", sources, lambda s: s.id)
    return {source.id: source for source in sources}


def _load_disputes(sources: Mapping[str, Source]) -> dict[tuple[str, str], tuple[Dispute, ...]]:
    columns = ("subject_kind", "subject", "field", "kept", "other", "other_value", "source", "note")
    grouped: dict[tuple[str, str], list[Dispute]] = {}
    for c in _cells("disputes.csv", columns):
        kind = c.choice("subject_kind", ("figure", "study", "observatory", "programme"))
        other_value = c.number("other_value") if c.optional("other_value") else None
        dispute = Dispute(
            field=c.text("field"),
            kept=c.text("kept"),
            other=c.text("other"),
            other_value=other_value,
            source=c.ref("source", sources),
            note=c.text("note"),
        )
        grouped.setdefault((kind, c.text("subject")), []).append(dispute)
    return {key: tuple(value) for key, value in grouped.items()}


def _load_regions() -> tuple[Region, ...]:
    formers: dict[str, list[FormerRegion]] = {}
    for c in _cells("former_regions.csv", ("name", "insee_code", "merged_into")):
        former = FormerRegion(
            name=c.text("name"), insee_code=c.text("insee_code"), merged_into=c.text("merged_into")
        )
        formers.setdefault(former.merged_into, []).append(former)
    columns = ("slug", "name", "insee_code", "iso_3166_2", "nuts", "kind")
    regions = tuple(
        Region(
            slug=c.text("slug"),
            name=c.text("name"),
            kind=c.choice("kind", REGION_KINDS),  # type: ignore[arg-type]
            insee_code=c.optional("insee_code"),
            iso_3166_2=c.text("iso_3166_2"),
            nuts=c.text("nuts"),
            former_regions=tuple(formers.pop(c.text("slug"), ())),
        )
        for c in _cells("regions.csv", columns)
    )
    _unique("regions.csv", regions, lambda r: r.slug)
    if formers:
        raise DataError(f"former_regions.csv: merged into unknown region {next(iter(formers))!r}")
    return regions


def _load_actors() -> tuple[Actor, ...]:
    columns = ("id", "label_en", "label_fr", "definition_en", "definition_fr", "aliases")
    actors = tuple(
        Actor(
            id=c.text("id"),
            label_en=c.text("label_en"),
            label_fr=c.text("label_fr"),
            definition_en=c.text("definition_en"),
            definition_fr=c.text("definition_fr"),
            aliases=c.listed("aliases"),
        )
        for c in _cells("actors.csv", columns)
    )
    _unique("actors.csv", actors, lambda a: a.id)
    return actors


def _load_segments(actor_ids: set[str]) -> tuple[Segment, ...]:
    columns = ("id", "actor", "label_en", "label_fr", "definition_en", "definition_fr")
    segments = []
    for c in _cells("segments.csv", columns):
        actor = c.optional("actor")
        if actor is not None and actor not in actor_ids:
            raise c.fail("actor", f"{actor!r} refers to nothing known")
        segments.append(
            Segment(
                id=c.text("id"),
                actor=actor,
                label_en=c.text("label_en"),
                label_fr=c.text("label_fr"),
                definition_en=c.text("definition_en"),
                definition_fr=c.text("definition_fr"),
            )
        )
    _unique("segments.csv", segments, lambda s: s.id)
    return tuple(segments)


def _load_themes() -> tuple[Theme, ...]:
    themes = tuple(
        Theme(
            id=c.text("id"),
            kind=c.text("kind"),
            label_en=c.text("label_en"),
            label_fr=c.text("label_fr"),
            aliases=c.listed("aliases"),
        )
        for c in _cells("themes.csv", ("id", "kind", "label_en", "label_fr", "aliases"))
    )
    _unique("themes.csv", themes, lambda t: t.id)
    return themes


def _load_indicators(theme_kinds: set[str]) -> tuple[Indicator, ...]:
    columns = ("id", "unit", "theme_kind", "label_en", "label_fr", "definition_en")
    indicators = []
    for c in _cells("indicators.csv", (*columns, "definition_fr", "aliases")):
        theme_kind = c.optional("theme_kind")
        if theme_kind is not None and theme_kind not in theme_kinds:
            raise c.fail("theme_kind", f"{theme_kind!r} is not a kind of theme")
        indicators.append(
            Indicator(
                id=c.text("id"),
                unit=c.choice("unit", UNITS),  # type: ignore[arg-type]
                theme_kind=theme_kind,
                label_en=c.text("label_en"),
                label_fr=c.text("label_fr"),
                definition_en=c.text("definition_en"),
                definition_fr=c.text("definition_fr"),
                aliases=c.listed("aliases"),
            )
        )
    _unique("indicators.csv", indicators, lambda i: i.id)
    return tuple(indicators)


def _load_studies(
    store: Store, disputes: Mapping[tuple[str, str], tuple[Dispute, ...]]
) -> tuple[Study, ...]:
    columns = (
        "id", "programme", "title", "actors", "scope", "region", "published", "presented_at",
        "regional_report_number", "producer", "sponsors", "sample_size", "sample_qualifier",
        "source", "note",
    )  # fmt: skip
    actor_ids = {a.id for a in store.actors}
    programmes = {p.id: p for p in store.observatory.programmes}
    region_slugs = {r.slug for r in store.regions}
    studies = []
    for c in _cells("studies.csv", columns):
        actors = c.listed("actors")
        unknown = [a for a in actors if a not in actor_ids]
        if unknown:
            raise c.fail("actors", f"{unknown[0]!r} is not an actor")
        region = c.optional("region")
        if region is not None and region not in region_slugs:
            raise c.fail("region", f"{region!r} is not a region")
        qualifier = c.row["sample_qualifier"].strip()
        if qualifier and qualifier not in QUALIFIERS:
            raise c.fail("sample_qualifier", f"{qualifier!r} is not one of {QUALIFIERS}")
        programme = c.ref("programme", programmes)
        study_id = c.text("id")
        studies.append(
            Study(
                id=study_id,
                programme=programme.id,
                title=c.text("title"),
                actors=actors,
                scope=c.choice("scope", SCOPES),  # type: ignore[arg-type]
                region=region,
                published=_date(c, "published"),
                presented_at=c.optional("presented_at"),
                regional_report_number=c.optional_integer("regional_report_number"),
                producer=c.text("producer"),
                sponsors=c.listed("sponsors"),
                sample_size=c.optional_integer("sample_size"),
                sample_qualifier=qualifier or None,  # type: ignore[arg-type]
                source=c.ref("source", store.sources),
                note=c.text("note"),
                disputes=disputes.get(("study", study_id), ()),
            )
        )
    _unique("studies.csv", studies, lambda s: s.id)
    return tuple(studies)


def _date(c: _Cell, field: str) -> str | None:
    """An ISO date as precise as known: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    value = c.optional(field)
    if value is None:
        return None
    parts = value.split("-")
    if not (1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4):
        raise c.fail(field, f"{value!r} is not an ISO date")
    if len(parts) > 1 and not 1 <= int(parts[1]) <= 12:
        raise c.fail(field, f"{value!r} has no such month")
    if len(parts) > 2 and not 1 <= int(parts[2]) <= 31:
        raise c.fail(field, f"{value!r} has no such day")
    return value


def _load_figures(
    store: Store, disputes: Mapping[tuple[str, str], tuple[Dispute, ...]]
) -> tuple[Figure, ...]:
    columns = (
        "id", "study", "region", "actor", "segment", "indicator", "theme", "value", "qualifier",
        "reference_year", "source", "confidence", "note",
    )  # fmt: skip
    regions = {r.slug: r for r in store.regions}
    actors = {a.id: a for a in store.actors}
    segments = {s.id: s for s in store.segments}
    indicators = {i.id: i for i in store.indicators}
    themes = {t.id: t for t in store.themes}
    studies = {s.id: s for s in store.studies}
    figures = []
    for c in _cells("figures.csv", columns):
        indicator: Indicator = c.ref("indicator", indicators)
        theme: Theme | None = None
        if indicator.theme_kind is None:
            if c.optional("theme"):
                raise c.fail("theme", f"{indicator.id!r} is not broken down by theme")
        else:
            theme = c.ref("theme", themes)
            if theme.kind != indicator.theme_kind:
                raise c.fail("theme", f"{theme.id!r} is not a {indicator.theme_kind} theme")
        actor: Actor = c.ref("actor", actors)
        segment: Segment = c.ref("segment", segments)
        if segment.actor not in (None, actor.id):
            raise c.fail("segment", f"{segment.id!r} is a segment of {segment.actor}")
        study: Study = c.ref("study", studies)
        if actor.id not in study.actors:
            raise c.fail("actor", f"{actor.id!r} is not surveyed by {study.id}")
        value = c.number("value")
        low, high = UNIT_BOUNDS[indicator.unit]
        if not low <= value <= high:
            raise c.fail("value", f"{value:g} is out of range for {indicator.unit}")
        year = c.integer("reference_year")
        if not 2000 <= year <= 2100:
            raise c.fail("reference_year", f"{year} is not a plausible year")
        figure_id = c.text("id")
        figures.append(
            Figure(
                id=figure_id,
                region=c.ref("region", regions),
                actor=actor,
                segment=segment,
                indicator=indicator,
                theme=theme,
                value=value,
                qualifier=c.choice("qualifier", QUALIFIERS),  # type: ignore[arg-type]
                reference_year=year,
                study=study,
                source=c.ref("source", store.sources),
                confidence=c.choice("confidence", CONFIDENCES),  # type: ignore[arg-type]
                note=c.row["note"].strip(),
                disputes=disputes.get(("figure", figure_id), ()),
            )
        )
    _unique("figures.csv", figures, lambda f: f.id)
    _unique(
        "figures.csv",
        figures,
        lambda f: (
            f.region.slug,
            f.actor.id,
            f.segment.id,
            f.indicator.id,
            f.theme.id if f.theme else "",
            f.study.id,
        ),
    )
    return tuple(figures)


def _group_figures(
    figures: Sequence[Figure],
) -> tuple[dict[CellKey, tuple[Figure, ...]], dict[str, tuple[Figure, ...]]]:
    by_cell: dict[CellKey, list[Figure]] = {}
    by_region: dict[str, list[Figure]] = {}
    for figure in figures:
        key = (figure.region.slug, figure.actor.id, figure.indicator.id)
        by_cell.setdefault(key, []).append(figure)
        by_region.setdefault(figure.region.slug, []).append(figure)
    return (
        {key: tuple(value) for key, value in by_cell.items()},
        {key: tuple(value) for key, value in by_region.items()},
    )


def _load_observatory(
    sources: Mapping[str, Source], disputes: Mapping[tuple[str, str], tuple[Dispute, ...]]
) -> Observatory:
    name = "observatory.json"
    try:
        raw: dict[str, Any] = json.loads(read_text(name))
        rameau = raw["le_rameau"]

        def source(key: str, within: Mapping[str, Any] = raw) -> Source:
            ref = within[key]
            if ref not in sources:
                raise DataError(f"{name}: source {ref!r} of {key!r} is not in sources.csv")
            return sources[ref]

        programmes = tuple(
            Programme(
                id=p["id"],
                rank=int(p["rank"]),
                start_year=int(p["start_year"]),
                end_year=None if p["end_year"] is None else int(p["end_year"]),
                focus_en=p["focus_en"],
                focus_fr=p["focus_fr"],
                expansions=tuple(p["expansions"]),
                strands=None if p["strands"] is None else int(p["strands"]),
                milestones=tuple(p["milestones_en"]),
                source=source("source", p),
                disputes=disputes.get(("programme", p["id"]), ()),
            )
            for p in raw["programmes"]
        )
        return Observatory(
            name=raw["name"],
            short_name=raw["short_name"],
            former_names=tuple(raw["former_names"]),
            founded=int(raw["founded"]),
            founded_sources=tuple(sources[ref] for ref in raw["founded_sources"]),
            founders=tuple(raw["founders"]),
            partners=tuple(raw["partners"]),
            partners_source=source("partners_source"),
            objectives_en=tuple(raw["objectives_en"]),
            objectives_fr=tuple(raw["objectives_fr"]),
            objectives_source=source("objectives_source"),
            scientific_director=raw["scientific_director"],
            scientific_director_firm=raw["scientific_director_firm"],
            scientific_direction_source=source("scientific_direction_source"),
            le_rameau=Organisation(
                name=rameau["name"],
                founded=int(rameau["founded"]),
                nature_en=rameau["nature_en"],
                nature_fr=rameau["nature_fr"],
                activities=tuple(rameau["activities_en"]),
                president_founder=rameau["president_founder"],
                source=source("source", rameau),
            ),
            programmes=programmes,
            disputes=disputes.get(("observatory", OBSERVATORY_ID), ()),
        )
    except json.JSONDecodeError as exc:
        raise DataError(f"{name}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{name}: missing or malformed entry ({exc!r})") from exc


def _check_disputes_attached(disputes: Mapping[tuple[str, str], object], store: Store) -> None:
    """Fail when a dispute names a subject nobody would ever see it on."""
    known = {
        "figure": {f.id for f in store.figures},
        "study": {s.id for s in store.studies},
        "programme": {p.id for p in store.observatory.programmes},
        "observatory": {OBSERVATORY_ID},
    }
    for kind, subject in disputes:
        if subject not in known[kind]:
            raise DataError(f"disputes.csv: {kind} {subject!r} is not in the data")
