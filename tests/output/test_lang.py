"""French and English labels beside the ids: tables and charts, checked against the data files."""

from __future__ import annotations

import pandas as pd
import pytest

import phare
from phare.frame import COLUMNS, LABEL_COLUMNS
from phare.vocabulary import LANGUAGES, UNIT_LABELS, UNIT_LABELS_FR, UNIT_NAMES, UNITS
from support.datacopy import DATA, read_table
from support.verified import FIGURES

#: Each vocabulary table's labels, read from the data files: {table: {id: {lang: label}}}.
LABELS = {
    table: {
        row["id"]: {"en": row["label_en"], "fr": row["label_fr"]}
        for row in read_table(DATA, f"{table}.csv")[1]
    }
    for table in ("actors", "segments", "indicators", "themes")
}
#: The region (France aside) with the most verified figures: its table has the most labels to check.
BUSIEST = max(
    {row.region for row in FIGURES} - {"france"},
    key=lambda r: sum(f.region == r for f in FIGURES),
)
#: A regional figure: its actor and indicator can be ranked.
REGIONAL = next(row for row in FIGURES if row.region != "france")
#: The filters naming that figure's cell in phare.rank.
CELL = {"theme": REGIONAL.theme, "segment": REGIONAL.segment}


def test_without_a_language_the_table_keeps_its_columns() -> None:
    assert tuple(phare.to_frame().columns) == COLUMNS
    assert tuple(phare.region(BUSIEST).to_frame().columns) == COLUMNS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_labels_follow_the_ids_in_the_language_asked(lang: str) -> None:
    df = phare.to_frame(lang=lang.upper())
    assert tuple(df.columns) == COLUMNS + LABEL_COLUMNS
    assert len(df) == len(FIGURES)
    for row in df.itertuples(index=False):
        assert row.actor_label == LABELS["actors"][row.actor][lang]
        assert row.segment_label == LABELS["segments"][row.segment][lang]
        assert row.indicator_label == LABELS["indicators"][row.indicator][lang]
        if pd.isna(row.theme):
            assert pd.isna(row.theme_label)
        else:
            assert row.theme_label == LABELS["themes"][row.theme][lang]
        assert row.unit_label == UNIT_NAMES[lang][row.unit]


def test_the_notes_and_the_keys_stay_the_same_in_french() -> None:
    english, french = phare.to_frame(lang="en"), phare.to_frame(lang="fr")
    assert english[list(COLUMNS)].equals(french[list(COLUMNS)])
    assert english[list(COLUMNS)].equals(phare.to_frame())


def test_every_way_to_a_table_takes_the_language() -> None:
    region = phare.region(BUSIEST)
    expected = phare.to_frame(region=BUSIEST, lang="fr")
    pd.testing.assert_frame_equal(region.to_frame(lang="fr"), expected)
    pd.testing.assert_frame_equal(region.figures().to_frame(lang="fr"), expected)
    first = phare.figures(region=BUSIEST)[0]
    series = region.series(
        first.actor.id, first.indicator.id, theme=first.theme and first.theme.id,
        segment=first.segment.id,
    )  # fmt: skip
    assert set(series.to_frame(lang="fr")["indicator_label"]) == {
        LABELS["indicators"][first.indicator.id]["fr"]
    }


def test_rank_names_its_unit_in_the_language_asked() -> None:
    row = REGIONAL
    assert "unit_label" not in phare.rank(row.actor, row.indicator, **CELL)
    for lang in LANGUAGES:
        ranked = phare.rank(row.actor, row.indicator, **CELL, lang=lang)
        assert list(ranked.columns[:-1]) == list(
            phare.rank(row.actor, row.indicator, **CELL).columns
        )
        assert set(ranked["unit_label"]) == {UNIT_NAMES[lang][row.unit]}


def test_a_region_s_coverage_names_its_indicators_in_the_language_asked() -> None:
    region = phare.region(BUSIEST)
    plain = region.coverage()
    assert "indicator_label" not in plain
    french = region.coverage(lang="fr")
    assert french.drop(columns="indicator_label").equals(plain)
    assert french["indicator_label"].tolist() == [
        LABELS["indicators"][i]["fr"] for i in plain["indicator"]
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda lang: phare.to_frame(lang=lang),
        lambda lang: phare.region(BUSIEST).to_frame(lang=lang),
        lambda lang: phare.figures().to_frame(lang=lang),
        lambda lang: phare.region(BUSIEST).coverage(lang=lang),
        lambda lang: phare.rank(REGIONAL.actor, REGIONAL.indicator, **CELL, lang=lang),
    ],
    ids=["to_frame", "region", "figures", "coverage", "rank"],
)
def test_a_language_phare_does_not_speak_is_refused(call: object) -> None:
    assert callable(call)
    with pytest.raises(phare.UnknownNameError, match=r"the languages are 'en' and 'fr'"):
        call("de")
    with pytest.raises(TypeError, match="lang must be a str"):
        call(1)


def test_every_unit_is_named_in_each_language() -> None:
    assert tuple(UNIT_LABELS_FR) == tuple(UNIT_LABELS) == UNITS
    for lang in LANGUAGES:
        assert tuple(UNIT_NAMES[lang]) == UNITS
    assert all(UNIT_LABELS_FR[u] != UNIT_LABELS[u] for u in UNITS)


# --- charts --------------------------------------------------------------------------------

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import phare.plot  # noqa: E402


@pytest.fixture(autouse=True)
def _close_charts() -> object:
    yield
    plt.close("all")


def _legend(ax: object) -> list[str]:
    legend = ax.get_legend()
    return [text.get_text() for text in legend.get_texts()]


def _footer(ax: object) -> str:
    return next(t.get_text() for t in ax.texts if t.get_gid() == "phare-sources")


def test_a_profile_in_french() -> None:
    ax = phare.plot.profile(BUSIEST, lang="fr")
    figures = [f for f in phare.region(BUSIEST).figures() if f.indicator.is_percent]
    assert ax.get_xlabel() == UNIT_LABELS_FR["percent"]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert [t.split(" · ")[1].split(":")[0] for t in ticks] == [
        LABELS["indicators"][f.indicator.id]["fr"] for f in figures
    ]
    assert all(
        t.startswith(LABELS["actors"][f.actor.id]["fr"])
        for t, f in zip(ticks, figures, strict=True)
    )
    assert phare.plot.WORDS["fr"]["France, same programme"] in _legend(ax)
    assert _footer(ax).startswith("Source : ")
    assert "chiffres en pourcentage" in ax.get_title()


def test_a_ranking_and_a_tile_map_in_french() -> None:
    row = REGIONAL
    ax = phare.plot.rank(row.actor, row.indicator, **CELL, lang="FR")
    assert ax.get_xlabel() == UNIT_LABELS_FR[row.unit]
    assert ax.get_title().startswith(LABELS["actors"][row.actor]["fr"])
    assert phare.plot.WORDS["fr"]["region, latest figure"] in _legend(ax)
    tiles = phare.plot.tiles(row.actor, row.indicator, **CELL, lang="fr")
    assert _legend(tiles) == [phare.plot.WORDS["fr"]["no figure published"]]
    assert "France : " in tiles.get_title()
    assert phare.plot.WORDS["fr"]["overseas"] in [t.get_text() for t in tiles.texts]


def test_english_stays_the_default_of_the_charts() -> None:
    ax = phare.plot.profile(BUSIEST)
    assert ax.get_xlabel() == UNIT_LABELS["percent"]
    assert _footer(ax).startswith("Source: ")


@pytest.mark.parametrize("chart", ["rank", "tiles"])
def test_a_chart_refuses_a_language_it_does_not_speak(chart: str) -> None:
    draw = getattr(phare.plot, chart)
    with pytest.raises(phare.UnknownNameError, match="'en' and 'fr'"):
        draw(REGIONAL.actor, REGIONAL.indicator, **CELL, lang="es")
    with pytest.raises(phare.UnknownNameError, match="'en' and 'fr'"):
        phare.plot.profile(BUSIEST, lang="es")
