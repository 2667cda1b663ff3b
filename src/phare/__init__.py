"""phare: the figures of the French Observatoire national des partenariats, typed and sourced.

>>> import phare
>>> phare.region("nouvelle-aquitaine").share("companies", "partnering")
0.45

Only the exception family is imported with the package; the query functions and record
classes load on first use (see ``__getattr__`` below), and the data on the first query, so
``import phare`` costs almost nothing.
"""

from __future__ import annotations

from phare.errors import (
    DataError,
    FigureNotFoundError,
    FormerRegionError,
    MissingExtraError,
    NotAPercentError,
    PhareError,
    UnknownActorError,
    UnknownIndicatorError,
    UnknownNameError,
    UnknownProgrammeError,
    UnknownRegionError,
    UnknownSegmentError,
    UnknownStudyError,
    UnknownThemeError,
)

#: ``typing.TYPE_CHECKING`` without importing :mod:`typing`, which would cost more than the
#: rest of ``import phare`` together; type checkers treat any name ``TYPE_CHECKING`` alike.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from phare import plot as plot
    from phare._analysis import (
        coverage as coverage,
    )
    from phare._analysis import (
        rank as rank,
    )
    from phare._query import (
        actor as actor,
    )
    from phare._query import (
        actors as actors,
    )
    from phare._query import (
        figures as figures,
    )
    from phare._query import (
        indicator as indicator,
    )
    from phare._query import (
        indicators as indicators,
    )
    from phare._query import (
        national as national,
    )
    from phare._query import (
        observatory as observatory,
    )
    from phare._query import (
        programme as programme,
    )
    from phare._query import (
        programmes as programmes,
    )
    from phare._query import (
        region as region,
    )
    from phare._query import (
        regions as regions,
    )
    from phare._query import (
        segment as segment,
    )
    from phare._query import (
        segments as segments,
    )
    from phare._query import (
        studies as studies,
    )
    from phare._query import (
        study as study,
    )
    from phare._query import (
        theme as theme,
    )
    from phare._query import (
        themes as themes,
    )
    from phare._query import (
        to_frame as to_frame,
    )
    from phare.citation import (
        cite as cite,
    )
    from phare.model import (
        Actor as Actor,
    )
    from phare.model import (
        Comparison as Comparison,
    )
    from phare.model import (
        Dispute as Dispute,
    )
    from phare.model import (
        Figure as Figure,
    )
    from phare.model import (
        Figures as Figures,
    )
    from phare.model import (
        FormerRegion as FormerRegion,
    )
    from phare.model import (
        Indicator as Indicator,
    )
    from phare.model import (
        Observatory as Observatory,
    )
    from phare.model import (
        Organisation as Organisation,
    )
    from phare.model import (
        Programme as Programme,
    )
    from phare.model import (
        Region as Region,
    )
    from phare.model import (
        Segment as Segment,
    )
    from phare.model import (
        Source as Source,
    )
    from phare.model import (
        Study as Study,
    )
    from phare.model import (
        Theme as Theme,
    )

__version__ = "0.1.0"

#: Public names served lazily, by the module that defines them.
_LAZY = {
    **dict.fromkeys(
        (
            "actor", "actors", "figures", "indicator", "indicators", "national", "observatory",
            "programme", "programmes", "region", "regions", "segment", "segments", "studies",
            "study", "theme", "themes", "to_frame",
        ),
        "phare._query",
    ),
    **dict.fromkeys(("coverage", "rank"), "phare._analysis"),
    "cite": "phare.citation",
    **dict.fromkeys(
        (
            "Actor", "Comparison", "Dispute", "Figure", "Figures", "FormerRegion", "Indicator",
            "Observatory", "Organisation", "Programme", "Region", "Segment", "Source", "Study",
            "Theme",
        ),
        "phare.model",
    ),
}  # fmt: skip

#: Submodules served on first access, so ``phare.plot`` works without its own import.
_SUBMODULES = ("plot",)

__all__ = [
    "DataError",
    "FigureNotFoundError",
    "FormerRegionError",
    "MissingExtraError",
    "NotAPercentError",
    "PhareError",
    "UnknownActorError",
    "UnknownIndicatorError",
    "UnknownNameError",
    "UnknownProgrammeError",
    "UnknownRegionError",
    "UnknownSegmentError",
    "UnknownStudyError",
    "UnknownThemeError",
    "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first access, then keep the name here."""
    import importlib

    if name in _SUBMODULES:
        return importlib.import_module(f"phare.{name}")
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'phare' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES))
