"""The data contract: datapackage.json describes every bundled file, and the data keeps it.

The reference validator (frictionless) checks the tables against their schemas, keys and
foreign keys; the per-unit bounds of ``figures.value``, which one Table Schema column cannot
state, run as row constraints built from the field's ``phare:unitBounds``. The loader reads its
rules from the same descriptor (it holds no copy of them): the tests below check that it reads
the JSON Schema as the reference validator does, and that a copy's descriptor is the contract
that copy is held to.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frictionless
import jsonschema
import pytest

import phare
from phare._contract import check_json
from support.datacopy import (
    DATA,
    DESCRIPTOR,
    copy_data,
    read_table,
    resources,
    set_cell,
    write_table,
)


def unit_checklist() -> frictionless.Checklist:
    """Row constraints: each figure's value within the bounds of its own unit."""
    figures = next(r for r in resources() if r["name"] == "figures")
    value = next(f for f in figures["schema"]["fields"] if f["name"] == "value")
    checks = []
    for unit, (low, high) in value["phare:unitBounds"].items():
        bound = f"{low} <= value" + ("" if high is None else f" <= {high}")
        checks.append(frictionless.checks.row_constraint(formula=f"unit != '{unit}' or ({bound})"))
    return frictionless.Checklist(checks=checks)


def validate(folder: Path) -> list[tuple[str, str, int | None]]:
    """Every error the reference validator finds: the package, then figures' unit bounds.

    A checklist applies to every table it is given, so the unit constraints run on the
    figures table alone (the only one with both a ``unit`` and a ``value``).
    """
    package = frictionless.Package(str(folder / "datapackage.json"))
    reports = [
        package.validate(),
        package.get_table_resource("figures").validate(checklist=unit_checklist()),
    ]
    return [
        (task.name, error.type, getattr(error, "row_number", None))
        for report in reports
        for task in report.tasks
        for error in task.errors
    ]


def test_the_bundled_package_is_valid() -> None:
    assert validate(DATA) == []
    report = frictionless.Package(str(DATA / "datapackage.json")).validate()
    assert {task.name for task in report.tasks} == {r["name"] for r in DESCRIPTOR["resources"]}


def test_every_data_file_is_described() -> None:
    described = {r["path"] for r in DESCRIPTOR["resources"]}
    schemas = {r["jsonSchema"] for r in DESCRIPTOR["resources"] if "jsonSchema" in r}
    on_disk = {p.name for p in DATA.iterdir() if p.is_file()} - {"datapackage.json"}
    assert described | schemas == on_disk


def test_sources_and_licence_are_declared() -> None:
    assert DESCRIPTOR["licenses"][0]["name"] == "MIT"
    assert any(s.get("path") == "https://www.lerameau.fr/" for s in DESCRIPTOR["sources"])


def json_schema() -> dict[str, Any]:
    (resource,) = resources("json")
    return dict(json.loads((DATA / resource["jsonSchema"]).read_text(encoding="utf-8")))


def observatory_data() -> dict[str, Any]:
    return dict(json.loads((DATA / "observatory.json").read_text(encoding="utf-8")))


def test_observatory_json_keeps_its_json_schema() -> None:
    data = observatory_data()
    jsonschema.validate(data, json_schema())
    broken = {**data, "founded": "2008"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, json_schema())


def mutations() -> Iterator[Any]:
    """Copies of observatory.json, each broken (or not) in one way the schema speaks of."""
    data = observatory_data()
    programme = data["programmes"][0]
    yield pytest.param(data, id="as-shipped")
    yield pytest.param({**data, "founded": "2008"}, id="year-as-text")
    yield pytest.param({**data, "founded": True}, id="year-as-boolean")
    yield pytest.param({**data, "founded": 1800}, id="year-too-early")
    yield pytest.param({**data, "name": ""}, id="empty-name")
    yield pytest.param({**data, "id": "another"}, id="another-id")
    yield pytest.param({**data, "extra": 1}, id="unknown-key")
    yield pytest.param({k: v for k, v in data.items() if k != "partners"}, id="missing-key")
    yield pytest.param({**data, "founded_sources": []}, id="no-source")
    yield pytest.param({**data, "partners_source": "not a url"}, id="bad-source")
    yield pytest.param({**data, "programmes": []}, id="no-programme")
    yield pytest.param({**data, "programmes": [{**programme, "id": "ZZZ"}]}, id="unknown-programme")
    yield pytest.param({**data, "programmes": [{**programme, "rank": 0}]}, id="rank-zero")
    yield pytest.param({**data, "programmes": [{**programme, "end_year": "x"}]}, id="end-as-text")
    yield pytest.param({**data, "programmes": [{**programme, "strands": 1.5}]}, id="strands-float")
    yield pytest.param({**data, "le_rameau": []}, id="object-as-list")


@pytest.mark.parametrize("data", list(mutations()))
def test_the_loader_reads_the_json_schema_as_the_reference_validator_does(data: Any) -> None:
    try:
        jsonschema.validate(data, json_schema())
    except jsonschema.ValidationError:
        with pytest.raises(phare.DataError, match=r"^observatory\.json, field "):
            check_json(data, json_schema(), "observatory.json")
    else:
        check_json(data, json_schema(), "observatory.json")


def test_the_descriptor_is_the_contract_the_loader_enforces(tmp_path: Path) -> None:
    """Loosen one rule in a copy's datapackage.json: the copy loads; tighten it: it does not."""
    folder = copy_data(tmp_path)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    figures = next(r for r in descriptor["resources"] if r["path"] == "figures.csv")
    year = next(f for f in figures["schema"]["fields"] if f["name"] == "reference_year")
    _, rows = read_table(folder, "figures.csv")
    earliest = min(int(row["reference_year"]) for row in rows)
    year["constraints"]["minimum"] = earliest + 1
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(phare.DataError, match=rf"field 'reference_year': {earliest} is out of"):
        phare.load(folder)
    year["constraints"]["minimum"] = earliest
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert len(phare.load(folder).figures()) == len(rows)


def fields_of(name: str) -> list[dict[str, Any]]:
    resource = next(r for r in resources() if r["name"] == name)
    return list(resource["schema"]["fields"])


def test_the_widest_unit_bound_is_the_plain_minimum_of_the_values() -> None:
    """The per-unit bounds are phare's own property; the plain ``minimum`` is the widest one,
    so the reference validator, which reads only the plain constraint, is never stricter."""
    (value,) = [f for f in fields_of("figures") if f["name"] == "value"]
    bounds = value["phare:unitBounds"]
    assert value["constraints"]["minimum"] == min(low for low, _ in bounds.values())
    units = next(f for f in fields_of("figures") if f["name"] == "unit")
    assert set(bounds) == set(units["constraints"]["enum"])


# --- the reference validator rejects what the loader rejects -----------------------------


@pytest.mark.parametrize(
    ("name", "row", "field", "value", "error"),
    [
        ("figures.csv", 2, "value", "150", "row-constraint"),  # a percentage above 100
        ("figures.csv", 3, "value", "10.5", "row-constraint"),  # a score above 10
        ("figures.csv", 2, "unit", "count", "foreign-key"),  # not the indicator's unit
        ("figures.csv", 2, "region", "aquitaine", "foreign-key"),
        ("figures.csv", 2, "value", "abc", "type-error"),
        ("figures.csv", 2, "confidence", "D", "constraint-error"),
        ("figures.csv", 3, "study", "phare-citoyens-2015", "primary-key"),
        ("studies.csv", 2, "published", "2016-13", "constraint-error"),
    ],
)
def test_frictionless_rejects_a_corrupted_copy(
    tmp_path: Path, name: str, row: int, field: str, value: str, error: str
) -> None:
    folder = copy_data(tmp_path)
    if error == "primary-key":  # row 3 takes row 2's key, under another id
        header, rows = read_table(folder, name)
        rows[1] = {**rows[0], "id": "a-new-id"}
        write_table(folder, name, header, rows)
    else:
        set_cell(folder, name, row, field, value)
    found = validate(folder)
    assert (name.removesuffix(".csv"), error, row) in found, found
    with pytest.raises(phare.DataError, match=rf"{name}, row {row}"):
        phare.load(folder)
