"""The figures as a SQLite database, with the standard library's :mod:`sqlite3`.

Six tables, ``figures``, ``studies``, ``sources``, ``regions``, ``disputes`` and ``breaks`` (see
:mod:`phare._tables`), each with its primary key and its foreign keys declared, so DuckDB,
Datasette or any SQL client can join them; a ``metadata`` table says which phare and which data
made the file. Booleans are integers 0 and 1, missing values are ``NULL``. The rows are inserted
with the foreign keys enforced, so a file that is written has no dangling reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from phare._tables import Column, Export, Table, contents, replace_file
from phare.errors import PhareError
from phare.model import Figure

if TYPE_CHECKING:
    import sqlite3

#: The SQLite type of each kind of column.
SQL_TYPES = {"text": "TEXT", "real": "REAL", "integer": "INTEGER", "boolean": "INTEGER"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(column: Column, is_key: bool) -> str:
    """One column's definition: type, key, reference, and the 0/1 check of a boolean."""
    words = [_quote(column.name), SQL_TYPES[column.kind]]
    if is_key:
        words.append("NOT NULL PRIMARY KEY")
    if column.references is not None:
        table, target = column.references.split(".")
        words.append(f"REFERENCES {_quote(table)}({_quote(target)})")
    if column.kind == "boolean":
        words.append(f"CHECK ({_quote(column.name)} IN (0, 1))")
    return " ".join(words)


def create_statement(table: Table) -> str:
    """The ``CREATE TABLE`` statement of *table*, its first column the primary key.

    >>> from phare._tables import Column, Table
    >>> print(create_statement(Table("t", (Column("id"), Column("r", references="u.id")), [])))
    CREATE TABLE "t" ("id" TEXT NOT NULL PRIMARY KEY, "r" TEXT REFERENCES "u"("id"))
    """
    columns = ", ".join(_column(column, number == 0) for number, column in enumerate(table.columns))
    return f"CREATE TABLE {_quote(table.name)} ({columns})"


def _fill(path: str, made: Export) -> None:
    """Write the tables of *made* into a new database at *path*.

    A failure of the file (a disk I/O error, a full disk, a locked file) is an :class:`OSError`
    here, as for any file a writer cannot write; a key that does not hold (a figure whose
    region, study or source its dataset does not have) is the figures' fault, a
    :class:`~phare.errors.PhareError`.
    """
    import sqlite3

    try:
        _insert(sqlite3.connect(path), made)
    except sqlite3.IntegrityError as err:
        raise PhareError(
            f"the figures refer to records their dataset does not hold: SQLite says {err}"
        ) from err
    except sqlite3.Error as err:
        raise OSError(f"SQLite: {err}") from err


def _insert(connection: sqlite3.Connection, made: Export) -> None:
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            for table in made.tables:
                connection.execute(create_statement(table))
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"INSERT INTO {_quote(table.name)} VALUES ({marks})", table.rows
                )
            connection.execute(
                'CREATE TABLE "metadata" ("key" TEXT NOT NULL PRIMARY KEY, "value" TEXT)'
            )
            connection.executemany('INSERT INTO "metadata" VALUES (?, ?)', made.metadata.items())
    finally:
        connection.close()


def write(figures: Iterable[Figure], path: str) -> None:
    """Write *figures* and the records they refer to as a SQLite database at *path*.

    A file already at *path* is replaced.

    >>> import contextlib, os, sqlite3, tempfile, phare
    >>> path = os.path.join(tempfile.mkdtemp(), "phare.sqlite")
    >>> write(phare.figures(region="occitanie", actor="citizens"), path)
    >>> with contextlib.closing(sqlite3.connect(path)) as db:
    ...     db.execute("SELECT f.value, s.title FROM figures f JOIN studies s ON s.id = f.study"
    ...                " WHERE f.id = 'occ-citizens-alliances-innovation-2019'").fetchone()
    (82.0, 'IMPACT-Occitanie')
    """
    made = contents(figures)
    replace_file(path, lambda scratch: _fill(scratch, made))
