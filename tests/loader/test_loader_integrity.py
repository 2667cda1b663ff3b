"""Load-time integrity: a broken copy of the data fails with a DataError naming where.

Each test copies the bundled files to a temporary folder, breaks one thing and loads the copy
through ``phare.load(...)``. The first half is generated from datapackage.json, one case per
constraint of every field, so a rule added to the contract without its twin in the loader
fails here; the second half covers what a schema cannot state (files, encodings, JSON,
aliases, cross-table rules).
"""

from __future__ import annotations

import json
import re
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import phare
from phare import DataError, PhareError, _store
from phare.dataset import BUNDLED
from support.datacopy import DATA, copy_data, enum, read_table, resources, set_cell, write_table
from support.verified import FIGURES, REGIONS_WITH_FIGURES

#: The primary key of figures.csv, as the contract states it.
FIGURE_KEY = next(r for r in resources() if r["path"] == "figures.csv")["schema"]["primaryKey"]
#: Values tried, in order, to break a ``pattern`` constraint.
NOT_MATCHING = ("Not A Code!", ";", "zz")
#: A value of the right shape that no referenced table holds.
UNKNOWN = {"sources": "https://example.org/nowhere", "default": "no-such-key"}


def load(folder: Path) -> _store.Store:
    """The tables of ``phare.load(folder)``: what the loader made of the copy."""
    return phare.load(folder)._tables()


def error_after(tmp_path: Path, name: str, row: int, field: str, value: str) -> str:
    """The DataError message for a copy of the data with one cell changed."""
    folder = copy_data(tmp_path)
    set_cell(folder, name, row, field, value)
    with pytest.raises(DataError) as raised:
        load(folder)
    return str(raised.value)


def case(
    name: str, row: int, field: str, value: str, why: str
) -> Any:  # a pytest.param, named after the broken constraint
    return pytest.param(name, row, field, value, id=f"{name}:{field}:{why}")


def row_with_value(rows: list[dict[str, str]], field: str) -> int:
    """The first row (header = 1) where *field* is filled."""
    return next(n for n, r in enumerate(rows, start=2) if r[field])


def schema_cases() -> Iterator[Any]:
    """One corruption per constraint of every field in datapackage.json."""
    for resource in resources():
        name = resource["path"]
        schema = resource["schema"]
        _, rows = read_table(DATA, name)
        for field in schema["fields"]:
            f = field["name"]
            constraints = field.get("constraints", {})
            row = row_with_value(rows, f)
            if constraints.get("required"):
                yield case(name, row, f, "", "required")
            if "enum" in constraints:
                yield case(name, row, f, "zzz", "enum")
            if "pattern" in constraints:
                bad = next(v for v in NOT_MATCHING if not re.fullmatch(constraints["pattern"], v))
                yield case(name, row, f, bad, "pattern")
            if field["type"] in ("integer", "number"):
                yield case(name, row, f, "abc", "type")
            if field["type"] == "integer":
                yield case(name, row, f, "1.5", "type-integer")
            if "minimum" in constraints:
                yield case(name, row, f, str(constraints["minimum"] - 1), "minimum")
            if "maximum" in constraints:
                yield case(name, row, f, str(constraints["maximum"] + 1), "maximum")
            if constraints.get("unique"):
                later = next(n for n, r in enumerate(rows, start=2) if n > row and r[f])
                yield case(name, later, f, rows[row - 2][f], "unique")
        for key in schema.get("foreignKeys", []):
            f = key["fields"][-1]
            row = row_with_value(rows, f)
            target = key["reference"]["resource"]
            if len(key["fields"]) > 1:  # figures (indicator, unit): another valid unit
                other = next(u for u in enum("figures", "unit") if u != rows[row - 2][f])
                yield case(name, row, f, other, f"foreign-key-{target}")
            else:
                value = UNKNOWN.get(target, UNKNOWN["default"])
                yield case(name, row, f, value, f"foreign-key-{target}")


@pytest.mark.parametrize(("name", "row", "field", "value"), list(schema_cases()))
def test_every_schema_rule_is_checked_at_load_time(
    tmp_path: Path, name: str, row: int, field: str, value: str
) -> None:
    message = error_after(tmp_path, name, row, field, value)
    named = f"field(s) {field}:" if message.startswith(f"{name}, row {row}, field(s)") else ""
    assert message.startswith(f"{name}, row {row}, {named or f'field {field!r}:'}"), message


def test_the_schema_cases_cover_every_kind_of_constraint() -> None:
    kinds = {param.id.rsplit(":", 1)[1].split("-")[0] for param in schema_cases()}
    assert kinds == {
        "required",
        "enum",
        "pattern",
        "type",
        "minimum",
        "maximum",
        "unique",
        "foreign",
    }
    assert len(list(schema_cases())) > 100


@pytest.mark.parametrize(
    ("name", "key"),
    [("figures.csv", tuple(FIGURE_KEY)), ("disputes.csv", None)],
)
def test_a_duplicate_primary_key_names_both_rows(
    tmp_path: Path, name: str, key: tuple[str, ...] | None
) -> None:
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, name)
    copy = dict(rows[0])
    if "id" in copy:
        copy["id"] = "another-id"
    rows.append(copy)
    write_table(folder, name, header, rows)
    with pytest.raises(
        DataError, match=rf"^{name}, row {len(rows) + 1}, field\(s\) .*repeats row 2"
    ):
        load(folder)


# --- values a schema cannot tell apart ------------------------------------------------------


@pytest.mark.parametrize(
    ("fact", "field", "value", "problem"),
    [
        ("naq-companies-partnering", "value", "4 5", "is not a number"),
        ("naq-companies-partnering", "value", "nan", "is not a number in plain digits"),
        ("naq-companies-partnering", "value", "100.5", "out of range for percent"),
        ("fr-companies-partnerships-count-2015", "value", "674000.5", "not a whole count"),
        ("fr-companies-partnerships-count-2015", "value", "-1", "out of range for count"),
        ("fr-companies-partnering-change-2015", "value", "-100.5", "out of range"),
        ("naq-companies-partnering", "region", "aquitaine", "refers to nothing in regions.csv"),
        ("naq-companies-partnering", "reference_year", "1999", "out of range"),
        ("naq-companies-partnering", "reference_year", "２０１６", "not a whole number"),
        ("naq-companies-partnering", "theme", "employment", "is not broken down by theme"),
        ("naq-companies-fragility-score-employment", "theme", "", "is empty"),
        ("naq-companies-fragility-score-employment", "theme", "sponsorship", "not a fragility"),
        ("naq-companies-partnering", "segment", "employer", "is a segment of associations"),
        ("naq-companies-partnering", "actor", "mayors", "is not surveyed by"),
    ],
)
def test_a_bad_figure_names_file_row_and_field(
    tmp_path: Path, fact: str, field: str, value: str, problem: str
) -> None:
    folder = copy_data(tmp_path)
    _, rows = read_table(folder, "figures.csv")
    row = next(n for n, r in enumerate(rows, start=2) if r["id"] == fact)
    set_cell(folder, "figures.csv", row, field, value)
    with pytest.raises(DataError, match=rf"^figures\.csv, row {row}, field '{field}': .*{problem}"):
        load(folder)


def test_the_bundled_copy_loads_like_the_package(tmp_path: Path) -> None:
    store, bundled = load(copy_data(tmp_path)), BUNDLED._tables()
    assert len(store.figures) == len(bundled.figures) == len(FIGURES)
    for name in _store.Store.__slots__:  # records, indices and groups alike
        assert getattr(store, name) == getattr(bundled, name), name
    assert sorted(store.by_region) == sorted(REGIONS_WITH_FIGURES)


def test_a_data_folder_can_be_given_as_text(tmp_path: Path) -> None:
    assert len(phare.load(str(copy_data(tmp_path)))._tables().regions) == 19


# --- files -----------------------------------------------------------------------------------


def broken(tmp_path: Path, name: str, content: bytes | None) -> Path:
    folder = copy_data(tmp_path)
    if content is None:
        (folder / name).unlink()
    else:
        (folder / name).write_bytes(content)
    return folder


def regions_text() -> str:
    return (DATA / "regions.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("figures.csv", None, "figures.csv: data file is missing"),
        ("observatory.json", None, "observatory.json: data file is missing"),
        ("regions.csv", regions_text().encode("latin-1"), "regions.csv: not valid UTF-8"),
        ("regions.csv", regions_text().encode("utf-16"), "regions.csv: not valid UTF-8"),
        ("studies.csv", b"", "studies.csv: the file is empty"),
        ("studies.csv", b" \n\n", "studies.csv: the file is empty"),
        ("regions.csv", regions_text().splitlines()[0].encode() + b"\n", "regions.csv: the table has no rows"),
        (
            "regions.csv",
            regions_text().replace("slug,name,", "slug,", 1).encode(),
            "regions.csv: missing column(s) name",
        ),
        (
            "regions.csv",
            regions_text().replace(",kind\n", ",kind,extra\n", 1).encode(),
            "regions.csv: unexpected column(s) extra",
        ),
        (
            "regions.csv",
            regions_text().replace("slug,name,", "name,slug,", 1).encode(),
            "regions.csv: the columns must read slug, name",
        ),
        (
            "regions.csv",
            regions_text().replace(",metropolitan\n", ",metropolitan,surplus\n", 1).encode(),
            "regions.csv, row 3: expected 6 fields",
        ),
        (
            "regions.csv",
            regions_text().replace("\nbretagne,", '\n"bretagne"x,', 1).encode(),
            "regions.csv, row 5: malformed CSV",
        ),
        ("observatory.json", b"{", "observatory.json: not valid JSON (line 1"),
        ("observatory.json", b"[]", "observatory.json, field '(top)': expected an object"),
    ],
    ids=[
        "missing-table", "missing-json", "latin-1", "utf-16", "empty", "blank", "header-only",
        "missing-column", "extra-column", "column-order", "ragged-row", "bad-quote",
        "broken-json", "json-not-object",
    ],
)  # fmt: skip
def test_a_broken_file_names_itself(
    tmp_path: Path, name: str, content: bytes | None, problem: str
) -> None:
    with pytest.raises(DataError) as raised:
        load(broken(tmp_path, name, content))
    assert str(raised.value).startswith(problem), str(raised.value)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    folder = broken(tmp_path, "regions.csv", b"\xef\xbb\xbf" + regions_text().encode())
    assert load(folder).regions[0].slug == "france"


@pytest.mark.parametrize(
    "ending", ["\r\n", "\r", "\n\n", "\r\n\r\n"], ids=["crlf", "cr", "blank-lines", "crlf-blank"]
)
def test_line_endings_and_blank_lines_read_as_the_csv_module_reads_them(
    tmp_path: Path, ending: str
) -> None:
    text = regions_text().replace("\n", ending)
    folder = broken(tmp_path, "regions.csv", text.encode())
    assert load(folder).regions == BUNDLED._tables().regions


def test_a_quoted_field_may_hold_a_line_break(tmp_path: Path) -> None:
    text = regions_text().replace(",Bretagne,", ',"Bre\r\ntagne",', 1)
    folder = broken(tmp_path, "regions.csv", text.encode())
    assert [r.name for r in load(folder).regions if r.slug == "bretagne"] == ["Bre\r\ntagne"]


def test_rows_are_counted_without_blank_lines(tmp_path: Path) -> None:
    """As the reference validator counts them: the header is row 1, blank lines do not count."""
    text = regions_text().replace("\n", "\n\n").replace(",metropolitan\n", ",metropolitan,x\n", 1)
    with pytest.raises(DataError, match=r"^regions\.csv, row 3: expected 6 fields$"):
        load(broken(tmp_path, "regions.csv", text.encode()))


def test_a_folder_in_place_of_a_file_is_a_data_error(tmp_path: Path) -> None:
    folder = broken(tmp_path, "themes.csv", None)
    (folder / "themes.csv").mkdir()
    with pytest.raises(DataError, match=r"^themes\.csv: cannot be read"):
        load(folder)


def test_a_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"^datapackage\.json: data file is missing"):
        load(tmp_path / "nowhere")


# --- observatory.json ------------------------------------------------------------------------


def observatory(tmp_path: Path, change: Any) -> Path:
    folder = copy_data(tmp_path)
    data = json.loads((folder / "observatory.json").read_text(encoding="utf-8"))
    change(data)
    (folder / "observatory.json").write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda d: d.pop("founded"), "field 'founded': is missing"),
        (lambda d: d.update(extra=1), "field 'extra': is not a known field"),
        (lambda d: d.update(founded="2008"), "field 'founded': expected a whole number"),
        (lambda d: d.update(founded=True), "field 'founded': expected a whole number"),
        (lambda d: d.update(founded=1066), "field 'founded': 1066 is out of range"),
        (lambda d: d.update(name=""), "field 'name': expected a non-empty string"),
        (lambda d: d.update(founders=["Le RAMEAU", 3]), "field 'founders[1]': expected a string"),
        (lambda d: d.update(id="other"), "field 'id': must be"),
        (
            lambda d: d.update(partners_source="seed:nothing"),
            "'partners_source': 'seed:nothing' is",
        ),
        (lambda d: d.update(founded_sources=["x"]), "'founded_sources[0]': 'x' does not match"),
        (lambda d: d["le_rameau"].pop("source"), "field 'le_rameau.source': is missing"),
        (lambda d: d.update(le_rameau=[]), "field 'le_rameau': expected an object"),
        (lambda d: d.update(programmes=[]), "field 'programmes': expected a non-empty list"),
        (lambda d: d["programmes"][1].update(id="PHAROS"), "'programmes[1].id': 'PHAROS' is not"),
        (lambda d: d["programmes"][1].update(id="ARPEA"), "'programmes[1].id': 'ARPEA' is given"),
        (
            lambda d: d["programmes"][2].update(end_year="2022"),
            "'programmes[2].end_year': expected",
        ),
        (lambda d: d["programmes"][0].update(rank=0), "'programmes[0].rank': 0 is out of range"),
        (lambda d: d["programmes"].pop(2), "studies.csv, row 14, field 'programme': 'IMPACT'"),
        (
            lambda d: d["objectives_fr"].append("Un objectif de plus."),
            "field 'objectives_fr': has 4 items, but 'objectives_en' has 3",
        ),
        (
            lambda d: d["programmes"][0]["objectives_en"].pop(),
            "'programmes[0].objectives_fr': has 4 items, but 'objectives_en' has 3",
        ),
        (
            lambda d: d["programmes"][1].update(objectives_sources=[]),
            "'programmes[1].objectives_sources': expected at least one source",
        ),
        (
            lambda d: d["programmes"][2].update(strand_sources=[d["programmes"][2]["source"]]),
            "'programmes[2].strand_sources': backs nothing: 'strand_names_en' is empty",
        ),
        (
            lambda d: d["programmes"][1]["strand_names_en"].pop(),
            "'programmes[1].strand_names_en': names 5, but 'strands' is 6",
        ),
        (
            lambda d: d["programmes"][2].update(strand_names_en=["Regional reports"]),
            "'programmes[2].strand_names_en': names 1, but 'strands' is null",
        ),
        (lambda d: d["programmes"][0].update(period_sources=[]), "expected a non-empty list"),
        (lambda d: d.update(scientific_direction_sources=[]), "expected a non-empty list"),
        (
            lambda d: d.update(founded_sources=[]),
            "field 'founded_sources': expected a non-empty list",
        ),
        (
            lambda d: d.update(founders_sources=[]),
            "field 'founders_sources': expected a non-empty list",
        ),
        (lambda d: d.update(founders_sources=["x"]), "'founders_sources[0]': 'x' does not"),
        (lambda d: d["programmes"][0].update(objectives_note=""), "expected a non-empty string"),
    ],
)
def test_a_broken_observatory_names_the_field(tmp_path: Path, change: Any, problem: str) -> None:
    with pytest.raises(DataError) as raised:
        load(observatory(tmp_path, change))
    assert problem in str(raised.value)


# --- names and cross-table rules -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "row", "field", "value", "problem"),
    [
        ("actors.csv", 3, "aliases", "company;Citizen", "'Citizen' (read as 'citizen') is given"),
        ("themes.csv", 2, "aliases", "emploi;Sécurité", "'Sécurité' (read as 'securite')"),
        ("indicators.csv", 2, "aliases", "score", "'score' (read as 'score') is given"),
        ("segments.csv", 5, "label_fr", "Associations employeuses", "given to two records"),
        ("regions.csv", 3, "name", "Bretagne", "the name 'bretagne' (read as 'bretagne')"),
        ("former_regions.csv", 2, "name", "Grand Est", "'grandest' names both a former and"),
        ("former_regions.csv", 2, "insee_code", "44", "'44' names both a former and"),
        ("former_regions.csv", 2, "merged_into", "la-lune", "refers to nothing in regions"),
        ("segments.csv", 3, "actor", "mayors", "'employer' is a segment of mayors"),
        ("disputes.csv", 2, "subject", "no-such-figure", "figure 'no-such-figure' is not in"),
        ("studies.csv", 2, "actors", "citizens;;mayors", "does not match the pattern"),
        ("studies.csv", 2, "actors", "citizens;robots", "does not match the pattern"),
        ("studies.csv", 2, "see_also", "https://example.org/nowhere", "refers to nothing known"),
    ],
)
def test_names_and_links_between_tables_are_checked(
    tmp_path: Path, name: str, row: int, field: str, value: str, problem: str
) -> None:
    assert problem in error_after(tmp_path, name, row, field, value)


def test_data_error_is_a_phare_error() -> None:
    assert issubclass(DataError, PhareError)


def test_a_zipped_copy_is_read_through_its_traversable(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in folder.iterdir():
            zipped.write(path, f"data/{path.name}")
    with zipfile.ZipFile(archive) as zipped:
        store = phare.load(zipfile.Path(zipped, "data/"))._tables()
        assert len(store.figures) == len(FIGURES)
        with pytest.raises(DataError, match=r"^nothing\.csv: data file is missing"):
            _store.DataFolder(zipfile.Path(zipped, "data/")).text("nothing.csv")


def test_a_segment_of_an_actor_missing_from_actors_csv_is_refused(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, "actors.csv")
    write_table(folder, "actors.csv", header, [r for r in rows if r["id"] != "companies"])
    with pytest.raises(DataError, match=r"^segments\.csv, row 5, field 'actor': 'companies'"):
        load(folder)


# --- exact messages and exact bounds ------------------------------------------------------------


def first_row(name: str, **wanted: str) -> int:
    """The row number (header = 1) of the first row of *name* with the *wanted* cells."""
    _, rows = read_table(DATA, name)
    return next(n for n, r in enumerate(rows, start=2) if all(r[k] == v for k, v in wanted.items()))


PERCENT = first_row("figures.csv", id="naq-companies-partnering")
SCORE = first_row("figures.csv", unit="score-10")
COUNT = first_row("figures.csv", unit="count")
POINTS = first_row("figures.csv", unit="points")
SAMPLED = first_row("studies.csv", sample_size="2000")
NATIONAL = first_row("figures.csv", id="fr-companies-partnering-2015")
DATED = first_row("studies.csv", id="phare-nouvelle-aquitaine-2016")
REGIONAL = DATED
NATIONAL_STUDY = first_row("studies.csv", id="phare-entreprises-2015")
NEXT_YEAR = str(time.gmtime().tm_year + 1)
NOT_PLAIN = "is not a number in plain digits (such as 45 or 5.7)"


@pytest.mark.parametrize(
    ("name", "row", "field", "value", "message"),
    [
        ("figures.csv", PERCENT, "value", "abc", f"'abc' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "inf", f"'inf' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "-inf", f"'-inf' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "4_5", f"'4_5' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "\u0664\u0665", f"'\u0664\u0665' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", " 45", f"' 45' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "45 ", f"'45 ' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "+45", f"'+45' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "value", "4.5e1", f"'4.5e1' {NOT_PLAIN}"),
        ("figures.csv", PERCENT, "reference_year", "2_016", "'2_016' is not a whole number in "
         "plain digits"),
        ("figures.csv", PERCENT, "value", "100.5", "100.5 is out of range for percent (0 to 100)"),
        ("figures.csv", PERCENT, "reference_year", "2101", "2101 is out of range: at most 2100"),
        ("figures.csv", PERCENT, "reference_year", NEXT_YEAR, f"{NEXT_YEAR} is in the future"),
        ("figures.csv", PERCENT, "confidence", "D", "'D' is not one of A, B, C"),
        ("figures.csv", PERCENT, "actor", "", "is empty, but the field is required"),
        ("figures.csv", PERCENT, "unit", "count", "('partnering', 'count') refers to nothing in "
         "indicators.csv (id, unit)"),
        ("figures.csv", PERCENT, "region", "bretagne", "'bretagne' is not the region of "
         "phare-nouvelle-aquitaine-2016 (nouvelle-aquitaine)"),
        ("figures.csv", PERCENT, "region", "france", "'france' is not the region of "
         "phare-nouvelle-aquitaine-2016 (nouvelle-aquitaine)"),
        ("figures.csv", NATIONAL, "region", "bretagne", "'bretagne' is not the region of "
         "phare-entreprises-2015 (France)"),
        ("studies.csv", SAMPLED, "sample_size", "-1", "-1 is out of range: at least 0"),
        ("studies.csv", SAMPLED, "sample_size", "2\u00a0000", "'2\\xa0000' is not a whole number "
         "in plain digits"),
        ("studies.csv", 2, "actors", "citizens;robots", "'citizens;robots' does not match the "
         "pattern (citizens|companies|associations|mayors)(;(citizens|companies|associations|"
         "mayors))*"),
        ("studies.csv", DATED, "published", "2016-02-31", "'2016-02-31' is not a date: 29 days "
         "in that month"),
        ("studies.csv", DATED, "published", "2015-02-29", "'2015-02-29' is not a date: 28 days "
         "in that month"),
        ("studies.csv", DATED, "published", f"{NEXT_YEAR}-01", f"'{NEXT_YEAR}-01' is in the "
         "future"),
        ("studies.csv", REGIONAL, "region", "", "a regional study names its region"),
        ("studies.csv", NATIONAL_STUDY, "region", "bretagne", "a national study names no "
         "region"),
        ("sources.csv", 2, "id", "ftp://x", "'ftp://x' does not match the pattern "
         "(https?://[^\\s]+|seed:[a-z0-9]+(-[a-z0-9]+)*)"),
        ("former_regions.csv", 2, "merged_into", "la-lune", "'la-lune' refers to nothing in "
         "regions.csv (slug)"),
        ("former_codes.csv", 2, "region", "la-lune", "'la-lune' refers to nothing in regions.csv "
         "(slug)"),
    ],
)  # fmt: skip
def test_the_message_says_exactly_what_is_wrong(
    tmp_path: Path, name: str, row: int, field: str, value: str, message: str
) -> None:
    assert error_after(tmp_path, name, row, field, value) == (
        f"{name}, row {row}, field {field!r}: {message}"
    )


def test_a_repeated_key_names_every_key_field(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, "figures.csv")
    rows.append({**rows[0], "id": "another-id"})
    write_table(folder, "figures.csv", header, rows)
    key = tuple(rows[0][f] for f in FIGURE_KEY)
    with pytest.raises(DataError) as raised:
        load(folder)
    assert str(raised.value) == (
        f"figures.csv, row {len(rows) + 1}, field(s) region, actor, segment, indicator, theme, "
        f"study: {key!r} repeats row 2"
    )


@pytest.mark.parametrize(
    ("name", "row", "field", "value", "message"),
    [
        # Bourgogne-Franche-Comté renamed Bretagne: the clash is found at Bretagne's slug
        ("regions.csv", 3, "name", "Bretagne", "the name 'bretagne' (read as 'bretagne') is given "
         "to two records"),
        ("former_regions.csv", 3, "name", "AUVERGNE", "the name 'AUVERGNE' (read as 'auvergne') "
         "is given to two records"),
        ("former_regions.csv", 2, "name", "Grand Est", "'grandest' names both a former and a "
         "current region"),
        ("actors.csv", 3, "aliases", "company;Citizen", "the name 'Citizen' (read as 'citizen') "
         "is given to two records"),
        ("segments.csv", 5, "label_fr", "Associations employeuses", "the name 'Associations "
         "employeuses' (read as 'associationsemployeuses') is given to two records"),
        ("themes.csv", 2, "aliases", "emploi;Sécurité", "the name 'Sécurité' (read as "
         "'securite') is given to two records"),
        ("indicators.csv", 2, "aliases", "score", "the name 'score' (read as 'score') is given "
         "to two records"),
        # a study without figures renamed to fold onto another study's id
        ("studies.csv", first_row("studies.csv", id="phare-diagnostics-sectoriels-2016"), "id",
         "phare-citoyens2015", "the name 'phare-citoyens2015' (read as 'pharecitoyens2015') is "
         "given to two records"),
    ],
)  # fmt: skip
def test_a_name_given_twice_is_reported_with_its_table(
    tmp_path: Path, name: str, row: int, field: str, value: str, message: str
) -> None:
    assert error_after(tmp_path, name, row, field, value) == f"{name}: {message}"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("slug,iso_3166_2,nuts,insee_code", "regions.csv: missing column(s) name, kind"),
        ("slug,name,insee_code,iso_3166_2,nuts,kind,a,b", "regions.csv: unexpected column(s) a, b"),
    ],
)
def test_the_header_message_lists_every_column(tmp_path: Path, header: str, message: str) -> None:
    folder = copy_data(tmp_path)
    (folder / "regions.csv").write_text(header + "\n" + "x\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(folder)
    assert str(raised.value) == message


def test_a_folder_in_place_of_a_file_says_why_it_cannot_be_read(tmp_path: Path) -> None:
    folder = broken(tmp_path, "themes.csv", None)
    (folder / "themes.csv").mkdir()
    with pytest.raises(DataError) as raised:
        load(folder)
    assert str(raised.value) == "themes.csv: cannot be read (Is a directory)"


@pytest.mark.parametrize(
    ("row", "value"),
    [(PERCENT, "0"), (PERCENT, "100"), (SCORE, "0"), (SCORE, "10"), (COUNT, "0"),
     (POINTS, "-100"), (POINTS, "100")],
)  # fmt: skip
def test_a_value_on_the_bound_of_its_unit_is_accepted(tmp_path: Path, row: int, value: str) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, "figures.csv", row, "value", value)
    assert load(folder).figures[row - 2].value == float(value)


@pytest.mark.parametrize(
    ("name", "row", "field", "value"),
    [
        ("figures.csv", PERCENT, "reference_year", "2000"),
        ("figures.csv", PERCENT, "reference_year", str(time.gmtime().tm_year)),
        ("studies.csv", SAMPLED, "sample_size", "0"),
        ("studies.csv", first_row("studies.csv", regional_report_number="1"),
         "regional_report_number", "1"),
    ],
)  # fmt: skip
def test_a_whole_number_on_its_bound_is_accepted(
    tmp_path: Path, name: str, row: int, field: str, value: str
) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, name, row, field, value)
    store = load(folder)
    loaded = store.figures if name == "figures.csv" else store.studies
    assert getattr(loaded[row - 2], field) == int(value)


@pytest.mark.parametrize(
    ("change", "check"),
    [
        (lambda d: d.update(founded=2100), lambda o: o.founded == 2100),
        (lambda d: d.update(founded=1900), lambda o: o.founded == 1900),
        (lambda d: d["programmes"][2].update(strands=1), lambda o: o.programmes[2].strands == 1),
        (lambda d: d["programmes"][-1].update(end_year=2100), lambda o: o.programmes[-1].end_year),
    ],
)
def test_a_year_or_a_count_on_its_bound_is_accepted_in_json(
    tmp_path: Path, change: Any, check: Any
) -> None:
    assert check(load(observatory(tmp_path, change)).observatory)


def test_a_year_past_the_bound_is_refused_in_a_nullable_field(tmp_path: Path) -> None:
    with pytest.raises(DataError) as raised:
        load(observatory(tmp_path, lambda d: d["programmes"][2].update(end_year=2101)))
    assert str(raised.value) == (
        "observatory.json, field 'programmes[2].end_year': 2101 is out of range: at most 2100"
    )


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    set_cell(folder, "figures.csv", PERCENT, "note", "first line\r\nsecond line")
    assert load(folder).figures[PERCENT - 2].note == "first line\r\nsecond line"


def test_a_source_no_record_cites_is_refused(tmp_path: Path) -> None:
    # The youmatter page on the mayors' survey backs only PHARE-Institutions: unlink it.
    row = first_row("studies.csv", id="phare-institutions-2016")
    message = error_after(tmp_path, "studies.csv", row, "see_also", "")
    assert message == (
        "sources.csv: 'https://youmatter.world/transitions/?p=150' is cited by no record"
    )


def test_an_unknown_programme_id_lists_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(DataError) as raised:
        load(observatory(tmp_path, lambda d: d["programmes"][1].update(id="PHAROS")))
    assert str(raised.value) == (
        "observatory.json, field 'programmes[1].id': 'PHAROS' is not one of ARPEA, PHARE, IMPACT, IMPACTS-TRAJECTOIRES"
    )


def test_a_programme_may_have_no_see_also(tmp_path: Path) -> None:
    def move_see_also(data: dict[str, Any]) -> None:
        # IMPACT's pages are cited by PHARE instead, so that every source stays cited
        impact, phare_ = data["programmes"][2], data["programmes"][1]
        phare_["see_also"] += impact["see_also"]
        impact["see_also"] = []

    programmes = load(observatory(tmp_path, move_see_also)).observatory.programmes
    assert [p.id for p in programmes] == ["ARPEA", "PHARE", "IMPACT", "IMPACTS-TRAJECTOIRES"]
    assert programmes[2].see_also == ()
    bundled = {p.id: p for p in BUNDLED._tables().observatory.programmes}
    assert programmes[1].see_also == bundled["PHARE"].see_also + bundled["IMPACT"].see_also


def test_an_observatory_without_disputes_has_an_empty_tuple(tmp_path: Path) -> None:
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, "disputes.csv")
    kept = [r for r in rows if r["subject_kind"] != "observatory"]
    assert len(kept) == len(rows) - 2  # the two sources dating the founding to 2007
    write_table(folder, "disputes.csv", header, kept)
    assert load(folder).observatory.disputes == ()


def test_every_citation_is_counted_under_the_kind_of_record_citing() -> None:
    # Counted from the raw files: a figure cites one source, a study its source and its see_also
    # links, a withdrawn code, a former name, a département and a dispute one each; the
    # Observatory and each programme cite
    # the sources listed in their fields of observatory.json.
    observatory = json.loads((DATA / "observatory.json").read_text(encoding="utf-8"))
    studies = read_table(DATA, "studies.csv")[1]
    programme_fields = ("period_sources", "objectives_sources", "strand_sources", "see_also")
    kinds = Counter(kind for kind, _ in _store.citations(BUNDLED._tables()))
    assert kinds == {
        "figures": len(read_table(DATA, "figures.csv")[1]),
        "studies": sum(1 + len([s for s in r["see_also"].split(";") if s]) for r in studies),
        "regions": sum(
            len(read_table(DATA, name)[1])
            for name in ("former_codes.csv", "former_names.csv", "departements.csv")
        ),
        "observatory": len(observatory["founded_sources"])
        + len(observatory["founders_sources"])
        + len(observatory["scientific_direction_sources"])
        + 3,  # the partners, the objectives and Le RAMEAU each cite one source
        "programmes": sum(
            1 + sum(len(p[field]) for field in programme_fields) for p in observatory["programmes"]
        ),
        "disputes": len(read_table(DATA, "disputes.csv")[1]),
        "breaks": len(read_table(DATA, "comparability.csv")[1]),
    }


# --- a table cut short ---------------------------------------------------------------------

#: The text of the bundled figures.csv, which the cuts below shorten.
FIGURES_TEXT = (DATA / "figures.csv").read_text(encoding="utf-8")


#: Cut points spread over the file, so that some fall inside quoted notes, some inside an
#: unquoted last field (whose half still reads as a whole row), some inside a row's first cells.
def _inside_a_line(cut: int) -> int:
    """*cut*, moved on past any line break it would fall just after: a cut inside a line."""
    while FIGURES_TEXT[cut - 1] == "\n":
        cut += 1
    return cut


CUTS = sorted(
    {
        _inside_a_line(cut)
        for cut in range(
            len(FIGURES_TEXT.splitlines()[0]) + 5, len(FIGURES_TEXT) - 1, len(FIGURES_TEXT) // 37
        )
    }
    | {FIGURES_TEXT.rindex("\n", 0, len(FIGURES_TEXT) - 1) + 4, len(FIGURES_TEXT) - 2}
)


@pytest.mark.parametrize("cut", CUTS)
def test_a_figures_table_cut_mid_line_is_named_as_figures_csv(tmp_path: Path, cut: int) -> None:
    """Not as a source "cited by no record", nor a dispute whose figure went missing."""
    folder = copy_data(tmp_path)
    assert FIGURES_TEXT[cut - 1] != "\n"  # a cut inside a line
    (folder / "figures.csv").write_text(FIGURES_TEXT[:cut], encoding="utf-8")
    line = FIGURES_TEXT[:cut].count("\n") + 1
    with pytest.raises(
        DataError, match=rf"^figures\.csv, line {line}: the file ends inside a line"
    ):
        load(folder)


def test_a_table_cut_at_a_line_break_names_the_table_that_lost_rows(tmp_path: Path) -> None:
    """A cut at a line break leaves a valid shorter table: the first record left without its
    figure (a break of a series, a dispute) names figures.csv, where the figure is missing,
    before any source goes uncited."""
    folder = copy_data(tmp_path)
    lines = FIGURES_TEXT.splitlines(keepends=True)
    (folder / "figures.csv").write_text("".join(lines[: len(lines) // 2]), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(folder)
    message = str(raised.value)
    assert re.search(r"(refers to nothing in figures\.csv|is not in figures\.csv)", message)
    assert "cited by no record" not in message
