"""Sphinx extension: generate the data pages of the documentation at build time.

A page under ``docs/data/`` asks for a generated section with a marker block::

    ```{phare-data} studies
    ```

When Sphinx reads the page, the marker is replaced by the Markdown of that section
(:mod:`data_sections`), written from what the public API of :mod:`phare` returns, so the data
pages say what the installed package holds and cannot drift from it.

>>> f"| Figures | {len(phare.figures())} |" in render("summary")
True
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from data_sections import SECTIONS

import phare

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: A marker block: ```{phare-data} NAME``` followed by a closing fence.
MARKER = re.compile(r"^```\{phare-data\}[ \t]+(?P<name>[\w-]+)[ \t]*\n```[ \t]*$", re.MULTILINE)

#: A Markdown heading line (data text never starts a line with ``#``: it is escaped).
HEADING = re.compile(r"^(?P<hashes>#{1,6}) ", re.MULTILINE)

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


# --- Sphinx -------------------------------------------------------------------------------------


def _on_source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = expand(source[0])


def _always_reread(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    return sorted(doc for doc in env.found_docs if doc.startswith(DATA_FOLDER))


def setup(app: Sphinx) -> dict[str, object]:
    """Register the hooks: expand markers on read, re-read the data pages on every build."""
    app.connect("source-read", _on_source_read)
    app.connect("env-get-outdated", _always_reread)
    return {"version": phare.__version__, "parallel_read_safe": True}
