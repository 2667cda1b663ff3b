"""The first load is thread-safe: 32 threads racing on a cold import share one load.

The race runs in a fresh interpreter, so the data is truly unloaded when the barrier opens;
a tiny switch interval makes the threads interleave as often as the interpreter allows.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

from support.verified import FIGURES

RACE = r"""
import json, sys, threading
sys.setswitchinterval(1e-6)
import phare
from phare import _store
from phare.dataset import BUNDLED

assert BUNDLED._store is None, "the data must not load on import"
loads = []
read_tables = _store.Store.__init__

def counted(self, *args, **kwargs):
    loads.append(threading.get_ident())
    read_tables(self, *args, **kwargs)

_store.Store.__init__ = counted
THREADS = 32
QUERIES = [
    lambda: phare.region("Nouvelle Aquitaine").share("entreprises", "partnering"),
    lambda: phare.national().value("companies", "partnerships-count"),
    lambda: [f.id for f in phare.figures(min_confidence="A")],
    lambda: [r.slug for r in phare.regions()],
    lambda: phare.study("phare-nouvelle-aquitaine-2016").published,
    lambda: [p.period for p in phare.programmes()],
    lambda: phare.actor("maires").id,
    lambda: id(BUNDLED._tables()),
]
barrier = threading.Barrier(THREADS)
answers = [None] * THREADS
failures = []

def work(n):
    try:
        barrier.wait()
        # each thread starts with a different question, so every entry point races
        order = QUERIES[n % len(QUERIES):] + QUERIES[:n % len(QUERIES)]
        got = {QUERIES.index(q): q() for q in order}
        answers[n] = [got[i] for i in range(len(QUERIES))]
    except BaseException as exc:
        failures.append(repr(exc))

threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"load_count": len(loads), "answers": answers, "failures": failures}))
"""


def test_racing_threads_share_one_load(python: Callable[..., subprocess.CompletedProcess[str]]):
    result = python("-c", RACE)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["failures"] == []
    assert report["load_count"] == 1
    first = report["answers"][0]
    assert all(answer == first for answer in report["answers"])
    assert first[:2] == [0.45, 674000.0]
    assert first[2] == [f.fact_id for f in FIGURES if f.confidence == "A"]
    assert len(first[3]) == 18


FORK = r"""
import os, signal
import phare
from phare import dataset

dataset._load_lock.acquire()  # as if another thread were inside the first load at the fork
pid = os.fork()
if pid == 0:
    signal.alarm(20)  # a child left waiting on the parent's lock dies here instead of hanging
    share = phare.region("nouvelle-aquitaine").share("companies", "partnering")
    os._exit(0 if share == 0.45 else 3)
dataset._load_lock.release()
_, status = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(status))
"""


def test_a_fork_during_the_first_load_leaves_the_child_a_lock_of_its_own(
    python: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    result = python("-c", FORK)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"
