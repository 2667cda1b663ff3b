"""Notebook display (_repr_html_) and short plain reprs, and the Figures tuple type."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape as html_escape

import attrs
import pytest

import phare
from phare import display
from support.verified import (
    EMPTY_REGION,
    FIGURES,
    STUDIES,
    VerifiedFigure,
    figures_of,
    url_and_document,
)

NAQ = "nouvelle-aquitaine"


def _parse(html: str) -> ET.Element:
    """Parse the HTML as XML: it only works if every tag is closed and all text is escaped."""
    return ET.fromstring(f"<root>{html}</root>")


def _links(html: str) -> list[str]:
    return [a.attrib["href"] for a in _parse(html).iter("a")]


def _figure(row: VerifiedFigure) -> phare.Figure:
    return phare.region(row.region).figure(row.actor, row.indicator, **row.selection)


# --- the Figures tuple ---------------------------------------------------------------------


def test_queries_return_figures_that_are_tuples() -> None:
    naq = phare.region(NAQ)
    for result in (
        phare.figures(region=NAQ),
        naq.figures(),
        phare.national().series("companies", "partnering"),
    ):
        assert isinstance(result, phare.Figures)
        assert isinstance(result, tuple)
    assert phare.region(EMPTY_REGION.slug).figures() == ()
    assert naq.figures() == tuple(phare.figures(region=NAQ))
    first, *rest = naq.figures()
    assert first.value == 45.0
    assert len(rest) == len(figures_of(NAQ)) - 1


def test_figures_slices_stay_figures_and_index_to_figure() -> None:
    figs = phare.figures(region=NAQ)
    assert isinstance(figs[:3], phare.Figures)
    assert [f.value for f in figs[:3]] == [45.0, 26.0, 29.0]
    assert isinstance(figs[-1], phare.Figure)
    assert figs[1:2].to_frame()["value"].tolist() == [26.0]


def test_figures_to_frame_is_the_tidy_table() -> None:
    figs = phare.figures(region=NAQ, indicator="partnering")
    assert figs.to_frame().equals(phare.to_frame(region=NAQ, indicator="partnering"))


def test_figures_repr_is_short_and_ends_with_a_hint() -> None:
    text = repr(phare.figures())
    lines = text.splitlines()
    assert lines[0] == f"Figures, {len(FIGURES)} figures:"
    assert len(lines) == display.TEXT_ROWS + 3
    assert lines[-2] == f"  ... and {len(FIGURES) - display.TEXT_ROWS} more"
    assert lines[-1] == "Use .to_frame() for a DataFrame."
    assert repr(phare.figures(region=EMPTY_REGION.slug)) == (
        "Figures: none. Use .to_frame() for a DataFrame."
    )


def test_region_and_study_reprs_are_one_line_with_a_hint() -> None:
    assert repr(phare.region(NAQ)) == (
        f"<Region nouvelle-aquitaine: Nouvelle-Aquitaine (FR-NAQ), {len(figures_of(NAQ))} figures; "
        "use .figures() or .to_frame()>"
    )
    assert repr(phare.study("phare-nouvelle-aquitaine-2016")) == (
        "<Study phare-nouvelle-aquitaine-2016: PHARE-Nouvelle-Aquitaine (PHARE, 2016-11-04); "
        ".cite() for a reference>"
    )


def test_an_undated_study_reads_date_unknown() -> None:
    # The 2008 ARPEA wave has no known publication date.
    assert phare.study("arpea-citoyens-2008").published is None
    assert repr(phare.study("arpea-citoyens-2008")) == (
        "<Study arpea-citoyens-2008: ARPEA-Citoyens (2008 wave) (ARPEA, date unknown); "
        ".cite() for a reference>"
    )


#: One record of each class shown field by field, as attrs would show it.
FIELD_BY_FIELD = {
    "Source": lambda: phare.national().figure("companies", "partnering").source,
    "Dispute": lambda: phare.observatory().disputes[0],
    "Actor": lambda: phare.actor("companies"),
    "Segment": lambda: phare.segment("employer"),
    "Theme": lambda: phare.theme("employment"),
    "Indicator": lambda: phare.indicator("partnering"),
    "Programme": lambda: phare.programme("PHARE"),
    "FormerRegion": lambda: phare.region(NAQ).former_regions[0],
    "FormerCode": lambda: phare.region(NAQ).former_codes[0],
    "FormerName": lambda: phare.region(NAQ).former_names[0],
    "Departement": lambda: phare.region(NAQ).departements[0],
    "Organisation": lambda: phare.observatory().le_rameau,
    "Observatory": phare.observatory,
}


@pytest.mark.parametrize("name", FIELD_BY_FIELD)
def test_field_by_field_reprs_read_as_attrs_writes_them(name: str) -> None:
    record = FIELD_BY_FIELD[name]()
    assert type(record).__name__ == name
    fields = [field for field in attrs.fields(type(record)) if field.repr]
    # the repr attrs generates for a class of the same name and fields
    twin = attrs.make_class(name, [field.name for field in fields], frozen=True)
    expected = repr(twin(**{field.name: getattr(record, field.name) for field in fields}))
    assert repr(record) == expected
    assert repr(record).startswith(f"{name}({fields[0].name}=")


def test_every_record_without_a_repr_of_its_own_is_listed_above() -> None:
    from phare.model import _FieldsRepr

    assert {cls.__name__ for cls in _FieldsRepr.__subclasses__()} == set(FIELD_BY_FIELD)


def test_a_field_by_field_repr_pinned() -> None:
    assert repr(phare.segment("employer")) == (
        "Segment(id='employer', actor='associations', label_en='Employer associations', "
        "label_fr='Associations employeuses', "
        "definition_en='Associations with paid staff.', "
        "definition_fr='Associations qui emploient des salariés.')"
    )


# --- values with their qualifier --------------------------------------------------------------

#: Written independently of the package: the mark of each qualifier and the suffix of each unit.
MARKS = {"exact": "", "approx": "~", "lower-bound": ">"}
SUFFIXES = {"percent": " %", "score-10": "/10", "count": "", "points": " pts"}


def _written(row: VerifiedFigure) -> str:
    number = str(int(row.value)) if row.value.is_integer() else str(row.value)
    return MARKS[row.qualifier] + number + SUFFIXES[row.unit]


@pytest.mark.parametrize("row", FIGURES, ids=[row.fact_id for row in FIGURES])
def test_repr_and_html_write_the_value_with_its_qualifier(row: VerifiedFigure) -> None:
    figure = _figure(row)
    assert f" = {_written(row)} ({row.reference_year}, " in repr(figure)
    cells = {tr.find("th").text: tr.find("td") for tr in _parse(figure._repr_html_()).iter("tr")}  # type: ignore[union-attr]
    shown = cells["value"].text  # type: ignore[union-attr]
    assert shown == _written(row) + (" *" if figure.disputed else "")


def test_qualified_values_read_the_same_everywhere() -> None:
    newly = phare.national().figure("companies", "newly-partnering")
    count = phare.national().figure("companies", "partnerships-count")
    assert repr(newly) == (
        "<Figure france companies newly-partnering = ~10 % (2015, phare-entreprises-2015, C)>"
    )
    assert repr(count).startswith("<Figure france companies partnerships-count = >674000 (")
    assert (display.value_text(newly), display.value_text(count)) == ("~10 %", ">674000 *")
    assert "Companies: Newly partnering, France: nearly 10 %" in newly.cite()
    c = phare.region(NAQ).compare("companies", "partnering")
    approx = attrs.evolve(c, region=attrs.evolve(c.region, qualifier="approx"))
    assert "partnering: ~45 % against France 37 % (PHARE)" in repr(approx)


# --- HTML ----------------------------------------------------------------------------------


def test_region_html_is_a_table_of_its_figures_with_links() -> None:
    html = phare.region(NAQ)._repr_html_()
    root = _parse(html)
    assert root.find("div/strong").text == "Nouvelle-Aquitaine"  # type: ignore[union-attr]
    rows = root.findall("table/tbody/tr")
    assert len(rows) == len(figures_of(NAQ))
    values = [row.findall("td")[5].text for row in rows]
    assert values[:3] == ["45 %", "26 %", "29 %"]
    # A link for each figure read on a web page; the Nouvelle-Aquitaine press release is named instead.
    expected = [url_and_document(row.source)[0] for row in FIGURES if row.region == NAQ]
    assert _links(html) == [url for url in expected if url is not None]
    assert html.count("no web address") == expected.count(None) == 9


def test_region_without_figures_shows_an_empty_note() -> None:
    html = phare.region(EMPTY_REGION.slug)._repr_html_()
    assert "No figure." in html
    _parse(html)


@pytest.mark.parametrize("row", FIGURES, ids=[row.fact_id for row in FIGURES])
def test_every_figure_html_links_its_source(row: VerifiedFigure) -> None:
    figure = _figure(row)
    html = figure._repr_html_()
    url, _ = url_and_document(row.source)
    links = _links(html)
    if url is None:
        assert "no web address" in html
    else:
        assert links[0] == url
    assert f"<th>confidence</th><td>{row.confidence}</td>" in html
    assert f"<th>reference year</th><td>{row.reference_year}</td>" in html


def test_disputed_figure_html_shows_the_other_value_and_its_source() -> None:
    html = phare.national().figure("companies", "partnerships-count")._repr_html_()
    assert "&gt;674000 *" in html
    assert "nearly 675 000" in html
    assert any("youmatter.world" in link for link in _links(html))


@pytest.mark.parametrize("study_id", [s.study_id for s in STUDIES])
def test_every_study_html_parses_and_links_its_source(study_id: str) -> None:
    study = phare.study(study_id)
    html = study._repr_html_()
    if study.source.url is not None:
        assert study.source.url in _links(html)
    assert html_escape(study.title) in html


def test_comparison_html_shows_both_figures_and_the_difference() -> None:
    c = phare.region(NAQ).compare("companies", "partnering")
    root = _parse(c._repr_html_())
    caption = root.find("table/caption").text  # type: ignore[union-attr]
    assert caption == "companies partnering (PHARE): +8 points against France"
    cells = {row.find("th").text: [td.text for td in row.findall("td")] for row in root.iter("tr")}  # type: ignore[union-attr]
    assert cells["value"] == ["45 %", "37 % *"]  # a relay gives 36 % for France
    assert cells["study"] == ["phare-nouvelle-aquitaine-2016", "phare-entreprises-2015"]
    assert _links(c._repr_html_()) == [c.national.source.url]


def test_figures_html_counts_and_caps_its_rows() -> None:
    html = phare.figures()._repr_html_()
    root = _parse(html)
    assert len(root.findall("table/tbody/tr")) == display.HTML_ROWS
    caption = root.find("table/caption").text  # type: ignore[union-attr]
    assert caption == (
        f"{len(FIGURES)} figures. The first {display.HTML_ROWS} are shown. Use .to_frame() for a DataFrame."
    )


def test_html_escapes_every_text() -> None:
    figure = phare.national().figure("companies", "partnering")
    hostile = "<script>alert('x')</script> & co"
    evil_region = attrs.evolve(figure.region, name=hostile)
    evil_source = attrs.evolve(figure.source, publisher=hostile, title=hostile)
    evil = attrs.evolve(figure, note=hostile, region=evil_region, source=evil_source)
    for html in (
        evil._repr_html_(),
        display.figures_html([evil]),
        attrs.evolve(figure.study, title=hostile, note=hostile)._repr_html_(),
    ):
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        _parse(html)


def test_only_web_addresses_become_links() -> None:
    figure = phare.national().figure("companies", "partnering")
    sneaky = attrs.evolve(figure.source, id="javascript:alert(1)")
    html = display.source_link(sneaky)
    assert "<a" not in html
    assert "href" not in html
