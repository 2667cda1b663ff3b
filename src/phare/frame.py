"""Figures to pandas: the only module that imports pandas.

pandas is imported inside :func:`to_frame`, so ``import phare`` stays light; the first
DataFrame pays for it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from phare.vocabulary import CONFIDENCES, UNIT_NAMES, label, language

if TYPE_CHECKING:
    import pandas as pd

    from phare.model import Figure, Series
    from phare.vocabulary import Language

#: One row of the tidy figure table: plain Python values, ``None`` where nothing applies.
Record = dict[str, "str | float | int | bool | None"]

#: The columns of every figure table, in order; the note, the longest text, last.
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
    "data_version",
    "note",
)

#: The columns a language adds after :data:`COLUMNS`: what the ids beside them mean, in words.
LABEL_COLUMNS = ("actor_label", "segment_label", "indicator_label", "theme_label", "unit_label")

#: Columns with few distinct values, stored as pandas categoricals.
CATEGORICAL = (
    "region", "actor", "segment", "indicator", "theme", "unit", "qualifier", "programme",
    "data_version",
)  # fmt: skip


def record(figure: Figure) -> Record:
    """One figure as a row of the tidy table, keyed by :data:`COLUMNS`, without pandas.

    The CSV, JSON and Markdown exports are made of these rows, so they hold exactly what
    :func:`to_frame` holds. ``data_version`` is the :attr:`~phare.Dataset.version` of the
    dataset the figure was read from: a table saved today still says, row by row, which data
    it holds once it is filtered, concatenated with another or read back years later.

    >>> import phare
    >>> row = record(phare.region("nouvelle-aquitaine").figure("companies", "partnering"))
    >>> row["value"], row["share"], row["theme"], row["source_url"], row["publisher"]
    (45.0, 0.45, None, None, 'Le RAMEAU')
    >>> row["data_version"] == phare.__data_version__
    True
    """
    f = figure
    return {
        "id": f.id,
        "region": f.region.slug,
        "region_name": f.region.name,
        "actor": f.actor.id,
        "segment": f.segment.id,
        "indicator": f.indicator.id,
        "theme": f.theme.id if f.theme is not None else None,
        "value": f.value,
        "unit": f.unit,
        "share": f.share,
        "qualifier": f.qualifier,
        "reference_year": f.reference_year,
        "study": f.study.id,
        "programme": f.programme,
        "confidence": f.confidence,
        "source_url": f.source.url,
        "source": f.source.location,
        "publisher": f.source.publisher,
        "disputed": f.disputed,
        "data_version": f.study._dataset.version,
        "note": f.note,
    }


def labels(figure: Figure, lang: Language) -> Record:
    """The :data:`LABEL_COLUMNS` of one figure in the language *lang* (``"en"`` or ``"fr"``).

    ``theme_label`` is ``None`` for a figure without a theme, as ``theme`` is.

    >>> import phare
    >>> labels(phare.national().figure("companies", "partnerships-count"), "fr")["unit_label"]
    'nombre'
    """
    f = figure
    return {
        "actor_label": label(f.actor, lang),
        "segment_label": label(f.segment, lang),
        "indicator_label": label(f.indicator, lang),
        "theme_label": label(f.theme, lang) if f.theme is not None else None,
        "unit_label": UNIT_NAMES[lang][f.unit],
    }


def columns(lang: str | None = None) -> tuple[str, ...]:
    """The columns of a figure table: :data:`COLUMNS`, then :data:`LABEL_COLUMNS` for a language.

    >>> columns("fr")[-5:] == LABEL_COLUMNS, columns() == COLUMNS
    (True, True)
    """
    return COLUMNS if lang is None else COLUMNS + LABEL_COLUMNS


def labelled_records(figures: Iterable[Figure], lang: str | None = None) -> list[Record]:
    """The rows of :func:`to_frame` without pandas, with the labels in *lang* when one is given.

    *lang* is matched by :func:`phare.vocabulary.language` (``"FR"`` is French); a language
    phare does not speak is an :class:`~phare.errors.UnknownNameError` listing ``'en'`` and
    ``'fr'``. The notes stay in English, as the sources were read.

    >>> import phare
    >>> row = labelled_records(phare.figures(region="occitanie"), "FR")[0]
    >>> row["actor"], row["actor_label"], row["indicator_label"]
    ('citizens', 'Citoyens', "Alliances sources d'innovation")
    """
    if lang is None:
        return [record(f) for f in figures]
    chosen = language(lang)
    return [{**record(f), **labels(f, chosen)} for f in figures]


def to_frame(figures: Iterable[Figure], lang: str | None = None) -> pd.DataFrame:
    """A tidy DataFrame, one row per figure, a fresh copy the caller may change freely.

    ``share`` is the value as a fraction for percent figures and missing otherwise;
    ``confidence`` is an ordered categorical (A, the surest, first); ``source_url`` is missing for the
    Nouvelle-Aquitaine press release, whose title and publisher are in ``source`` and ``publisher``.
    With ``lang="en"`` or ``"fr"``, the :data:`LABEL_COLUMNS` follow, in that language; without
    it the table has :data:`COLUMNS` alone, as it always had. The ids stay the keys, and the
    notes stay in English.

    >>> import phare
    >>> from phare.frame import to_frame
    >>> df = to_frame(phare.figures(region="pays-de-la-loire", actor="companies"))
    >>> df[["indicator", "value", "share", "confidence"]].values.tolist()[0]
    ['priority-fragility', 37.0, 0.37, 'B']
    >>> str(df["region"].dtype), str(df["reference_year"].dtype)
    ('category', 'int64')
    >>> to_frame(phare.figures(region="occitanie"), lang="fr")["unit_label"].tolist()
    ['pourcentage', 'pourcentage']
    """
    import pandas as pd

    frame = table(
        labelled_records(figures, lang),
        columns(lang),
        floats=("value", "share"),
        integers=("reference_year",),
        booleans=("disputed",),
        categories=CATEGORICAL,
    )
    frame["confidence"] = pd.Categorical(
        frame["confidence"], categories=list(CONFIDENCES), ordered=True
    )
    return frame


def series_frame(series: Series, lang: str | None = None) -> pd.DataFrame:
    """The waves of a series as :func:`to_frame` gives them, and the kind of break before each.

    ``break_before`` is the :attr:`phare.Break.kind` of the break between a wave and the one
    before it, missing where the two can be read as one trend (and for the first wave), so a
    chart or a table built from the frame can still tell where the series breaks.

    >>> import phare
    >>> df = series_frame(phare.national().series("companies", "partnering"))
    >>> df["value"].tolist(), df["break_before"].isna().tolist(), df["break_before"][1:].tolist()
    ([21.0, 37.0, 57.0], [True, False, False], ['base', 'unstated'])
    """
    frame = to_frame(series, lang)
    kinds = {b.after.id: b.kind for b in series.breaks}
    frame["break_before"] = [kinds.get(f.id) for f in series]
    return frame


def table(
    rows: Sequence[Mapping[str, object]],
    columns: Sequence[str],
    *,
    floats: Sequence[str] = (),
    integers: Sequence[str] = (),
    booleans: Sequence[str] = (),
    categories: Sequence[str] = (),
) -> pd.DataFrame:
    """A DataFrame of plain *rows*, *columns* in order, typed even when a table is empty.

    ``None`` in a float column becomes NaN, so a column of missing shares stays numeric; in a
    categorical column it is a missing value. Each column is built once with its final type
    (categoricals from their codes), which takes half the time of converting columns after.

    >>> t = table([{"a": "x", "n": None}, {"a": None, "n": 2}], ["a", "n"], floats=["n"], categories=["a"])
    >>> str(t["n"].dtype), t["n"].isna().tolist(), t["a"].cat.categories.tolist(), t["a"].isna().tolist()
    ('float64', [True, False], ['x'], [False, True])
    """
    import numpy as np
    import pandas as pd

    data: dict[str, Any] = {}
    for column in columns:
        values: list[Any] = [row[column] for row in rows]
        if column in floats:
            data[column] = np.array(values, dtype="float64")
        elif column in integers:
            data[column] = np.array(values, dtype="int64")
        elif column in booleans:
            data[column] = np.array(values, dtype="bool")
        elif column in categories and values:
            known = sorted({value for value in values if value is not None})
            code = {value: number for number, value in enumerate(known)}
            codes = [-1 if value is None else code[value] for value in values]
            data[column] = pd.Categorical.from_codes(codes, categories=pd.Index(known))
        elif column in categories:
            data[column] = pd.Categorical([])
        else:  # text: pandas picks its string type, or object for an empty column
            data[column] = values if values else np.array([], dtype=object)
    frame: pd.DataFrame = pd.DataFrame(data, columns=list(columns))
    return frame
