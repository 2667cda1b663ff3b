"""What the bundled data says of itself: its version, and the metadata every export carries.

The data changes apart from the code (a newly published figure is a data change, not a new
feature), so it has a version of its own: the date of its last change, stated once, as the
``version`` of ``data/datapackage.json``, which ``phare.__data_version__`` gives (the bundled
dataset's :attr:`phare.Dataset.version`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from phare.dataset import Dataset

#: The name the package is installed under (``phare`` on the package index is another project).
DISTRIBUTION = "phare-observatoire"


def export_metadata(dataset: Dataset) -> dict[str, str]:
    """What an export of *dataset*'s figures says about where its rows come from, by key.

    The spreadsheet and SQLite exports write these beside the figures, so a file found later
    still says which data and which code made it: ``data_version`` is *dataset*'s
    :attr:`~phare.Dataset.version`, a copy's own for figures of :func:`phare.load`.

    >>> import phare
    >>> meta = export_metadata(phare.Dataset())
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
        "data_version": dataset.version,
        "producer": "Observatoire national des partenariats (Le RAMEAU and Caisse des Dépôts)",
        "licence": "MIT for the compilation; the figures are facts published by their sources",
        "citation": "phare.cite() for the dataset, Figure.cite() for each figure",
    }
