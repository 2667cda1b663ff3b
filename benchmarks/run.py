"""Measure phare against pycountry, palmerpenguins and plain Python, in one run.

    pip install -e ".[bench]"
    python benchmarks/run.py            # the full run, under a minute on two cores
    python benchmarks/run.py --quick    # a few repetitions: checks the script works, not the figures
    python benchmarks/run.py --scale    # load and query synthetic data packages of growing size

Every comparison is measured in the same run, its commands interleaved round by round, so a busy
machine slows both sides alike; the table gives medians and the ratios of those medians. Each child
process runs ``python -I`` (stray PYTHON* variables, such as PYTHONDONTWRITEBYTECODE, must not
favour one side), after a warm-up round that also writes phare's bytecode cache, as an install does.

Each line of the table names its target and says whether it is met. The full run exits with
status 1 when a target is missed; the quick run's figures are too rough to judge, so it exits 0
whenever it ran to the end.

``--scale`` measures how phare grows with its data instead: it writes synthetic data packages of
1 000, 10 000 and 100 000 figures into a temporary folder (a copy of phare's own data, its
studies and figures repeated under new ids: every loader rule still holds), loads each with
``phare.load`` and times the load, ``share()`` and ``to_frame()``. These synthetic rows are
benchmark input only; they are deleted with the folder. ``--scale --quick`` loads one package of
1 000 figures once.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

SLUG, CODE, TYPO = "nouvelle-aquitaine", "FR-NAQ", "nouvelle-aquitane"
ACTOR, INDICATOR = "companies", "partnering"
HUGE_NAME_CHARS = 10_000_000  # ASCII: 10 MB

#: The child processes compared, each as `python -I -c CODE`.
PROCESSES = {
    "bare": "pass",
    "import phare": "import phare",
    "import pycountry": "import pycountry",
    "phare cold query": f"import phare; phare.region({CODE!r}).share({ACTOR!r}, {INDICATOR!r})",
    "pycountry cold lookup": f"import pycountry; pycountry.subdivisions.get(code={CODE!r})",
}

#: The in-process statements compared, timed with timeit in one shared namespace.
STATEMENTS = {
    "share": f"phare.region({SLUG!r}).share({ACTOR!r}, {INDICATOR!r})",
    "pycountry get": f"pycountry.subdivisions.get(code={CODE!r})",
    "dict lookup": f"table[({SLUG!r}, {ACTOR!r}, {INDICATOR!r})]",
    "miss": f"try:\n    phare.region({TYPO!r})\nexcept phare.UnknownRegionError:\n    pass",
    "search_fuzzy": (
        f"try:\n    pycountry.subdivisions.search_fuzzy({TYPO!r})\nexcept LookupError:\n    pass"
    ),
    "to_frame": "phare.to_frame()",
    "load_penguins": "palmerpenguins.load_penguins()",
}

#: The children whose peak memory is compared.
RSS_PROCESSES = ("bare", "phare cold query", "pycountry cold lookup")
#: Appended to a child's code to print its peak RSS in bytes. /proc's VmHWM counts this program
#: only; ru_maxrss would also count the parent's pages the child held between fork and exec.
RSS_TRAILER = """
try:
    with open("/proc/self/status", encoding="ascii") as status:
        peak = int(next(line for line in status if line.startswith("VmHWM")).split()[1]) * 1024
except OSError:  # no /proc: the less exact figure, in bytes on macOS
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(peak)
"""

#: What a module may be, among those that `import phare` adds to a bare interpreter.
IMPORT_ALLOWED = {"__future__", "phare", "phare.errors"}


@dataclass(frozen=True)
class Settings:
    """How hard to measure: rounds of interleaved runs, and time per timeit measurement."""

    rounds: int
    budget: float


FULL = Settings(rounds=15, budget=0.05)
QUICK = Settings(rounds=2, budget=0.002)


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    what: str
    phare: str
    reference: str
    ratio: str
    target: str
    met: bool


# --- measuring -----------------------------------------------------------------------------


def run_child(code: str) -> str:
    """Run `python -I -c CODE` and return what it printed."""
    result = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"benchmark child failed: python -I -c {code!r}\n{result.stderr}")
    return result.stdout


def time_child(code: str) -> float:
    """Wall time in seconds of one child process, from start to exit."""
    start = time.perf_counter()
    run_child(code)
    return time.perf_counter() - start


def peak_rss(code: str) -> float:
    """Peak resident memory in bytes of a child process that runs *code*."""
    return float(run_child(code + RSS_TRAILER))


def interleave(
    names: Sequence[str], measure: Callable[[str], float], rounds: int
) -> dict[str, list[float]]:
    """Measure every name once per round, starting each round one name further on."""
    samples: dict[str, list[float]] = {name: [] for name in names}
    for turn in range(rounds):
        for name in [*names[turn % len(names) :], *names[: turn % len(names)]]:
            samples[name].append(measure(name))
    return samples


def measure_processes(settings: Settings) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall time (s) of each child process, and median peak RSS (bytes) of some."""
    for code in PROCESSES.values():  # warm-up: OS file cache, and phare's bytecode cache
        run_child(code)
    times = interleave(list(PROCESSES), lambda name: time_child(PROCESSES[name]), settings.rounds)
    peaks = interleave(RSS_PROCESSES, lambda name: peak_rss(PROCESSES[name]), settings.rounds)
    return _medians(times), _medians(peaks)


def measure_statements(settings: Settings, namespace: dict[str, Any]) -> dict[str, float]:
    """Median seconds per execution of each statement, run in *namespace*.

    Calibrating runs each statement before it is timed: data loaded, indices built.
    """
    timers = {name: timeit.Timer(stmt, globals=namespace) for name, stmt in STATEMENTS.items()}
    numbers = {name: _calibrate(timer, settings.budget) for name, timer in timers.items()}

    def measure(name: str) -> float:
        return timers[name].timeit(numbers[name]) / numbers[name]

    return _medians(interleave(list(STATEMENTS), measure, settings.rounds))


def measure_huge_name(settings: Settings, phare: Any) -> tuple[float, str]:
    """Median seconds to reject a fresh 10 MB name, and the name of the error raised."""
    samples, raised = [], ""
    for turn in range(max(settings.rounds, 3)):
        name = "x" * (HUGE_NAME_CHARS - 8) + f"{turn:08d}"  # a new string: no cached hash
        start = time.perf_counter()
        try:
            phare.region(name)
        except phare.UnknownRegionError as err:
            raised = type(err).__name__
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), raised


def _calibrate(timer: timeit.Timer, budget: float) -> int:
    timer.timeit(1)  # the first call loads data and builds indices: not steady state
    number = 1
    while timer.timeit(number) < budget and number < 10**7:
        number *= 10
    return number


def _medians(samples: dict[str, list[float]]) -> dict[str, float]:
    return {name: statistics.median(values) for name, values in samples.items()}


def modules_added_by_import_phare() -> list[str]:
    """The modules `import phare` adds to a bare interpreter, measured in a child process."""
    code = (
        "import sys; before = set(sys.modules); import phare; "
        "print(' '.join(sorted(set(sys.modules) - before)))"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


# --- reporting -----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms" if seconds >= 0.01 else f"{seconds * 1e3:.2f} ms"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} µs" if seconds < 1e-5 else f"{seconds * 1e6:.0f} µs"


def mib(size: float) -> str:
    return f"{size / 2**20:.2f} MiB"


def versus(
    what: str,
    mine: tuple[Callable[[float], str], float],
    theirs: tuple[str, float],
    target: str,
    met: bool,
) -> Row:
    """A line comparing one phare figure with one reference figure, written alike."""
    show, value = mine
    return Row(
        what,
        show(value),
        f"{theirs[0]} {show(theirs[1])}",
        f"{value / theirs[1]:.2f}x",
        target,
        met,
    )


def build_rows(
    times: dict[str, float],
    peaks: dict[str, float],
    calls: dict[str, float],
    huge: tuple[float, str],
    modules: list[str],
) -> list[Row]:
    bare, imp, ref = times["bare"], times["import phare"], times["import pycountry"]
    cold, ref_cold = times["phare cold query"], times["pycountry cold lookup"]
    extra = [m for m in modules if m not in IMPORT_ALLOWED]
    above_bare = peaks["phare cold query"] - peaks["bare"]
    reference_above_bare = peaks["pycountry cold lookup"] - peaks["bare"]
    share, get, lookup = calls["share"], calls["pycountry get"], calls["dict lookup"]
    return [
        Row(
            'import (`python -I -c "import phare"`)',
            ms(imp),
            f"pycountry {ms(ref)}; bare interpreter {ms(bare)}",
            f"{imp / ref:.2f}x ({(imp - bare) / (ref - bare):.2f}x net of bare)",
            "≤ 0.75x pycountry",
            imp / ref <= 0.75,
        ),
        Row(
            "modules `import phare` loads",
            ", ".join(modules),
            "—",
            "—",
            "no pandas, nothing not yet needed",
            "pandas" not in modules and not extra,
        ),
        versus(
            f"cold process: import + `region({CODE!r}).share(...)`",
            (ms, cold),
            (f"pycountry `subdivisions.get(code={CODE!r})`", ref_cold),
            "≤ 1.0x pycountry",
            cold / ref_cold <= 1.0,
        ),
        Row(
            f"steady state: `region({SLUG!r}).share({ACTOR!r}, {INDICATOR!r})`",
            us(share),
            f"pycountry `subdivisions.get` {us(get)}; dict lookup {us(lookup)}",
            f"{share / get:.2f}x pycountry; {share / lookup:.1f}x dict",
            "< 1 µs and faster than pycountry",
            share < 1e-6 and share < get,
        ),
        versus(
            f"miss with suggestions: `region({TYPO!r})`",
            (us, calls["miss"]),
            ("pycountry `subdivisions.search_fuzzy`", calls["search_fuzzy"]),
            "< 200 µs",
            calls["miss"] < 200e-6,
        ),
        versus(
            "`phare.to_frame()`, pandas imported",
            (ms, calls["to_frame"]),
            ("`palmerpenguins.load_penguins()`", calls["load_penguins"]),
            "< 5 ms",
            calls["to_frame"] < 5e-3,
        ),
        Row(
            "peak RSS: import + one query",
            f"{mib(peaks['phare cold query'])} (+{mib(above_bare)})",
            f"pycountry cold lookup {mib(peaks['pycountry cold lookup'])} "
            f"(+{mib(reference_above_bare)}); bare interpreter {mib(peaks['bare'])}",
            f"{above_bare / reference_above_bare:.2f}x pycountry's extra over bare",
            "≤ 0.5x pycountry's extra over bare",
            above_bare <= 0.5 * reference_above_bare,
        ),
        Row(
            "reject a 10 MB name",
            f"{ms(huge[0])} ({huge[1] or 'nothing raised'})",
            "—",
            "—",
            "< 10 ms, UnknownRegionError",
            huge[0] < 10e-3 and huge[1] == "UnknownRegionError",
        ),
    ]


#: Distribution names of the packages reported, where they differ from the import name. phare
#: is installed as phare-observatoire; an environment installed before the rename still has it
#: under its old name, phare.
DISTRIBUTIONS = {"phare": ("phare-observatoire", "phare")}


def installed_version(name: str) -> str:
    """The installed version of the package imported as *name*."""
    for distribution in DISTRIBUTIONS.get(name, (name,)):
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = ", ".join(
        f"{name} {installed_version(name)}"
        for name in ("phare", "pycountry", "pandas", "palmerpenguins", "attrs")
    )
    return (
        f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}, "
        f"{platform.python_implementation()} {platform.python_version()}; {versions}"
    )


def load_average() -> str:
    """The 1, 5 and 15 minute load averages, or a word saying they are unknown here."""
    try:
        return " ".join(f"{load:.2f}" for load in os.getloadavg())
    except (AttributeError, OSError):
        return "unknown"


def answers(namespace: dict[str, Any]) -> list[str]:
    """What each compared call returns, so the table compares like with like."""
    phare, pycountry = namespace["phare"], namespace["pycountry"]
    try:
        phare.region(TYPO)
        suggestions: tuple[str, ...] = ()
    except phare.UnknownRegionError as err:
        suggestions = err.suggestions
    try:
        fuzzy = [s.code for s in pycountry.subdivisions.search_fuzzy(TYPO)]
    except LookupError:
        fuzzy = []
    frame = phare.to_frame()
    penguins = namespace["palmerpenguins"].load_penguins()
    subdivision = pycountry.subdivisions.get(code=CODE)
    return [
        f"share = {phare.region(SLUG).share(ACTOR, INDICATOR)}; "
        f"pycountry get = {subdivision.code} {subdivision.name}",
        f"suggestions for {TYPO!r}: {list(suggestions)}; pycountry search_fuzzy: {fuzzy or 'no match'}",
        f"to_frame: {frame.shape[0]} rows x {frame.shape[1]} columns; "
        f"load_penguins: {penguins.shape[0]} rows x {penguins.shape[1]} columns",
    ]


# --- scale -------------------------------------------------------------------------------------

#: The sizes, in figures, of the synthetic data packages ``--scale`` loads; ``--quick`` the first.
SCALE_SIZES = (1_000, 10_000, 100_000)
#: Loads of each package in a full ``--scale`` run: the largest takes seconds.
SCALE_ROUNDS = 5


@dataclass(frozen=True)
class ScaleRow:
    """What one synthetic data package cost: medians in seconds, and what it held."""

    figures: int
    studies: int
    load: float
    first_share: float
    share: float
    to_frame: float


def _read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or ()), list(reader)


def _write_table(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def synthetic_package(data: Path, folder: Path, size: int) -> Path:
    """A copy of the data package *data*, in *folder*, grown to exactly *size* figures.

    Copy k of each study is the same row under the id ``<id>-synthetic-<k>``, and copy k of a
    figure is the same row under ``<id>-synthetic-<k>``, in copy k of its study. A copy keeps
    its region, actors, dates and sources, so it passes every rule its original passes: the
    loader checks the synthetic package as fully as the bundled one.
    """
    target = folder / f"figures-{size}"
    shutil.copytree(data, target)
    study_columns, studies = _read_table(target / "studies.csv")
    figure_columns, figures = _read_table(target / "figures.csv")
    if size < len(figures):
        raise SystemExit(f"--scale: {size} figures is fewer than the bundled {len(figures)}")
    extra = size - len(figures)
    copies = -(-extra // len(figures))  # ceiling: the last copy may be cut short
    studies += [
        {**row, "id": f"{row['id']}-synthetic-{copy}"}
        for copy in range(1, copies + 1)
        for row in studies
    ]
    grown = list(figures)
    for n in range(extra):
        row, suffix = figures[n % len(figures)], f"-synthetic-{n // len(figures) + 1}"
        grown.append({**row, "id": row["id"] + suffix, "study": row["study"] + suffix})
    _write_table(target / "studies.csv", study_columns, studies)
    _write_table(target / "figures.csv", figure_columns, grown)
    return target


def measure_package(phare: Any, folder: Path, rounds: int, budget: float) -> ScaleRow:
    """Load the package in *folder* *rounds* times, then time its queries once loaded.

    ``first share()`` is the first question asked of each fresh load: it resolves the names and
    picks the latest figure of its cell; asked again, ``share()`` is answered from memory.
    """
    loads, firsts = [], []
    dataset = None
    for _ in range(rounds):
        start = time.perf_counter()
        dataset = phare.load(folder)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        dataset.region(SLUG).share(ACTOR, INDICATOR)
        firsts.append(time.perf_counter() - start)
    namespace = {"dataset": dataset}
    queries = {
        "share": f"dataset.region({SLUG!r}).share({ACTOR!r}, {INDICATOR!r})",
        "to_frame": "dataset.to_frame()",
    }
    timers = {name: timeit.Timer(stmt, globals=namespace) for name, stmt in queries.items()}
    numbers = {name: _calibrate(timer, budget) for name, timer in timers.items()}
    times = {
        name: statistics.median(timer.timeit(numbers[name]) / numbers[name] for _ in range(3))
        for name, timer in timers.items()
    }
    assert dataset is not None
    return ScaleRow(
        figures=len(dataset.figures()),
        studies=len(dataset.studies()),
        load=statistics.median(loads),
        first_share=statistics.median(firsts),
        share=times["share"],
        to_frame=times["to_frame"],
    )


def growth(rows: Sequence[ScaleRow]) -> list[str]:
    """How each measurement grew from the smallest package to the largest, against the data."""
    small, large = rows[0], rows[-1]
    times = large.figures / small.figures

    def grew(what: str, before: float, after: float) -> str:
        return f"{what} x{after / before:.2f}"

    return [
        f"from {small.figures:,} to {large.figures:,} figures (x{times:.0f}): "
        + "; ".join(
            (
                grew("load", small.load, large.load),
                grew("load per figure", small.load / small.figures, large.load / large.figures),
                grew("first share()", small.first_share, large.first_share),
                grew("share()", small.share, large.share),
                grew("to_frame()", small.to_frame, large.to_frame),
                grew(
                    "to_frame() per figure",
                    small.to_frame / small.figures,
                    large.to_frame / large.figures,
                ),
            )
        )
    ]


def run_scale(quick: bool) -> int:
    """The ``--scale`` run: one line per synthetic package, then how each figure grew."""
    try:
        import pandas  # noqa: F401  (to_frame needs it: say so here, not in a traceback)

        import phare
    except ImportError as exc:
        print(f"{exc}; install phare with: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    data = Path(phare.__file__).resolve().parent / "data"
    if not data.is_dir():
        print(f"--scale copies phare's data folder, and {data} is not one", file=sys.stderr)
        return 2
    sizes, rounds = (SCALE_SIZES[:1], 1) if quick else (SCALE_SIZES, SCALE_ROUNDS)
    settings = QUICK if quick else FULL
    command = "python benchmarks/run.py --scale" + (" --quick" if quick else "")
    print(f"# {command} — {rounds} load(s) per size, {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print(f"# machine: {machine()}")
    print(f"# load average at start: {load_average()}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="phare-scale-") as folder:
        for size in sizes:
            package = synthetic_package(data, Path(folder), size)
            row = measure_package(phare, package, rounds, settings.budget)
            if row.figures != size:
                raise SystemExit(f"--scale: the package of {size} figures loaded {row.figures}")
            rows.append(row)
            shutil.rmtree(package)
    print()
    print(
        "| figures | studies | load | load per figure | first `share()` | `share()` "
        "| `to_frame()` | `to_frame()` per figure |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row.figures:,} | {row.studies:,} | {ms(row.load)} | {us(row.load / row.figures)} "
            f"| {us(row.first_share)} | {us(row.share)} | {ms(row.to_frame)} "
            f"| {us(row.to_frame / row.figures)} |"
        )
    print()
    if len(rows) > 1:
        for line in growth(rows):
            print(f"- {line}")
    print(f"\n# load average at end: {load_average()}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a few repetitions, to check it runs")
    parser.add_argument(
        "--scale", action="store_true", help="load and query synthetic packages of growing size"
    )
    args = parser.parse_args(argv)
    if args.scale:
        return run_scale(args.quick)
    settings = QUICK if args.quick else FULL
    try:
        import palmerpenguins
        import pandas
        import pycountry

        import phare
    except ImportError as exc:
        print(f"{exc}; install the references with: pip install -e '.[bench]'", file=sys.stderr)
        return 2

    command = "python benchmarks/run.py" + (" --quick" if args.quick else "")
    print(
        f"# {command} — {settings.rounds} interleaved rounds, {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    print(f"# machine: {machine()}")
    print(f"# load average at start: {load_average()}")
    modules = modules_added_by_import_phare()
    times, peaks = measure_processes(settings)
    namespace: dict[str, Any] = {
        "phare": phare,
        "pycountry": pycountry,
        "pandas": pandas,
        "palmerpenguins": palmerpenguins,
        "table": {(SLUG, ACTOR, INDICATOR): 0.45},
    }
    calls = measure_statements(settings, namespace)
    huge = measure_huge_name(settings, phare)
    rows = build_rows(times, peaks, calls, huge, modules)

    print()
    print("| measurement | phare | reference | ratio | target | verdict |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        verdict = "met" if row.met else "missed"
        print(
            f"| {row.what} | {row.phare} | {row.reference} | {row.ratio} | {row.target} | {verdict} |"
        )
    print()
    for line in answers(namespace):
        print(f"- {line}")
    print(
        f"\n# load average at end: {load_average()} (other work on the machine slows every figure)"
    )
    missed = [row.what for row in rows if not row.met]
    if args.quick:
        print("\nquick run: too few repetitions to judge the targets; run without --quick.")
        return 0
    print(f"\n{len(rows) - len(missed)} of {len(rows)} targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
