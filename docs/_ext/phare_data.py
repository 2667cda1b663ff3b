"""Sphinx extension: generate the data pages of the documentation at build time.

A page under ``docs/data/`` asks for a generated section with a marker block::

    ```{phare-data} studies
    ```

When Sphinx reads the page, the marker is replaced by the Markdown of that section
(:mod:`data_sections`), written from what the public API of :mod:`phare` returns, so the data
pages say what the installed package holds and cannot drift from it.

>>> f"| Figures | {len(phare.figures())} |" in render("summary")
True

The catalogue's tables keep the column widths they are given (:func:`use_given_widths`), and
in a narrow column their rows read as cards (``_static/phare.css``): each cell is given its
column's header as a label, hidden while the rows are shown as a table (:func:`label_cells`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from data_sections import CATALOGUE_CLASS, SECTIONS
from docutils import nodes

import phare

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: A marker block: ```{phare-data} NAME``` followed by a closing fence.
MARKER = re.compile(r"^```\{phare-data\}[ \t]+(?P<name>[\w-]+)[ \t]*\n```[ \t]*$", re.MULTILINE)

#: A Markdown heading line (data text never starts a line with ``#``: it is escaped).
HEADING = re.compile(r"^(?P<hashes>#{1,6}) ", re.MULTILINE)

#: The class of the label :func:`label_cells` puts in a cell; ``phare.css`` shows it on cards.
LABEL_CLASS = "phare-label"

#: The folder of the pages that hold markers; they are re-read on every build.
DATA_FOLDER = "data/"


def render(name: str) -> str:
    """The Markdown of one generated section.

    >>> render("summary").splitlines()[2] == f"| Figures | {len(phare.figures())} |"
    True
    """
    try:
        section = SECTIONS[name]
    except KeyError:
        raise KeyError(f"no generated section {name!r}; known: {', '.join(SECTIONS)}") from None
    return section()


def expand(source: str) -> str:
    r"""Replace every marker block in a page's source with its generated section.

    >>> expand("Before\n```{phare-data} summary\n```\nAfter").count("| Figures |")
    1
    """
    return MARKER.sub(lambda match: _nested(render(match["name"]), source[: match.start()]), source)


def _nested(section: str, before: str) -> str:
    r"""Shift the headings of a generated *section* below the last heading *before* it.

    Sections are written as if they sat right under the page title (their headings start at
    ``##``); under a ``##`` heading of the page they start at ``###``.

    >>> _nested("## Item", "# Title\n\n## Part\n")
    '### Item'
    """
    levels = [len(m["hashes"]) for m in HEADING.finditer(before)]
    shift = "#" * (max(levels[-1], 1) - 1) if levels else ""
    return HEADING.sub(lambda m: shift + m[0], section)


def label_cells(table: nodes.table) -> None:
    r"""Start each body cell of *table* with its column's header, as an ``inline`` label.

    The label has the class :data:`LABEL_CLASS`, and its text is the table's own header, so the
    labels follow the columns whatever their order. An empty cell gets one too, so that the
    fields of every card sit in the same places.

    >>> from docutils.core import publish_doctree
    >>> rst = ".. table::\n\n   ==== =====\n   Year Grade\n   ==== =====\n   2019\n   ==== =====\n"
    >>> table = publish_doctree(rst).next_node(nodes.table)
    >>> label_cells(table)
    >>> [entry.astext() for entry in table.findall(nodes.entry)]
    ['Year', 'Grade', 'Year2019', 'Grade']
    >>> {tuple(label["classes"]) for label in table.findall(nodes.inline)}
    {('phare-label',)}
    """
    header, *body = table.findall(nodes.row)
    labels = [entry.astext() for entry in header.children]
    for row in body:
        for label, entry in zip(labels, row.children, strict=True):
            if not entry.children:
                entry += nodes.paragraph()
            entry[0].insert(0, nodes.inline(label, label, classes=[LABEL_CLASS]))


def use_given_widths(table: nodes.table) -> None:
    """Keep the column widths a ``{table}`` directive gives (its ``:widths:`` option).

    MyST marks every pipe table ``colwidths-auto``, which makes the HTML writer drop the widths
    the directive set; without that mark they are written as a ``<colgroup>``.

    >>> table = nodes.table(classes=["colwidths-auto", "colwidths-given"])
    >>> use_given_widths(table)
    >>> table["classes"]
    ['colwidths-given']
    """
    if "colwidths-given" in table["classes"]:
        table["classes"] = [c for c in table["classes"] if c != "colwidths-auto"]


# --- Sphinx -------------------------------------------------------------------------------------


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = expand(source[0])


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    for table in doctree.findall(nodes.table):
        if CATALOGUE_CLASS in table["classes"]:
            label_cells(table)
            use_given_widths(table)


def _always_reread(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    return sorted(doc for doc in env.found_docs if doc.startswith(DATA_FOLDER))


def setup(app: Sphinx) -> dict[str, object]:
    """Register the hooks: expand markers, label the catalogue's cells, re-read the data pages."""
    app.connect("source-read", _on_source_read)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-get-outdated", _always_reread)
    return {"version": phare.__version__, "parallel_read_safe": True}
