"""Data mutation: perturb each bundled figure in turn, and the figure-pinning tests must fail.

A test that pins a figure is only worth its salt if a wrong figure makes it fail. Here every
row of figures.csv is changed once in its value, and once in one of its other published
attributes (reference year, qualifier, confidence or source, in turn), on a temporary copy that
the loader accepts; the copy is then served to the public API through ``phare.load(...)`` and
the pinning tests of ``test_figures.py`` are run for that row. Every perturbation must be caught.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import test_figures

import phare
from phare import DataError
from phare.dataset import BUNDLED, Dataset
from support.datacopy import DATA, copy_data, enum, field as field_of, read_table, set_cell
from support.verified import FIGURES, VerifiedFigure

#: The pinning checks of test_figures.py, each taking one verified row.
PINNING: tuple[Callable[[VerifiedFigure], None], ...] = (
    test_figures.test_figure_is_found_by_its_keys,
    test_figures.test_value_is_as_published,
    test_figures.test_share_is_the_percent_as_a_fraction_or_refused,
    test_figures.test_unit_qualifier_year_and_confidence,
    test_figures.test_what_was_measured,
    test_figures.test_study_and_programme,
    test_figures.test_source,
)

HEADER, ROWS = read_table(DATA, "figures.csv")
SOURCES = [row["id"] for row in read_table(DATA, "sources.csv")[1]]
OTHER_FIELDS = ("reference_year", "qualifier", "confidence", "source")


def perturbed(field: str, row: dict[str, str]) -> str:
    """A different value for *field* that the loader still accepts."""
    current = row[field]
    if field == "value":
        low, high = field_of("figures", "value")["phare:unitBounds"][row["unit"]]
        high = float("inf") if high is None else high
        number = float(current)
        changed = number + 1 if number + 1 <= high else number - 1
        assert changed != number
        assert low <= changed <= high
        return repr(changed)
    if field == "reference_year":
        return str(int(current) - 1)  # a year later could be in the future, which is refused
    choices = {
        "qualifier": enum("figures", "qualifier"),
        "confidence": enum("figures", "confidence"),
    }
    return next(choice for choice in choices.get(field, SOURCES) if choice != current)


def sole_citer(number: int) -> bool:
    """Whether row *number* of figures.csv is the only record of any table citing its source."""
    source = ROWS[number - 2]["source"]
    citing_rows = sum(row["source"] == source for row in ROWS)
    elsewhere = any(
        source in (row["source"], *row.get("see_also", "").split(";"))
        for name in ("studies.csv", "disputes.csv")
        for row in read_table(DATA, name)[1]
    ) or source in (DATA / "observatory.json").read_text(encoding="utf-8")
    return citing_rows == 1 and not elsewhere


def cases() -> Iterator[object]:
    for number, row in enumerate(ROWS, start=2):
        other = OTHER_FIELDS[number % len(OTHER_FIELDS)]
        for field in ("value", other):
            yield pytest.param(number, field, perturbed(field, row), id=f"{row['id']}:{field}")


@contextmanager
def serving(dataset: Dataset) -> Iterator[None]:
    """Answer every module-level query from *dataset*'s tables, then put the bundled data back.

    The records of the copy answer from the copy themselves (they keep their dataset); only the
    module-level functions, which the pinning checks call, need the bundled dataset's tables
    swapped, and its memos emptied before and after.
    """
    memos = (BUNDLED._region_memo, BUNDLED._figure_memo, BUNDLED._share_memo)
    saved = BUNDLED._store
    for memo in memos:
        memo.clear()
    BUNDLED._store = dataset._tables()
    try:
        yield
    finally:
        BUNDLED._store = saved
        for memo in memos:
            memo.clear()


def pinning_failures(row: VerifiedFigure) -> list[str]:
    failures = []
    for check in PINNING:
        try:
            check(row)
        except (AssertionError, LookupError, ValueError) as exc:
            failures.append(f"{check.__name__}: {type(exc).__name__}")
    return failures


VERIFIED = {row.fact_id: row for row in FIGURES}


def test_an_untouched_copy_passes_every_pinning_check(tmp_path: Path) -> None:
    with serving(phare.load(copy_data(tmp_path))):
        assert [f for row in FIGURES for f in pinning_failures(row)] == []


@pytest.mark.parametrize(("number", "field", "value"), list(cases()))
def test_a_perturbed_figure_fails_its_pinning_check(
    tmp_path: Path, number: int, field: str, value: str
) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, "figures.csv", number, field, value)
    if field == "source" and sole_citer(number):
        # Its old source would be cited by nothing: the loader itself refuses the copy.
        with pytest.raises(DataError, match="is cited by no record"):
            phare.load(folder)
        return
    store = phare.load(folder)  # the loader accepts the change: only the pins can tell
    with serving(store):
        failures = pinning_failures(VERIFIED[ROWS[number - 2]["id"]])
    assert failures, f"changing {field} to {value!r} went unnoticed"


def test_every_figure_is_perturbed_in_value_and_in_each_other_field() -> None:
    params = list(cases())
    assert len(params) == 2 * len(ROWS) == 2 * len(FIGURES)
    assert {p.values[1] for p in params} == {"value", *OTHER_FIELDS}
    for p in params:
        number, field, value = p.values
        assert value != ROWS[number - 2][field]
        if field == "value":
            assert float(value) != float(ROWS[number - 2][field])
