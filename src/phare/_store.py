"""Read the bundled tables once, check them, and build the indices every query uses.

Data flows one way: the files under ``phare/data`` are parsed here into frozen records from
:mod:`phare.model`, and nothing else in the package reads a file. The first call to :func:`get`
loads everything under a lock; later calls return the same :class:`Store`.

Every rule of the data contract (``data/datapackage.json``: types, patterns, enumerations,
bounds, primary and foreign keys) is checked here too, so a broken table fails at load time
with a :class:`~phare.errors.DataError` naming the file, the row and the field, even where the
reference validator is not installed. ``Store(source=folder)`` loads another copy of the
tables, which is how the tests feed the loader corrupted data.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from phare._names import code_key, normalise
from phare.errors import DataError
from phare.model import (
    Actor,
    Dispute,
    Figure,
    FormerCode,
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

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib.abc import Traversable

T = TypeVar("T")
Row = list[str]
CellKey = tuple[str, str, str]
#: Where tables can be read from: a folder path, or any importlib-resources traversable.
DataSource: TypeAlias = "Traversable | str | os.PathLike[str]"

#: The folder, inside the package, that holds the data files.
DATA_FOLDER = "data"

#: The subject under which disputes about the Observatory itself are filed.
OBSERVATORY_ID = "observatoire-national-des-partenariats"
UNITS = ("percent", "score-10", "count", "points")
QUALIFIERS = ("exact", "approx", "lower-bound")
CONFIDENCES = ("A", "B", "C")
ACTOR_IDS = ("citizens", "companies", "associations", "mayors")
THEME_KINDS = ("fragility", "partnership-type", "scope", "partner")
PROGRAMME_IDS = ("ARPEA", "PHARE", "IMPACT", "IMPACTS-TRAJECTOIRES")
REGION_KINDS = ("country", "metropolitan", "overseas")
SCOPES = ("national", "regional")
DISPUTE_KINDS = ("figure", "study", "observatory", "programme")
#: Inclusive bounds of a value in each unit (``figures.value``'s ``phare:unitBounds``).
UNIT_BOUNDS: dict[str, tuple[float, float]] = {
    "percent": (0.0, 100.0),
    "score-10": (0.0, 10.0),
    "count": (0.0, float("inf")),
    "points": (-100.0, 100.0),
}
#: Inclusive bounds of a reference year, and of a year in observatory.json.
YEAR_BOUNDS = (2000, 2100)
FACT_YEAR_BOUNDS = (1900, 2100)

#: The patterns of datapackage.json, matched against the whole cell.
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SOURCE_ID = re.compile(r"(https?://[^\s]+|seed:[a-z0-9]+(-[a-z0-9]+)*)")
TWO_DIGITS = re.compile(r"[0-9]{2}")
ISO_CODE = re.compile(r"FR(-[0-9A-Z]{3})?")
FORMER_ISO_CODE = re.compile(r"FR-[A-V]")
NUTS_CODE = re.compile(r"FR[0-9A-Z]{0,2}")
ISO_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")
INTEGER = re.compile(r"[-+]?[0-9]+")
#: One line of a CSV file, with its end kept, cut where ``io.StringIO(newline="")`` cuts it.
LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")

#: The columns of every table, in the order of datapackage.json.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sources.csv": ("id", "publisher", "title"),
    "regions.csv": ("slug", "name", "insee_code", "iso_3166_2", "nuts", "kind"),
    "former_regions.csv": ("name", "insee_code", "merged_into"),
    "former_codes.csv": ("code", "name", "region", "source"),
    "actors.csv": ("id", "label_en", "label_fr", "definition_en", "definition_fr", "aliases"),
    "segments.csv": ("id", "actor", "label_en", "label_fr", "definition_en", "definition_fr"),
    "themes.csv": ("id", "kind", "label_en", "label_fr", "aliases"),
    "indicators.csv": (
        "id", "unit", "theme_kind", "label_en", "label_fr", "definition_en", "definition_fr",
        "aliases",
    ),
    "studies.csv": (
        "id", "programme", "title", "actors", "scope", "region", "published", "presented_at",
        "regional_report_number", "producer", "sponsors", "sample_size", "sample_qualifier",
        "source", "see_also", "note",
    ),
    "figures.csv": (
        "id", "study", "region", "actor", "segment", "indicator", "theme", "value", "unit",
        "qualifier", "reference_year", "source", "confidence", "note",
    ),
    "disputes.csv": (
        "subject_kind", "subject", "field", "kept", "other", "other_value", "source", "note",
    ),
}  # fmt: skip
#: Primary keys; ``unique`` constraints of single fields are checked where each table loads.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "figures.csv": ("region", "actor", "segment", "indicator", "theme", "study"),
    "disputes.csv": ("subject_kind", "subject", "field", "source"),
}


class Store:
    """Every record of the bundled data, and the indices that find them by any spelling."""

    __slots__ = (
        "actor_index",
        "actors",
        "by_cell",
        "by_region",
        "figures",
        "former_code_index",
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

    def __init__(self, source: DataSource | None = None) -> None:
        """Read and check every table, from the bundled data or from the folder *source*."""
        folder = DataFolder(source)
        self.sources = _load_sources(folder)
        disputes = _load_disputes(folder, self.sources)
        self.regions = _load_regions(folder, self.sources)
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
        self.former_code_index = {
            code_key(code.code): code for region in self.regions for code in region.former_codes
        }
        self.actors = _load_actors(folder)
        self.actor_index = _index(
            "actors.csv", self.actors, lambda a: (a.id, a.label_en, a.label_fr, *a.aliases)
        )
        self.segments = _load_segments(folder, {a.id for a in self.actors})
        self.segment_index = _index(
            "segments.csv", self.segments, lambda s: (s.id, s.label_en, s.label_fr)
        )
        self.themes = _load_themes(folder)
        self.theme_index = _index(
            "themes.csv", self.themes, lambda t: (t.id, t.label_en, t.label_fr, *t.aliases)
        )
        self.indicators = _load_indicators(folder)
        self.indicator_index = _index(
            "indicators.csv",
            self.indicators,
            lambda i: (i.id, i.label_en, i.label_fr, *i.aliases),
        )
        self.observatory = _load_observatory(folder, self.sources, disputes)
        self.programme_index = _index(
            "observatory.json", self.observatory.programmes, lambda p: (p.id,)
        )
        self.studies = _load_studies(folder, self, disputes)
        self.study_index = _index("studies.csv", self.studies, lambda s: (s.id,))
        self.figures = _load_figures(folder, self, disputes)
        self.by_cell, self.by_region = _group_figures(self.figures)
        _check_disputes_attached(disputes, self)
        _check_sources_cited(self)


_lock = threading.Lock()
_store: Store | None = None
#: How many times the data was loaded in this process: one, once anything was asked.
load_count = 0


def get() -> Store:
    """The loaded data, read on the first call and shared by every later one.

    >>> get() is get()
    True
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


class DataFolder:
    """Where the tables are read from: the package's own data, or any folder given.

    A folder on disk, the package's own in any ordinary install, is read with plain file calls;
    importlib-resources serves only a package that is not on disk (inside a zip archive, say),
    and is imported only then: its imports (pathlib, zipfile, tempfile...) would cost about
    2 MiB, a third of what phare may add to a process (see docs/performance.md).

    >>> DataFolder().text("regions.csv").splitlines()[0]
    'slug,name,insee_code,iso_3166_2,nuts,kind'
    """

    __slots__ = ("root",)

    def __init__(self, source: DataSource | None = None) -> None:
        self.root: Traversable | str
        if source is None:
            bundled = os.path.join(os.path.dirname(__file__), DATA_FOLDER)
            self.root = bundled if os.path.isdir(bundled) else _packaged_data()
        elif isinstance(source, (str, os.PathLike)):
            self.root = os.fspath(source)
        else:
            self.root = source

    def text(self, name: str) -> str:
        """The text of one file, or a :class:`DataError` naming it."""
        try:
            if isinstance(self.root, str):
                with open(os.path.join(self.root, name), "rb") as file:
                    raw = file.read()
            else:
                raw = (self.root / name).read_bytes()
        except FileNotFoundError as exc:
            raise DataError(f"{name}: data file is missing") from exc
        except OSError as exc:
            raise DataError(f"{name}: cannot be read ({exc.strerror or exc})") from exc
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DataError(f"{name}: not valid UTF-8 ({exc.reason} at byte {exc.start})") from exc

    def table(self, name: str) -> list[Row]:
        """The rows of one CSV file, after checking its header is the contract's, in order.

        Blank lines are skipped, as :class:`csv.DictReader` skips them. The rows are lists,
        not dicts, and the text is cut into lines without an :class:`io.StringIO` copy: the
        figures table alone would otherwise hold 0.2 MiB more while it loads.
        """
        text = self.text(name)
        if not text.strip():
            raise DataError(f"{name}: the file is empty")
        columns = COLUMNS[name]
        reader = csv.reader((line.group() for line in LINE.finditer(text)), strict=True)
        rows: list[Row] = []
        try:
            header = next(reader)
            _check_header(name, header, columns)
            for row in reader:
                if not row:
                    continue
                if len(row) != len(header):
                    raise DataError(f"{name}, row {len(rows) + 2}: expected {len(header)} fields")
                rows.append(row)
        except csv.Error as exc:
            # the row after the last one read, counting the header as row 1
            raise DataError(f"{name}, row {len(rows) + 2}: malformed CSV ({exc})") from exc
        if not rows:
            raise DataError(f"{name}: the table has no rows")
        return rows

    def cells(self, name: str) -> list[_Cell]:
        """The rows of one table, each wrapped to parse its fields with precise errors."""
        position = {column: index for index, column in enumerate(COLUMNS[name])}
        return [
            _Cell(name, number, row, position)
            for number, row in enumerate(self.table(name), start=2)
        ]


def _packaged_data() -> Traversable:
    """The data folder of a package that is not a folder on disk, through importlib-resources."""
    from importlib import resources

    return resources.files("phare") / DATA_FOLDER


def _check_header(name: str, header: Sequence[str], columns: Sequence[str]) -> None:
    if list(header) == list(columns):
        return
    missing = [column for column in columns if column not in header]
    if missing:
        raise DataError(f"{name}: missing column(s) {', '.join(missing)}")
    extra = [column for column in header if column not in columns]
    if extra:
        raise DataError(f"{name}: unexpected column(s) {', '.join(extra)}")
    raise DataError(f"{name}: the columns must read {', '.join(columns)}, in this order")


class _Cell:
    """Parses the fields of one row, and names file, row and field in every error.

    Rows are numbered as the reference validator numbers them: the header is row 1.
    """

    __slots__ = ("columns", "name", "position", "row")

    def __init__(self, name: str, number: int, row: Row, columns: Mapping[str, int]) -> None:
        self.name, self.position, self.row, self.columns = name, number, row, columns

    def raw(self, field: str) -> str:
        """The field's text as read, empty or not."""
        return self.row[self.columns[field]]

    def fail(self, field: str, problem: str) -> DataError:
        return DataError(f"{self.name}, row {self.position}, field {field!r}: {problem}")

    def text(self, field: str) -> str:
        value = self.raw(field)
        if not value:
            raise self.fail(field, "is empty, but the field is required")
        return value

    def optional(self, field: str) -> str | None:
        return self.raw(field) or None

    def code(self, field: str, pattern: re.Pattern[str]) -> str:
        return self._matched(field, self.text(field), pattern)

    def optional_code(self, field: str, pattern: re.Pattern[str]) -> str | None:
        value = self.optional(field)
        return None if value is None else self._matched(field, value, pattern)

    def _matched(self, field: str, value: str, pattern: re.Pattern[str]) -> str:
        if pattern.fullmatch(value) is None:
            raise self.fail(field, f"{value!r} does not match the pattern {pattern.pattern}")
        return value

    def number(self, field: str) -> float:
        raw = self.text(field)
        try:
            value = float(raw)
        except ValueError:
            raise self.fail(field, f"{raw!r} is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise self.fail(field, f"{raw!r} is not a finite number")
        return value

    def integer(self, field: str, low: int, high: int | None = None) -> int:
        raw = self.text(field)
        if INTEGER.fullmatch(raw) is None:
            raise self.fail(field, f"{raw!r} is not a whole number")
        value = int(raw)
        if value < low or (high is not None and value > high):
            bounds = f"at least {low}" if high is None else f"between {low} and {high}"
            raise self.fail(field, f"{value} is out of range: it must be {bounds}")
        return value

    def optional_integer(self, field: str, low: int) -> int | None:
        return self.integer(field, low) if self.raw(field) else None

    def choice(self, field: str, allowed: Sequence[str]) -> str:
        value = self.text(field)
        if value not in allowed:
            raise self.fail(field, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def optional_choice(self, field: str, allowed: Sequence[str]) -> str | None:
        return self.choice(field, allowed) if self.raw(field) else None

    def listed(self, field: str, allowed: Sequence[str] | None = None) -> tuple[str, ...]:
        """A semicolon-separated list; no empty item, and only *allowed* items when given."""
        raw = self.raw(field)
        if not raw:
            return ()
        parts = tuple(part.strip() for part in raw.split(";"))
        for part in parts:
            if not part:
                raise self.fail(field, f"{raw!r} has an empty item")
            if allowed is not None and part not in allowed:
                raise self.fail(field, f"{part!r} is not one of {', '.join(allowed)}")
        return parts

    def known_key(self, field: str, key: str, known: Container[str]) -> str:
        """*key*, once checked to be one of *known*: every foreign key of the tables."""
        if key not in known:
            raise self.fail(field, f"{key!r} refers to nothing known")
        return key

    def code_ref(self, field: str, pattern: re.Pattern[str], known: Container[str]) -> str:
        """A code matching *pattern* that is one of *known*, kept as text."""
        return self.known_key(field, self.code(field, pattern), known)

    def refs(self, field: str, known: Mapping[str, T]) -> tuple[T, ...]:
        """A semicolon-separated list of keys of *known*, each one checked."""
        return tuple(known[self.known_key(field, part, known)] for part in self.listed(field))

    def ref(self, field: str, known: Mapping[str, T]) -> T:
        return known[self.known_key(field, self.text(field), known)]


def _unique(cells: Sequence[_Cell], fields: Sequence[str]) -> None:
    """Fail on the first row whose *fields* repeat an earlier row's (empty keys are skipped)."""
    seen: dict[tuple[str, ...], int] = {}
    for cell in cells:
        key = tuple(cell.raw(field) for field in fields)
        if not any(key):
            continue
        first = seen.setdefault(key, cell.position)
        if first != cell.position:
            shown = ", ".join(fields)
            raise DataError(
                f"{cell.name}, row {cell.position}, field(s) {shown}: {key!r} repeats row {first}"
            )


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
                raise DataError(
                    f"{name}: the name {key!r} (read as {folded!r}) is given to two records"
                )
    return index


def _check_disjoint(name: str, first: Mapping[str, object], second: Mapping[str, object]) -> None:
    clash = sorted(set(first) & set(second))
    if clash:
        raise DataError(f"{name}: {clash[0]!r} names both a former and a current region")


# --- tables --------------------------------------------------------------------------------


def _load_sources(folder: DataFolder) -> dict[str, Source]:
    cells = folder.cells("sources.csv")
    _unique(cells, ("id",))
    return {
        c.raw("id"): Source(
            id=c.code("id", SOURCE_ID), publisher=c.text("publisher"), title=c.text("title")
        )
        for c in cells
    }


def _load_disputes(
    folder: DataFolder, sources: Mapping[str, Source]
) -> dict[tuple[str, str], tuple[Dispute, ...]]:
    cells = folder.cells("disputes.csv")
    _unique(cells, PRIMARY_KEYS["disputes.csv"])
    grouped: dict[tuple[str, str], list[Dispute]] = {}
    for c in cells:
        kind = c.choice("subject_kind", DISPUTE_KINDS)
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


def _load_regions(folder: DataFolder, sources: Mapping[str, Source]) -> tuple[Region, ...]:
    cells = folder.cells("regions.csv")
    for field in ("slug", "insee_code", "iso_3166_2", "nuts"):
        _unique(cells, (field,))
    slugs = {c.code("slug", SLUG) for c in cells}
    formers: dict[str, list[FormerRegion]] = {}
    former_cells = folder.cells("former_regions.csv")
    _unique(former_cells, ("name",))
    _unique(former_cells, ("insee_code",))
    for c in former_cells:
        merged_into = c.code_ref("merged_into", SLUG, slugs)
        former = FormerRegion(
            name=c.text("name"),
            insee_code=c.code("insee_code", TWO_DIGITS),
            merged_into=merged_into,
        )
        formers.setdefault(merged_into, []).append(former)
    codes = _load_former_codes(folder, slugs, sources)
    return tuple(
        Region(
            slug=c.raw("slug"),
            name=c.text("name"),
            kind=c.choice("kind", REGION_KINDS),  # type: ignore[arg-type]
            insee_code=c.optional_code("insee_code", TWO_DIGITS),
            iso_3166_2=c.code("iso_3166_2", ISO_CODE),
            nuts=c.code("nuts", NUTS_CODE),
            former_regions=tuple(formers.get(c.raw("slug"), ())),
            former_codes=tuple(codes.get(c.raw("slug"), ())),
        )
        for c in cells
    )


def _load_former_codes(
    folder: DataFolder, slugs: set[str], sources: Mapping[str, Source]
) -> dict[str, list[FormerCode]]:
    """The ISO 3166-2 codes withdrawn in 2016, grouped by the slug of the region now holding them."""
    cells = folder.cells("former_codes.csv")
    _unique(cells, ("code",))
    _unique(cells, ("name",))
    codes: dict[str, list[FormerCode]] = {}
    for c in cells:
        region = c.code_ref("region", SLUG, slugs)
        code = FormerCode(
            code=c.code("code", FORMER_ISO_CODE),
            name=c.text("name"),
            region=region,
            source=c.ref("source", sources),
        )
        codes.setdefault(region, []).append(code)
    return codes


def _load_actors(folder: DataFolder) -> tuple[Actor, ...]:
    cells = folder.cells("actors.csv")
    _unique(cells, ("id",))
    return tuple(
        Actor(
            id=c.choice("id", ACTOR_IDS),
            label_en=c.text("label_en"),
            label_fr=c.text("label_fr"),
            definition_en=c.text("definition_en"),
            definition_fr=c.text("definition_fr"),
            aliases=c.listed("aliases"),
        )
        for c in cells
    )


def _load_segments(folder: DataFolder, actor_ids: set[str]) -> tuple[Segment, ...]:
    cells = folder.cells("segments.csv")
    _unique(cells, ("id",))
    segments = []
    for c in cells:
        actor = c.optional_choice("actor", ACTOR_IDS)
        if actor is not None:
            c.known_key("actor", actor, actor_ids)
        segments.append(
            Segment(
                id=c.code("id", SLUG),
                actor=actor,
                label_en=c.text("label_en"),
                label_fr=c.text("label_fr"),
                definition_en=c.text("definition_en"),
                definition_fr=c.text("definition_fr"),
            )
        )
    return tuple(segments)


def _load_themes(folder: DataFolder) -> tuple[Theme, ...]:
    cells = folder.cells("themes.csv")
    _unique(cells, ("id",))
    return tuple(
        Theme(
            id=c.code("id", SLUG),
            kind=c.choice("kind", THEME_KINDS),
            label_en=c.text("label_en"),
            label_fr=c.text("label_fr"),
            aliases=c.listed("aliases"),
        )
        for c in cells
    )


def _load_indicators(folder: DataFolder) -> tuple[Indicator, ...]:
    cells = folder.cells("indicators.csv")
    _unique(cells, ("id",))
    return tuple(
        Indicator(
            id=c.code("id", SLUG),
            unit=c.choice("unit", UNITS),  # type: ignore[arg-type]
            theme_kind=c.optional_choice("theme_kind", THEME_KINDS),
            label_en=c.text("label_en"),
            label_fr=c.text("label_fr"),
            definition_en=c.text("definition_en"),
            definition_fr=c.text("definition_fr"),
            aliases=c.listed("aliases"),
        )
        for c in cells
    )


def _load_studies(
    folder: DataFolder, store: Store, disputes: Mapping[tuple[str, str], tuple[Dispute, ...]]
) -> tuple[Study, ...]:
    cells = folder.cells("studies.csv")
    _unique(cells, ("id",))
    actor_ids = tuple(a.id for a in store.actors)
    programmes = {p.id: p for p in store.observatory.programmes}
    regions = {r.slug: r for r in store.regions}
    studies = []
    for c in cells:
        study_id = c.code("id", SLUG)
        programme = c.choice("programme", PROGRAMME_IDS)
        if programme not in programmes:
            raise c.fail("programme", f"{programme!r} is not a programme of observatory.json")
        region = c.optional_code("region", SLUG)
        if region is not None:
            c.ref("region", regions)
        studies.append(
            Study(
                id=study_id,
                programme=programme,
                title=c.text("title"),
                actors=c.listed("actors", actor_ids),
                scope=c.choice("scope", SCOPES),  # type: ignore[arg-type]
                region=region,
                published=c.optional_code("published", ISO_DATE),
                presented_at=c.optional("presented_at"),
                regional_report_number=c.optional_integer("regional_report_number", 1),
                producer=c.text("producer"),
                sponsors=c.listed("sponsors"),
                sample_size=c.optional_integer("sample_size", 0),
                sample_qualifier=c.optional_choice("sample_qualifier", QUALIFIERS),  # type: ignore[arg-type]
                source=c.ref("source", store.sources),
                see_also=c.refs("see_also", store.sources),
                note=c.text("note"),
                disputes=disputes.get(("study", study_id), ()),
            )
        )
    return tuple(studies)


def _load_figures(
    folder: DataFolder, store: Store, disputes: Mapping[tuple[str, str], tuple[Dispute, ...]]
) -> tuple[Figure, ...]:
    cells = folder.cells("figures.csv")
    _unique(cells, ("id",))
    _unique(cells, PRIMARY_KEYS["figures.csv"])
    regions = {r.slug: r for r in store.regions}
    actors = {a.id: a for a in store.actors}
    segments = {s.id: s for s in store.segments}
    indicators = {i.id: i for i in store.indicators}
    themes = {t.id: t for t in store.themes}
    studies = {s.id: s for s in store.studies}
    return tuple(
        _figure(c, regions, actors, segments, indicators, themes, studies, store.sources, disputes)
        for c in cells
    )


def _figure(
    c: _Cell,
    regions: Mapping[str, Region],
    actors: Mapping[str, Actor],
    segments: Mapping[str, Segment],
    indicators: Mapping[str, Indicator],
    themes: Mapping[str, Theme],
    studies: Mapping[str, Study],
    sources: Mapping[str, Source],
    disputes: Mapping[tuple[str, str], tuple[Dispute, ...]],
) -> Figure:
    """One row of figures.csv, checked against the schema and against the other tables."""
    figure_id = c.code("id", SLUG)
    indicator = c.ref("indicator", indicators)
    unit = c.choice("unit", UNITS)
    if unit != indicator.unit:
        raise c.fail("unit", f"{unit!r} is not the unit of {indicator.id!r} ({indicator.unit})")
    theme: Theme | None = None
    if indicator.theme_kind is None:
        if c.optional("theme"):
            raise c.fail("theme", f"{indicator.id!r} is not broken down by theme")
    else:
        theme = c.ref("theme", themes)
        if theme.kind != indicator.theme_kind:
            raise c.fail("theme", f"{theme.id!r} is not a {indicator.theme_kind} theme")
    c.choice("actor", ACTOR_IDS)
    actor = c.ref("actor", actors)
    segment = c.ref("segment", segments)
    if segment.actor not in (None, actor.id):
        raise c.fail("segment", f"{segment.id!r} is a segment of {segment.actor}")
    study = c.ref("study", studies)
    if actor.id not in study.actors:
        raise c.fail("actor", f"{actor.id!r} is not surveyed by {study.id}")
    value = c.number("value")
    low, high = UNIT_BOUNDS[unit]
    if not low <= value <= high:
        raise c.fail("value", f"{value:g} is out of range for {unit} ({low:g} to {high:g})")
    if unit == "count" and not value.is_integer():
        raise c.fail("value", f"{value:g} is not a whole count")
    return Figure(
        id=figure_id,
        region=c.ref("region", regions),
        actor=actor,
        segment=segment,
        indicator=indicator,
        theme=theme,
        value=value,
        qualifier=c.choice("qualifier", QUALIFIERS),  # type: ignore[arg-type]
        reference_year=c.integer("reference_year", *YEAR_BOUNDS),
        study=study,
        source=c.ref("source", sources),
        confidence=c.choice("confidence", CONFIDENCES),  # type: ignore[arg-type]
        note=c.raw("note"),
        disputes=disputes.get(("figure", figure_id), ()),
    )


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


# --- observatory.json ------------------------------------------------------------------------


class _Json:
    """One object of observatory.json; every error names the file and the path of the field.

    The rules are those of the ``jsonSchema`` given for the file in datapackage.json: required
    keys and no others, non-empty strings, integer years, programme names, known sources.
    """

    __slots__ = ("data", "path")
    NAME = "observatory.json"

    def __init__(self, data: object, path: str = "") -> None:
        if not isinstance(data, dict):
            raise DataError(
                f"{self.NAME}, field {path.rstrip('.') or '(top)'!r}: expected an object"
            )
        self.data: dict[str, Any] = data
        self.path = path

    def fail(self, key: str, problem: str) -> DataError:
        return DataError(f"{self.NAME}, field {self.path + key!r}: {problem}")

    def only(self, keys: Iterable[str]) -> _Json:
        """Fail on a missing or an unexpected key."""
        wanted = tuple(keys)
        for key in wanted:
            if key not in self.data:
                raise self.fail(key, "is missing")
        extra = sorted(set(self.data) - set(wanted))
        if extra:
            raise self.fail(extra[0], "is not a known field")
        return self

    def text(self, key: str) -> str:
        value = self.data[key]
        if not isinstance(value, str) or not value:
            raise self.fail(key, "expected a non-empty string")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(key, "expected a list of non-empty strings")
        return tuple(value)

    def integer(self, key: str, low: int, high: int | None = None) -> int:
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "expected a whole number")
        if value < low or (high is not None and value > high):
            raise self.fail(key, f"{value} is out of range")
        return value

    def optional_integer(self, key: str, low: int, high: int | None = None) -> int | None:
        return None if self.data[key] is None else self.integer(key, low, high)

    def optional_text(self, key: str) -> str | None:
        return None if self.data[key] is None else self.text(key)

    def translated(self, english: str, french: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Two lists that say the same things in two languages: as many items in each."""
        en, fr = self.texts(english), self.texts(french)
        if len(en) != len(fr):
            raise self.fail(french, f"has {len(fr)} items, but {english!r} has {len(en)}")
        return en, fr

    def backed(
        self, key: str, sources_key: str, sources: Mapping[str, Source]
    ) -> tuple[Source, ...]:
        """The sources of the list under *key*: at least one when it has items, else none."""
        backing = self.sources(sources_key, sources, at_least_one=bool(self.data[key]))
        if backing and not self.data[key]:
            raise self.fail(sources_key, f"backs nothing: {key!r} is empty")
        return backing

    def source(self, key: str, sources: Mapping[str, Source]) -> Source:
        ref = self.data[key]
        if not isinstance(ref, str) or ref not in sources:
            raise self.fail(key, f"{ref!r} is not an id of sources.csv")
        return sources[ref]

    def sources(
        self, key: str, sources: Mapping[str, Source], *, at_least_one: bool = False
    ) -> tuple[Source, ...]:
        refs = self.texts(key)
        if at_least_one and not refs:
            raise self.fail(key, "expected at least one source")
        for ref in refs:
            if ref not in sources:
                raise self.fail(key, f"{ref!r} is not an id of sources.csv")
        return tuple(sources[ref] for ref in refs)

    def child(self, key: str) -> _Json:
        return _Json(self.data[key], f"{self.path}{key}.")

    def children(self, key: str) -> list[_Json]:
        value = self.data[key]
        if not isinstance(value, list) or not value:
            raise self.fail(key, "expected a non-empty list of objects")
        return [_Json(item, f"{self.path}{key}[{n}].") for n, item in enumerate(value)]


OBSERVATORY_KEYS = (
    "id", "name", "short_name", "former_names", "founded", "founded_sources", "founders",
    "founders_sources", "partners", "partners_source", "objectives_en", "objectives_fr",
    "objectives_source", "scientific_director", "scientific_director_firm",
    "scientific_direction_sources", "le_rameau", "programmes",
)  # fmt: skip
RAMEAU_KEYS = (
    "name", "founded", "nature_en", "nature_fr", "activities_en", "president_founder", "source",
)  # fmt: skip
PROGRAMME_KEYS = (
    "id", "rank", "start_year", "end_year", "period_sources", "focus_en", "focus_fr",
    "expansions", "objectives_en", "objectives_fr", "objectives_sources", "objectives_note",
    "strands", "strand_names_en", "strand_sources", "source", "see_also", "milestones_en",
)  # fmt: skip


def _load_observatory(
    folder: DataFolder,
    sources: Mapping[str, Source],
    disputes: Mapping[tuple[str, str], tuple[Dispute, ...]],
) -> Observatory:
    text = folder.text(_Json.NAME)
    try:
        raw = _Json(json.loads(text)).only(OBSERVATORY_KEYS)
    except json.JSONDecodeError as exc:
        raise DataError(f"{_Json.NAME}: not valid JSON (line {exc.lineno}: {exc.msg})") from exc
    if raw.data["id"] != OBSERVATORY_ID:
        raise raw.fail("id", f"must be {OBSERVATORY_ID!r}")
    rameau = raw.child("le_rameau").only(RAMEAU_KEYS)
    objectives_en, objectives_fr = raw.translated("objectives_en", "objectives_fr")
    return Observatory(
        name=raw.text("name"),
        short_name=raw.text("short_name"),
        former_names=raw.texts("former_names"),
        founded=raw.integer("founded", *FACT_YEAR_BOUNDS),
        founded_sources=raw.sources("founded_sources", sources, at_least_one=True),
        founders=raw.texts("founders"),
        founders_sources=raw.sources("founders_sources", sources, at_least_one=True),
        partners=raw.texts("partners"),
        partners_source=raw.source("partners_source", sources),
        objectives_en=objectives_en,
        objectives_fr=objectives_fr,
        objectives_source=raw.source("objectives_source", sources),
        scientific_director=raw.text("scientific_director"),
        scientific_director_firm=raw.text("scientific_director_firm"),
        scientific_direction_sources=raw.sources(
            "scientific_direction_sources", sources, at_least_one=True
        ),
        le_rameau=Organisation(
            name=rameau.text("name"),
            founded=rameau.integer("founded", *FACT_YEAR_BOUNDS),
            nature_en=rameau.text("nature_en"),
            nature_fr=rameau.text("nature_fr"),
            activities=rameau.texts("activities_en"),
            president_founder=rameau.text("president_founder"),
            source=rameau.source("source", sources),
        ),
        programmes=_programmes(raw, sources, disputes),
        disputes=disputes.get(("observatory", OBSERVATORY_ID), ()),
    )


def _programmes(
    raw: _Json,
    sources: Mapping[str, Source],
    disputes: Mapping[tuple[str, str], tuple[Dispute, ...]],
) -> tuple[Programme, ...]:
    programmes: list[Programme] = []
    for p in raw.children("programmes"):
        p.only(PROGRAMME_KEYS)
        programme_id = p.text("id")
        if programme_id not in PROGRAMME_IDS:
            raise p.fail("id", f"{programme_id!r} is not one of {', '.join(PROGRAMME_IDS)}")
        if any(other.id == programme_id for other in programmes):
            raise p.fail("id", f"{programme_id!r} is given twice")
        objectives_en, objectives_fr = p.translated("objectives_en", "objectives_fr")
        strands = p.optional_integer("strands", 1)
        strand_names = p.texts("strand_names_en")
        if strand_names and len(strand_names) != strands:
            count = "null" if strands is None else strands
            raise p.fail("strand_names_en", f"names {len(strand_names)}, but 'strands' is {count}")
        programmes.append(
            Programme(
                id=programme_id,
                rank=p.integer("rank", 1),
                start_year=p.integer("start_year", *FACT_YEAR_BOUNDS),
                end_year=p.optional_integer("end_year", *FACT_YEAR_BOUNDS),
                period_sources=p.sources("period_sources", sources, at_least_one=True),
                focus_en=p.text("focus_en"),
                focus_fr=p.text("focus_fr"),
                expansions=p.texts("expansions"),
                objectives_en=objectives_en,
                objectives_fr=objectives_fr,
                objectives_sources=p.backed("objectives_en", "objectives_sources", sources),
                objectives_note=p.optional_text("objectives_note"),
                strands=strands,
                strand_names=strand_names,
                strand_sources=p.backed("strand_names_en", "strand_sources", sources),
                milestones=p.texts("milestones_en"),
                source=p.source("source", sources),
                see_also=p.sources("see_also", sources),
                disputes=disputes.get(("programme", programme_id), ()),
            )
        )
    return tuple(programmes)


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


def citations(store: Store) -> Iterator[tuple[str, Source]]:
    """Every citation the data holds: the kind of record citing, and the source cited.

    The one list of where sources are used, for the loader's check that each is cited and for
    the documentation's count of what cites what.

    >>> kinds = {kind for kind, _ in citations(get())}
    >>> sorted(kinds)
    ['disputes', 'figures', 'observatory', 'programmes', 'regions', 'studies']
    """
    observatory = store.observatory
    for source in (
        *observatory.founded_sources,
        *observatory.founders_sources,
        observatory.partners_source,
        observatory.objectives_source,
        *observatory.scientific_direction_sources,
        observatory.le_rameau.source,
    ):
        yield "observatory", source
    for region in store.regions:
        for code in region.former_codes:
            yield "regions", code.source
    for p in observatory.programmes:
        for source in (
            p.source,
            *p.see_also,
            *p.period_sources,
            *p.objectives_sources,
            *p.strand_sources,
        ):
            yield "programmes", source
    for study in store.studies:
        for source in (study.source, *study.see_also):
            yield "studies", source
    for figure in store.figures:
        yield "figures", figure.source
    for disputes in (
        observatory.disputes,
        *(programme.disputes for programme in observatory.programmes),
        *(study.disputes for study in store.studies),
        *(figure.disputes for figure in store.figures),
    ):
        for dispute in disputes:
            yield "disputes", dispute.source


def _check_sources_cited(store: Store) -> None:
    """Fail on a row of sources.csv that no record cites: a source nobody can reach is dead data."""
    cited = {source.id for _, source in citations(store)}
    for source_id in store.sources:
        if source_id not in cited:
            raise DataError(f"sources.csv: {source_id!r} is cited by no record")
