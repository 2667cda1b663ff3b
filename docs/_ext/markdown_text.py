"""Write Markdown for the generated data pages: escaped text, links, tables, lists.

Data text is escaped so it shows exactly as bundled, whatever characters it holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from phare.formatting import format_qualified
from phare.model import Figure, Source

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#{}$])")


def text(value: object) -> str:
    r"""Escape *value* for Markdown so data text shows exactly as bundled.

    >>> text("a | b *c*")
    'a \\| b \\*c\\*'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def code(value: object) -> str:
    """*value* as inline code.

    >>> code("partnering")
    '`partnering`'
    """
    return f"`{value}`"


def link(source: Source) -> str:
    """A source as a Markdown link, or its title and publisher when it has no URL.

    >>> import phare
    >>> link(phare.region("nouvelle-aquitaine").figure("companies", "partnering").source)
    'Press release on the PHARE Nouvelle-Aquitaine regional report (November 2016) (Le RAMEAU)'
    >>> link(phare.study("phare-citoyens-2015").source)
    '[The PHARE programme](https://observatoire-des-partenariats.fr/le-programme-phare) (...)'
    """
    if source.url is None:
        return text(source.location)
    return f"[{text(source.title)}]({source.url}) ({text(source.publisher)})"


def links(sources: Iterable[Source]) -> str:
    """Several sources, each written by :func:`link`, separated by semicolons.

    >>> import phare
    >>> links(phare.observatory().founders_sources)  # doctest: +ELLIPSIS
    'Press release on ... (Le RAMEAU); [Presentation of the study programme](https://pdfslide.fr/...'
    """
    return "; ".join(link(source) for source in sources)


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A Markdown pipe table; cells are written as given (escape them first).

    >>> print(table(["a", "b"], [[1, 2]]))
    | a | b |
    | --- | --- |
    | 1 | 2 |
    """
    lines = ["| " + " | ".join(headers) + " |", "|" + " --- |" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def bullets(items: Iterable[tuple[str, str]]) -> str:
    """A list of ``**name**: value`` lines, leaving out empty values.

    >>> print(bullets([("Unit", "percent"), ("Aliases", "")]))
    - **Unit**: percent
    """
    return "\n".join(f"- **{name}**: {value}" for name, value in items if value)


def shown(figure: Figure) -> str:
    """A figure's value as published, with its unit and qualifier.

    >>> import phare
    >>> shown(phare.national().figure("companies", "partnerships-count"))
    'more than 674000'
    """
    return format_qualified(figure.value, figure.unit, figure.qualifier, words=True)


def anchor(kind: str, ident: str) -> str:
    """A MyST target other pages can link to, as ``{ref}`study-<id>```.

    >>> anchor("study", "arpea-citoyens-2008")
    '(study-arpea-citoyens-2008)='
    """
    return f"({kind}-{ident})="
