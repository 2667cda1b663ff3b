"""The related tables of an export: figures, studies, sources, regions, disputes, breaks, as rows.

The spreadsheet (:mod:`phare._xlsx`) and the SQLite database (:mod:`phare._sqlite`) hold the
same tables, built here once from the public records, without pandas. The figures are those
exported, with the columns of :data:`phare.frame.COLUMNS` and the ``source_id`` their source is
keyed by; the regions (France first) and the studies are all of them, so that every reference
resolves; the disputes are those about the exported figures and about any study, programme or
the Observatory; the breaks are those of ``comparability.csv`` between two exported figures
(the waves of a series that cannot be read as one trend); the sources are every one that a
row of these tables cites. All of them come
from the dataset the figures were read from (:func:`dataset_of`), a copy's for a copy's figures.

Each column says its kind and, for a foreign key, the ``table.column`` it refers to, so the
SQLite writer can declare the keys and the types.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from phare._metadata import export_metadata
from phare.errors import PhareError
from phare.frame import COLUMNS, record
from phare.model import Figure, Source, Study

if TYPE_CHECKING:
    from phare.dataset import Dataset

Kind = Literal["text", "real", "integer", "boolean"]
Cell = str | float | int | bool | None


class Column(NamedTuple):
    """One column: its name, the kind of its values, and the column it refers to, if any."""

    name: str
    kind: Kind = "text"
    references: str | None = None


class Table(NamedTuple):
    """One table: its name, its columns (the first is the primary key) and its rows."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]


#: The kinds of the figure columns that are not text.
_FIGURE_KINDS: dict[str, Kind] = {
    "value": "real",
    "share": "real",
    "reference_year": "integer",
    "disputed": "boolean",
}
_FIGURE_REFERENCES = {"region": "regions.slug", "study": "studies.id"}

FIGURES = (
    *(
        Column(name, _FIGURE_KINDS.get(name, "text"), _FIGURE_REFERENCES.get(name))
        for name in COLUMNS
    ),
    Column("source_id", references="sources.id"),
)
STUDIES = (
    Column("id"),
    Column("programme"),
    Column("title"),
    Column("actors"),
    Column("scope"),
    Column("region", references="regions.slug"),
    Column("published"),
    Column("presented_at"),
    Column("regional_report_number", "integer"),
    Column("producer"),
    Column("sponsors"),
    Column("sample_size", "integer"),
    Column("sample_qualifier"),
    Column("source", references="sources.id"),
    Column("note"),
)
SOURCES = (Column("id"), Column("publisher"), Column("title"), Column("url"))
REGIONS = (
    Column("slug"),
    Column("name"),
    Column("kind"),
    Column("insee_code"),
    Column("iso_3166_2"),
    Column("nuts"),
)
DISPUTES = (
    Column("id", "integer"),
    Column("subject_kind"),
    Column("subject_id"),
    Column("figure", references="figures.id"),
    Column("study", references="studies.id"),
    Column("field"),
    Column("kept"),
    Column("other"),
    Column("other_value", "real"),
    Column("source", references="sources.id"),
    Column("note"),
)

BREAKS = (
    Column("id", "integer"),
    Column("before", references="figures.id"),
    Column("after", references="figures.id"),
    Column("kind"),
    Column("reason"),
    Column("source", references="sources.id"),
)

#: Several values in one cell (a study's actors, its sponsors) are joined by this.
JOIN = "; "


def _study_row(study: Study) -> tuple[Cell, ...]:
    return (
        study.id,
        study.programme,
        study.title,
        JOIN.join(study.actors),
        study.scope,
        study.region,
        study.published,
        study.presented_at,
        study.regional_report_number,
        study.producer,
        JOIN.join(study.sponsors),
        study.sample_size,
        study.sample_qualifier,
        study.source.id,
        study.note,
    )


def _figure_row(figure: Figure) -> tuple[Cell, ...]:
    row = record(figure)
    return (*(row[name] for name in COLUMNS), figure.source.id)


class Export(NamedTuple):
    """What a file export holds: its tables, and what it says of the data and code behind them."""

    tables: tuple[Table, ...]
    metadata: Mapping[str, str]


def _unique(figures: Iterable[Figure]) -> list[Figure]:
    """*figures* without repeats, in order: the tables of a file are keyed by figure id.

    The same figure twice is kept once; two different figures under one id (a record changed
    with ``attrs.evolve``) would make two rows of one key, and are refused.
    """
    kept: dict[str, Figure] = {}
    for figure in figures:
        first = kept.setdefault(figure.id, figure)
        if first is not figure and first != figure:
            raise PhareError(
                f"two different figures have the id {figure.id!r}; a file export keys its rows "
                "by figure id"
            )
    return list(kept.values())


def dataset_of(figures: Sequence[Figure]) -> Dataset:
    """The one dataset *figures* were read from; the bundled one when there are none.

    An export's studies, sources, regions and data version are that dataset's, so figures of
    a copy loaded with :func:`phare.load` are written with the copy's records, never the
    bundled ones; figures of two datasets would need two of each, and are refused.
    """
    found = {id(f.study._dataset): f.study._dataset for f in figures}
    if len(found) > 1:
        raise PhareError(
            f"these figures come from {len(found)} datasets; an export holds the figures of "
            "one dataset, with its studies and sources: export each dataset's figures apart"
        )
    if found:
        return next(iter(found.values()))
    from phare.dataset import BUNDLED

    return BUNDLED


def contents(figures: Iterable[Figure]) -> Export:
    """The tables of a file export of *figures*, sources first so keys resolve, and its metadata.

    >>> import phare
    >>> found = {t.name: t for t in contents(phare.figures(region="occitanie")).tables}
    >>> sorted(found)
    ['breaks', 'disputes', 'figures', 'regions', 'sources', 'studies']
    >>> len(found["figures"].rows) == len(phare.figures(region="occitanie"))
    True
    >>> found["regions"].rows[0][:2]
    ('france', 'France')
    """
    given = list(figures)
    dataset = dataset_of(given)  # before the repeats go: equal figures of two datasets are two
    chosen = _unique(given)
    studies = dataset.studies()
    disputes = dataset._disputes_of(chosen)
    exported = {f.id for f in chosen}
    breaks = [
        b
        for b in dataset._tables().breaks.values()
        if b.before.id in exported and b.after.id in exported
    ]
    cited: dict[str, Source] = {}
    for source in (
        *(f.source for f in chosen),
        *(s.source for s in studies),
        *(d.source for _, _, d in disputes),
        *(b.source for b in breaks),
    ):
        cited.setdefault(source.id, source)
    regions = (dataset.national(), *dataset.regions())
    found = (
        Table("sources", SOURCES, [(s.id, s.publisher, s.title, s.url) for s in cited.values()]),
        Table(
            "regions",
            REGIONS,
            [(r.slug, r.name, r.kind, r.insee_code, r.iso_3166_2, r.nuts) for r in regions],
        ),
        Table("studies", STUDIES, [_study_row(s) for s in studies]),
        Table(
            "figures",
            FIGURES,
            [_figure_row(f) for f in chosen],
        ),
        Table(
            "disputes",
            DISPUTES,
            [
                (
                    number,
                    kind,
                    subject,
                    subject if kind == "figure" else None,
                    subject if kind == "study" else None,
                    d.field,
                    d.kept,
                    d.other,
                    d.other_value,
                    d.source.id,
                    d.note,
                )
                for number, (kind, subject, d) in enumerate(disputes, start=1)
            ],
        ),
        Table(
            "breaks",
            BREAKS,
            [
                (number, b.before.id, b.after.id, b.kind, b.reason, b.source.id)
                for number, b in enumerate(breaks, start=1)
            ],
        ),
    )
    return Export(found, export_metadata(dataset))


def replace_file(path: str, fill: Callable[[str], None]) -> None:
    """Have *fill* write a new file beside *path*, then put it in *path*'s place in one step.

    A file already at *path* is replaced whole (a database is never appended to), and a write
    that fails halfway leaves it as it was. A symbolic link is followed, so the link stays and
    points at the new file; what stands at the end must be a regular file, as a pipe, a device
    or a folder cannot be swapped for a file. The new file keeps the permissions of the one it
    replaces, and a file that is new gets those the umask gives any new file (``0644`` under
    the usual ``022``), not the owner-only mode of a temporary file. A path that cannot be
    written is a :class:`phare.PhareError` naming it.
    """
    try:
        target = os.path.realpath(path)
        mode = _replaced_mode(path, target)
        scratch = os.path.join(os.path.dirname(target), f".phare-{secrets.token_hex(8)}.tmp")
        os.close(os.open(scratch, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except (OSError, ValueError) as err:  # ValueError: a NUL or a lone surrogate in the name
        raise _cannot_write(path, err) from err
    try:
        if mode is not None:
            os.chmod(scratch, mode)
        fill(scratch)
        os.replace(scratch, target)
    except (OSError, ValueError) as err:  # fill() raises PhareError for what it cannot write
        raise _cannot_write(path, err) from err
    finally:
        if os.path.exists(scratch):
            os.remove(scratch)


def _replaced_mode(path: str, target: str) -> int | None:
    """The permission bits of the regular file at *target*, ``None`` when nothing is there."""
    try:
        found = os.stat(target)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(found.st_mode):
        raise PhareError(
            f"cannot write {path}: it is not a regular file (a folder, a pipe or a device); "
            "name a file"
        )
    return stat.S_IMODE(found.st_mode)


def _cannot_write(path: str, err: OSError | ValueError) -> PhareError:
    reason = err.strerror if isinstance(err, OSError) else None
    return PhareError(f"cannot write {path}: {reason or err}")
