"""The figures as an Excel workbook, with openpyxl from the optional extra ``phare-observatoire[excel]``.

One sheet per table of :mod:`phare._tables`, figures first, then studies, sources, disputes,
breaks and regions, and an ``about`` sheet saying which phare and which data made the file. Every text is
written as text: a note or a title that starts with ``=``, ``+``, ``-`` or ``@`` stays a string
and can never become a formula. Numbers stay numbers, booleans are Excel booleans, and a missing
value is an empty cell.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from phare._tables import Cell, Export, contents, replace_file
from phare.errors import MissingExtraError, PhareError
from phare.model import Figure

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: The sheets, in the order a reader meets them.
SHEETS = ("figures", "studies", "sources", "disputes", "breaks", "regions")

#: No column is drawn wider than this many characters; longer texts wrap in the cell.
MAX_WIDTH = 60


def _sheet(sheet: Worksheet, headers: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """Fill *sheet*: a bold frozen header with filters, then *rows*, every text as text."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    widths = [len(header) for header in headers]
    for number, line in enumerate([headers, *rows], start=1):
        for column, value in enumerate(line, start=1):
            cell = sheet.cell(row=number, column=column)
            try:
                cell.value = value
            except IllegalCharacterError as err:
                raise PhareError(
                    f"cannot write sheet {sheet.title!r}, row {number}, column "
                    f"{headers[column - 1]!r} to Excel: it holds a control character"
                ) from err
            if isinstance(value, str):
                cell.data_type = "s"  # never "f": a leading "=" is text, not a formula
                widths[column - 1] = max(widths[column - 1], len(value))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_WIDTH)


def _fill(path: str, made: Export) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet every new workbook has
    found = {table.name: table for table in made.tables}
    for name in SHEETS:
        table = found[name]
        _sheet(book.create_sheet(name), [c.name for c in table.columns], table.rows)
    meta = made.metadata
    _sheet(book.create_sheet("about"), ["key", "value"], meta.items())
    book.properties.title = meta["title"]
    book.properties.creator = f"phare {meta['phare_version']}"
    book.properties.version = meta["data_version"]
    book.properties.description = f"data version {meta['data_version']}"
    book.save(path)


def write(figures: Iterable[Figure], path: str) -> None:
    """Write *figures* and the records they refer to as an Excel workbook at *path*.

    Without openpyxl this raises :class:`phare.MissingExtraError`, naming the ``excel`` extra.
    A file already at *path* is replaced.

    >>> import os, tempfile, openpyxl, phare
    >>> path = os.path.join(tempfile.mkdtemp(), "phare.xlsx")
    >>> write(phare.figures(region="occitanie"), path)
    >>> book = openpyxl.load_workbook(path)
    >>> book.sheetnames
    ['figures', 'studies', 'sources', 'disputes', 'breaks', 'regions', 'about']
    >>> [cell.value for cell in book["figures"]["A"][:2]]
    ['id', 'occ-citizens-alliances-innovation-2019']
    """
    try:
        import openpyxl  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError("excel", "openpyxl") from exc
    made = contents(figures)
    replace_file(path, lambda scratch: _fill(scratch, made))
