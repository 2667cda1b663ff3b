"""How records show themselves: short plain text, and HTML tables for notebooks.

The ``_repr_html_`` methods of :class:`~phare.Region`, :class:`~phare.Figure`,
:class:`~phare.Study`, :class:`~phare.Comparison` and :class:`~phare.Figures` hand their
record to this module. Every piece of text is escaped, and sources become links only when
they are web addresses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from phare.formatting import counted, format_difference, format_qualified
from phare.vocabulary import DISPUTED_MARK, MARK_MEANINGS, QUALIFIER_MARKS

if TYPE_CHECKING:
    from phare.model import Break, Comparison, Figure, Region, Source, Study

#: Figures listed in a plain ``repr`` before the rest is only counted.
TEXT_ROWS = 10
#: Rows of an HTML table before the rest is only counted.
HTML_ROWS = 60

HINT = "Use .to_frame() for a DataFrame."

_TABLE_HEAD = (
    "region",
    "actor",
    "segment",
    "indicator",
    "theme",
    "value",
    "year",
    "study",
    "conf.",
    "source",
)


def value_text(figure: Figure) -> str:
    """A figure's value as ``phare show`` and the HTML tables print it, with its unit and marks.

    ``~`` marks an approximate value, ``>`` a lower bound (as :func:`phare.model.format_qualified`
    writes them), and ``*`` a value another source disputes.

    >>> import phare
    >>> value_text(phare.national().figure("companies", "partnerships-count"))
    '>674000 *'
    """
    shown = format_qualified(figure.value, figure.unit, figure.qualifier)
    return f"{shown} {DISPUTED_MARK}" if figure.disputed else shown


def marks_legend(figures: Iterable[Figure] | None = None) -> str:
    """One line saying what the marks of :func:`value_text` mean: those *figures* use, or all.

    It is empty when the figures use no mark, so a table of exact values needs no legend.

    >>> import phare
    >>> marks_legend()
    'Values: ~ approximate, > lower bound, * disputed by another source.'
    >>> marks_legend([phare.national().figure("companies", "partnerships-count")])
    'Values: > lower bound, * disputed by another source.'
    >>> marks_legend(phare.region("occitanie").figures())
    ''
    """
    if figures is None:
        used = set(MARK_MEANINGS)
    else:
        used = set()
        for f in figures:
            used.add(QUALIFIER_MARKS[f.qualifier])
            if f.disputed:
                used.add(DISPUTED_MARK)
    meanings = [f"{mark} {meaning}" for mark, meaning in MARK_MEANINGS.items() if mark in used]
    return f"Values: {', '.join(meanings)}." if meanings else ""


def figures_text(figures: Sequence[Figure], breaks: Sequence[Break] = ()) -> str:
    """The plain ``repr`` of :class:`phare.Figures`: a count, the first figures, a hint.

    >>> import phare
    >>> print(figures_text(phare.figures(region="nouvelle-aquitaine", actor="mayors")))
    Figures: none. Use .to_frame() for a DataFrame.
    >>> print(figures_text(phare.figures()))  # doctest: +ELLIPSIS
    Figures, ... figures:
      <Figure france citizens alliances-innovation = 69 % (2015, phare-citoyens-2015, A)>
    ...
      ... and ... more
    Use .to_frame() for a DataFrame.
    """
    if not figures:
        return f"Figures: none. {HINT}"
    lines = [f"Figures, {counted(len(figures), 'figure')}:"]
    lines += [f"  {f!r}" for f in figures[:TEXT_ROWS]]
    if len(figures) > TEXT_ROWS:
        lines.append(f"  ... and {len(figures) - TEXT_ROWS} more")
    lines += breaks_lines(breaks)
    lines.append(HINT)
    return "\n".join(lines)


def breaks_lines(breaks: Sequence[Break], *, reasons: bool = False) -> list[str]:
    """The lines that list the breaks of a series, under a heading; none without a break.

    With *reasons*, each break is followed by its reason and its source (``phare series``).

    >>> import phare
    >>> for line in breaks_lines(phare.national().series("companies", "partnering").breaks):
    ...     print(line)
    2 breaks, between waves that cannot be read as one trend:
      2010 -> 2015: base (the populations differ)
      2015 -> 2021: unstated (a wave does not state its population or base)
    """
    if not breaks:
        return []
    head = f"{counted(len(breaks), 'break')}, between waves that cannot be read as one trend:"
    lines = [head]
    for b in breaks:
        lines.append(f"  {break_text(b)}")
        if reasons:
            lines += [f"    {b.reason}", f"    Source: {b.source.location}"]
    return lines


def break_text(series_break: Break) -> str:
    """One break in a line: the two years, the kind and what it means.

    >>> import phare
    >>> break_text(phare.national().series("companies", "partnering").breaks[0])
    '2010 -> 2015: base (the populations differ)'
    """
    b = series_break
    return f"{b.before.reference_year} -> {b.after.reference_year}: {b.kind} ({b.meaning})"


def source_link(source: Source) -> str:
    """A source as HTML: a link to its web address, or its name when it has none.

    >>> import phare
    >>> print(source_link(phare.study("phare-entreprises-2015").source))  # doctest: +ELLIPSIS
    <a href="https://www.lerameau.fr/phare-entreprises-...-territoire/" title="...">Le RAMEAU</a>
    >>> print(source_link(phare.region("nouvelle-aquitaine").figure("companies", "partnering").source))
    ... # doctest: +ELLIPSIS
    <span title="Press release on the PHARE Nouvelle-Aquitaine ...">Le RAMEAU (no web address)</span>
    """
    url = source.url
    if url is not None and url.startswith(("https://", "http://")):
        return (
            f'<a href="{escape(url)}" title="{escape(source.title)}">{escape(source.publisher)}</a>'
        )
    return (
        f'<span title="{escape(source.title)}">{escape(source.publisher)} (no web address)</span>'
    )


def _cells(values: Sequence[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{value}</{tag}>" for value in values) + "</tr>"


def _fields(rows: Sequence[tuple[str, str]]) -> str:
    """A two-column table of already escaped (label, value) pairs."""
    body = "".join(f"<tr><th>{escape(label)}</th><td>{value}</td></tr>" for label, value in rows)
    return f'<table class="phare">{body}</table>'


def figures_html(figures: Sequence[Figure], breaks: Sequence[Break] = ()) -> str:
    """A table of figures, one row each, with the source as a link.

    >>> import phare
    >>> html = figures_html(phare.figures(region="nouvelle-aquitaine", indicator="partnering"))
    >>> html.count("<tr>"), "45 %" in html
    (3, True)
    """
    if not figures:
        return f"<p>No figure. {escape(HINT)}</p>"
    rows = [
        _cells(
            [
                escape(f.region.name),
                escape(f.actor.id),
                escape(f.segment.id),
                escape(f.indicator.id),
                escape(f.theme.id) if f.theme is not None else "",
                escape(value_text(f)),
                str(f.reference_year),
                escape(f.study.id),
                f.confidence,
                source_link(f.source),
            ]
        )
        for f in figures[:HTML_ROWS]
    ]
    more = len(figures) - HTML_ROWS
    foot = f" The first {HTML_ROWS} are shown." if more > 0 else ""
    caption = f"{counted(len(figures), 'figure')}.{foot} {HINT}"
    return (
        f'<table class="phare"><caption>{escape(caption)}</caption>'
        f"<thead>{_cells(_TABLE_HEAD, 'th')}</thead><tbody>{''.join(rows)}</tbody></table>"
    ) + breaks_html(breaks)


def breaks_html(breaks: Sequence[Break]) -> str:
    """The breaks of a series as an HTML list, each with its reason and source; empty without.

    >>> import phare
    >>> html = breaks_html(phare.national().series("companies", "partnering").breaks)
    >>> html.count("<li>"), "2010 -&gt; 2015: base" in html
    (2, True)
    """
    if not breaks:
        return ""
    items = "".join(
        f"<li>{escape(break_text(b))}: {escape(b.reason)} ({source_link(b.source)})</li>"
        for b in breaks
    )
    return f'<p>{escape(counted(len(breaks), "break"))} in this series:</p><ul class="phare">{items}</ul>'


def figure_html(figure: Figure) -> str:
    """One figure as a table of its fields, provenance included.

    >>> import phare
    >>> html = figure_html(phare.national().figure("companies", "partnerships-count"))
    >>> "&gt;674000 *" in html, "nearly 675 000" in html
    (True, True)
    """
    f = figure
    rows = [
        ("value", escape(value_text(f))),
        ("region", escape(f.region.name)),
        ("actor", escape(f.actor.label_en)),
        ("segment", escape(f.segment.label_en)),
        ("indicator", escape(f"{f.indicator.label_en} ({f.indicator.id})")),
    ]
    if f.theme is not None:
        rows.append(("theme", escape(f.theme.label_en)))
    rows += [
        ("reference year", str(f.reference_year)),
        ("study", escape(f"{f.study.title} ({f.study.id}, {f.programme})")),
        ("source", source_link(f.source)),
        ("confidence", f.confidence),
    ]
    rows += [("disputed", f"{escape(d.other)} ({source_link(d.source)})") for d in f.disputes]
    if f.note:
        rows.append(("note", escape(f.note)))
    return _fields(rows)


def region_html(region: Region) -> str:
    """A region's codes, then the table of its figures.

    >>> import phare
    >>> html = region_html(phare.region("occitanie"))
    >>> html.startswith("<div><strong>Occitanie</strong>"), html.count("<tr>")
    (True, 3)
    """
    codes = [region.iso_3166_2, f"NUTS {region.nuts}"]
    if region.insee_code:
        codes.insert(0, f"INSEE {region.insee_code}")
    head = f"<div><strong>{escape(region.name)}</strong> ({escape(', '.join(codes))})</div>"
    return head + figures_html(region.figures())


def study_html(study: Study) -> str:
    """A study as a table of its fields, its source as a link.

    >>> import phare
    >>> html = study_html(phare.study("arpea-entreprises-territoires-2011"))
    >>> "ARPEA Entreprises &amp; Territoires" in html
    True
    """
    s = study
    rows = [
        ("study", escape(f"{s.title} ({s.id})")),
        ("programme", escape(s.programme)),
        ("published", escape(s.published or "unknown")),
    ]
    rows += [("disputed", f"{escape(d.other)} ({source_link(d.source)})") for d in s.disputes]
    if s.presented_at:
        rows.append(("presented", escape(s.presented_at)))
    if s.regional_report_number is not None:
        rows.append(("regional report", f"no. {s.regional_report_number}"))
    rows += [
        ("actors", escape(", ".join(s.actors))),
        ("scope", escape(s.scope if s.region is None else f"{s.scope}: {s.region}")),
        ("producer", escape(s.producer)),
    ]
    if s.sponsors:
        rows.append(("with", escape(", ".join(s.sponsors))))
    if s.sample_size is not None:
        rows.append(("sample", escape(f"{s.sample_size} ({s.sample_qualifier or 'exact'})")))
    rows += [("source", source_link(s.source)), ("note", escape(s.note))]
    return _fields(rows)


def comparison_html(comparison: Comparison) -> str:
    """A regional figure and France's side by side, with the difference.

    >>> import phare
    >>> html = comparison_html(phare.region("nouvelle-aquitaine").compare("companies", "partnering"))
    >>> "+8 points" in html, html.count("<a href=")
    (True, 1)
    """
    pair = (comparison.region, comparison.national)
    rows = [
        ("", *(escape(f.region.name) for f in pair)),
        ("value", *(escape(value_text(f)) for f in pair)),
        ("reference year", *(str(f.reference_year) for f in pair)),
        ("study", *(escape(f.study.id) for f in pair)),
        ("confidence", *(f.confidence for f in pair)),
        ("source", *(source_link(f.source) for f in pair)),
    ]
    caption = (
        f"{comparison.region.label} ({comparison.programme}): "
        f"{format_difference(comparison.difference, comparison.unit)} against France"
    )
    body = "".join(
        f"<tr><th>{escape(label)}</th><td>{left}</td><td>{right}</td></tr>"
        for label, left, right in rows
    )
    return f'<table class="phare"><caption>{escape(caption)}</caption>{body}</table>'
