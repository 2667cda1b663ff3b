"""The tidy figure table written out as CSV, JSON or Markdown, without pandas; or as files.

Every format holds the same rows and columns as :func:`phare.to_frame` (see
:data:`phare.frame.COLUMNS`), built by :func:`phare.frame.record`. CSV stays plain: a header
row, ``true``/``false`` for booleans, an empty cell for a missing value. The text formats are the
table alone; the file formats of :data:`phare.vocabulary.FILE_FORMATS`, an Excel workbook
(:mod:`phare._xlsx`) and a SQLite database (:mod:`phare._sqlite`), add the studies, sources,
regions, disputes and series breaks the figures refer to, and the code and data versions that
made them (:func:`write`).

JSON is a list of records, one object per figure, with these keys:

- ``id``, ``region``, ``region_name``, ``actor``, ``segment``, ``indicator``: strings;
  ``theme``: a string, or ``null`` for an indicator not broken down by theme;
- ``value``: the number as published (45.0 for 45 %), ``unit``: ``percent``, ``score-10``,
  ``count`` or ``points``; ``share``: the value as a fraction for percentages, else ``null``;
- ``qualifier``: ``exact``, ``approx`` or ``lower-bound``; ``reference_year``: an integer;
- ``study``, ``programme`` (``ARPEA``, ``PHARE``, ``IMPACT``, ``IMPACTS-TRAJECTOIRES``),
  ``confidence`` (``A``, ``B``, ``C``); ``source_url`` (``null`` for the Nouvelle-Aquitaine
  press release), ``source``, ``publisher``;
- ``disputed``: ``true`` when another source gives another value or meaning;
- ``data_version``: the version of the data the figure was read from (``phare --version``),
  which a table keeps row by row however it is later cut or joined; ``note``.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType

from phare.errors import PhareError
from phare.frame import COLUMNS, Record, columns, labelled_records
from phare.model import Figure
from phare.vocabulary import FILE_FORMATS, Format, export_format, type_name


def _cell(value: object) -> str:
    """A value as CSV or Markdown text: empty for ``None``, ``true``/``false``, floats in full.

    >>> [_cell(v) for v in (None, True, 1200000.0, "x")]
    ['', 'true', '1200000.0', 'x']
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def to_csv(records: Iterable[Record], names: Sequence[str] = COLUMNS) -> str:
    """The records as CSV, with a header row; ``pandas.read_csv`` reads it back as it was.

    >>> import phare
    >>> text = to_csv(labelled_records(phare.figures(region="occitanie")))
    >>> print(text.splitlines()[1][:60])
    occ-citizens-alliances-innovation-2019,occitanie,Occitanie,c
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in records:
        writer.writerow([_cell(row[column]) for column in names])
    return out.getvalue()


def _json_value(value: object) -> object:
    """*value* as strict JSON holds it: a float that is not a number (NaN, infinite) is null."""
    return None if isinstance(value, float) and not math.isfinite(value) else value


def to_json(records: Iterable[Record], names: Sequence[str] = COLUMNS) -> str:
    r"""The records as a JSON list of objects (keys described in this module's docstring).

    The text is strict JSON: a missing number is ``null``, never ``NaN`` or ``Infinity``, which
    ``json.dumps`` would write and most readers (JavaScript's among them) refuse.

    >>> import json, phare
    >>> rows = json.loads(to_json(labelled_records(phare.figures(region="occitanie"))))
    >>> rows[0]["value"], rows[0]["share"], rows[0]["theme"]
    (82.0, 0.82, None)
    >>> to_json([{"share": float("nan")}], ["share"])
    '[\n  {\n    "share": null\n  }\n]\n'
    """
    rows = [{key: _json_value(row[key]) for key in names} for row in records]
    return json.dumps(rows, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def markdown_cell(value: object) -> str:
    r"""*value* as the text of one Markdown table cell: ``|`` escaped, each line break a space.

    A ``|`` would end the cell and a line break the row: CR, LF, CRLF, the Unicode line and
    paragraph separators (U+2028, U+2029) and every other break :meth:`str.splitlines` knows.

    >>> markdown_cell("a|b\r\nc\u2028d")
    'a\\|b c d'
    """
    return " ".join(_cell(value).replace("|", "\\|").splitlines())


def to_markdown(records: Iterable[Record], names: Sequence[str] = COLUMNS) -> str:
    """The records as a Markdown (GitHub) table, each cell made safe by :func:`markdown_cell`.

    >>> import phare
    >>> lines = to_markdown(labelled_records(phare.figures(region="occitanie"))).splitlines()
    >>> lines[0][:30], lines[1][:12], len(lines)
    ('| id | region | region_name | ', '| --- | --- ', 4)
    """
    lines = [
        "| " + " | ".join(names) + " |",
        "| " + " | ".join("---" for _ in names) + " |",
    ]
    for row in records:
        lines.append("| " + " | ".join(markdown_cell(row[column]) for column in names) + " |")
    return "\n".join(lines) + "\n"


#: The writer of each text format.
WRITERS: Mapping[Format, Callable[[Iterable[Record], Sequence[str]], str]] = MappingProxyType(
    {"csv": to_csv, "json": to_json, "markdown": to_markdown}
)


def render(figures: Iterable[Figure], format: str, lang: str | None = None) -> str:
    """*figures* as text in a text format (csv, json, markdown), named in any case.

    With *lang* (``"en"`` or ``"fr"``) the label columns of :func:`phare.to_frame` follow, in
    that language; without it the table has :data:`phare.frame.COLUMNS` alone.

    >>> import phare
    >>> print(render(phare.figures(region="occitanie"), "CSV").splitlines()[0][:40])
    id,region,region_name,actor,segment,indi
    >>> render(phare.figures(region="occitanie"), "csv", lang="fr").splitlines()[1][-12:]
    ',pourcentage'
    """
    chosen = export_format(format)
    writer = WRITERS.get(chosen)
    if writer is None:
        raise PhareError(f"{chosen} is a file format: write it with write() (--output FILE)")
    return writer(labelled_records(figure_list(figures), lang), columns(lang))


def figure_list(figures: object) -> list[Figure]:
    """*figures* as a list, each checked to be a :class:`~phare.Figure`: else a :class:`TypeError`.

    A DataFrame, a region or a list of ids is not a set of figures; saying so here beats an
    ``AttributeError`` from deep inside a writer.

    >>> import phare
    >>> figure_list(phare.to_frame(region="occitanie"))
    Traceback (most recent call last):
    ...
    TypeError: figures must be Figure records (phare.figures(...), Region.figures()), not pandas.DataFrame
    """
    if isinstance(figures, (str, bytes)) or not isinstance(figures, Iterable):
        found = list[object]()
    else:
        found = list(figures)
        checked = [f for f in found if isinstance(f, Figure)]
        if len(checked) == len(found):
            return checked
    plain = isinstance(figures, (list, tuple, set, frozenset, Iterator))  # else name the container
    wrong = next((f for f in found if not isinstance(f, Figure)), figures) if plain else figures
    raise TypeError(
        "figures must be Figure records (phare.figures(...), Region.figures()), "
        f"not {type_name(wrong)}"
    )


def write(figures: Iterable[Figure], format: str, path: str) -> None:
    """Write *figures* to the file *path* in a file format (xlsx, sqlite), named in any case.

    >>> import os, sqlite3, tempfile, phare
    >>> path = os.path.join(tempfile.mkdtemp(), "occitanie.sqlite")
    >>> write(phare.figures(region="occitanie"), "SQLite", path)
    >>> os.path.getsize(path) > 0
    True
    """
    chosen = export_format(format)
    if not isinstance(path, str):
        raise TypeError(f"path must be a str, not {type_name(path)}")
    if not path:
        raise PhareError("path must name a file")
    checked = figure_list(figures)
    if chosen == "xlsx":
        from phare import _xlsx

        _xlsx.write(checked, path)
    elif chosen == "sqlite":
        from phare import _sqlite

        _sqlite.write(checked, path)
    else:
        raise PhareError(
            f"{chosen!r} is not a file format; file formats: {', '.join(FILE_FORMATS)}"
        )
