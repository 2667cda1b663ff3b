"""References for figures, studies and the package, as text to paste or as BibTeX.

A figure is cited to the Observatory that produced it, through its study and programme, with
the page (or the Nouvelle-Aquitaine press release) it was read from and how sure the attribution is.
:meth:`phare.Figure.cite` and :meth:`phare.Study.cite` hand their record to this module; the
records hold the facts, this module only words them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from phare.formatting import format_qualified
from phare.vocabulary import CONFIDENCE_WORDS, citation_style

if TYPE_CHECKING:
    from phare.dataset import Dataset
    from phare.model import Figure, Source, Study

#: How the package itself is named in a reference (the same words as ``CITATION.cff``).
PACKAGE_TITLE = (
    "phare: the figures of the French Observatoire national des partenariats, typed and sourced"
)
PACKAGE_AUTHOR = "The phare developers"

_BIBTEX_SPECIALS: Mapping[str, str] = MappingProxyType(
    {
        "\\": r"\textbackslash{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "{": r"\{",
        "}": r"\}",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def tex(text: str) -> str:
    r"""*text* with the characters BibTeX and LaTeX treat as commands escaped.

    >>> print(tex("ARPEA Entreprises & Territoires: 45 %"))
    ARPEA Entreprises \& Territoires: 45 \%
    """
    return "".join(_BIBTEX_SPECIALS.get(char, char) for char in text)


def bibtex_entry(kind: str, key: str, fields: dict[str, str | None]) -> str:
    r"""One BibTeX entry; fields whose value is ``None`` are left out, values are escaped.

    ``author`` is kept in double braces, as a corporate name BibTeX must not split; ``url`` is
    kept verbatim.

    >>> print(bibtex_entry("misc", "k", {"author": "Le RAMEAU", "title": "A & B", "year": None}))
    @misc{k,
      author = {{Le RAMEAU}},
      title = {A \& B}
    }
    """
    lines = []
    for name, value in fields.items():
        if value is None:
            continue
        if name == "author":
            shown = " and ".join("{" + tex(part) + "}" for part in value.split(" and "))
        elif name == "url":
            shown = value
        else:
            shown = tex(value)
        lines.append(f"  {name} = {{{shown}}}")
    return f"@{kind}{{{key},\n" + ",\n".join(lines) + "\n}"


def source_words(source: Source) -> str:
    """Where to find a source, for a reader: publisher and URL, or the named document.

    >>> import phare
    >>> source_words(phare.study("phare-entreprises-2015").source)  # doctest: +ELLIPSIS
    'Le RAMEAU, https://www.lerameau.fr/phare-entreprises-...'
    >>> source_words(phare.region("nouvelle-aquitaine").figure("companies", "partnering").source)
    'Le RAMEAU, Press release on the PHARE Nouvelle-Aquitaine regional report (November 2016)
    (no web address)'
    """
    if source.url is not None:
        return f"{source.publisher}, {source.url}"
    return f"{source.publisher}, {source.title} (no web address)"


def _observatory(study: Study) -> tuple[str, str]:
    """The Observatory's name and its founders, as the dataset of *study* gives them."""
    obs = study._dataset.observatory()
    return obs.name, " and ".join(obs.founders)


def _version() -> str:
    import phare

    return phare.__version__


def _what(figure: Figure) -> str:
    """The measured thing in words: "Companies: Already partnering" and its theme, if any."""
    subject = figure.actor.label_en
    if figure.segment.id != "all":
        subject += f" ({figure.segment.label_en})"
    what = f"{subject}: {figure.indicator.label_en}"
    if figure.theme is not None:
        what += f" ({figure.theme.label_en})"
    return what


def year_words(study: Study) -> str:
    """The year a reference gives for *study*: its year of publication, or ``n.d.`` (no date).

    BibTeX entries carry the same ``n.d.`` in their ``year`` field: classic styles print the
    field as written, and a technical report without a year would draw a warning.

    >>> import phare
    >>> year_words(phare.study("phare-citoyens-2015")), year_words(phare.study("arpea-citoyens-2008"))
    ('2015', 'n.d.')
    """
    return str(study.year) if study.year is not None else "n.d."


def _disputes_words(figure: Figure) -> str:
    """One sentence per other reading of the figure, naming every source that gives it once.

    Disputes that give the same other reading of the same field, from several pages, make one
    sentence: ``Disputed: Le RAMEAU gives … (page; page).``
    """
    readings: dict[tuple[str, str], dict[str, list[str]]] = {}
    for d in figure.disputes:
        pages = readings.setdefault((d.field, d.other), {}).setdefault(d.source.publisher, [])
        if d.source.location not in pages:
            pages.append(d.source.location)
    sentences = []
    for (_, other), by_publisher in readings.items():
        if len(by_publisher) == 1:
            [(publisher, pages)] = by_publisher.items()
            who = f"{publisher} gives {other} ({'; '.join(pages)})"
        else:
            named = [
                f"{publisher} ({'; '.join(pages)})" for publisher, pages in by_publisher.items()
            ]
            who = f"{' and '.join(named)} give {other}"
        sentences.append(f" Disputed: {who}.")
    return "".join(sentences)


def figure_citation(figure: Figure, style: object = "text") -> str:
    r"""The reference behind :meth:`phare.Figure.cite`.

    >>> import phare
    >>> fig = phare.region("nouvelle-aquitaine").figure("companies", "partnering")
    >>> print(figure_citation(fig))  # doctest: +ELLIPSIS
    Observatoire national des partenariats (Le RAMEAU and Caisse des Dépôts),
    PHARE-Nouvelle-Aquitaine, PHARE programme, 2016. Companies: Already partnering,
    Nouvelle-Aquitaine: 45 % (reference year 2016). Source: Le RAMEAU, Press release on ...
    (no web address). Confidence A: stated by the Observatory or Le RAMEAU themselves.
    Retrieved with phare 0.1.0 (data ...).
    >>> print(figure_citation(fig, "bibtex"))  # doctest: +ELLIPSIS
    @misc{naq-companies-partnering,
      author = {{Observatoire national des partenariats}},
      title = {Companies: Already partnering, Nouvelle-Aquitaine: 45 \%},
      howpublished = {PHARE-Nouvelle-Aquitaine, PHARE programme},
      year = {2016},
      note = {Reference year 2016. Source: Le RAMEAU, Press release ... Confidence A: ...}
    }
    """
    chosen = citation_style(style)
    study = figure.study
    name, founders = _observatory(study)
    year = year_words(study)
    value = format_qualified(figure.value, figure.unit, figure.qualifier, words=True)
    headline = f"{_what(figure)}, {figure.region.name}: {value}"
    details = (
        f"Source: {source_words(figure.source)}. Confidence {figure.confidence}: "
        f"{CONFIDENCE_WORDS[figure.confidence]}.{_disputes_words(figure)} "
        f"Retrieved with phare {_version()} (data {study._dataset.version})."
    )
    if chosen == "bibtex":
        return bibtex_entry(
            "misc",
            figure.id,
            {
                "author": name,
                "title": headline,
                "howpublished": f"{study.title}, {study.programme} programme",
                "year": year,
                "url": figure.source.url,
                "note": f"Reference year {figure.reference_year}. {details}",
            },
        )
    return (
        f"{name} ({founders}), {study.title}, {study.programme} programme, "
        f"{year if year.endswith('.') else year + '.'} "
        f"{headline} (reference year {figure.reference_year}). {details}"
    )


def study_citation(study: Study, style: object = "text") -> str:
    r"""The reference behind :meth:`phare.Study.cite`.

    >>> import phare
    >>> print(study_citation(phare.study("phare-nouvelle-aquitaine-2016")))
    Observatoire national des partenariats (2016). PHARE-Nouvelle-Aquitaine. PHARE programme,
    regional report no. 4. COMISIS for the Observatoire national des partenariats, with Generali
    and Caisse des Dépôts. Published 2016-11-04. Source: Le RAMEAU, Press release on the PHARE
    Nouvelle-Aquitaine regional report (November 2016) (no web address).
    >>> print(study_citation(phare.study("arpea-entreprises-territoires-2011"), "bibtex"))
    @techreport{arpea-entreprises-territoires-2011,
      author = {{Observatoire national des partenariats}},
      title = {ARPEA Entreprises \& Territoires},
      institution = {Observatoire national des partenariats},
      type = {ARPEA programme study},
      year = {2011},
      month = {1},
      url = {http://docplayer.fr/9425152-Etude-arpea-entreprises-territoires.html},
      note = {Observatoire national des partenariats. Published 2011-01. Source: Observatoire
      national des partenariats (copy on docplayer.fr),
      http://docplayer.fr/9425152-Etude-arpea-entreprises-territoires.html.}
    }
    """
    chosen = citation_style(style)
    name, _ = _observatory(study)
    series = f"{study.programme} programme"
    if study.regional_report_number is not None:
        series += f", regional report no. {study.regional_report_number}"
    made_by = study.producer
    if study.sponsors:
        made_by += ", with " + " and ".join(study.sponsors)
    published = f" Published {study.published}." if study.published else ""
    source = f"Source: {source_words(study.source)}."
    if chosen == "bibtex":
        month = study.published[5:7] if study.published and len(study.published) >= 7 else None
        return bibtex_entry(
            "techreport",
            study.id,
            {
                "author": name,
                "title": study.title,
                "institution": name,
                "type": f"{study.programme} programme study",
                "number": (
                    str(study.regional_report_number)
                    if study.regional_report_number is not None
                    else None
                ),
                "year": year_words(study),
                "month": str(int(month)) if month else None,
                "url": study.source.url,
                "note": f"{made_by}.{published} {source}",
            },
        )
    return f"{name} ({year_words(study)}). {study.title}. {series}. {made_by}.{published} {source}"


def cite(dataset: Dataset, style: object = "text") -> str:
    """The reference behind :meth:`phare.Dataset.cite`."""
    from phare._metadata import DISTRIBUTION

    chosen = citation_style(style)
    obs = dataset.observatory()
    founders = " and ".join(obs.founders)
    programmes = ", ".join(f"{p.id} {p.period}" for p in obs.programmes)
    observatory = f"founded in {obs.founded} by {founders} (programmes {programmes})"
    data_version = dataset.version
    if chosen == "bibtex":
        data = bibtex_entry(
            "dataset",
            "phare-data",
            {
                "author": PACKAGE_AUTHOR,
                "title": PACKAGE_TITLE,
                "year": data_version[:4],
                "version": data_version,
                "note": f"Data of the Python package phare {_version()} (distribution "
                f"{DISTRIBUTION}); figures from the {obs.name}",
            },
        )
        package = bibtex_entry(
            "software",
            "phare",
            {
                "author": PACKAGE_AUTHOR,
                "title": PACKAGE_TITLE,
                "version": _version(),
                "note": f"Python package; figures from the {obs.name}",
            },
        )
        producer = bibtex_entry(
            "misc",
            "observatoire-national-des-partenariats",
            {
                "author": founders,
                "title": obs.name,
                "year": str(obs.founded),
                "note": f"Observatory {observatory}",
            },
        )
        return f"{data}\n\n{package}\n\n{producer}"
    return (
        f"{PACKAGE_AUTHOR}. {PACKAGE_TITLE} (data version {data_version}, phare {_version()}) "
        f"[Dataset and Python package]. The figures are the work of the {obs.name}, "
        f"{observatory}; cite each one with Figure.cite() or Study.cite()."
    )
