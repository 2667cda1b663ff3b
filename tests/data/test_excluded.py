"""The list of what was left out (docs/data/excluded.csv) names only records the package holds.

Each row that says a fact survives names the figures, studies, programmes or the Observatory
that keep it; these tests look every one up through the public API, so the page cannot drift
from the data. The page itself is checked in ``test_docs_build.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import phare

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
import data_inventory  # noqa: E402  (the documentation's own helpers)
import exclusions  # noqa: E402

ROWS = exclusions.exclusions()
REFERENCES = sorted({ref for row in ROWS for ref in row.where_kept})
HEADER = ",".join(exclusions.COLUMNS) + "\n"


@pytest.mark.parametrize("reference", REFERENCES, ids=":".join)
def test_every_record_named_as_keeping_a_fact_exists(reference: tuple[str, str]) -> None:
    kind, ident = reference
    found = exclusions.record(reference)
    if kind == "observatory":
        assert found is phare.observatory()
    else:
        assert found.id == ident


def test_the_table_names_figures_studies_and_programmes() -> None:
    kinds = {kind for kind, _ in REFERENCES}
    assert kinds == {"figure", "study", "programme", "observatory"}
    assert ("figure", "naq-companies-partnering") in REFERENCES
    assert ("study", "phare-institutions-2016") in REFERENCES


def test_a_fact_kept_as_a_dispute_names_records_that_hold_one() -> None:
    rows = [row for row in ROWS if row.kind == "dispute"]
    assert len(rows) == 6
    for row in rows:
        assert row.where_kept, row.item
        for reference in row.where_kept:
            assert exclusions.record(reference).disputes, (row.item, reference)


def test_a_fact_recorded_elsewhere_says_where() -> None:
    missing = [row.item for row in ROWS if row.kind == "recorded-elsewhere" and not row.where_kept]
    assert not missing


def test_every_source_is_a_web_page_or_a_source_the_package_cites() -> None:
    cited = set(data_inventory.sources())
    for row in ROWS:
        if row.source is not None:
            assert row.source.startswith(("https://", "http://")) or row.source in cited, row


def test_every_fact_is_listed_once() -> None:
    items = [row.item for row in ROWS]
    assert len(items) == len(set(items))
    assert {row.kind for row in ROWS} == set(exclusions.KINDS)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("x,guess,why,,\n", "line 2, kind: 'guess' is not one of"),
        ("x,derived,why,figure,\n", "line 2, where_kept: 'figure' is not figure:<id>"),
        ("x,derived,why,observatory:x,\n", "where_kept: 'observatory:x'"),
        ("x,derived,why,region:france,\n", "where_kept: 'region:france'"),
    ],
)
def test_a_malformed_row_is_refused(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "excluded.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        exclusions.exclusions(path)


def test_a_table_with_other_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "excluded.csv"
    path.write_text("item,kind,reason\nx,derived,why\n", encoding="utf-8")
    with pytest.raises(ValueError, match="the columns must be item, kind, reason"):
        exclusions.exclusions(path)


@pytest.mark.parametrize(
    "reference",
    [("figure", "naq-companies-partnering-2015"), ("study", "PHARE-Institutions-2016")],
)
def test_a_record_the_package_does_not_hold_is_refused(reference: tuple[str, str]) -> None:
    with pytest.raises(LookupError):
        exclusions.record(reference)


def test_a_study_or_programme_the_package_does_not_know_is_refused() -> None:
    with pytest.raises(phare.UnknownStudyError):
        exclusions.record(("study", "phare-bretagne-2016"))
    with pytest.raises(phare.UnknownProgrammeError):
        exclusions.record(("programme", "SOLEIL"))
