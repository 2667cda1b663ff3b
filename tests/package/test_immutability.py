"""Nothing a caller receives can change what the next caller sees.

Records are frozen and hashable, collections come back as tuples, every DataFrame is a fresh
copy, and no public module holds a mutable container a caller could edit.
"""

from __future__ import annotations

import importlib
import pkgutil
import types
from collections.abc import Callable, Iterator, MutableMapping, MutableSequence, MutableSet
from typing import Any

import attrs
import pytest

import phare


def every_record() -> Iterator[Any]:
    """Every record reachable from the public functions, once each."""
    seen: set[int] = set()
    todo: list[Any] = [
        phare.observatory(), *phare.regions(), phare.national(), *phare.actors(),
        *phare.indicators(), *phare.themes(), *phare.segments(), *phare.studies(),
        *phare.figures(), phare.region("nouvelle-aquitaine").compare("companies", "partnering"),
        *phare.national().series("companies", "partnering").breaks,
    ]  # fmt: skip
    while todo:
        record = todo.pop()
        if id(record) in seen:
            continue
        seen.add(id(record))
        yield record
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            items = value if isinstance(value, tuple) else (value,)
            todo.extend(item for item in items if attrs.has(type(item)))


RECORDS = list(every_record())


def test_every_kind_of_record_is_reached() -> None:
    kinds = {type(r).__name__ for r in RECORDS}
    public = {name for name in phare.__all__ if attrs.has(getattr(phare, name, None) or object)}
    assert kinds == public


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: f"{type(r).__name__}")
def test_a_record_is_frozen_hashable_and_holds_no_mutable_container(record: Any) -> None:
    assert hash(record) == hash(record)
    assert {record: 1}[record] == 1
    assert not hasattr(record, "__dict__")  # slotted: no attribute can be added
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        assert not isinstance(value, (list, dict, set, bytearray)), field.name
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(record, field.name, value)
    with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
        record.extra = 1


def test_changing_a_figure_is_refused_and_changes_nothing() -> None:
    naq = phare.region("nouvelle-aquitaine")
    figure = naq.figure("companies", "partnering")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        figure.value = 99.0  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        figure.region.name = "Aquitaine"  # type: ignore[misc]
    with pytest.raises(TypeError):
        figure.study.actors[0] = "mayors"  # type: ignore[index]
    assert naq.share("companies", "partnering") == 0.45
    assert phare.region("FR-NAQ").name == "Nouvelle-Aquitaine"


COLLECTIONS: list[Callable[[], Any]] = [
    phare.regions, phare.actors, phare.indicators, phare.themes, phare.segments, phare.studies,
    phare.programmes, phare.figures, lambda: phare.studies("PHARE"),
    lambda: phare.figures(region="occitanie"), lambda: phare.national().figures(),
    lambda: phare.national().series("companies", "partnering"),
    lambda: phare.programme("ARPEA").studies(),
]  # fmt: skip


@pytest.mark.parametrize("call", COLLECTIONS)
def test_collections_come_back_as_tuples(call: Callable[[], Any]) -> None:
    found = call()
    assert isinstance(found, tuple)
    assert found


def test_every_dataframe_is_a_fresh_copy() -> None:
    first = phare.to_frame(region="nouvelle-aquitaine")
    first.loc[:, "value"] = -1.0
    first["region"] = first["region"].cat.rename_categories(lambda _: "elsewhere")
    del first["note"]
    again = phare.to_frame(region="nouvelle-aquitaine")
    assert again is not first
    assert (again["value"] >= 0).all()
    assert set(again["region"]) == {"nouvelle-aquitaine"}
    assert "note" in again.columns
    frame = phare.region("occitanie").to_frame()
    frame.iloc[0, frame.columns.get_loc("value")] = 0.0
    assert phare.region("occitanie").to_frame()["value"].tolist() == [82.0, 49.0]
    assert phare.region("occitanie").value("citizens", "alliances-innovation") == 82.0


def _public_modules() -> tuple[str, ...]:
    """``phare`` and every module of it whose name does not start with an underscore."""
    found = pkgutil.iter_modules(phare.__path__, prefix="phare.")
    return (
        "phare",
        *sorted(m.name for m in found if not m.name.rpartition(".")[2].startswith("_")),
    )


#: The one list of public modules: a new public module is checked without being named here.
PUBLIC_MODULES = _public_modules()
MUTABLE = (MutableMapping, MutableSequence, MutableSet, bytearray)


def _mutable_parts(value: object, depth: int = 0) -> Iterator[object]:
    """The mutable containers in *value*, looking inside tuples, frozensets and read-only maps."""
    if isinstance(value, MUTABLE):
        yield value
    elif depth < 4 and isinstance(value, (tuple, frozenset)):
        for item in value:
            yield from _mutable_parts(item, depth + 1)
    elif depth < 4 and isinstance(value, types.MappingProxyType):
        for item in (*value.keys(), *value.values()):
            yield from _mutable_parts(item, depth + 1)


def test_the_public_modules_are_found() -> None:
    assert {"phare.cli", "phare.export", "phare.plot", "phare.vocabulary"} <= set(PUBLIC_MODULES)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_no_public_module_holds_mutable_state(name: str) -> None:
    """Every table at module level, private ones too, is a tuple, a frozenset or read-only."""
    module = importlib.import_module(name)
    for attribute, value in vars(module).items():
        if attribute.startswith("__"):
            continue
        assert not list(_mutable_parts(value)), f"{name}.{attribute}"


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("phare.plot.UNIT_LABELS", "percent"),
        ("phare.citation.CONFIDENCE_WORDS", "A"),
        ("phare.display.MARK_MEANINGS", "~"),
        ("phare.export.WRITERS", "csv"),
        ("phare.vocabulary.QUALIFIER_MARKS", "approx"),
    ],
)
def test_the_tables_once_editable_refuse_an_edit(table: str, key: str) -> None:
    module, _, attribute = table.rpartition(".")
    mapping = getattr(importlib.import_module(module), attribute)
    before = dict(mapping)
    with pytest.raises(TypeError):
        mapping[key] = "edited"
    with pytest.raises((TypeError, AttributeError)):
        del mapping[key]
    with pytest.raises(AttributeError):
        mapping.clear()
    assert dict(mapping) == before


def test_no_index_is_reachable_from_a_record() -> None:
    reachable = {type(getattr(r, f.name)) for r in RECORDS for f in attrs.fields(type(r))}
    assert dict not in reachable
    assert list not in reachable
    assert not any(hasattr(phare, name) for name in ("region_index", "_store_instance"))
