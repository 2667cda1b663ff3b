"""What the sources say that the package does not hold as a figure, and why.

The list is documentation, not data of the package: it lives in ``docs/data/excluded.csv``, one
row per fact, with the kind of reason (:data:`KINDS`), the reason in a sentence, where the fact
survives in the package if it does, and the source it was read in when it has an address. Where
a row says a fact is kept, it names the records that keep it (``figure:<id>``,
``study:<id>``, ``programme:<id>``, ``observatory``, separated by ``;``), and :func:`record`
finds each one through the public API: the page is built from those records and the test suite
checks every one, so the page cannot promise a record that is not there.

>>> rows = exclusions()
>>> rows[0].kind, rows[0].where_kept
('adjacent-study', ())
>>> next(row.where_kept for row in rows if row.where_kept)
(('figure', 'naq-companies-partnering'),)
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple

import phare
from phare.model import Figure, Observatory, Programme, Study

#: The table, next to the page that shows it.
CSV = Path(__file__).resolve().parent.parent / "data" / "excluded.csv"

#: The columns of the table, in order.
COLUMNS = ("item", "kind", "reason", "where_kept", "source")

#: Each kind of reason, in the order of the page, with its heading there.
KINDS = {
    "adjacent-study": "From surveys that are not the Observatory's",
    "pooled-geography": "Geography that fits no region",
    "qualitative": "Findings without a number",
    "unattributable": "Figures no study can be assigned to",
    "not-a-measure": "Numbers that are not survey results",
    "derived": "Numbers worked out, never published",
    "merged-duplicate": "The same figure from another source",
    "dispute": "Another value or meaning from another source",
    "recorded-elsewhere": "Facts kept elsewhere in the package",
    "left-out": "Left out on purpose, or for lack of content",
}

#: The kinds of record a row can say keeps its fact.
RECORD_KINDS = ("figure", "study", "programme", "observatory")

#: A record of the package named by a row: its kind and its identifier ("" for the Observatory).
Reference = tuple[str, str]


class Exclusion(NamedTuple):
    """One row of the table: a fact the package does not hold as a figure."""

    item: str
    kind: str
    reason: str
    where_kept: tuple[Reference, ...]
    source: str | None


def exclusions(path: Path = CSV) -> tuple[Exclusion, ...]:
    """Every row of the table, checked for its columns, kinds and references.

    >>> len(exclusions()) > 50
    True
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path.name}: the columns must be {', '.join(COLUMNS)}")
        rows = []
        for number, row in enumerate(reader, start=2):
            where = f"{path.name}, line {number}"
            if row["kind"] not in KINDS:
                raise ValueError(f"{where}, kind: {row['kind']!r} is not one of {', '.join(KINDS)}")
            rows.append(
                Exclusion(
                    item=row["item"],
                    kind=row["kind"],
                    reason=row["reason"],
                    where_kept=tuple(_reference(ref, where) for ref in _split(row["where_kept"])),
                    source=row["source"] or None,
                )
            )
    return tuple(rows)


def record(reference: Reference) -> Figure | Study | Programme | Observatory:
    """The record a reference names, found through the public API.

    >>> record(("study", "phare-institutions-2016")).actors
    ('mayors',)
    >>> record(("figure", "no-such-figure"))
    Traceback (most recent call last):
      ...
    LookupError: no figure 'no-such-figure'
    """
    kind, ident = reference
    if kind == "observatory":
        return phare.observatory()
    found: Figure | Study | Programme | None
    if kind == "figure":
        found = next((f for f in phare.figures() if f.id == ident), None)
    else:
        found = phare.study(ident) if kind == "study" else phare.programme(ident)
        # The lookups forgive spelling; the table must name the identifier itself.
        found = found if found.id == ident else None
    if found is None:
        raise LookupError(f"no {kind} {ident!r}")
    return found


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _reference(text: str, where: str) -> Reference:
    kind, _, ident = text.partition(":")
    if kind not in RECORD_KINDS or (kind == "observatory") != (ident == ""):
        raise ValueError(
            f"{where}, where_kept: {text!r} is not figure:<id>, study:<id>, programme:<id> "
            "or observatory"
        )
    return kind, ident
