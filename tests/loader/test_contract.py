"""The contract read from datapackage.json, and the rules across files that it cannot state.

Each test breaks one thing in a copy of the data (the descriptor itself, observatory.json, a
study's dates, the programmes' periods) and checks the loader's refusal names the file, the
place and the problem. The per-cell cases generated from the descriptor live in
test_loader_integrity.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import phare
from phare._contract import Contract, check_json, load_json
from support.datacopy import copy_data, read_table, set_cell

Change = Callable[[dict[str, Any]], None]


def edit_json(folder: Path, name: str, change: Change) -> Path:
    path = folder / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return folder


def figures_field(data: dict[str, Any], name: str) -> dict[str, Any]:
    figures = next(r for r in data["resources"] if r["path"] == "figures.csv")
    return dict(next(f for f in figures["schema"]["fields"] if f["name"] == name))


def refusal(folder: Path) -> str:
    with pytest.raises(phare.DataError) as raised:
        phare.load(folder)
    return str(raised.value)


# --- the descriptor ---------------------------------------------------------------------------


def drop_field(data: dict[str, Any]) -> None:
    studies = next(r for r in data["resources"] if r["path"] == "studies.csv")
    studies["schema"]["fields"] = [f for f in studies["schema"]["fields"] if f["name"] != "note"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(resources={}), "datapackage.json: expected an object with a list"),
        (
            lambda d: d.update(
                resources=[r for r in d["resources"] if r["path"] != "former_codes.csv"]
            ),
            "datapackage.json: no table schema for former_codes.csv",
        ),
        (
            lambda d: d.update(resources=[r for r in d["resources"] if r["path"] != "figures.csv"]),
            "datapackage.json: no table schema for figures.csv",
        ),
        (
            lambda d: (
                figures_field(d, "value").update(type="date")
                or next(r for r in d["resources"] if r["path"] == "figures.csv")["schema"][
                    "fields"
                ].__setitem__(7, {**figures_field(d, "value"), "type": "date"})
            ),
            "datapackage.json, resource 'figures', field 'value': the type 'date' is not one "
            "phare reads (string, integer, number)",
        ),
        (
            lambda d: next(r for r in d["resources"] if r["name"] == "observatory").pop(
                "jsonSchema"
            ),
            "datapackage.json: no JSON Schema named for observatory.json",
        ),
    ],
    ids=["not-a-package", "table-undescribed", "figures-undescribed", "unknown-type", "no-schema"],
)
def test_a_broken_descriptor_is_named(tmp_path: Path, change: Change, message: str) -> None:
    folder = edit_json(copy_data(tmp_path), "datapackage.json", change)
    assert refusal(folder).startswith(message)


def test_a_field_the_records_need_but_the_descriptor_lacks_is_named(tmp_path: Path) -> None:
    folder = edit_json(copy_data(tmp_path), "datapackage.json", drop_field)
    # refused from the descriptor alone, before the rows (which still have the column) are read
    assert (
        refusal(folder)
        == "datapackage.json, resource 'studies': has no field 'note', which phare reads"
    )


def test_the_descriptor_gives_every_table_its_columns() -> None:
    from phare._store import TABLES, DataFolder

    contract = Contract(DataFolder().text("datapackage.json"))
    for name in TABLES:
        assert contract.table(name).columns == tuple(
            read_table(Path(phare.__file__).parent / "data", name)[0]
        )
    with pytest.raises(phare.DataError, match=r"no table schema for nothing\.csv"):
        contract.table("nothing.csv")


# --- observatory.json ---------------------------------------------------------------------------


def test_a_key_given_twice_in_observatory_json_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    path = folder / "observatory.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith('"founded":'))
    lines.insert(at + 1, '  "founded": 1999,')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refusal(folder) == f"observatory.json, line {at + 2}, field 'founded': given twice"


def test_a_key_given_twice_is_refused_anywhere_in_a_json_text() -> None:
    with pytest.raises(phare.DataError, match=r"^x\.json, line 1, field 'a': given twice$"):
        load_json('{"a": 1, "a": 2}', "x.json")
    with pytest.raises(phare.DataError, match=r"^x\.json, line 3, field 'b': given twice$"):
        load_json('{"a": {\n"b": 1,\n"b": 2}}', "x.json")


def programme(n: int, **changes: Any) -> Change:
    return lambda d: d["programmes"][n].update(changes)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            programme(1, end_year=2012),
            "observatory.json, field 'programmes[1].end_year': 2012 is before the start_year 2013",
        ),
        (programme(2, rank=2), "observatory.json, field 'programmes[2].rank': 2 is given twice"),
        (
            programme(1, end_year=2018),
            "observatory.json, field 'programmes[2].start_year': IMPACT starts in 2018, within "
            "PHARE 2013-2018",
        ),
        (
            programme(0, end_year=None),
            "observatory.json, field 'programmes[1].start_year': PHARE starts in 2013, within "
            "ARPEA 2008-",
        ),
        (
            lambda d: d["programmes"].reverse(),
            "",  # order in the file does not matter: ranks order them
        ),
    ],
    ids=["ends-before-it-starts", "rank-twice", "overlap", "open-ended-before-another", "order"],
)
def test_programmes_are_ranked_once_and_follow_each_other(
    tmp_path: Path, change: Change, message: str
) -> None:
    folder = edit_json(copy_data(tmp_path), "observatory.json", change)
    if not message:
        assert [p.id for p in phare.load(folder).programmes()][::-1] == [
            p.id for p in phare.programmes()
        ]
        return
    assert refusal(folder) == message


def test_a_study_outside_its_programme_period_says_why_in_its_note(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    _, rows = read_table(folder, "studies.csv")
    number = next(n for n, r in enumerate(rows, start=2) if r["id"] == "phare-entreprises-2015")
    set_cell(folder, "studies.csv", number, "published", "2019")
    assert refusal(folder) == (
        f"studies.csv, row {number}, field 'published': 2019 is outside PHARE 2013-2017; the "
        "note must say why, naming the years of the period"
    )
    note = rows[number - 2]["note"] + " Published after the PHARE years, 2013 to 2017."
    set_cell(folder, "studies.csv", number, "note", note)
    assert phare.load(folder).study("phare-entreprises-2015").published == "2019"


# --- the JSON Schema reader ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "schema", "message"),
    [
        ("x", {"format": "date"}, "field '(top)': the schema uses 'format'"),
        (1, {"oneOf": [{"type": "integer"}, {"type": "number"}]}, "matches 2 of the allowed"),
        (
            True,
            {"oneOf": [{"type": "integer"}, {"type": "null"}]},
            "expected a whole number or null",
        ),
        ([], {"type": "array", "minItems": 2}, "expected 2 items or more"),
        ({"a": 1}, {"properties": {"a": {"enum": [2, 3]}}}, "field 'a': 1 is not one of 2, 3"),
        (0.5, {"type": "number", "minimum": 1}, "0.5 is out of range: at least 1"),
        ("ab", {"pattern": "^a$"}, "'ab' does not match the pattern ^a$"),
        (None, {"type": ["string", "boolean"]}, "expected a string or true or false"),
    ],
)
def test_the_json_schema_reader_names_each_broken_rule(
    data: Any, schema: dict[str, Any], message: str
) -> None:
    with pytest.raises(phare.DataError) as raised:
        check_json(data, schema, "x.json")
    assert message in str(raised.value)
