"""Figures to pandas: the only module that imports pandas.

pandas is imported inside :func:`to_frame`, so ``import phare`` stays light; the first
DataFrame pays for it once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from phare.model import Figure

if TYPE_CHECKING:
    import pandas as pd

#: The columns of every figure table, in order.
COLUMNS = (
    "id",
    "region",
    "region_name",
    "actor",
    "segment",
    "indicator",
    "theme",
    "value",
    "unit",
    "share",
    "qualifier",
    "reference_year",
    "study",
    "programme",
    "confidence",
    "source_url",
    "source",
    "publisher",
    "disputed",
    "note",
)

#: Columns with few distinct values, stored as pandas categoricals.
CATEGORICAL = ("region", "actor", "segment", "indicator", "theme", "unit", "qualifier", "programme")


def to_frame(figures: Iterable[Figure]) -> pd.DataFrame:
    """A tidy DataFrame, one row per figure, a fresh copy the caller may change freely.

    ``share`` is the value as a fraction for percent figures and missing otherwise;
    ``confidence`` is an ordered categorical (A, the surest, first); ``source_url`` is missing for the
    seed press release, whose title and publisher are in ``source`` and ``publisher``.

    >>> import phare
    >>> from phare.frame import to_frame
    >>> df = to_frame(phare.figures(region="pays-de-la-loire", actor="companies"))
    >>> df[["indicator", "value", "share", "confidence"]].values.tolist()[0]
    ['priority-fragility', 37.0, 0.37, 'B']
    >>> str(df["region"].dtype), str(df["reference_year"].dtype)
    ('category', 'int64')
    """
    import pandas as pd

    rows = [
        (
            f.id,
            f.region.slug,
            f.region.name,
            f.actor.id,
            f.segment.id,
            f.indicator.id,
            f.theme.id if f.theme is not None else None,
            f.value,
            f.unit,
            f.share,
            f.qualifier,
            f.reference_year,
            f.study.id,
            f.programme,
            f.confidence,
            f.source.url,
            f.source.location,
            f.source.publisher,
            f.disputed,
            f.note,
        )
        for f in figures
    ]
    frame: pd.DataFrame = pd.DataFrame.from_records(rows, columns=list(COLUMNS))
    frame["value"] = frame["value"].astype("float64")
    frame["share"] = frame["share"].astype("float64")
    frame["reference_year"] = frame["reference_year"].astype("int64")
    frame["disputed"] = frame["disputed"].astype("bool")
    for column in CATEGORICAL:
        frame[column] = frame[column].astype("category")
    frame["confidence"] = pd.Categorical(
        frame["confidence"], categories=["A", "B", "C"], ordered=True
    )
    return frame
