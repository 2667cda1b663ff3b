"""Figure.cite, Study.cite, phare.cite and CITATION.cff."""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

import phare
from phare import citation
from support.hostile import SlyStr
from support.verified import FIGURES, STUDIES, VerifiedFigure, VerifiedStudy, url_and_document

ROOT = Path(__file__).resolve().parents[2]
STUDY_BY_ID = {s.study_id: s for s in STUDIES}
#: A character BibTeX or LaTeX reads as a command, not preceded by a backslash.
UNESCAPED = re.compile(r"(?<!\\)[&%$#_]")


def _figure(row: VerifiedFigure) -> phare.Figure:
    return phare.region(row.region).figure(row.actor, row.indicator, **row.selection)


def _fields(entry: str) -> dict[str, str]:
    """The fields of one BibTeX entry written by phare (one field per line)."""
    return dict(re.findall(r"^  (\w+) = \{(.*)\},?$", entry, flags=re.MULTILINE))


def _check_bibtex(entry: str, kind: str, key: str) -> dict[str, str]:
    assert entry.startswith(f"@{kind}{{{key},\n")
    assert entry.endswith("\n}")
    assert entry.count("{") == entry.count("}")
    fields = _fields(entry)
    for name, value in fields.items():
        if name != "url":
            assert not UNESCAPED.search(value), (name, value)
    return fields


def test_nouvelle_aquitaine_figure_text_reference() -> None:
    text = phare.region("nouvelle-aquitaine").figure("companies", "partnering").cite()
    assert text.startswith(
        "Observatoire national des partenariats (Le RAMEAU and Caisse des Dépôts), "
        "PHARE-Nouvelle-Aquitaine, PHARE programme, 2016. "
        "Companies: Already partnering, Nouvelle-Aquitaine: 45 % (reference year 2016). "
    )
    assert "Press release on the PHARE Nouvelle-Aquitaine regional report" in text
    assert "no web address" in text
    assert "Confidence A" in text
    assert f"phare {phare.__version__} (data {phare.__data_version__})" in text


@pytest.mark.parametrize("row", FIGURES, ids=[row.fact_id for row in FIGURES])
def test_every_figure_text_reference_names_study_programme_source_and_grade(
    row: VerifiedFigure,
) -> None:
    study: VerifiedStudy = STUDY_BY_ID[row.study_id]
    text = _figure(row).cite()
    assert "Observatoire national des partenariats" in text
    assert study.title in text
    assert f"{study.programme} programme" in text
    year = f"{study.published[:4]}." if study.published else "n.d."  # one full stop either way
    assert f" programme, {year} " in text
    assert ".." not in text.replace("...", "")
    url, _ = url_and_document(row.source)
    if url is not None:
        assert url in text
    else:
        assert "no web address" in text
    assert f"Confidence {row.confidence}: {citation.CONFIDENCE_WORDS[row.confidence]}" in text
    assert f"(reference year {row.reference_year})" in text


@pytest.mark.parametrize("row", FIGURES, ids=[row.fact_id for row in FIGURES])
def test_every_figure_bibtex_entry_is_well_formed(row: VerifiedFigure) -> None:
    study = STUDY_BY_ID[row.study_id]
    entry = _figure(row).cite(style="bibtex")
    fields = _check_bibtex(entry, "misc", row.fact_id)
    assert fields["author"] == "{Observatoire national des partenariats}"
    assert fields["year"] == (study.published[:4] if study.published else "n.d.")
    url, _ = url_and_document(row.source)
    assert fields.get("url") == url
    assert f"Confidence {row.confidence}" in fields["note"]


def test_disputed_figure_reference_carries_the_other_value() -> None:
    text = phare.national().figure("companies", "partnerships-count").cite()
    assert "more than 674000" in text
    assert "Disputed: Youmatter gives nearly 675 000" in text


def test_an_undated_study_reads_n_d_once() -> None:
    figure = phare.national().figure("citizens", "partnerships-urgent", study="arpea-citoyens-2008")
    assert figure.study.published is None
    text = figure.cite()
    assert "ARPEA-Citoyens (2008 wave), ARPEA programme, n.d. Citizens: " in text
    assert "n.d.." not in text
    assert "  year = {n.d.},\n" in figure.cite("bibtex")
    study = phare.study("arpea-citoyens-2008")
    assert study.cite().startswith("Observatoire national des partenariats (n.d.). ARPEA-Citoyens")
    assert "  year = {n.d.},\n" in study.cite("bibtex")


MEANING = "mayors who do not yet know how to steer or lead the dynamic"


def test_a_dispute_told_by_two_pages_is_told_once_with_both() -> None:
    figure = phare.national().figure("mayors", "movement-emerging")
    assert [(d.field, d.other) for d in figure.disputes] == [("meaning", MEANING)] * 2
    text = figure.cite()
    assert text.count("Disputed:") == 1
    assert (
        f" Disputed: Le RAMEAU gives {MEANING} (https://www.lerameau.fr/le-programme-impact/; "
        "https://www.lerameau.fr/1ere-universiste-citoyenne-des-zebres/). "
    ) in text


def test_disputes_from_several_publishers_name_each_with_its_page() -> None:
    figure = phare.national().figure("mayors", "movement-emerging")
    other = phare.national().figure("companies", "partnerships-count").disputes[0].source
    same_twice = attrs.evolve(figure.disputes[1], source=other)
    mixed = attrs.evolve(figure, disputes=(figure.disputes[0], same_twice, same_twice))
    text = mixed.cite()
    assert text.count("Disputed:") == 1
    assert (
        " Disputed: Le RAMEAU (https://www.lerameau.fr/le-programme-impact/) and "
        f"Youmatter ({other.location}) give {MEANING}. "
    ) in text
    # A different other value, or the same words for another field, is a dispute of its own.
    apart = attrs.evolve(figure.disputes[1], field="value")
    assert attrs.evolve(figure, disputes=(figure.disputes[0], apart)).cite().count("Disputed:") == 2


def test_bibtex_escapes_ampersand_and_percent() -> None:
    entry = phare.study("arpea-entreprises-territoires-2011").cite("bibtex")
    assert "title = {ARPEA Entreprises \\& Territoires}" in entry
    figure = phare.national().figure("companies", "partnering", study="phare-entreprises-2015")
    assert "title = {Companies: Already partnering, France: 37 \\%}" in figure.cite("bibtex")


@pytest.mark.parametrize("row", STUDIES, ids=[row.study_id for row in STUDIES])
def test_every_study_cites_in_both_styles(row: VerifiedStudy) -> None:
    study = phare.study(row.study_id)
    text = study.cite()
    year = row.published[:4] if row.published else "n.d."
    assert text.startswith(f"Observatoire national des partenariats ({year}). {row.title}. ")
    assert f"{row.programme} programme" in text
    if row.regional_report_number is not None:
        assert f"regional report no. {row.regional_report_number}" in text
    for sponsor in row.sponsors:
        assert sponsor in text
    url, _ = url_and_document(row.source)
    assert (url or "no web address") in text
    fields = _check_bibtex(study.cite("bibtex"), "techreport", row.study_id)
    assert fields["type"] == f"{row.programme} programme study"
    assert fields["year"] == year
    assert fields.get("url") == url


def test_package_citation_names_versions_and_observatory() -> None:
    text = phare.cite()
    assert f"data version {phare.__data_version__}, phare {phare.__version__}" in text
    assert "Observatoire national des partenariats, founded in 2008 by Le RAMEAU and" in text
    assert "Figure.cite()" in text
    entries = phare.cite(style="bibtex").split("\n\n")
    assert len(entries) == 3
    dataset = _check_bibtex(entries[0], "dataset", "phare-data")
    assert dataset["version"] == phare.__data_version__
    assert dataset["year"] == phare.__data_version__[:4]
    assert dataset["title"] == _cff()["title"]
    assert dataset["author"] == "{" + PACKAGE_AUTHOR_IN_CFF + "}"
    assert "phare-observatoire" in dataset["note"]
    package = _check_bibtex(entries[1], "software", "phare")
    assert package["version"] == phare.__version__
    observatory = _check_bibtex(entries[2], "misc", "observatoire-national-des-partenariats")
    assert observatory["author"] == "{Le RAMEAU} and {Caisse des Dépôts}"
    assert observatory["year"] == "2008"


def test_unknown_style_suggests_one() -> None:
    fig = phare.national().figure("companies", "partnering")
    with pytest.raises(phare.UnknownNameError, match="did you mean 'bibtex'") as info:
        fig.cite("bibtx")  # type: ignore[arg-type]
    assert isinstance(info.value, phare.PhareError)
    with pytest.raises(phare.PhareError, match="styles are 'text' and 'bibtex'"):
        phare.study("phare-citoyens-2015").cite("chicago")  # type: ignore[arg-type]
    with pytest.raises(phare.PhareError):
        phare.cite("apa")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fig.cite(1)  # type: ignore[arg-type]


def test_a_style_is_read_as_plain_text_in_any_case() -> None:
    fig = phare.national().figure("companies", "partnering", study="phare-entreprises-2015")
    study = phare.study("phare-citoyens-2015")
    assert fig.cite("BibTeX") == fig.cite("bibtex")  # type: ignore[arg-type]
    assert study.cite(" TEXT ") == study.cite("text")  # type: ignore[arg-type]
    assert phare.cite("Bib-TeX") == phare.cite("bibtex")  # type: ignore[arg-type]
    assert fig.cite(SlyStr("bibtex")).startswith("@misc{fr-companies-partnering-2015,")  # type: ignore[arg-type]
    assert study.cite(SlyStr("Text")) == study.cite("text")  # type: ignore[arg-type]
    assert phare.cite(SlyStr("text")) == phare.cite()  # type: ignore[arg-type]
    with pytest.raises(phare.UnknownNameError, match="unknown citation style 'apa'"):
        phare.cite(SlyStr("apa"))  # type: ignore[arg-type]


#: The one author CITATION.cff names (its ``authors`` list holds one ``name``).
PACKAGE_AUTHOR_IN_CFF = re.findall(
    r"^authors:\n  - name: (.*)$", (ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M
)[0]


def _cff() -> dict[str, str]:
    """The top-level scalar keys of CITATION.cff (a flat reading; no YAML library needed)."""
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    return {
        key: value.strip().strip('"')
        for key, value in re.findall(r"^([a-z-]+):[ \t]*(.*)$", text, flags=re.MULTILINE)
    }


def test_citation_cff_matches_the_package() -> None:
    cff = _cff()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert cff["cff-version"] == "1.2.0"
    assert cff["type"] == "software"
    assert cff["version"] == phare.__version__
    assert f'\nversion = "{cff["version"]}"\n' in pyproject
    assert cff["title"] == citation.PACKAGE_TITLE
    assert f'license = {{ text = "{cff["license"]}" }}' in pyproject


def test_citation_cff_holds_no_contact_data() -> None:
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert "@" not in text
    assert not re.search(r"\+?\d[\d .]{8,}\d", text)
    for key in ("email", "tel", "fax", "address"):
        assert f"{key}:" not in text
