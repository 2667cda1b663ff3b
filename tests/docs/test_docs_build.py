"""The documentation builds strictly (any Sphinx warning fails), and its data pages hold the data.

The site is built once per run into a temporary folder, with the command a developer uses:
``python -m sphinx -W --keep-going -b html docs <out>``. The data pages are generated from the
installed package, so the checks below compare the built HTML with what ``phare`` returns.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

import phare
from phare.formatting import format_qualified
from phare.vocabulary import CONFIDENCE_WORDS
from support.datacopy import DATA, read_table
from support.verified import FIGURES

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))
import exclusions  # noqa: E402  (the documentation's table of what was left out)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-q", "-b", "html",
        "-d", str(out / "doctrees"), str(DOCS), str(out / "html"),
    ]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out / "html"


def page(site: Path, name: str) -> str:
    """The visible text of a built page, tags removed and entities decoded."""
    raw = (site / f"{name}.html").read_text(encoding="utf-8")
    body = raw[raw.index('role="main"') : raw.index("<footer>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_every_page_is_built(site: Path) -> None:
    sources = {p.relative_to(DOCS).with_suffix("") for p in DOCS.rglob("*.md")}
    sources = {s for s in sources if s.parts[0] != "_build"}
    built = {p.relative_to(site).with_suffix("") for p in site.rglob("*.html")}
    assert sources <= built, sources - built


def test_studies_page_lists_every_study_with_its_metadata(site: Path) -> None:
    text = page(site, "data/studies")
    for study in phare.studies():
        assert study.id in text
        assert study.title in text
        for sponsor in study.sponsors:
            assert sponsor in text
    naq = text[text.index("phare-nouvelle-aquitaine-2016 :") :]
    assert "Regional report number : 4" in naq[:2000]
    assert "Generali, Caisse des Dépôts" in naq[:2000]


def test_indicator_and_actor_pages_give_both_languages(site: Path) -> None:
    indicators = page(site, "data/indicators")
    for indicator in phare.indicators():
        for label in (indicator.label_en, indicator.label_fr):
            assert label in indicators
        assert indicator.definition_en in indicators
        assert indicator.definition_fr in indicators
    actors = page(site, "data/actors")
    for actor in phare.actors():
        for label in (actor.label_en, actor.label_fr, actor.definition_en, actor.definition_fr):
            assert label in actors
    themes = page(site, "data/themes")
    for theme in phare.themes():
        assert f"{theme.id} {theme.label_en} {theme.label_fr}" in themes


def test_coverage_counts_the_figures_of_every_region(site: Path) -> None:
    text = page(site, "data/regions")
    coverage = text[text.index("By actor") : text.index("By programme")]
    naq = phare.region("nouvelle-aquitaine")
    counts = [len(phare.figures(region="nouvelle-aquitaine", actor=a.id)) for a in phare.actors()]
    assert counts == [2, 7, 4, 0]
    assert f"Nouvelle-Aquitaine 2 7 4 {len(naq.figures())}" in coverage


def test_every_dispute_is_on_the_disputes_page(site: Path) -> None:
    text = page(site, "data/disputes")
    records = [
        *(d for f in phare.figures() for d in f.disputes),
        *(d for s in phare.studies() for d in s.disputes),
        *(d for p in phare.programmes() for d in p.disputes),
        *phare.observatory().disputes,
    ]
    assert len(records) == len(read_table(DATA, "disputes.csv")[1])
    for record in records:
        assert record.other in text
        assert record.source.title in text


def test_excluded_page_lists_every_row_with_where_it_is_kept(site: Path) -> None:
    text = page(site, "data/excluded")
    for row in exclusions.exclusions():
        assert row.item in text
        assert row.reason in text
        for kind, ident in row.where_kept:
            assert ident in text if kind != "observatory" else phare.observatory().name in text
    assert "Figures no study can be assigned to" in text
    nearly_half = text[text.index("'nearly half' of companies") :][:400]
    assert "figure naq-companies-partnering" in nearly_half


def test_confidence_page_counts_each_grade(site: Path) -> None:
    text = page(site, "data/confidence")
    for grade, meaning in CONFIDENCE_WORDS.items():
        count = sum(f.confidence == grade for f in phare.figures())
        assert f"{grade} {meaning[:1].upper()}{meaning[1:]}. {count} " in text
    grade_a = sum(row.confidence == "A" for row in FIGURES)
    assert f"A Stated by the Observatory or Le RAMEAU themselves. {grade_a} " in text


def test_api_reference_documents_every_public_name(site: Path) -> None:
    text = page(site, "reference/api")
    missing = [name for name in phare.__all__ if name != "__version__" and name not in text]
    assert not missing, f"add these to docs/reference/api.md: {missing}"


def test_observatory_page_shows_objectives_strands_and_their_sources(site: Path) -> None:
    text = page(site, "data/observatory")
    observatory = phare.observatory()
    founders = text[text.index("Founders :") : text.index("Partners :")]
    assert [s.title for s in observatory.founders_sources] == [
        "Press release on the PHARE Nouvelle-Aquitaine regional report (November 2016)",
        "Presentation of the study programme",
    ]
    assert all(s.title in founders for s in observatory.founders_sources)
    direction = text[text.index("Scientific direction :") :]
    assert all(s.title in direction[:600] for s in observatory.scientific_direction_sources)
    for programme in phare.programmes():
        section = text[text.index(f"{programme.id} ({programme.period})") :]
        assert all(s.title in section[:800] for s in programme.period_sources)
        for en, fr in zip(programme.objectives_en, programme.objectives_fr, strict=True):
            assert f"{en} {fr}" in section
        assert all(name in section for name in programme.strand_names)
    assert "Strands : 10, named Citizens, Associations, Large companies, SMEs" in text
    assert "Note: The Observatory's national fact sheet gives these four objectives" in text


#: The columns of the catalogue, the figure's identifier first.
CATALOGUE_HEADERS = [
    "Figure",
    "Actor",
    "Indicator",
    "Theme",
    "Value",
    "Year",
    "Study",
    "Grade",
    "Source",
]

#: The label each catalogue cell starts with (docs/_ext/phare_data.py), shown only on a phone.
LABEL = re.compile(r'<span class="phare-label">(.*?)</span>')


def _cells(row: str) -> list[str]:
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", LABEL.sub("", cell))).split())
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    ]


def test_catalogue_lists_every_figure_under_its_region(site: Path) -> None:
    raw = (site / "data" / "catalogue.html").read_text(encoding="utf-8")
    with_figures = [r for r in (phare.national(), *phare.regions()) if r.figures()]
    starts = [raw.index(f'id="catalogue-{r.slug}"') for r in with_figures]
    assert starts == sorted(starts)
    ends = [*starts[1:], len(raw)]
    shown_rows = 0
    for region, start, end in zip(with_figures, starts, ends, strict=True):
        section = raw[start:end]
        headers = [re.sub(r"<[^>]+>", "", th) for th in re.findall(r"<th[^>]*>(.*?)</th>", section)]
        assert headers == CATALOGUE_HEADERS, region.slug
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", section, re.S)
        # Every cell is labelled with its column's header, for the cards shown on a phone.
        for row in rows[1:]:
            assert LABEL.findall(row) == headers, region.slug
        cells = [_cells(row) for row in rows]
        cells = [row for row in cells if row]  # the header row has no <td>
        by_id = {row[0]: row for row in cells}
        assert len(by_id) == len(cells) == len(region.figures()), region.slug
        shown_rows += len(cells)
        for f in region.figures():
            _, actor, indicator, theme, value, year, study, grade, source = by_id[f.id]
            assert actor.startswith(f.actor.id)
            assert (f.segment.id == "all") == (f.segment.id not in actor)
            assert indicator == f.indicator.id
            assert theme == (f.theme.id if f.theme else "")
            assert value.startswith(format_qualified(f.value, f.unit, f.qualifier, words=True))
            assert ("disputed" in value) == f.disputed
            assert (year, grade, study) == (str(f.reference_year), f.confidence, f.study.id)
            assert source == (f.source.publisher if f.source.url else f.source.location)
    assert shown_rows == len(phare.figures())


def test_the_site_uses_furo_with_copy_buttons_and_the_guide_is_a_how_to(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "furo.css" in index
    assert "copybutton.js" in index
    assert (site / "howto" / "analyse-the-figures.html").is_file()
    assert not (site / "analysis.html").exists()
    assert "howto/analyse-the-figures.html" in index
