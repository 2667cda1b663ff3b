"""The ``phare`` command: list regions, show a region's figures, get one number, export.

Every failure the user can cause (an unknown region, a typo in an actor) prints the phare error
message, with its suggestion, on stderr and exits with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import phare
from phare import display, export
from phare.errors import PhareError
from phare.model import Figure, Region, format_qualified, plain_number

#: Exit status for input the user can fix (the argparse convention).
USAGE_ERROR = 2


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Align *rows* under *headers* in plain-text columns.

    >>> print(render_table(["a", "bb"], [["xyz", "1"]]))
    a    bb
    ---  --
    xyz  1
    """
    widths = [
        max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)
    ]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _regions_text() -> str:
    rows = [
        [r.slug, r.name, r.insee_code or "", r.iso_3166_2, r.nuts, r.kind, str(len(r.figures()))]
        for r in (phare.national(), *phare.regions())
    ]
    return render_table(["slug", "name", "insee", "iso", "nuts", "kind", "figures"], rows)


def _show_text(region: Region) -> str:
    codes = f"INSEE {region.insee_code}, " if region.insee_code else ""
    head = f"{region.name} ({codes}{region.iso_3166_2}, NUTS {region.nuts})"
    figures = region.figures()
    if not figures:
        return f"{head}\nNo figure has been published for {region.name}."
    sources: list[str] = []
    rows = []
    for f in figures:
        location = f.source.location
        if location not in sources:
            sources.append(location)
        rows.append(_figure_row(f, sources.index(location) + 1))
    table = render_table(
        ["actor", "segment", "indicator", "theme", "value", "year", "study", "conf", "src"], rows
    )
    legend = display.marks_legend(figures)
    if legend:
        table += f"\n{legend}"
    notes = "\n".join(f"[{n}] {location}" for n, location in enumerate(sources, start=1))
    return f"{head}\n{len(figures)} figures\n\n{table}\n\nSources:\n{notes}"


def _figure_row(f: Figure, source_number: int) -> list[str]:
    return [
        f.actor.id,
        f.segment.id,
        f.indicator.id,
        f.theme.id if f.theme else "",
        display.value_text(f),
        str(f.reference_year),
        f.study.id,
        f.confidence,
        f"[{source_number}]",
    ]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``phare`` command."""
    parser = argparse.ArgumentParser(
        prog="phare",
        description="Figures of the French Observatoire national des partenariats, with sources.",
        epilog=display.marks_legend(),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"phare {phare.__version__} (data {phare.__data_version__})",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("regions", help="list France and the 18 regions with their codes")
    show = commands.add_parser("show", help="print a region's figures with study and source")
    show.add_argument("region", help="slug, name or code: nouvelle-aquitaine, 'FR-NAQ', 75, FRI")
    get = commands.add_parser(
        "get", help="print one figure: a share for percentages, else the value"
    )
    get.add_argument("region")
    get.add_argument("actor", help="citizens, companies, associations or mayors (or French names)")
    get.add_argument("indicator", help="partnering, alliances-innovation, fragility-score...")
    get.add_argument("--theme", help="required for indicators broken down by theme")
    get.add_argument("--segment", default="all", help="sub-population, default: all")
    get.add_argument("--study", help="a study id, default: the latest")
    out = commands.add_parser(
        "export",
        help="write the tidy table of figures as CSV, JSON, Markdown, Excel or SQLite",
        description="Write the figures, one row per figure with its source, to stdout or a file. "
        "JSON is a list of objects with the same keys as the CSV columns. xlsx and sqlite write "
        "a file (--output is required) with the studies, sources, regions and disputes too.",
    )
    out.add_argument("--format", choices=export.FORMATS, default="csv", help="default: csv")
    out.add_argument("--region", help="only this region (slug, name or code; france for national)")
    out.add_argument("--actor", help="only this actor")
    out.add_argument("--indicator", help="only this indicator")
    out.add_argument(
        "--min-confidence", choices=("A", "B", "C"), help="B keeps grades A and B; default: all"
    )
    out.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    charts = commands.add_parser(
        "plot", help="draw a chart to a PNG or SVG file (needs the plot extra)"
    ).add_subparsers(dest="chart", required=True, metavar="CHART")
    tiles = charts.add_parser("tiles", help="the regions as tiles coloured by one figure")
    tiles.add_argument("actor")
    tiles.add_argument("indicator")
    tiles.add_argument("--theme", help="required for indicators broken down by theme")
    tiles.add_argument("--segment", default="all", help="sub-population, default: all")
    tiles.add_argument("--programme", help="only this programme's figures (an id: PHARE...)")
    tiles.add_argument("--min-confidence", choices=("A", "B", "C"), help="B keeps A and B")
    tiles.add_argument("--output", required=True, metavar="FILE", help="a .png or .svg file")
    return parser


#: What a command prints: the text for stdout, then a note for stderr ("" for none).
Answer = tuple[str, str]


def _export(args: argparse.Namespace) -> Answer:
    figures = phare.figures(
        region=args.region,
        actor=args.actor,
        indicator=args.indicator,
        min_confidence=args.min_confidence,
    )
    if args.format in export.BINARY:
        if args.output is None:
            raise PhareError(f"--format {args.format} writes a file: give --output FILE")
        export.write(figures, args.format, args.output)
        return "", f"wrote {len(figures)} figures to {args.output}"
    text = export.render(figures, args.format)
    if args.output is None:
        return text, ""
    try:
        with open(args.output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except (OSError, ValueError) as err:  # ValueError: a NUL or a lone surrogate in the name
        reason = err.strerror if isinstance(err, OSError) else None
        raise PhareError(f"cannot write {args.output}: {reason or err}") from err
    return "", f"wrote {len(figures)} figures to {args.output}"


def _plot(args: argparse.Namespace) -> Answer:
    from phare import plot

    ax = plot.tiles(
        args.actor,
        args.indicator,
        theme=args.theme,
        segment=args.segment,
        programme=args.programme,
        min_confidence=args.min_confidence,
    )
    plot.save(ax, args.output)
    return "", f"wrote {args.output}"


def _get(figure: Figure) -> Answer:
    """The bare number, for scripts; how it was published, when not exactly, as a note."""
    number = plain_number(figure.share if figure.share is not None else figure.value)
    if figure.qualifier == "exact":
        return number, ""
    published = format_qualified(figure.value, figure.unit, figure.qualifier, words=True)
    return number, f"note: published as {published!r}"


def run(args: argparse.Namespace) -> Answer:
    """Carry out a parsed command; return what to print on stdout, and a note for stderr."""
    if args.command == "regions":
        return _regions_text(), ""
    if args.command == "export":
        return _export(args)
    if args.command == "plot":
        return _plot(args)
    region = phare.region(args.region)
    if args.command == "show":
        return _show_text(region), ""
    return _get(
        region.figure(
            args.actor, args.indicator, theme=args.theme, segment=args.segment, study=args.study
        )
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status, never raise for what a user typed.

    A usage error (an unknown command, a missing argument) returns 2 as argparse would exit;
    *argv* itself must be a list of ``str`` (anything else is a :class:`TypeError`).

    >>> main(["get", "nouvelle-aquitaine", "entreprises", "partnering"])
    0.45
    0

    The number is bare, for scripts; a value published as approximate or as a lower bound
    says so in a note on stderr (``phare: note: published as 'more than 674000'``).

    >>> main(["get", "france", "companies", "partnerships-count"])
    674000
    0
    >>> main(["get", "bretange", "companies", "partnering"])
    2
    >>> main(["export", "--format", "json", "--region", "occitanie", "--actor", "citizens"])
    ... # doctest: +ELLIPSIS
    [
      {
        "id": "occ-citizens-alliances-innovation-2019",
    ...
    ]
    0
    >>> main(["frobnicate"])
    2
    """
    if argv is not None and (
        not isinstance(argv, Sequence)
        or isinstance(argv, (str, bytes))
        or not all(isinstance(arg, str) for arg in argv)
    ):
        raise TypeError("argv must be a list of str")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage or the help
        return exit_.code if isinstance(exit_.code, int) else USAGE_ERROR
    try:
        output, note = run(args)
    except PhareError as err:
        print(f"phare: error: {err}", file=sys.stderr)
        return USAGE_ERROR
    try:
        if output:
            sys.stdout.write(output if output.endswith("\n") else output + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (phare regions | head): not an error
        _silence_stdout()
    if note:
        print(f"phare: {note}", file=sys.stderr)
    return 0


def _silence_stdout() -> None:
    """Point stdout at the null device so the interpreter's final flush fails no more."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
