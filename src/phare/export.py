"""The tidy figure table written out as CSV, JSON or Markdown, without pandas; or as files.

Every format holds the same rows and columns as :func:`phare.to_frame` (see
:data:`phare.frame.COLUMNS`), built by :func:`phare.frame.record`. CSV stays plain: a header
row, ``true``/``false`` for booleans, an empty cell for a missing value. The text formats are the
table alone; the file formats of :data:`BINARY`, an Excel workbook (:mod:`phare._xlsx`) and a
SQLite database (:mod:`phare._sqlite`), add the studies, sources, regions and disputes the
figures refer to, and the code and data versions that made them (:func:`write`).

JSON is a list of records, one object per figure, with these keys:

- ``id``, ``region``, ``region_name``, ``actor``, ``segment``, ``indicator``: strings;
  ``theme``: a string, or ``null`` for an indicator not broken down by theme;
- ``value``: the number as published (45.0 for 45 %), ``unit``: ``percent``, ``score-10``,
  ``count`` or ``points``; ``share``: the value as a fraction for percentages, else ``null``;
- ``qualifier``: ``exact``, ``approx`` or ``lower-bound``; ``reference_year``: an integer;
- ``study``, ``programme`` (``ARPEA``, ``PHARE``, ``IMPACT``), ``confidence`` (``A``, ``B``,
  ``C``); ``source_url`` (``null`` for the Nouvelle-Aquitaine press release), ``source``, ``publisher``;
- ``disputed``: ``true`` when another source gives another value or meaning; ``note``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Literal

from phare._names import closest, normalise
from phare.errors import PhareError, UnknownNameError
from phare.frame import COLUMNS, Record, record
from phare.model import Figure

Format = Literal["csv", "json", "markdown", "xlsx", "sqlite"]
FORMATS: tuple[Format, ...] = ("csv", "json", "markdown", "xlsx", "sqlite")
#: The formats written as files by :func:`write`, not as text by :func:`render`.
BINARY: tuple[Format, ...] = ("xlsx", "sqlite")


def _cell(value: object) -> str:
    """A value as CSV or Markdown text: empty for ``None``, ``true``/``false``, floats in full.

    >>> [_cell(v) for v in (None, True, 1200000.0, "x")]
    ['', 'true', '1200000.0', 'x']
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def to_csv(records: Iterable[Record]) -> str:
    """The records as CSV, with a header row; ``pandas.read_csv`` reads it back as it was.

    >>> import phare
    >>> text = to_csv(map(record, phare.figures(region="occitanie")))
    >>> print(text.splitlines()[1][:60])
    occ-citizens-alliances-innovation-2019,occitanie,Occitanie,c
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in records:
        writer.writerow([_cell(row[column]) for column in COLUMNS])
    return out.getvalue()


def to_json(records: Iterable[Record]) -> str:
    """The records as a JSON list of objects (keys described in this module's docstring).

    >>> import json, phare
    >>> rows = json.loads(to_json(map(record, phare.figures(region="occitanie"))))
    >>> rows[0]["value"], rows[0]["share"], rows[0]["theme"]
    (82.0, 0.82, None)
    """
    return json.dumps(list(records), ensure_ascii=False, indent=2) + "\n"


def to_markdown(records: Iterable[Record]) -> str:
    """The records as a Markdown (GitHub) table; a ``|`` inside a cell is escaped.

    >>> import phare
    >>> lines = to_markdown(map(record, phare.figures(region="occitanie"))).splitlines()
    >>> lines[0][:30], lines[1][:12], len(lines)
    ('| id | region | region_name | ', '| --- | --- ', 4)
    """
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "| " + " | ".join("---" for _ in COLUMNS) + " |",
    ]
    for row in records:
        cells = (_cell(row[column]).replace("|", "\\|").replace("\n", " ") for column in COLUMNS)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


WRITERS = {"csv": to_csv, "json": to_json, "markdown": to_markdown}


def render(figures: Iterable[Figure], format: str) -> str:
    """*figures* as text in one of :data:`FORMATS`.

    >>> import phare
    >>> print(render(phare.figures(region="occitanie"), "csv").splitlines()[0][:40])
    id,region,region_name,actor,segment,indi
    """
    if not isinstance(format, str):
        raise TypeError(f"format must be a str, not {type(format).__name__}")
    if format in BINARY:
        raise PhareError(f"{format} is a file format: write it with write() (--output FILE)")
    writer = WRITERS.get(format)
    if writer is None:
        suggestions = closest(format, {normalise(name): name for name in FORMATS})
        hint = "" if suggestions else f"formats: {', '.join(FORMATS)}"
        raise UnknownNameError("export format", format, suggestions, hint)
    return writer([record(f) for f in figures])


def write(figures: Iterable[Figure], format: str, path: str) -> None:
    """Write *figures* to the file *path* in one of the :data:`BINARY` formats.

    >>> import os, sqlite3, tempfile, phare
    >>> path = os.path.join(tempfile.mkdtemp(), "occitanie.sqlite")
    >>> write(phare.figures(region="occitanie"), "sqlite", path)
    >>> os.path.getsize(path) > 0
    True
    """
    if format == "xlsx":
        from phare import _xlsx

        _xlsx.write(figures, path)
    elif format == "sqlite":
        from phare import _sqlite

        _sqlite.write(figures, path)
    else:
        raise PhareError(f"{format!r} is not a file format; file formats: {', '.join(BINARY)}")
