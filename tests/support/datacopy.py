"""Copies of the bundled data that a test may break, and the descriptor that says what is legal.

The loader reads any folder through ``phare.load(...)``, so a test copies the
tables to a temporary folder, breaks one thing and loads the copy; the package's own files are
never touched. Rows are numbered as the loader and the reference validator number them: the
header is row 1, the first record row 2.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import phare

DATA = Path(phare.__file__).resolve().parent / "data"
DESCRIPTOR: dict[str, Any] = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def resources(kind: str = "table") -> list[dict[str, Any]]:
    """The resources of datapackage.json of one type (``table`` or ``json``)."""
    return [r for r in DESCRIPTOR["resources"] if r["type"] == kind]


def field(resource: str, name: str) -> dict[str, Any]:
    """The descriptor of one field of one table resource (``field("figures", "unit")``)."""
    table = next(r for r in resources() if r["name"] == resource)
    return dict(next(f for f in table["schema"]["fields"] if f["name"] == name))


def enum(resource: str, name: str) -> list[str]:
    """The values the contract allows in one field."""
    return list(field(resource, name)["constraints"]["enum"])


def copy_data(target: Path) -> Path:
    """A fresh copy of every bundled data file under *target*; returns the copy's folder."""
    folder = target / "data"
    shutil.copytree(DATA, folder)
    return folder


def read_table(folder: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows of one CSV file of *folder*."""
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_table(folder: Path, name: str, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write *rows* back as CSV, the way the bundled files are written."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (folder / name).write_text(out.getvalue(), encoding="utf-8")


def set_cell(folder: Path, name: str, row: int, field: str, value: str) -> None:
    """Replace one cell; *row* counts the header as row 1."""
    header, rows = read_table(folder, name)
    rows[row - 2][field] = value
    write_table(folder, name, header, rows)
