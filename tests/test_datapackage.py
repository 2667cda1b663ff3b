"""The data contract: datapackage.json describes every bundled file, and the data keeps it.

The reference validator (frictionless) checks the tables against their schemas, keys and
foreign keys; the per-unit bounds of ``figures.value``, which one Table Schema column cannot
state, run as row constraints built from the field's ``phare:unitBounds``. The loader must apply
the very same rules: the tests below compare its constants with the descriptor, so the two
cannot drift apart silently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import frictionless
import jsonschema
import pytest

import phare
from datacopy import DATA, DESCRIPTOR, copy_data, read_table, resources, set_cell, write_table
from phare import _store


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
    on_disk = {p.name for p in DATA.iterdir() if p.is_file()} - {"datapackage.json"}
    assert described == on_disk


def test_sources_and_licence_are_declared() -> None:
    assert DESCRIPTOR["licenses"][0]["name"] == "MIT"
    assert any(s.get("path") == "https://www.lerameau.fr/" for s in DESCRIPTOR["sources"])


def test_observatory_json_keeps_its_json_schema() -> None:
    (resource,) = resources("json")
    data = json.loads((DATA / resource["path"]).read_text(encoding="utf-8"))
    jsonschema.validate(data, resource["jsonSchema"])
    broken = {**data, "founded": "2008"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, resource["jsonSchema"])


# --- the loader states the same contract --------------------------------------------------


def test_loader_keys_are_the_json_schema_keys() -> None:
    (resource,) = resources("json")
    schema = resource["jsonSchema"]
    assert tuple(schema["required"]) == _store.OBSERVATORY_KEYS
    assert tuple(schema["properties"]["le_rameau"]["required"]) == _store.RAMEAU_KEYS
    programme = schema["properties"]["programmes"]["items"]
    assert tuple(programme["required"]) == _store.PROGRAMME_KEYS
    # every key is required and none other is allowed: the loader's ``only`` rule
    assert set(schema["properties"]) == set(_store.OBSERVATORY_KEYS)
    assert set(programme["properties"]) == set(_store.PROGRAMME_KEYS)


def fields_of(name: str) -> list[dict[str, Any]]:
    resource = next(r for r in resources() if r["name"] == name)
    return list(resource["schema"]["fields"])


@pytest.mark.parametrize("resource", resources(), ids=lambda r: r["name"])
def test_loader_columns_are_the_schema_fields(resource: dict[str, Any]) -> None:
    names = tuple(f["name"] for f in resource["schema"]["fields"])
    assert _store.COLUMNS[resource["path"]] == names


def test_loader_primary_keys_are_the_schema_keys() -> None:
    for resource in resources():
        key = tuple(resource["schema"]["primaryKey"])
        assert _store.PRIMARY_KEYS.get(resource["path"], key) == key
    assert _store.PRIMARY_KEYS["figures.csv"] == (
        "region", "actor", "segment", "indicator", "theme", "study"
    )  # fmt: skip


def test_loader_enumerations_are_the_schema_enumerations() -> None:
    enums = {
        (resource["name"], field["name"]): tuple(field["constraints"]["enum"])
        for resource in resources()
        for field in resource["schema"]["fields"]
        if "enum" in field.get("constraints", {})
    }
    assert enums == {
        ("regions", "kind"): _store.REGION_KINDS,
        ("actors", "id"): _store.ACTOR_IDS,
        ("segments", "actor"): _store.ACTOR_IDS,
        ("themes", "kind"): _store.THEME_KINDS,
        ("indicators", "unit"): _store.UNITS,
        ("indicators", "theme_kind"): _store.THEME_KINDS,
        ("studies", "programme"): _store.PROGRAMME_IDS,
        ("studies", "scope"): _store.SCOPES,
        ("studies", "sample_qualifier"): _store.QUALIFIERS,
        ("figures", "actor"): _store.ACTOR_IDS,
        ("figures", "unit"): _store.UNITS,
        ("figures", "qualifier"): _store.QUALIFIERS,
        ("figures", "confidence"): _store.CONFIDENCES,
        ("disputes", "subject_kind"): _store.DISPUTE_KINDS,
    }


def test_loader_patterns_are_the_schema_patterns() -> None:
    in_schema = {
        field["constraints"]["pattern"]
        for resource in resources()
        for field in resource["schema"]["fields"]
        if "pattern" in field.get("constraints", {})
    }
    loader_patterns = (
        _store.SLUG, _store.SOURCE_ID, _store.TWO_DIGITS, _store.ISO_CODE, _store.NUTS_CODE,
        _store.ISO_DATE, _store.FORMER_ISO_CODE,
    )  # fmt: skip
    in_loader = {p.pattern for p in loader_patterns}
    # Lists (aliases, sponsors, a study's actors and other sources) are split by the loader,
    # which then checks every item: no empty item, only known actors, only known source ids.
    lists = {"[^;]+(;[^;]+)*"}
    actors = "(citizens|companies|associations|mayors)"
    lists.add(f"{actors}(;{actors})*")
    source = _store.SOURCE_ID.pattern
    lists.add(f"{source}(;{source})*")
    assert in_schema == in_loader | lists


def test_loader_bounds_are_the_schema_bounds() -> None:
    (value,) = [f for f in fields_of("figures") if f["name"] == "value"]
    declared = {
        unit: (low, float("inf") if high is None else high)
        for unit, (low, high) in value["phare:unitBounds"].items()
    }
    assert declared == _store.UNIT_BOUNDS
    widest = min(low for low, _ in declared.values())
    assert value["constraints"]["minimum"] == widest
    (year,) = [f for f in fields_of("figures") if f["name"] == "reference_year"]
    assert (year["constraints"]["minimum"], year["constraints"]["maximum"]) == _store.YEAR_BOUNDS


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
