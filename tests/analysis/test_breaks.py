"""Series say where they break, and regions say which known reports have no public figure.

Every row of the verified comparability table must reach the series it belongs to, and a copy
of the data whose comparability.csv is broken must be refused with its file, row and field
named. The reports without figures are derived from the verified studies and figures.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import attrs
import matplotlib
import pytest

import phare
from phare.cli import WIDTH, main
from support.datacopy import copy_data, read_table, write_table
from support.verified import BREAKS, FIGURES, REPORTS_WITHOUT_FIGURES, VerifiedBreak, VerifiedStudy

matplotlib.use("Agg")

import matplotlib.pyplot as plt

import phare.plot

BY_ID = {f.fact_id: f for f in FIGURES}
SERIES_FIELDS = ("region", "actor", "segment", "indicator", "theme")


def _series_of(fact_id: str) -> phare.Series:
    row = BY_ID[fact_id]
    return phare.region(row.region).series(
        row.actor, row.indicator, theme=row.theme, segment=row.segment
    )


def _report_name(study: VerifiedStudy) -> str:
    return study.title if study.published is None else f"{study.title} ({study.published[:4]})"


# --- every verified break is served --------------------------------------------------------


@pytest.mark.parametrize("row", BREAKS, ids=lambda b: f"{b.before}->{b.after}")
def test_every_verified_break_is_in_its_series(row: VerifiedBreak) -> None:
    series = _series_of(row.before)
    [found] = [b for b in series.breaks if b.before.id == row.before]
    assert (found.after.id, found.kind, found.reason, found.source.id) == (
        row.after,
        row.kind,
        row.reason,
        row.source,
    )
    ids = [f.id for f in series]
    assert ids.index(row.after) == ids.index(row.before) + 1  # consecutive waves
    assert found.before.reference_year < found.after.reference_year


@pytest.mark.parametrize("row", BREAKS, ids=lambda b: f"{b.before}->{b.after}")
def test_both_waves_of_a_verified_break_are_of_one_series(row: VerifiedBreak) -> None:
    before, after = BY_ID[row.before], BY_ID[row.after]
    assert [getattr(before, f) for f in SERIES_FIELDS] == [getattr(after, f) for f in SERIES_FIELDS]


def test_the_bundled_table_holds_the_verified_rows_and_no_other() -> None:
    _, rows = read_table(Path(phare.__file__).parent / "data", "comparability.csv")
    assert [VerifiedBreak(**r) for r in rows] == list(BREAKS)


def test_a_series_without_a_recorded_break_has_none() -> None:
    broken = {b.before for b in BREAKS} | {b.after for b in BREAKS}
    row = next(f for f in FIGURES if f.fact_id not in broken)
    series = _series_of(row.fact_id)
    assert series.breaks == ()
    assert "breaks, between" not in repr(series)
    assert "<li>" not in series._repr_html_()
    assert series.to_frame()["break_before"].isna().all()


# --- the three waves of French companies ------------------------------------------------


def _companies() -> tuple[phare.Series, list[VerifiedBreak]]:
    series = phare.national().series("companies", "partnering")
    ids = {f.id for f in series}
    return series, [b for b in BREAKS if b.before in ids]


def test_the_companies_series_shows_its_waves_and_breaks() -> None:
    series, expected = _companies()
    assert [f.value for f in series] == [BY_ID[f.id].value for f in series]
    assert [f.reference_year for f in series] == sorted(f.reference_year for f in series)
    assert [(b.before.id, b.after.id, b.kind) for b in series.breaks] == [
        (b.before, b.after, b.kind) for b in expected
    ]
    text = repr(series)
    for b in series.breaks:
        assert f"{b.before.reference_year} -> {b.after.reference_year}: {b.kind}" in text
    html = series._repr_html_()
    assert html.count("<li>") == len(expected)
    assert all(b.source.id in html for b in series.breaks)


def test_the_frame_of_a_series_says_which_wave_follows_a_break() -> None:
    series, expected = _companies()
    frame = series.to_frame()
    kinds = {b.after: b.kind for b in expected}
    assert frame["break_before"].fillna("").tolist() == [kinds.get(f.id, "") for f in series]
    assert frame["value"].tolist() == [f.value for f in series]


def test_a_series_is_a_frozen_tuple_and_a_slice_is_plain_figures() -> None:
    series, _ = _companies()
    assert isinstance(series, phare.Figures)
    assert isinstance(series, tuple)
    assert series == tuple(series)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        series.breaks = ()  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del series.breaks
    assert type(series[:2]) is phare.Figures
    assert series[:2].breaks == ()
    again = pickle.loads(pickle.dumps(series))
    assert again == series
    assert again.breaks == series.breaks


def test_a_break_is_a_frozen_record_with_a_short_repr() -> None:
    series, _ = _companies()
    first = series.breaks[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        first.kind = "wording"  # type: ignore[misc]
    assert repr(first).startswith(f"<Break france {first.before.label} ")
    assert first.meaning in repr(first)


# --- the loader refuses a broken comparability.csv --------------------------------------


def _broken(tmp_path: Path, change: dict[str, str]) -> str:
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, "comparability.csv")
    rows[0] = {**rows[0], **change}
    write_table(folder, "comparability.csv", header, rows)
    with pytest.raises(phare.DataError) as caught:
        phare.load(folder).figures()
    return str(caught.value)


def _other_series_figure(fact_id: str) -> str:
    """A figure of the same year as *fact_id* in another series (another indicator)."""
    row = BY_ID[fact_id]
    return next(
        f.fact_id
        for f in FIGURES
        if f.region == row.region and f.indicator != row.indicator and f.actor == row.actor
    )


def test_a_break_naming_an_unknown_figure_is_refused(tmp_path: Path) -> None:
    message = _broken(tmp_path, {"before": "no-such-figure"})
    assert message.startswith("comparability.csv, row 2, field 'before': 'no-such-figure'")
    assert "figures.csv" in message


def test_a_break_between_two_series_is_refused(tmp_path: Path) -> None:
    other = _other_series_figure(BREAKS[0].before)
    message = _broken(tmp_path, {"after": other})
    assert message.startswith("comparability.csv, row 2, field 'after':")
    assert "indicator differs" in message


def test_a_break_in_reverse_order_is_refused(tmp_path: Path) -> None:
    first = BREAKS[0]
    message = _broken(tmp_path, {"before": first.after, "after": first.before})
    assert message.startswith("comparability.csv, row 2, field 'after':")
    assert "does not come after" in message


def test_a_break_across_a_wave_between_is_refused(tmp_path: Path) -> None:
    """A wave added between a break's two waves would hide the break: the loader says so."""
    chained = next(
        (first, second) for first in BREAKS for second in BREAKS if first.after == second.before
    )  # two breaks in a row: the middle wave lies between the first's start and the second's end
    first, second = chained
    folder = copy_data(tmp_path)
    header, rows = read_table(folder, "comparability.csv")
    del rows[[row["before"] for row in rows].index(second.before)]
    number = next(n for n, row in enumerate(rows) if row["before"] == first.before)
    rows[number] = {**rows[number], "after": second.after}
    write_table(folder, "comparability.csv", header, rows)
    with pytest.raises(phare.DataError) as caught:
        phare.load(folder).figures()
    message = str(caught.value)
    assert message.startswith(f"comparability.csv, row {number + 2}, field 'after':")
    assert f"{first.after!r} comes between" in message


def test_a_break_of_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    message = _broken(tmp_path, {"kind": "population"})
    assert message.startswith("comparability.csv, row 2, field 'kind':")


def test_a_break_citing_an_unknown_source_is_refused(tmp_path: Path) -> None:
    message = _broken(tmp_path, {"source": "https://example.org/nowhere"})
    assert message.startswith("comparability.csv, row 2, field 'source':")


# --- reports known without any public figure --------------------------------------------


@pytest.mark.parametrize("slug", ["normandie", "provence-alpes-cote-d-azur"])
def test_the_example_regions_have_a_report_without_figures(slug: str) -> None:
    assert REPORTS_WITHOUT_FIGURES.get(slug)


@pytest.mark.parametrize("slug", sorted(REPORTS_WITHOUT_FIGURES))
def test_a_region_names_its_reports_without_figures(slug: str) -> None:
    expected = REPORTS_WITHOUT_FIGURES[slug]
    region = phare.region(slug)
    assert [s.id for s in region.reports_without_figures()] == [s.study_id for s in expected]


@pytest.mark.parametrize("slug", sorted(REPORTS_WITHOUT_FIGURES))
def test_the_missing_figure_error_names_the_report(slug: str) -> None:
    region = phare.region(slug)
    with pytest.raises(phare.FigureNotFoundError) as caught:
        region.figure("companies", "partnering")
    for study in REPORTS_WITHOUT_FIGURES[slug]:
        assert _report_name(study) in str(caught.value)
    assert "no figure of it is public yet" in str(caught.value)


@pytest.mark.parametrize("slug", sorted(REPORTS_WITHOUT_FIGURES))
def test_coverage_names_the_reports_without_figures(slug: str) -> None:
    coverage = phare.coverage().set_index("region")
    names = "; ".join(_report_name(s) for s in REPORTS_WITHOUT_FIGURES[slug])
    assert coverage.loc[slug, "reports_without_figures"] == names
    others = coverage.drop(index=list(REPORTS_WITHOUT_FIGURES))
    assert (others["reports_without_figures"] == "").all()


def test_a_region_without_any_known_report_says_nothing_of_one() -> None:
    region = next(r for r in phare.regions() if r.slug not in REPORTS_WITHOUT_FIGURES)
    assert region.reports_without_figures() == ()


@pytest.mark.parametrize("slug", sorted(REPORTS_WITHOUT_FIGURES))
def test_show_names_the_reports_without_figures(
    slug: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", slug]) == 0
    out = capsys.readouterr().out
    for study in REPORTS_WITHOUT_FIGURES[slug]:
        assert _report_name(study) in out
    assert "no figure of it is public yet" in out


# --- the command line and the chart show the breaks -----------------------------------------


def test_the_series_command_prints_the_waves_and_the_breaks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    series, expected = _companies()
    assert main(["series", "france", "companies", "partnering"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    for f in series:
        assert any(line.startswith(str(f.reference_year)) and f.study.id in line for line in lines)
    assert max(len(line) for line in lines) <= WIDTH
    prose = " ".join(out.split())  # a reason wraps between words
    addresses = re.sub(r"\n +", "", out)  # an address wraps after a / or a -
    for b in expected:
        assert " ".join(b.reason.split()) in prose
        assert b.source in addresses
        assert (
            f"{BY_ID[b.before].reference_year} -> {BY_ID[b.after].reference_year}: {b.kind}" in out
        )


def test_the_series_command_says_when_no_break_is_recorded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["series", "france", "associations", "partnering", "--segment", "employer"]) == 0
    assert "No break is recorded" in capsys.readouterr().out


def test_the_series_command_reports_a_missing_figure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["series", "normandie", "companies", "partnering"]) == 2
    assert "IMPACT-Normandie" in capsys.readouterr().err


def test_the_series_chart_marks_every_break() -> None:
    series, expected = _companies()
    ax = phare.plot.series(phare.national(), "companies", "partnering")
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "phare-break-label"]
    assert labels == [f"break: {b.kind}" for b in expected]
    dotted = [line for line in ax.lines if line.get_gid() == "phare-break"]
    assert [line.get_ydata().tolist() for line in dotted] == [
        [BY_ID[b.before].value, BY_ID[b.after].value] for b in expected
    ]
    drawn = [y for line in ax.lines if line.get_gid() == "phare-wave" for y in line.get_ydata()]
    assert drawn == [f.value for f in series]
    values = [t.get_text() for t in ax.texts if t.get_gid() == "phare-value"]
    assert len(values) == len(series)
    assert ax.get_ylabel() == "% of respondents, as published"
    plt.close("all")


def test_the_series_chart_joins_waves_without_a_break() -> None:
    ax = phare.plot.series("france", "associations", "partnering", segment="employer")
    [line] = [line for line in ax.lines if line.get_gid() == "phare-wave"]
    assert len(line.get_xdata()) == len(
        phare.national().series("associations", "partnering", segment="employer")
    )
    assert not [t for t in ax.texts if t.get_gid() == "phare-break-label"]
    plt.close("all")


def test_the_series_chart_refuses_a_region_of_the_wrong_type() -> None:
    with pytest.raises(TypeError):
        phare.plot.series(42, "companies", "partnering")  # type: ignore[arg-type]
