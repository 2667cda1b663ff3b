"""phare: the figures of the French Observatoire national des partenariats, typed and sourced.

>>> import phare
>>> phare.region("nouvelle-aquitaine").share("companies", "partnering")
0.45

Only the exception family is imported with the package; the query functions and record
classes load on first use (see ``__getattr__`` below), and the data on the first query, so
``import phare`` costs almost nothing. The query functions are the methods of the bundled
:class:`Dataset`; :func:`load` reads a copy of the data package of your own.
"""

from __future__ import annotations

from phare.errors import (
    DataError,
    DepartementError,
    FigureNotFoundError,
    FormerCodeError,
    FormerNameError,
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
    from phare.dataset import (
        Dataset as Dataset,
        actor as actor,
        actors as actors,
        cite as cite,
        coverage as coverage,
        disputes as disputes,
        figures as figures,
        indicator as indicator,
        indicators as indicators,
        load as load,
        national as national,
        observatory as observatory,
        programme as programme,
        programmes as programmes,
        rank as rank,
        region as region,
        regions as regions,
        segment as segment,
        segments as segments,
        sources as sources,
        studies as studies,
        study as study,
        theme as theme,
        themes as themes,
        to_frame as to_frame,
    )
    from phare.model import (
        Actor as Actor,
        Break as Break,
        Comparison as Comparison,
        Departement as Departement,
        Dispute as Dispute,
        Figure as Figure,
        Figures as Figures,
        FormerCode as FormerCode,
        FormerName as FormerName,
        FormerRegion as FormerRegion,
        Indicator as Indicator,
        Observatory as Observatory,
        Organisation as Organisation,
        Programme as Programme,
        Region as Region,
        Segment as Segment,
        Series as Series,
        Source as Source,
        Study as Study,
        Theme as Theme,
    )

__version__ = "0.1.0"
# ``__data_version__``, the version of the bundled data, is read on first access (see
# ``__getattr__`` and :attr:`phare.Dataset.version`).

#: ``types.MappingProxyType`` without importing :mod:`types`, which ``import phare`` avoids:
#: the class of any class's ``__dict__`` is that read-only mapping type.
_read_only = type(type.__dict__)

#: Public names served lazily, by the module that defines them (read-only).
_LAZY = _read_only({
    **dict.fromkeys(
        (
            "Dataset", "actor", "actors", "cite", "coverage", "disputes", "figures", "indicator",
            "indicators", "load", "national", "observatory", "programme", "programmes", "rank",
            "region", "regions", "segment", "segments", "sources", "studies", "study", "theme",
            "themes", "to_frame",
        ),
        "phare.dataset",
    ),
    **dict.fromkeys(
        (
            "Actor", "Break", "Comparison", "Departement", "Dispute", "Figure", "Figures",
            "FormerCode", "FormerName", "FormerRegion", "Indicator", "Observatory", "Organisation",
            "Programme", "Region", "Segment", "Series", "Source", "Study", "Theme",
        ),
        "phare.model",
    ),
})  # fmt: skip

#: Submodules served on first access, so ``phare.plot`` works without its own import.
_SUBMODULES = ("plot",)

__all__ = [
    "DataError",
    "DepartementError",
    "FigureNotFoundError",
    "FormerCodeError",
    "FormerNameError",
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
    "__data_version__",
    "__version__",
    *sorted(_LAZY),
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first access, then keep the name here.

    ``__data_version__`` is the bundled dataset's version, the date of its last data change:

    >>> import phare
    >>> phare.__data_version__ == phare.Dataset().version
    True
    """
    import importlib

    if name == "__data_version__":
        return importlib.import_module("phare.dataset").BUNDLED.version
    if name in _SUBMODULES:
        return importlib.import_module(f"phare.{name}")
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'phare' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value
    return value


#: Submodules that belong to the public surface: the exceptions, and the charts.
_PUBLIC_SUBMODULES = ("errors", *_SUBMODULES)


def __dir__() -> list[str]:
    """The public surface only: what ``__all__`` exports, the public submodules, the dunders.

    Helpers of this file (``TYPE_CHECKING``, ``annotations``) and the modules a query loads
    behind the scenes stay out, however far the session has gone.

    >>> import phare
    >>> "region" in dir(phare), "plot" in dir(phare), "TYPE_CHECKING" in dir(phare)
    (True, True, False)
    """
    dunders = {name for name in globals() if name.startswith("__") and name.endswith("__")}
    return sorted(dunders | set(__all__) | set(_PUBLIC_SUBMODULES))
