"""Read a data package folder once, check it, and build the records and indices of a dataset.

Data flows one way: the files of a data package folder (``phare/data``, or a copy of it) are
parsed here into frozen records from :mod:`phare.model`, and nothing else in the package reads
a file. A :class:`phare.Dataset` builds its :class:`Store` once, on first use.

The rules of each field and key come from the folder's ``datapackage.json``, read and enforced
by :mod:`phare._contract`; this module adds only the rules a Table Schema cannot state, each
written once (:meth:`_FigureReader.read` and :func:`_study` for the rows, :func:`_programmes` for
``observatory.json``). What the code relies on in that descriptor (:data:`READS`,
:data:`LINKS`) is checked once, before any row is read, and every record is built from its row
by :func:`_each`, which names the row of a value no record holds. A broken table fails at load
time with a :class:`~phare.errors.DataError` naming the file, the row and the field.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

from phare._contract import (
    DESCRIPTOR,
    Contract,
    ForeignKey,
    Need,
    Row,
    check_json,
    load_json,
)
from phare._names import fold, normalise
from phare._query import recency
from phare.errors import DataError
from phare.model import (
    STUDY_SCOPES,
    Actor,
    Break,
    Departement,
    Dispute,
    Figure,
    FormerCode,
    FormerName,
    FormerRegion,
    Indicator,
    Observatory,
    Organisation,
    Programme,
    Region,
    Segment,
    Source,
    Study,
    StudyScope,
    Theme,
)
from phare.vocabulary import BREAK_KINDS, CONFIDENCES, QUALIFIERS, REGION_KINDS, UNITS

if TYPE_CHECKING:
    from phare.dataset import Dataset
    from phare.vocabulary import BreakKind, Confidence, Qualifier, RegionKind, Unit

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:  # pragma: no cover - exercised on Python 3.10 only
        from importlib.abc import Traversable

T = TypeVar("T")
CellKey = tuple[str, str, str]
Disputes = Mapping[tuple[str, str], tuple[Dispute, ...]]
#: Where tables can be read from: a folder path, or any importlib-resources traversable.
DataSource: TypeAlias = "Traversable | str | os.PathLike[str]"

#: The folder, inside the package, that holds the data files.
DATA_FOLDER = "data"
#: The file describing the Observatory, its founding organisation and its programmes.
OBSERVATORY_FILE = "observatory.json"
#: The subject under which disputes about the Observatory itself are filed.
OBSERVATORY_ID = "observatoire-national-des-partenariats"
#: What a dispute may be about, and the file that holds each kind of subject.
SUBJECTS: Mapping[str, str] = MappingProxyType(
    {
        "figure": "figures.csv",
        "study": "studies.csv",
        "programme": OBSERVATORY_FILE,
        "observatory": OBSERVATORY_FILE,
    }
)

# What the code below relies on in the descriptor of the folder it reads: every field it reads,
# as it reads it (``Row.text`` a value in every row, ``Row.optional`` and ``Row.listed`` text
# or nothing, ``Row.integer`` and ``Row.number`` numbers), the ids it finds records by, the
# closed sets the records hold, and the foreign keys it follows from row to record. Checked
# once per load by ``Contract.require``, before any row is read: a copy's descriptor may
# tighten these, or add to them, but one that loosens them is refused by name, where it would
# otherwise let through a row that no record can hold.
TEXT = Need(required=True)
OPTIONAL = Need()
KEY = Need(required=True, unique=True)
WHOLE = Need("integer")
NUMBER = Need("number")


def _one_of(members: Sequence[str], *, required: bool = True) -> Need:
    """A field whose values the records hold in a closed set (:mod:`phare.vocabulary`)."""
    return Need(required=required, members=members)


def _read_only(tables: dict[str, dict[str, Need]]) -> Mapping[str, Mapping[str, Need]]:
    return MappingProxyType({name: MappingProxyType(fields) for name, fields in tables.items()})


#: The fields read from each table, by table; the descriptor must describe each table.
READS = _read_only(
    {
        "sources.csv": {"id": KEY, "publisher": TEXT, "title": TEXT},
        "disputes.csv": {
            "subject_kind": _one_of(tuple(SUBJECTS)), "subject": TEXT, "field": TEXT,
            "kept": TEXT, "other": TEXT, "other_value": NUMBER, "source": TEXT, "note": TEXT,
        },
        "regions.csv": {
            "slug": KEY, "name": TEXT, "insee_code": OPTIONAL, "iso_3166_2": TEXT, "nuts": TEXT,
            "kind": _one_of(REGION_KINDS),
        },
        "former_regions.csv": {"name": TEXT, "insee_code": TEXT, "nuts": TEXT, "merged_into": TEXT},
        "former_codes.csv": {"code": TEXT, "name": TEXT, "region": TEXT, "source": TEXT},
        "former_names.csv": {
            "name": TEXT, "kind": TEXT, "region": TEXT, "source": TEXT,
            "confidence": _one_of(CONFIDENCES),
        },
        "departements.csv": {
            "code": TEXT, "name": TEXT, "region": TEXT, "source": TEXT,
            "confidence": _one_of(CONFIDENCES),
        },
        "actors.csv": {
            "id": KEY, "label_en": TEXT, "label_fr": TEXT, "definition_en": TEXT,
            "definition_fr": TEXT, "aliases": OPTIONAL,
        },
        "segments.csv": {
            "id": KEY, "actor": OPTIONAL, "label_en": TEXT, "label_fr": TEXT,
            "definition_en": TEXT, "definition_fr": TEXT,
        },
        "themes.csv": {
            "id": KEY, "kind": TEXT, "label_en": TEXT, "label_fr": TEXT, "aliases": OPTIONAL,
        },
        "indicators.csv": {
            "id": KEY, "unit": _one_of(UNITS), "theme_kind": OPTIONAL, "label_en": TEXT,
            "label_fr": TEXT, "definition_en": TEXT, "definition_fr": TEXT, "aliases": OPTIONAL,
        },
        "studies.csv": {
            "id": KEY, "programme": TEXT, "title": TEXT, "actors": OPTIONAL,
            "scope": _one_of(STUDY_SCOPES), "region": OPTIONAL, "published": OPTIONAL,
            "presented_at": OPTIONAL, "regional_report_number": WHOLE, "producer": TEXT,
            "sponsors": OPTIONAL, "sample_size": WHOLE,
            "sample_qualifier": _one_of(QUALIFIERS, required=False), "source": TEXT,
            "see_also": OPTIONAL, "note": TEXT,
        },
        "figures.csv": {
            "id": KEY, "study": TEXT, "region": TEXT, "actor": TEXT, "segment": TEXT,
            "indicator": TEXT, "theme": OPTIONAL, "value": Need("number", required=True),
            "qualifier": _one_of(QUALIFIERS), "reference_year": Need("integer", required=True),
            "source": TEXT, "confidence": _one_of(CONFIDENCES), "note": OPTIONAL,
        },
        "comparability.csv": {
            "before": TEXT, "after": TEXT, "kind": _one_of(BREAK_KINDS), "reason": TEXT,
            "source": TEXT,
        },
    }
)  # fmt: skip
#: The tables the records are built from.
TABLES = tuple(READS)


def _to(resource: str, field: str, key: str = "id") -> ForeignKey:
    """The foreign key from *field* to the *key* of *resource*."""
    return (field,), resource, (key,)


#: The foreign keys the code follows from a row to the record it names, by table: a figure's
#: study, a break's figures, every source cited...; and a figure's unit with its indicator.
LINKS: Mapping[str, tuple[ForeignKey, ...]] = MappingProxyType(
    {
        "disputes.csv": (_to("sources", "source"),),
        "former_regions.csv": (_to("regions", "merged_into", "slug"),),
        "former_codes.csv": (_to("regions", "region", "slug"), _to("sources", "source")),
        "former_names.csv": (_to("regions", "region", "slug"), _to("sources", "source")),
        "departements.csv": (_to("regions", "region", "slug"), _to("sources", "source")),
        "segments.csv": (_to("actors", "actor"),),
        "studies.csv": (_to("regions", "region", "slug"), _to("sources", "source")),
        "figures.csv": (
            _to("studies", "study"),
            _to("regions", "region", "slug"),
            _to("actors", "actor"),
            _to("segments", "segment"),
            (("indicator", "unit"), "indicators", ("id", "unit")),
            _to("themes", "theme"),
            _to("sources", "source"),
        ),
        "comparability.csv": (
            _to("figures", "before"),
            _to("figures", "after"),
            _to("sources", "source"),
        ),
    }
)


class Store:
    """Every record of one data package, and the indices that find them by any spelling."""

    __slots__ = (
        "actor_index",
        "actors",
        "breaks",
        "by_cell",
        "by_region",
        "code_index",
        "departement_code_index",
        "departement_index",
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
        "version",
    )

    def __init__(self, source: DataSource | None, owner: Dataset) -> None:
        """Read and check every file, from the bundled data or from the folder *source*.

        *owner* is the dataset the records will answer through (see :class:`phare.Dataset`).
        """
        folder = DataFolder(source)
        contract = Contract(folder.text(DESCRIPTOR))
        self.version = contract.version
        contract.require(READS, LINKS)  # what the code below relies on, before any row
        facts = _observatory_facts(folder, contract)
        rows = {name: table.read(folder.text(name)) for name, table in contract.tables.items()}
        contract.check_foreign_keys(rows)
        # Each table's rows are let go (``pop``) once its records are built: the figures, built
        # last, then share the peak with no other table's rows (see docs/performance.md).
        self.sources = {
            source.id: source
            for source in _each(
                rows.pop("sources.csv"),
                lambda row: Source(
                    id=row.text("id"), publisher=row.text("publisher"), title=row.text("title")
                ),
            )
        }
        disputes = _disputes(rows.pop("disputes.csv"), self.sources)
        self.regions = _regions(rows, self.sources, owner)
        formers = [former for region in self.regions for former in region.former_regions]
        self.region_index = _index("regions.csv", self.regions, lambda r: (r.slug, r.name))
        former_names = _index(
            "former_names.csv",
            [name for region in self.regions for name in region.former_names],
            lambda n: (n.name,),
        )
        self.former_index: dict[str, FormerRegion | FormerName] = {
            **_index("former_regions.csv", formers, lambda f: (f.name,)),
        }
        _check_disjoint("former_names.csv", former_names, self.former_index)
        self.former_index.update(former_names)
        _check_disjoint("former_regions.csv", self.former_index, self.region_index)
        codes = _index(
            "regions.csv", self.regions, lambda r: (r.insee_code or "", r.iso_3166_2, r.nuts), fold
        )
        former_insee = _index("former_regions.csv", formers, lambda f: (f.insee_code, f.nuts), fold)
        _check_disjoint("former_regions.csv", former_insee, codes)
        # Départements are looked up after every region code and name (see Dataset.region):
        # a code that is also a region's ("75", "01") is the region's, so no clash is an error.
        departements = [d for region in self.regions for d in region.departements]
        self.departement_code_index = _index(
            "departements.csv", departements, lambda d: (d.code, f"FR-{d.code}"), fold
        )
        self.departement_index = _index("departements.csv", departements, lambda d: (d.name,))
        withdrawn = _index(  # FR-A to FR-V: the schema's patterns give no other code that shape
            "former_codes.csv",
            [code for region in self.regions for code in region.former_codes],
            lambda c: (c.code,),
            fold,
        )
        self.code_index: dict[str, Region | FormerRegion | FormerCode] = {
            **codes,
            **former_insee,
            **withdrawn,
        }
        self.actors = tuple(
            _each(
                rows.pop("actors.csv"),
                lambda row: Actor(
                    id=row.text("id"),
                    label_en=row.text("label_en"),
                    label_fr=row.text("label_fr"),
                    definition_en=row.text("definition_en"),
                    definition_fr=row.text("definition_fr"),
                    aliases=row.listed("aliases"),
                ),
            )
        )
        self.actor_index = _index(
            "actors.csv", self.actors, lambda a: (a.id, a.label_en, a.label_fr, *a.aliases)
        )
        self.segments = tuple(
            _each(
                rows.pop("segments.csv"),
                lambda row: Segment(
                    id=row.text("id"),
                    actor=row.optional("actor"),
                    label_en=row.text("label_en"),
                    label_fr=row.text("label_fr"),
                    definition_en=row.text("definition_en"),
                    definition_fr=row.text("definition_fr"),
                ),
            )
        )
        self.segment_index = _index(
            "segments.csv", self.segments, lambda s: (s.id, s.label_en, s.label_fr)
        )
        self.themes = tuple(
            _each(
                rows.pop("themes.csv"),
                lambda row: Theme(
                    id=row.text("id"),
                    kind=row.text("kind"),
                    label_en=row.text("label_en"),
                    label_fr=row.text("label_fr"),
                    aliases=row.listed("aliases"),
                ),
            )
        )
        self.theme_index = _index(
            "themes.csv", self.themes, lambda t: (t.id, t.label_en, t.label_fr, *t.aliases)
        )
        self.indicators = tuple(
            _each(
                rows.pop("indicators.csv"),
                lambda row: Indicator(
                    id=row.text("id"),
                    unit=cast("Unit", row.text("unit")),
                    theme_kind=row.optional("theme_kind"),
                    label_en=row.text("label_en"),
                    label_fr=row.text("label_fr"),
                    definition_en=row.text("definition_en"),
                    definition_fr=row.text("definition_fr"),
                    aliases=row.listed("aliases"),
                ),
            )
        )
        self.indicator_index = _index(
            "indicators.csv",
            self.indicators,
            lambda i: (i.id, i.label_en, i.label_fr, *i.aliases),
        )
        try:
            self.observatory = _observatory(facts, self.sources, disputes, owner)
        except (TypeError, ValueError) as exc:  # what _each does for a row, for this file
            raise DataError(f"{OBSERVATORY_FILE}: {exc}") from exc
        self.programme_index = _index(
            OBSERVATORY_FILE, self.observatory.programmes, lambda p: (p.id,)
        )
        self.studies = tuple(
            _each(rows.pop("studies.csv"), lambda row: _study(row, self, disputes, owner))
        )
        self.study_index = _index("studies.csv", self.studies, lambda s: (s.id,))
        _check_share_bounds(contract.unit_bounds)
        figures = _FigureReader(self, contract.unit_bounds, disputes)
        self.figures = tuple(_each(rows.pop("figures.csv"), figures.read))
        self.by_cell, self.by_region = _group_figures(self.figures)
        self.breaks = _breaks(rows.pop("comparability.csv"), self.figures, self.sources)
        _check_disputes_attached(disputes, self)
        _check_sources_cited(self)


# --- reading -------------------------------------------------------------------------------


class DataFolder:
    """Where the tables are read from: the package's own data, or any folder given.

    A folder on disk, the package's own in any ordinary install, is read with plain file calls;
    importlib-resources serves only a package that is not on disk (inside a zip archive, say),
    and is imported only then: its imports (pathlib, zipfile, tempfile...) would cost about
    2 MiB, a third of what phare may add to a process (see docs/performance.md).

    A folder given is checked when it is given, *caller* naming who was given it: a path is a
    ``str`` or an ``os.PathLike`` of one (a wrong type is a :class:`TypeError`), and neither
    empty (which would read whatever folder the process runs in) nor holding a NUL character.

    >>> DataFolder().text("regions.csv").splitlines()[0]
    'slug,name,insee_code,iso_3166_2,nuts,kind'
    >>> DataFolder(1)
    Traceback (most recent call last):
      ...
    TypeError: phare.load() takes a folder as a str or an os.PathLike (or an importlib.resources Traversable), not int
    """

    __slots__ = ("root",)

    def __init__(self, source: DataSource | None = None, caller: str = "phare.load()") -> None:
        self.root: Traversable | str
        if source is None:
            bundled = os.path.join(os.path.dirname(__file__), DATA_FOLDER)
            self.root = bundled if os.path.isdir(bundled) else _packaged_data()
        elif isinstance(source, (str, os.PathLike)):
            root = os.fspath(source)
            if not isinstance(root, str):
                raise TypeError(f"{caller} takes a folder path as text, not {type(root).__name__}")
            if not root:
                raise DataError(
                    f"{caller}: the folder is an empty path; name it ('.' for the current folder)"
                )
            if "\x00" in root:
                raise DataError(
                    f"{caller}: {root!r} is not a folder path: it holds a NUL character"
                )
            self.root = str.__str__(root)  # a plain copy: a subclass's methods never run here
        elif callable(getattr(source, "read_bytes", None)) and callable(
            getattr(source, "joinpath", None)
        ):
            self.root = source  # a Traversable, such as a folder of a zip archive
        else:
            raise TypeError(
                f"{caller} takes a folder as a str or an os.PathLike (or an importlib.resources "
                f"Traversable), not {type(source).__name__}"
            )

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


def _packaged_data() -> Traversable:
    """The data folder of a package that is not a folder on disk, through importlib-resources."""
    from importlib import resources

    return resources.files("phare") / DATA_FOLDER


def _index(
    name: str,
    records: Iterable[T],
    keys: Callable[[T], Iterable[str]],
    key_of: Callable[[str], str] = normalise,
) -> dict[str, T]:
    """Map every name of every record, folded by *key_of*, to it; two records on one key is an error.

    Names fold by :func:`~phare._names.normalise`, codes by :func:`~phare._names.fold` (see
    :mod:`phare._names`).
    """
    index: dict[str, T] = {}
    for record in records:
        for key in keys(record):
            folded = key_of(key)
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


# --- tables --------------------------------------------------------------------------------

#: How a record's own check names the field it refuses: ``Study.sample_size must ...``.
RECORD_FIELD = re.compile(r"[A-Za-z]+\.([a-z_0-9]+) ")


def _each(rows: Iterable[Row], build: Callable[[Row], T]) -> Iterator[T]:
    """What *build* makes of each row, in order: the one way the records are built from rows.

    The last line of defence. The descriptor still states what the code relies on (checked by
    ``Contract.require``), and every cell passed its contract; yet a value a copy's contract
    lets through may still be one a record refuses (a negative sample size, once the copy drops
    its ``minimum``). That record's ``TypeError`` or ``ValueError`` becomes a
    :class:`~phare.errors.DataError` naming the file, the row and, when the record's message
    names one of the table's fields, that field.
    """
    for row in rows:
        try:
            yield build(row)
        except (TypeError, ValueError) as exc:
            named = RECORD_FIELD.match(str(exc))
            field = named.group(1) if named else ""
            if field in row.table.index:
                raise row.fail(field, str(exc)) from exc
            raise DataError(f"{row.name}, row {row.position}: {exc}") from exc


def _disputes(
    rows: Sequence[Row], sources: Mapping[str, Source]
) -> dict[tuple[str, str], tuple[Dispute, ...]]:
    grouped: dict[tuple[str, str], list[Dispute]] = {}
    for subject, dispute in _each(
        rows,
        lambda row: (
            (row.text("subject_kind"), row.text("subject")),
            Dispute(
                field=row.text("field"),
                kept=row.text("kept"),
                other=row.text("other"),
                other_value=row.number("other_value"),
                source=sources[row.text("source")],
                note=row.text("note"),
            ),
        ),
    ):
        grouped.setdefault(subject, []).append(dispute)
    return {key: tuple(value) for key, value in grouped.items()}


def _regions(
    rows: dict[str, list[Row]], sources: Mapping[str, Source], owner: Dataset
) -> tuple[Region, ...]:
    formers = _by_region(
        _each(
            rows.pop("former_regions.csv"),
            lambda row: FormerRegion(
                name=row.text("name"),
                insee_code=row.text("insee_code"),
                nuts=row.text("nuts"),
                merged_into=row.text("merged_into"),
            ),
        ),
        lambda former: former.merged_into,
    )
    names = _by_region(
        _each(
            rows.pop("former_names.csv"),
            lambda row: FormerName(
                name=row.text("name"),
                kind=row.text("kind"),
                region=row.text("region"),
                source=sources[row.text("source")],
                confidence=cast("Confidence", row.text("confidence")),
            ),
        ),
        lambda name: name.region,
    )
    departements = _by_region(
        _each(
            rows.pop("departements.csv"),
            lambda row: Departement(
                code=row.text("code"),
                name=row.text("name"),
                region=row.text("region"),
                source=sources[row.text("source")],
                confidence=cast("Confidence", row.text("confidence")),
            ),
        ),
        lambda departement: departement.region,
    )
    codes = _by_region(
        _each(
            rows.pop("former_codes.csv"),
            lambda row: FormerCode(
                code=row.text("code"),
                name=row.text("name"),
                region=row.text("region"),
                source=sources[row.text("source")],
            ),
        ),
        lambda code: code.region,
    )
    return tuple(
        _each(
            rows.pop("regions.csv"),
            lambda row: Region(
                slug=row.text("slug"),
                name=row.text("name"),
                kind=cast("RegionKind", row.text("kind")),
                insee_code=row.optional("insee_code"),
                iso_3166_2=row.text("iso_3166_2"),
                nuts=row.text("nuts"),
                former_regions=formers.get(row.text("slug"), ()),
                former_codes=codes.get(row.text("slug"), ()),
                former_names=names.get(row.text("slug"), ()),
                departements=departements.get(row.text("slug"), ()),
                dataset=owner,
            ),
        )
    )


def _by_region(records: Iterable[T], region: Callable[[T], str]) -> dict[str, tuple[T, ...]]:
    """*records* grouped by the slug of the region each belongs to, in table order."""
    grouped: dict[str, list[T]] = {}
    for record in records:
        grouped.setdefault(region(record), []).append(record)
    return {slug: tuple(members) for slug, members in grouped.items()}


def _refs(row: Row, field: str, known: Mapping[str, T] | Sequence[str]) -> tuple[str, ...]:
    """The items of a list field, each one a key of *known* (a list a foreign key cannot state)."""
    items = row.listed(field)
    for item in items:
        if item not in known:
            raise row.fail(field, f"{item!r} refers to nothing known")
    return items


#: The shape of an ISO date as precise as known: a year, a month of it, a day of that.
ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def _date(row: Row, field: str) -> str | None:
    """An ISO date (``2016``, ``2016-11``, ``2016-11-04``) that exists and is not to come.

    The pattern of the contract allows 2016-02-31; the calendar does not. The calendar is
    checked on any text: a copy's descriptor may state a looser pattern, or none.
    """
    text = row.optional(field)
    if text is None:
        return None
    shape = ISO_DATE.fullmatch(text)
    if shape is None:
        raise row.fail(field, f"{text!r} is not an ISO date (2016, 2016-11 or 2016-11-04)")
    year, month, day = (int(part) if part else 0 for part in shape.groups())
    if shape.group(2) and not 1 <= month <= 12:
        raise row.fail(field, f"{text!r} is not a date: there is no month {month}")
    if shape.group(3):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
        if not 1 <= day <= days:
            raise row.fail(field, f"{text!r} is not a date: {days} days in that month")
    parts = tuple(int(part) for part in shape.groups() if part)
    if parts > time.gmtime()[: len(parts)]:
        raise row.fail(field, f"{text!r} is in the future")
    return text


def _study(row: Row, store: Store, disputes: Disputes, owner: Dataset) -> Study:
    """One row of studies.csv, with the rules across files a Table Schema cannot state."""
    study_id = row.text("id")
    programme = store.programme_index.get(normalise(row.text("programme")))
    if programme is None or programme.id != row.text("programme"):
        raise row.fail(
            "programme", f"{row.text('programme')!r} is not a programme of {OBSERVATORY_FILE}"
        )
    scope = row.text("scope")
    region = row.optional("region")
    if (scope == "regional") != (region is not None):
        raise row.fail(
            "region",
            "a regional study names its region"
            if region is None
            else "a national study names no region",
        )
    published = _date(row, "published")
    note = row.text("note")
    if (
        published is not None
        and not _in_period(int(published[:4]), programme)
        and not _names_period(note, programme)
    ):
        raise row.fail(
            "published",
            f"{published} is outside {programme.id} {programme.period}; the note must say why, "
            "naming the years of the period",
        )
    return Study(
        id=study_id,
        programme=programme.id,
        title=row.text("title"),
        actors=_refs(row, "actors", [a.id for a in store.actors]),
        scope=cast("StudyScope", scope),
        region=region,
        published=published,
        presented_at=row.optional("presented_at"),
        regional_report_number=row.integer("regional_report_number"),
        producer=row.text("producer"),
        sponsors=row.listed("sponsors"),
        sample_size=row.integer("sample_size"),
        sample_qualifier=cast("Qualifier | None", row.optional("sample_qualifier")),
        source=store.sources[row.text("source")],
        see_also=tuple(store.sources[ref] for ref in _refs(row, "see_also", store.sources)),
        note=note,
        disputes=disputes.get(("study", study_id), ()),
        dataset=owner,
    )


def _names_period(note: str, programme: Programme) -> bool:
    """Whether *note* names the years of *programme*'s period: how it says why a study is outside."""
    years = (programme.start_year, programme.end_year)
    return all(str(year) in note for year in years if year is not None)


def _in_period(year: int, programme: Programme) -> bool:
    return programme.start_year <= year and (
        programme.end_year is None or year <= programme.end_year
    )


class _FigureReader:
    """Turns rows of figures.csv into figures, with the rules a Table Schema cannot state."""

    __slots__ = (
        "actors",
        "bounds",
        "disputes",
        "indicators",
        "regions",
        "segments",
        "sources",
        "studies",
        "themes",
        "this_year",
    )

    def __init__(
        self, store: Store, bounds: Mapping[str, tuple[float, float]], disputes: Disputes
    ) -> None:
        self.regions = {r.slug: r for r in store.regions}
        self.actors = {a.id: a for a in store.actors}
        self.segments = {s.id: s for s in store.segments}
        self.indicators = {i.id: i for i in store.indicators}
        self.themes = {t.id: t for t in store.themes}
        self.studies = {s.id: s for s in store.studies}
        self.sources = store.sources
        self.bounds = bounds
        self.disputes = disputes
        self.this_year = time.gmtime().tm_year

    def read(self, row: Row) -> Figure:
        """One figure; the keys were checked by the contract, the rest is checked here."""
        figure_id = row.text("id")
        indicator = self.indicators[row.text("indicator")]
        theme_id = row.optional("theme")
        theme = None if theme_id is None else self.themes[theme_id]
        if indicator.theme_kind is None and theme is not None:
            raise row.fail("theme", f"{indicator.id!r} is not broken down by theme")
        if indicator.theme_kind is not None and theme is None:
            raise row.fail(
                "theme", f"is empty, but {indicator.id!r} needs a {indicator.theme_kind} theme"
            )
        if theme is not None and theme.kind != indicator.theme_kind:
            raise row.fail("theme", f"{theme.id!r} is not a {indicator.theme_kind} theme")
        actor = self.actors[row.text("actor")]
        segment = self.segments[row.text("segment")]
        if segment.actor not in (None, actor.id):
            raise row.fail("segment", f"{segment.id!r} is a segment of {segment.actor}")
        study = self.studies[row.text("study")]
        if actor.id not in study.actors:
            raise row.fail("actor", f"{actor.id!r} is not surveyed by {study.id}")
        region = self.regions[row.text("region")]
        if region.is_national != (study.region is None) or (
            study.region is not None and region.slug != study.region
        ):
            where = "France" if study.region is None else study.region
            raise row.fail("region", f"{region.slug!r} is not the region of {study.id} ({where})")
        unit = indicator.unit
        value = cast(float, row.number("value"))
        low, high = self.bounds.get(unit, (-float("inf"), float("inf")))
        if not low <= value <= high:
            raise row.fail("value", f"{value:g} is out of range for {unit} ({low:g} to {high:g})")
        if unit == "count" and not value.is_integer():
            raise row.fail("value", f"{value:g} is not a whole count")
        year = cast(int, row.integer("reference_year"))
        if year > self.this_year:
            raise row.fail("reference_year", f"{year} is in the future")
        return Figure(
            id=figure_id,
            region=region,
            actor=actor,
            segment=segment,
            indicator=indicator,
            theme=theme,
            value=value,
            qualifier=cast("Qualifier", row.text("qualifier")),
            reference_year=year,
            study=study,
            source=self.sources[row.text("source")],
            confidence=cast("Confidence", row.text("confidence")),
            note=row.optional("note") or "",
            disputes=self.disputes.get(("figure", figure_id), ()),
        )


def _check_share_bounds(bounds: Mapping[str, tuple[float, float]]) -> None:
    """Refuse a descriptor whose percentages could leave [0, 100]: ``share()`` is value / 100.

    A copy may narrow the bounds of ``percent``, never drop or widen them, or a share would
    come out below 0 or above 1 without a word.
    """
    low, high = bounds.get("percent", (-float("inf"), float("inf")))
    if low < 0 or high > 100:
        raise DataError(
            f"{DESCRIPTOR}, resource 'figures', field 'value': phare:unitBounds must keep "
            "percent within [0, 100], since a share is the value divided by 100"
        )


#: What makes figures waves of one series: all but the study and the year.
SERIES_PARTS = ("region", "actor", "segment", "indicator", "theme")


def _breaks(
    rows: Sequence[Row], figures: Sequence[Figure], sources: Mapping[str, Source]
) -> dict[tuple[str, str], Break]:
    """The breaks of comparability.csv by (before, after) id: two waves of one series, in order.

    The foreign keys say that each figure exists; only here can the two be compared. The two
    must follow each other in their series: a series reads its breaks between neighbouring
    waves, so a break across a wave added later would be lost without a word.
    """
    by_id = {f.id: f for f in figures}
    waves: dict[tuple[object, ...], list[Figure]] = {}
    for f in figures:
        waves.setdefault(tuple(getattr(f, part) for part in SERIES_PARTS), []).append(f)

    def one(row: Row) -> Break:
        before, after = by_id[row.text("before")], by_id[row.text("after")]
        for part in SERIES_PARTS:
            if getattr(before, part) is not getattr(after, part):
                raise row.fail(
                    "after",
                    f"{after.id!r} is not of the series of {before.id!r}: its {part} differs",
                )
        if before.reference_year >= after.reference_year:
            raise row.fail(
                "after",
                f"{after.id!r} ({after.reference_year}) does not come after {before.id!r} "
                f"({before.reference_year})",
            )
        series = waves[tuple(getattr(before, part) for part in SERIES_PARTS)]
        between = [f.id for f in series if recency(before) < recency(f) < recency(after)]
        if between:
            raise row.fail(
                "after",
                f"{before.id!r} and {after.id!r} are not next to each other in their series: "
                f"{', '.join(map(repr, between))} comes between; record each break between "
                "two waves that follow each other",
            )
        return Break(
            before=before,
            after=after,
            kind=cast("BreakKind", row.text("kind")),
            reason=row.text("reason"),
            source=sources[row.text("source")],
        )

    return {(b.before.id, b.after.id): b for b in _each(rows, one)}


# --- observatory.json ------------------------------------------------------------------------


class _Facts:
    """One object of observatory.json, once its JSON Schema has passed; errors name its path."""

    __slots__ = ("data", "path", "sources")

    def __init__(self, data: dict[str, Any], path: str, sources: Mapping[str, Source]) -> None:
        self.data, self.path, self.sources = data, path, sources

    def __getitem__(self, key: str) -> Any:
        """The value under *key*: the JSON Schema is the folder's too, and may not require it."""
        try:
            return self.data[key]
        except KeyError:
            raise self.fail(key, "is missing") from None

    def fail(self, key: str, problem: str) -> DataError:
        return DataError(f"{OBSERVATORY_FILE}, field {self.path + key!r}: {problem}")

    def texts(self, key: str) -> tuple[str, ...]:
        return tuple(self[key])

    def source(self, key: str) -> Source:
        return self._known(key, self[key])

    def cited(self, key: str) -> tuple[Source, ...]:
        return tuple(self._known(key, ref) for ref in self[key])

    def _known(self, key: str, ref: str) -> Source:
        try:
            return self.sources[ref]
        except KeyError:
            raise self.fail(key, f"{ref!r} is not an id of sources.csv") from None

    def translated(self, english: str, french: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Two lists that say the same things in two languages: as many items in each."""
        en, fr = self.texts(english), self.texts(french)
        if len(en) != len(fr):
            raise self.fail(french, f"has {len(fr)} items, but {english!r} has {len(en)}")
        return en, fr

    def backed(self, key: str, sources_key: str) -> tuple[Source, ...]:
        """The sources of the list under *key*: at least one when it has items, else none."""
        backing = self.cited(sources_key)
        if self[key] and not backing:
            raise self.fail(sources_key, "expected at least one source")
        if backing and not self[key]:
            raise self.fail(sources_key, f"backs nothing: {key!r} is empty")
        return backing

    def children(self, key: str) -> list[_Facts]:
        return [
            _Facts(item, f"{self.path}{key}[{n}].", self.sources)
            for n, item in enumerate(self[key])
        ]


def _observatory_facts(folder: DataFolder, contract: Contract) -> dict[str, Any]:
    """observatory.json, checked against its JSON Schema, before any table is read.

    Read first, while little else is held, its schema is let go before the tables load.
    """
    data = load_json(folder.text(OBSERVATORY_FILE), OBSERVATORY_FILE)
    schema_file = contract.json_schemas.get(OBSERVATORY_FILE)
    if schema_file is None:
        raise DataError(f"{DESCRIPTOR}: no JSON Schema named for {OBSERVATORY_FILE}")
    check_json(data, load_json(folder.text(schema_file), schema_file), OBSERVATORY_FILE)
    return cast("dict[str, Any]", data)


def _observatory(
    data: dict[str, Any],
    sources: Mapping[str, Source],
    disputes: Disputes,
    owner: Dataset,
) -> Observatory:
    raw = _Facts(data, "", sources)
    rameau = _Facts(raw["le_rameau"], "le_rameau.", sources)
    objectives_en, objectives_fr = raw.translated("objectives_en", "objectives_fr")
    return Observatory(
        name=raw["name"],
        short_name=raw["short_name"],
        former_names=raw.texts("former_names"),
        founded=raw["founded"],
        founded_sources=raw.cited("founded_sources"),
        founders=raw.texts("founders"),
        founders_sources=raw.cited("founders_sources"),
        partners=raw.texts("partners"),
        partners_source=raw.source("partners_source"),
        objectives_en=objectives_en,
        objectives_fr=objectives_fr,
        objectives_source=raw.source("objectives_source"),
        scientific_director=raw["scientific_director"],
        scientific_director_firm=raw["scientific_director_firm"],
        scientific_direction_sources=raw.cited("scientific_direction_sources"),
        le_rameau=Organisation(
            name=rameau["name"],
            founded=rameau["founded"],
            nature_en=rameau["nature_en"],
            nature_fr=rameau["nature_fr"],
            activities=rameau.texts("activities_en"),
            president_founder=rameau["president_founder"],
            source=rameau.source("source"),
        ),
        programmes=_programmes(raw, disputes, owner),
        disputes=disputes.get(("observatory", OBSERVATORY_ID), ()),
        dataset=owner,
    )


def _programmes(raw: _Facts, disputes: Disputes, owner: Dataset) -> tuple[Programme, ...]:
    """The programmes, each named and ranked once, their periods in order and apart."""
    programmes: list[Programme] = []
    entries = raw.children("programmes")
    for p in entries:
        programme_id, rank = p["id"], p["rank"]
        if any(other.id == programme_id for other in programmes):
            raise p.fail("id", f"{programme_id!r} is given twice")
        if any(other.rank == rank for other in programmes):
            raise p.fail("rank", f"{rank} is given twice")
        start, end = p["start_year"], p["end_year"]
        if end is not None and end < start:
            raise p.fail("end_year", f"{end} is before the start_year {start}")
        objectives_en, objectives_fr = p.translated("objectives_en", "objectives_fr")
        strands, strand_names = p["strands"], p.texts("strand_names_en")
        if strand_names and len(strand_names) != strands:
            count = "null" if strands is None else strands
            raise p.fail("strand_names_en", f"names {len(strand_names)}, but 'strands' is {count}")
        programmes.append(
            Programme(
                id=programme_id,
                rank=rank,
                start_year=start,
                end_year=end,
                period_sources=p.cited("period_sources"),
                focus_en=p["focus_en"],
                focus_fr=p["focus_fr"],
                expansions=p.texts("expansions"),
                objectives_en=objectives_en,
                objectives_fr=objectives_fr,
                objectives_sources=p.backed("objectives_en", "objectives_sources"),
                objectives_note=p["objectives_note"],
                strands=strands,
                strand_names=strand_names,
                strand_sources=p.backed("strand_names_en", "strand_sources"),
                milestones=p.texts("milestones_en"),
                source=p.source("source"),
                see_also=p.cited("see_also"),
                disputes=disputes.get(("programme", programme_id), ()),
                dataset=owner,
            )
        )
    ranked = sorted(zip(programmes, entries, strict=False), key=lambda pair: pair[0].rank)
    for (before, _), (after, entry) in itertools.pairwise(ranked):
        if before.end_year is None or before.end_year >= after.start_year:
            raise entry.fail(
                "start_year",
                f"{after.id} starts in {after.start_year}, within {before.id} {before.period}",
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
            raise DataError(f"disputes.csv: {kind} {subject!r} is not in {SUBJECTS[kind]}")


def citations(store: Store) -> Iterator[tuple[str, Source]]:
    """Every citation the data holds: the kind of record citing, and the source cited.

    The one list of where sources are used, for the loader's check that each is cited and for
    the documentation's count of what cites what.

    >>> from phare.dataset import BUNDLED
    >>> kinds = {kind for kind, _ in citations(BUNDLED._tables())}
    >>> sorted(kinds)
    ['breaks', 'disputes', 'figures', 'observatory', 'programmes', 'regions', 'studies']
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
        for record in (*region.former_codes, *region.former_names, *region.departements):
            yield "regions", cast("FormerCode | FormerName | Departement", record).source
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
    for series_break in store.breaks.values():
        yield "breaks", series_break.source
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
