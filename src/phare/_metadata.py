"""What the bundled data says of itself: its version, and the metadata every export carries.

The data changes apart from the code (a newly published figure is a data change, not a new
feature), so it has a version of its own: the date of its last change, stated once, as the
``version`` of ``data/datapackage.json``. ``phare.__data_version__`` reads it from there on
first access, through the store's reader of the data folder, so ``import phare`` still reads no
file and imports no :mod:`json`.
"""

from __future__ import annotations

import functools

#: The name the package is installed under (``phare`` on the package index is another project).
DISTRIBUTION = "phare-observatoire"


@functools.cache
def data_version() -> str:
    """The version of the bundled data: the date of its last change, as ``YYYY-MM-DD``.

    >>> import phare
    >>> data_version() == phare.__data_version__
    True
    >>> len(data_version()), data_version()[4], data_version()[7]
    (10, '-', '-')
    """
    import json

    from phare._store import DataFolder

    version: str = json.loads(DataFolder().text("datapackage.json"))["version"]
    return version


def export_metadata() -> dict[str, str]:
    """What an export says about where its rows come from, as (key, text) pairs.

    The spreadsheet and SQLite exports write these beside the figures, so a file found later
    still says which data and which code made it.

    >>> import phare
    >>> meta = export_metadata()
    >>> meta["phare_version"] == phare.__version__, meta["data_version"] == phare.__data_version__
    (True, True)
    >>> meta["distribution"]
    'phare-observatoire'
    """
    import phare

    return {
        "title": "Figures of the Observatoire national des partenariats, exported by phare",
        "distribution": DISTRIBUTION,
        "phare_version": phare.__version__,
        "data_version": data_version(),
        "producer": "Observatoire national des partenariats (Le RAMEAU and Caisse des Dépôts)",
        "licence": "MIT for the compilation; the figures are facts published by their sources",
        "citation": "phare.cite() for the dataset, Figure.cite() for each figure",
    }
