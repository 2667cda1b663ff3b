"""A copy whose descriptor or files its user edited: every refusal is a DataError, named.

``phare.load(folder)`` holds a folder to its own ``datapackage.json``, and the user may edit it.
The code relies on part of it (the fields it reads and their types, the ids it finds records
by, the closed sets the records hold, the foreign keys it follows): a descriptor that loosens
these is refused by name, before any row is read. The descriptor's own shape is checked as it
is read; a row that no record can hold, JSON the parser cannot read and a path that is no
folder are refused too. Nothing escapes as a raw exception from deep inside.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import phare
from phare import DataError
from phare._contract import Row, Table, load_json
from phare._store import LINKS, READS, _each
from support.datacopy import DESCRIPTOR, copy_data, read_table, set_cell, write_table

Change = Callable[[dict[str, Any]], object]


def edit_descriptor(folder: Path, change: Change) -> Path:
    path = folder / "datapackage.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return folder


def resource(data: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["resources"] if r["name"] == name)
    return found


def field_of(data: dict[str, Any], name: str, field: str) -> dict[str, Any]:
    found: dict[str, Any] = next(
        f for f in resource(data, name)["schema"]["fields"] if f["name"] == field
    )
    return found


def refusal(folder: Path | str) -> str:
    with pytest.raises(DataError) as raised:
        phare.load(folder)
    return str(raised.value)


def row_of(folder: Path, name: str, key: str, value: str) -> int:
    """The row (header = 1) of *name* whose *key* is *value*."""
    _, rows = read_table(folder, name)
    return next(n for n, r in enumerate(rows, start=2) if r[key] == value)


def name_of(table: str) -> str:
    """The resource name of the table in the file *table*."""
    return next(r["name"] for r in DESCRIPTOR["resources"] if r["path"] == table)


def place(resource_name: str, field: str | None = None) -> str:
    """How a refusal of the descriptor starts: the descriptor, the resource, the field."""
    where = "" if field is None else f", field {field!r}"
    return f"datapackage.json, resource {resource_name!r}{where}: "


# --- what the code relies on: the reported cases ------------------------------------------------


def test_a_unit_the_records_cannot_hold_is_refused_from_the_descriptor(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)

    def add_euros(data: dict[str, Any]) -> None:
        for name in ("indicators", "figures"):
            field_of(data, name, "unit")["constraints"]["enum"].append("euros")
        field_of(data, "figures", "value")["phare:unitBounds"]["euros"] = [0, None]

    edit_descriptor(folder, add_euros)
    header, rows = read_table(folder, "indicators.csv")
    plain = next(r for r in rows if not r["theme_kind"])
    rows.append({**plain, "id": "budget", "unit": "euros", "aliases": ""})
    write_table(folder, "indicators.csv", header, rows)
    message = refusal(folder)
    assert message.startswith(place("indicators", "unit") + "its enum allows 'euros'"), message


def test_a_dropped_foreign_key_is_refused_before_an_unknown_id_is_looked_up(
    tmp_path: Path,
) -> None:
    folder = edit_descriptor(
        copy_data(tmp_path), lambda d: resource(d, "figures")["schema"].update(foreignKeys=[])
    )
    set_cell(folder, "figures.csv", 2, "study", "nope")
    first = LINKS["figures.csv"][0]
    assert refusal(folder).startswith(
        place("figures", ", ".join(first[0])) + f"must stay a foreign key to {first[1]}"
    )


def test_a_dropped_closed_set_is_refused_before_a_value_outside_it(tmp_path: Path) -> None:
    folder = edit_descriptor(
        copy_data(tmp_path),
        lambda d: field_of(d, "figures", "confidence")["constraints"].pop("enum"),
    )
    set_cell(folder, "figures.csv", 2, "confidence", "D")
    assert refusal(folder).startswith(place("figures", "confidence") + "must keep an enum")


def test_a_value_no_longer_required_is_refused_before_an_empty_one(tmp_path: Path) -> None:
    folder = edit_descriptor(
        copy_data(tmp_path),
        lambda d: field_of(d, "figures", "value")["constraints"].pop("required"),
    )
    set_cell(folder, "figures.csv", 2, "value", "")
    assert refusal(folder).startswith(place("figures", "value") + "must stay required")


def test_a_value_read_as_text_is_refused(tmp_path: Path) -> None:
    def as_text(data: dict[str, Any]) -> None:
        value = field_of(data, "figures", "value")
        value["type"] = "string"
        for bound in ("minimum", "maximum"):  # rules of numbers, refused on text in their own right
            value["constraints"].pop(bound, None)

    folder = edit_descriptor(copy_data(tmp_path), as_text)
    assert refusal(folder) == place("figures", "value") + (
        "must be of type 'number', as phare reads it, not 'string'"
    )


# --- what the code relies on: every need and every link, generated ----------------------------


def loosenings() -> list[Any]:
    """One loosening of each thing READS and LINKS say the code relies on."""
    cases = []
    for table, fields in READS.items():
        name = name_of(table)
        for field, need in fields.items():
            if need.required:
                cases.append(pytest.param(table, field, "required", id=f"{table}:{field}:required"))
            if need.unique:
                cases.append(pytest.param(table, field, "unique", id=f"{table}:{field}:unique"))
            if need.members is not None:
                cases.append(pytest.param(table, field, "no-enum", id=f"{table}:{field}:no-enum"))
                cases.append(pytest.param(table, field, "new-member", id=f"{table}:{field}:member"))
            cases.append(pytest.param(table, field, "type", id=f"{table}:{field}:type"))
        for key in LINKS.get(table, ()):
            shown = ", ".join(key[0])
            cases.append(pytest.param(table, shown, "link", id=f"{name}:{shown}:link"))
    return cases


def loosen(data: dict[str, Any], table: str, field: str, how: str) -> None:
    schema = resource(data, name_of(table))["schema"]
    if how == "link":
        schema["foreignKeys"] = [
            k for k in schema["foreignKeys"] if ", ".join(k["fields"]) != field
        ]
        return
    described = field_of(data, name_of(table), field)
    constraints = described.setdefault("constraints", {})
    if how == "required":
        constraints.pop("required")
    elif how == "unique":
        constraints.pop("unique")
        if schema.get("primaryKey") in ([field], field):
            schema["primaryKey"] = []
    elif how == "no-enum":
        constraints.pop("enum")
    elif how == "new-member":
        constraints["enum"] = [*constraints["enum"], "something-new"]
    else:  # another type the loader reads, with only the rules that apply to it
        described["type"] = "integer" if described.get("type", "string") == "string" else "string"
        described["constraints"] = {
            k: v for k, v in constraints.items() if k in ("required", "unique")
        }


@pytest.mark.parametrize(("table", "field", "how"), loosenings())
def test_a_descriptor_that_loosens_what_the_code_relies_on_is_refused(
    tmp_path: Path, table: str, field: str, how: str
) -> None:
    folder = edit_descriptor(copy_data(tmp_path), lambda d: loosen(d, table, field, how))
    message = refusal(folder)
    assert message.startswith(place(name_of(table), field)), message


def test_every_kind_of_reliance_is_loosened_once_at_least() -> None:
    kinds = {param.values[2] for param in loosenings()}
    assert kinds == {"required", "unique", "no-enum", "new-member", "type", "link"}


def test_the_reliance_names_every_field_the_store_reads_as_it_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """READS is the code's own account of what it reads: a load of the bundled data proves it."""
    read: dict[tuple[str, str], set[str]] = {}
    for accessor in ("text", "optional", "integer", "number", "listed"):
        original = getattr(Row, accessor)

        def spy(row: Row, field: str, _original: Any = original, _kind: str = accessor) -> Any:
            read.setdefault((row.name, field), set()).add(_kind)
            return _original(row, field)

        monkeypatch.setattr(Row, accessor, spy)
    phare.Dataset()._tables()
    assert set(read) == {(table, field) for table, fields in READS.items() for field in fields}
    types = {"text": "string", "optional": "string", "listed": "string"}
    for (table, field), accessors in read.items():
        need = READS[table][field]
        assert {types.get(kind, kind) for kind in accessors} == {need.type}, (table, field)
        if "text" in accessors:
            assert need.required, (table, field)


def test_a_copy_may_narrow_a_closed_set_to_the_values_it_uses(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    used = sorted({r["unit"] for r in read_table(folder, "indicators.csv")[1]})

    def narrow(data: dict[str, Any]) -> None:
        for name in ("indicators", "figures"):
            field_of(data, name, "unit")["constraints"]["enum"] = used
        bounds = field_of(data, "figures", "value")["phare:unitBounds"]
        for unit in set(bounds) - set(used):
            del bounds[unit]

    edit_descriptor(folder, narrow)
    assert len(phare.load(folder).figures()) == len(phare.figures())


def test_a_primary_key_alone_makes_its_field_unique(tmp_path: Path) -> None:
    folder = edit_descriptor(
        copy_data(tmp_path), lambda d: field_of(d, "sources", "id")["constraints"].pop("unique")
    )
    # the primaryKey still says it: the copy loads as the bundled data
    assert phare.load(folder)._tables().sources == phare.Dataset()._tables().sources
    header, rows = read_table(folder, "sources.csv")
    write_table(folder, "sources.csv", header, [*rows, rows[0]])
    assert refusal(folder) == (
        f"sources.csv, row {len(rows) + 2}, field(s) id: ({rows[0]['id']!r},) repeats row 2"
    )


# --- the descriptor's own shape -----------------------------------------------------------------


#: The first field of figures whose contract states a pattern.
PATTERNED = next(
    f["name"]
    for f in resource(DESCRIPTOR, "figures")["schema"]["fields"]
    if "pattern" in f.get("constraints", {})
)


BOUNDS_PROBLEM = "must be [lowest, highest], highest a number or null"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: field_of(d, "figures", "value").update({"phare:unitBounds": [0, 100]}),
            place("figures", "value") + "'phare:unitBounds' must be an object",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(percent=[0]),
            place("figures", "value") + f"phare:unitBounds of 'percent' {BOUNDS_PROBLEM}",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(percent=5),
            place("figures", "value") + f"phare:unitBounds of 'percent' {BOUNDS_PROBLEM}",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(
                percent=[None, 100]
            ),
            place("figures", "value") + f"phare:unitBounds of 'percent' {BOUNDS_PROBLEM}",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(
                percent=[0, "100"]
            ),
            place("figures", "value") + f"phare:unitBounds of 'percent' {BOUNDS_PROBLEM}",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(percent=[100, 0]),
            place("figures", "value") + "phare:unitBounds of 'percent': the lowest is above",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(pecent=[0, 100]),
            place("figures", "value") + "phare:unitBounds of 'pecent': not a unit",
        ),
        (
            lambda d: field_of(d, "figures", "value").pop("phare:unitBounds"),
            place("figures", "value") + "'phare:unitBounds' must be an object",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(
                count=[0, 10**400]
            ),
            place("figures", "value") + "phare:unitBounds of 'count': the bounds must be finite",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(
                percent=[-(10**309), 100]
            ),
            place("figures", "value") + "phare:unitBounds of 'percent': the bounds must be finite",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].update(
                percent=[-50, 250]
            ),
            place("figures", "value") + "phare:unitBounds must keep percent within [0, 100]",
        ),
        (
            lambda d: field_of(d, "figures", "value")["phare:unitBounds"].pop("percent"),
            place("figures", "value") + "phare:unitBounds must keep percent within [0, 100]",
        ),
        (
            lambda d: field_of(d, "figures", PATTERNED)["constraints"].update(pattern="("),
            place("figures", PATTERNED)
            + "the constraint 'pattern' must be a regular expression phare can read, not '('",
        ),
        (
            lambda d: field_of(d, "figures", PATTERNED)["constraints"].update(pattern=5),
            place("figures", PATTERNED) + "the constraint 'pattern' must be a regular expression",
        ),
        (
            lambda d: resource(d, "themes").update(schema=None),
            place("themes") + "'schema' must be an object",
        ),
        (
            lambda d: field_of(d, "themes", "kind").update(constraints=["required"]),
            place("themes", "kind") + "'constraints' must be an object",
        ),
        (
            lambda d: resource(d, "themes")["schema"].update(fields={}),
            place("themes") + "'schema.fields' must be a list",
        ),
        (
            lambda d: resource(d, "themes")["schema"]["fields"].append("label_de"),
            place("themes") + "schema.fields[",
        ),
        (
            lambda d: resource(d, "themes")["schema"]["fields"].append({"type": "string"}),
            place("themes") + "schema.fields[",
        ),
        (
            lambda d: resource(d, "themes")["schema"]["fields"].append({"name": "kind"}),
            place("themes", "kind") + "is given twice",
        ),
        (
            lambda d: field_of(d, "themes", "kind").update(type=["string"]),
            place("themes", "kind") + "the type ['string'] is not one phare reads",
        ),
        (
            lambda d: field_of(d, "themes", "kind")["constraints"].update(required="yes"),
            place("themes", "kind") + "the constraint 'required' must be true or false",
        ),
        (
            lambda d: field_of(d, "themes", "kind")["constraints"].update(maxLength=20),
            place("themes", "kind") + "the constraint 'maxLength' is not one phare checks",
        ),
        (
            lambda d: field_of(d, "themes", "kind")["constraints"].update(enum="fragility"),
            place("themes", "kind") + "the constraint 'enum' must be a non-empty list",
        ),
        (
            lambda d: field_of(d, "themes", "kind")["constraints"].update(enum=[1, 2]),
            place("themes", "kind") + "the constraint 'enum' must list values of the field's type",
        ),
        (
            lambda d: field_of(d, "themes", "kind")["constraints"].update(minimum=1),
            place("themes", "kind") + "the constraint 'minimum' applies to integer and number",
        ),
        (
            lambda d: field_of(d, "studies", "sample_size")["constraints"].update(minimum="0"),
            place("studies", "sample_size") + "the constraint 'minimum' must be a number",
        ),
        (
            lambda d: field_of(d, "studies", "sample_size")["constraints"].update(pattern="[0-9]+"),
            place("studies", "sample_size") + "the constraint 'pattern' applies to string fields",
        ),
        (
            lambda d: resource(d, "themes")["schema"].update(primaryKey=["nope"]),
            place("themes") + "primaryKey names 'nope', which is not a field",
        ),
        (
            lambda d: resource(d, "themes")["schema"].update(primaryKey=["id", "id"]),
            place("themes") + "primaryKey names a field twice",
        ),
        (
            lambda d: resource(d, "themes")["schema"].update(primaryKey=5),
            place("themes") + "primaryKey must name fields of the table",
        ),
        (
            lambda d: resource(d, "figures")["schema"].update(foreignKeys={}),
            place("figures") + "'foreignKeys' must be a list",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"].append([]),
            place("figures") + "foreignKeys[",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0].update(fields=["nope"]),
            place("figures") + "foreignKeys[0].fields names 'nope', which is not a field",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0].update(fields=[]),
            place("figures") + "foreignKeys[0].fields must name fields",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0]["reference"].update(
                resource="nowhere"
            ),
            place("figures") + "foreignKeys[0].reference names 'nowhere', which is no table",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0]["reference"].update(
                resource=5
            ),
            place("figures") + "foreignKeys[0].reference.resource must be a resource's name",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0]["reference"].update(
                fields=["nope"]
            ),
            place("figures") + "foreignKeys[0].reference names 'nope', which is not a field of",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0]["reference"].update(
                fields=[7]
            ),
            place("figures") + "foreignKeys[0].reference.fields must name fields",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0]["reference"].update(
                fields=["id", "programme"]
            ),
            place("figures") + "foreignKeys[0] refers from 1 field(s) to 2",
        ),
        (
            lambda d: resource(d, "figures")["schema"]["foreignKeys"][0]["reference"].update(
                resource="observatory"
            ),
            place("figures") + "foreignKeys[0].reference names 'observatory', which is no table",
        ),
        (lambda d: d["resources"].append("extra.csv"), "datapackage.json, resources["),
        (lambda d: d["resources"].append({"path": "x.csv"}), "datapackage.json, resources["),
        (
            lambda d: resource(d, "themes").update(path="/etc/passwd"),
            place("themes") + "'path' must be the path of a file inside the folder",
        ),
        (
            lambda d: resource(d, "themes").update(path="../themes.csv"),
            place("themes") + "'path' must be the path of a file inside the folder",
        ),
        (
            lambda d: resource(d, "themes").update(path="themes\x00.csv"),
            place("themes") + "'path' must be the path of a file inside the folder",
        ),
        (
            lambda d: resource(d, "observatory").update(jsonSchema=["observatory.schema.json"]),
            place("observatory") + "'jsonSchema' must be the path of a file inside the folder",
        ),
        (
            lambda d: d["resources"].append({**resource(d, "themes"), "path": "more.csv"}),
            "datapackage.json: the resource name 'themes' is given twice",
        ),
        (
            lambda d: d["resources"].append({**resource(d, "themes"), "name": "more"}),
            "datapackage.json: the resource path 'themes.csv' is given twice",
        ),
    ],
    ids=[
        "bounds-not-object", "bounds-one-number", "bounds-not-list", "bounds-no-lowest",
        "bounds-text", "bounds-reversed", "bounds-unknown-unit", "bounds-missing",
        "bounds-beyond-float", "bounds-below-float", "percent-widened", "percent-dropped",
        "bad-pattern", "pattern-not-text", "schema-null", "constraints-list", "fields-not-list", "field-not-object",
        "field-without-name", "field-twice", "type-unhashable", "required-not-bool",
        "unknown-constraint", "enum-not-list", "enum-wrong-type", "minimum-on-text",
        "minimum-text", "pattern-on-number", "primary-key-unknown", "primary-key-twice",
        "primary-key-number",
        "foreign-keys-not-list", "foreign-key-not-object", "foreign-key-unknown-field",
        "foreign-key-no-field", "foreign-key-unknown-resource", "foreign-key-resource-number",
        "foreign-key-unknown-target-field", "foreign-key-target-not-text",
        "foreign-key-size-mismatch", "foreign-key-to-json", "resource-not-object",
        "resource-without-name", "absolute-path", "path-climbs-out", "path-nul",
        "json-schema-not-text", "resource-name-twice", "resource-path-twice",
    ],
)  # fmt: skip
def test_a_malformed_descriptor_is_refused_naming_the_place(
    tmp_path: Path, change: Change, message: str
) -> None:
    folder = edit_descriptor(copy_data(tmp_path), change)
    found = refusal(folder)
    assert found.startswith(message), found


def test_a_foreign_key_to_the_table_itself_may_leave_its_resource_empty(tmp_path: Path) -> None:
    """As in Table Schema: a reference without a resource is to the table itself."""

    def self_key(data: dict[str, Any]) -> None:
        keys = resource(data, "segments")["schema"].setdefault("foreignKeys", [])
        keys.append({"fields": "id", "reference": {"resource": "", "fields": "id"}})

    folder = edit_descriptor(copy_data(tmp_path), self_key)
    assert phare.load(folder).segments() == phare.segments()


# --- a row no record can hold -------------------------------------------------------------------


def test_a_value_the_copy_allows_but_no_record_holds_names_file_row_and_field(
    tmp_path: Path,
) -> None:
    folder = edit_descriptor(
        copy_data(tmp_path),
        lambda d: field_of(d, "studies", "sample_size")["constraints"].pop("minimum"),
    )
    _, rows = read_table(folder, "studies.csv")
    row = next(n for n, r in enumerate(rows, start=2) if r["sample_size"])
    set_cell(folder, "studies.csv", row, "sample_size", "-1")
    assert refusal(folder) == (
        f"studies.csv, row {row}, field 'sample_size': Study.sample_size must not be negative, "
        "not -1"
    )


def test_a_record_that_cannot_be_built_names_its_row_even_without_a_field() -> None:
    table = Table({"name": "things", "path": "things.csv", "schema": {"fields": [{"name": "id"}]}})
    rows = table.read("id\nfirst\nsecond\n")

    def build(row: Row) -> str:
        if row.text("id") == "second":
            raise ValueError("Thing.colour must be blue")  # no such column: no field named
        return row.text("id")

    with pytest.raises(DataError, match=r"^things\.csv, row 3: Thing\.colour must be blue$"):
        list(_each(rows, build))
    assert list(_each(rows[:1], build)) == ["first"]


@pytest.mark.parametrize(
    ("published", "problem"),
    [
        ("late 2016", "'late 2016' is not an ISO date (2016, 2016-11 or 2016-11-04)"),
        ("２０１６", "'２０１６' is not an ISO date"),
        ("2016-13", "'2016-13' is not a date: there is no month 13"),
        ("2016-00-10", "'2016-00-10' is not a date: there is no month 0"),
        ("2016-11-00", "'2016-11-00' is not a date: 30 days in that month"),
        ("2016-11-31", "'2016-11-31' is not a date: 30 days in that month"),
    ],
)
def test_a_date_is_checked_on_any_text_when_the_copy_drops_its_pattern(
    tmp_path: Path, published: str, problem: str
) -> None:
    folder = edit_descriptor(
        copy_data(tmp_path),
        lambda d: field_of(d, "studies", "published")["constraints"].pop("pattern"),
    )
    _, rows = read_table(folder, "studies.csv")
    row = next(n for n, r in enumerate(rows, start=2) if r["published"])
    set_cell(folder, "studies.csv", row, "published", published)
    assert refusal(folder).startswith(f"studies.csv, row {row}, field 'published': {problem}")


def test_a_whole_number_too_long_to_read_names_its_cell(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    _, rows = read_table(folder, "studies.csv")
    row = next(n for n, r in enumerate(rows, start=2) if r["sample_size"])
    set_cell(folder, "studies.csv", row, "sample_size", "9" * 5000)
    assert refusal(folder) == (
        f"studies.csv, row {row}, field 'sample_size': is a whole number of 5000 digits, "
        "too long to read"
    )


def test_a_number_too_large_to_read_names_its_cell(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    _, rows = read_table(folder, "disputes.csv")
    row = next(n for n, r in enumerate(rows, start=2) if r["other_value"])
    set_cell(folder, "disputes.csv", row, "other_value", "9" * 400)
    assert refusal(folder) == (
        f"disputes.csv, row {row}, field 'other_value': is a number of 400 digits, "
        "too large to read"
    )


# --- observatory.json and its schema, which are the folder's too --------------------------------


def edit_observatory(folder: Path, schema: Change, data: Change) -> Path:
    for name, change in (("observatory.schema.json", schema), ("observatory.json", data)):
        path = folder / name
        loaded = json.loads(path.read_text(encoding="utf-8"))
        change(loaded)
        path.write_text(json.dumps(loaded, indent=1), encoding="utf-8")
    return folder


def test_a_loosened_observatory_schema_lets_through_only_a_named_refusal(tmp_path: Path) -> None:
    folder = edit_observatory(
        copy_data(tmp_path),
        lambda s: s["properties"].update(founded={}),
        lambda d: d.update(founded="2008"),
    )
    assert refusal(folder) == "observatory.json: Observatory.founded must be an int, not str"


def test_a_fact_the_loosened_schema_no_longer_requires_is_named_missing(tmp_path: Path) -> None:
    folder = edit_observatory(
        copy_data(tmp_path),
        lambda s: s["required"].remove("le_rameau"),
        lambda d: d.pop("le_rameau"),
    )
    assert refusal(folder) == "observatory.json, field 'le_rameau': is missing"


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.update(required=5),
        lambda s: s["properties"]["founded"].update(type="whole"),
        lambda s: s["properties"]["name"].update(pattern="("),
        lambda s: s["properties"].update(name=[]),
    ],
    ids=["required-not-list", "unknown-type", "bad-pattern", "rule-not-object"],
)
def test_a_broken_observatory_schema_is_refused_by_name(tmp_path: Path, change: Change) -> None:
    folder = edit_observatory(copy_data(tmp_path), change, lambda d: None)
    message = refusal(folder)
    assert message.startswith("observatory.json"), message
    assert "JSON Schema" in message, message


# --- JSON the parser cannot read ----------------------------------------------------------------


def test_a_whole_number_too_long_in_json_names_its_line(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    path = folder / "observatory.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip().startswith('"founded":'))
    lines[at] = '  "founded": ' + "9" * 5000 + ","
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert refusal(folder) == (
        f"observatory.json, line {at + 1}: a whole number of 5000 digits, too long to read"
    )


@pytest.mark.parametrize("name", ["observatory.json", "datapackage.json"])
def test_json_nested_too_deeply_is_refused_by_name(tmp_path: Path, name: str) -> None:
    folder = copy_data(tmp_path)
    (folder / name).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert refusal(folder) == f"{name}: not valid JSON: lists or objects nested too deeply to read"


def test_a_key_given_twice_too_deep_to_find_again_is_named_without_a_line() -> None:
    deep = 600  # read by the C parser, too deep for the pure-Python one that finds the line
    text = '{"a": ' * deep + '{"b": 1, "b": 2}' + "}" * deep
    with pytest.raises(DataError, match=r"^x\.json, field 'b': given twice$"):
        load_json(text, "x.json")


# --- a path that is no folder -------------------------------------------------------------------


class BytesPath:
    """An os.PathLike whose path is bytes: not a folder phare reads."""

    def __fspath__(self) -> bytes:
        return b"/tmp"


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        (1, "phare.load() takes a folder as a str or an os.PathLike"),
        (b"/tmp", "phare.load() takes a folder as a str or an os.PathLike"),
        (BytesPath(), "phare.load() takes a folder path as text, not bytes"),
    ],
    ids=["int", "bytes", "bytes-path-like"],
)
def test_a_path_of_the_wrong_type_is_a_type_error_naming_load(path: Any, problem: str) -> None:
    with pytest.raises(TypeError) as raised:
        phare.load(path)
    assert str(raised.value).startswith(problem)


def test_a_dataset_refuses_a_wrong_path_when_given_not_on_first_use() -> None:
    with pytest.raises(TypeError, match=r"^phare\.Dataset\(\) takes a folder as a str"):
        phare.Dataset(1)  # type: ignore[arg-type]
    with pytest.raises(DataError, match=r"^phare\.Dataset\(\): the folder is an empty path"):
        phare.Dataset("")


def test_a_path_holding_a_nul_character_is_refused(tmp_path: Path) -> None:
    path = f"{tmp_path}\x00"
    assert refusal(path) == f"phare.load(): {path!r} is not a folder path: it holds a NUL character"


def test_an_empty_path_is_refused_rather_than_read_as_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(copy_data(tmp_path))  # a data folder here: "" would have read it
    assert os.path.exists("datapackage.json")
    assert refusal("") == (
        "phare.load(): the folder is an empty path; name it ('.' for the current folder)"
    )
    assert len(phare.load(".").figures()) == len(phare.figures())
