"""Records check what they hold when built: a wrong type or value fails at once, naming the field.

``attrs.evolve(figure, qualifier="bogus")`` used to build a figure whose repr raised KeyError
later; every field of every record class is now checked from its annotation (see
``phare.model._Checked``), so each case below is generated from the records the bundled data holds.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import phare
from phare import model
from phare.dataset import BUNDLED


def records() -> Iterator[Any]:
    """One record of every attrs class of the model, as the bundled data holds it."""
    store = BUNDLED._tables()
    figure = next(f for f in store.figures if f.disputes and f.theme is not None)
    region = phare.region("nouvelle-aquitaine")
    yield from (figure, figure.source, figure.disputes[0], figure.actor, figure.segment)
    yield from (figure.theme, figure.indicator, figure.study, region)
    yield from (region.former_regions[0], region.former_codes[0])
    yield from (region.former_names[0], region.departements[0])
    yield region.compare("companies", "partnering")
    yield phare.national().series("companies", "partnering").breaks[0]
    observatory = phare.observatory()
    yield from (observatory, observatory.le_rameau, observatory.programmes[0])


RECORDS = list(records())
FIELDS = [
    (record, field)
    for record in RECORDS
    for field in attrs.fields(type(record))
    if field.name != "_dataset"
]


def test_every_record_class_of_the_model_is_covered() -> None:
    classes = {c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)}
    assert {type(record) for record in RECORDS} == classes


@pytest.mark.parametrize(
    ("record", "field"), FIELDS, ids=[f"{type(r).__name__}.{f.name}" for r, f in FIELDS]
)
def test_a_field_of_the_wrong_type_is_a_type_error_naming_it(record: Any, field: Any) -> None:
    with pytest.raises(TypeError, match=rf"^{type(record).__name__}\.{field.name} must be "):
        attrs.evolve(record, **{field.name: object()})


@pytest.mark.parametrize(
    ("record", "field"), FIELDS, ids=[f"{type(r).__name__}.{f.name}" for r, f in FIELDS]
)
def test_a_record_rebuilt_from_its_own_values_is_equal(record: Any, field: Any) -> None:
    assert attrs.evolve(record, **{field.name: getattr(record, field.name)}) == record


VOCABULARY_FIELDS = [
    (r, f) for r, f in FIELDS if str(f.type).removesuffix(" | None") in model._VOCABULARIES
]


@pytest.mark.parametrize(
    ("record", "field"),
    VOCABULARY_FIELDS,
    ids=[f"{type(r).__name__}.{f.name}" for r, f in VOCABULARY_FIELDS],
)
def test_a_word_outside_its_vocabulary_is_a_value_error_listing_the_members(
    record: Any, field: Any
) -> None:
    members = model._VOCABULARIES[str(field.type).removesuffix(" | None")]
    with pytest.raises(ValueError, match=rf"must be one of {members[0]!r}.*not 'bogus'$"):
        attrs.evolve(record, **{field.name: "bogus"})


def test_the_issue_s_case_fails_at_once_and_the_figure_s_repr_stays_sound() -> None:
    figure = phare.region("nouvelle-aquitaine").figure("companies", "partnering")
    with pytest.raises(ValueError, match=r"^Figure\.qualifier must be one of 'exact'"):
        attrs.evolve(figure, qualifier="bogus")
    assert "45 %" in repr(attrs.evolve(figure, qualifier="exact"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=12).filter(lambda t: t not in model._VOCABULARIES["Qualifier"]))
def test_any_other_qualifier_is_refused(text: str) -> None:
    figure = RECORDS[0]
    with pytest.raises(ValueError, match=r"^Figure\.qualifier must be one of"):
        attrs.evolve(figure, qualifier=text)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_value_that_is_no_finite_number_is_refused(value: float) -> None:
    with pytest.raises(ValueError, match=r"^Figure\.value must be a finite number"):
        attrs.evolve(RECORDS[0], value=value)


@pytest.mark.parametrize("value", [True, "45", None])
def test_a_value_that_is_no_number_is_refused(value: object) -> None:
    with pytest.raises(TypeError, match=r"^Figure\.value must be a number, not "):
        attrs.evolve(RECORDS[0], value=value)


def test_a_whole_number_value_is_read_as_the_loader_reads_it() -> None:
    figure = attrs.evolve(RECORDS[0], value=45)
    assert type(figure.value) is float
    assert figure.value == 45.0


@pytest.mark.parametrize(
    ("value", "error"), [(-1, ValueError), (True, TypeError), (2016.0, TypeError)]
)
def test_a_year_is_a_whole_number_not_below_zero(value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=r"^Figure\.reference_year must "):
        attrs.evolve(RECORDS[0], reference_year=value)


def test_text_is_held_as_a_plain_str_copy() -> None:
    class Loud(str):
        def __repr__(self) -> str:
            raise RuntimeError("ran inside phare")

    figure = attrs.evolve(RECORDS[0], note=Loud("a note"), qualifier=Loud("approx"))
    assert type(figure.note) is str
    assert type(figure.qualifier) is str
    assert "~" in repr(figure)


def test_an_optional_field_takes_none_and_a_required_one_does_not() -> None:
    figure = RECORDS[0]
    assert attrs.evolve(figure, theme=None).theme is None
    with pytest.raises(TypeError, match=r"^Figure\.study must be a Study, not None$"):
        attrs.evolve(figure, study=None)


def test_a_tuple_field_checks_each_item() -> None:
    with pytest.raises(TypeError, match=r"^Figure\.disputes must be a tuple, not list$"):
        attrs.evolve(RECORDS[0], disputes=[])
    with pytest.raises(TypeError, match=r"^Figure\.disputes must be a Dispute, not str$"):
        attrs.evolve(RECORDS[0], disputes=("x",))
