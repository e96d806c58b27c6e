"""Parley's batch simulation against NegMAS, the research anchor, on one GENIUS domain.

    .venv/bin/python benchmarks/negmas_compare.py [--negotiations 200] [--games 20000]

Both run Boulware against Conceder on the ANAC domain ItexvsCypress (Itex Boulware,
Cypress Conceder). NegMAS 0.16 runs its SAO mechanism with 100 steps; Parley runs the same
domain, imported with ``parley import-genius``, with a deadline of 100 rounds (a round is
one move per side, like a NegMAS step) and, for reference, as imported. The claim checked
(printed, not asserted): Parley plays at least 100 times as many negotiations per second.

NegMAS is never a dependency of Parley: it is installed on demand into a throwaway virtual
environment (``--venv``, default /tmp/negmas-venv) and run there in a subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from game.scenario.models import Scenario

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NEGMAS = "negmas==0.16.0"
DOMAIN = "ItexvsCypress"
STEPS = 100
TARGET = 100.0

NEGMAS_CHILD = """
import json, sys, time, warnings
warnings.filterwarnings("ignore")
from negmas import BoulwareTBNegotiator, ConcederTBNegotiator
from negmas.inout import Scenario
folder, count, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
scenario = Scenario.from_genius_folder(folder, ignore_discount=True)
scenario.normalize()
names = [u.name for u in scenario.ufuns]
# Profiles come in file-name order (Cypress first): seat Boulware on Itex, Conceder on Cypress.
itex = next(k for k, n in enumerate(names) if n.endswith("_Itex"))
order = [itex, 1 - itex]
results = []
start = time.perf_counter()
for _ in range(count):
    sides = [None, None]
    sides[order[0]], sides[order[1]] = BoulwareTBNegotiator(), ConcederTBNegotiator()
    m = scenario.make_session(sides, n_steps=steps)
    state = m.run()
    results.append((state.step, state.agreement))
seconds = time.perf_counter() - start
deals = [a for _, a in results if a is not None]
print(json.dumps({
    "version": __import__("negmas").__version__,
    "profiles": [names[k] for k in order],
    "seconds": seconds,
    "count": count,
    "mean_steps": sum(s for s, _ in results) / count,
    "agreement_rate": len(deals) / count,
    "mean_utility": [sum(float(scenario.ufuns[k](a)) for a in deals) / max(len(deals), 1) for k in order],
}))
"""


def fail(message: str) -> None:
    print(f"negmas_compare: {message}", file=sys.stderr)
    raise SystemExit(1)


def domain_folder() -> Path:
    for folder in (ROOT / "tests" / "data" / "genius" / DOMAIN, ROOT.parent / "shared" / "genius" / DOMAIN,
                   Path("/work/shared/genius") / DOMAIN):
        if folder.is_dir():
            return folder
    fail(f"the GENIUS domain {DOMAIN} is missing (looked in tests/data/genius/ and shared/genius/)")
    raise AssertionError


def negmas_python(venv: Path) -> Path:
    """The interpreter of a virtual environment with NegMAS installed (made on first use)."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import negmas, sys; sys.exit(negmas.__version__ != '0.16.0')"]
    if python.exists() and subprocess.run(probe, capture_output=True).returncode == 0:
        return python
    print(f"installing {NEGMAS} into {venv} (once) ...", file=sys.stderr)
    steps = [[sys.executable, "-m", "venv", "--clear", str(venv)],
             [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", NEGMAS]]
    for step in steps:
        proc = subprocess.run(step, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
            fail(f"could not install {NEGMAS} into {venv}: {tail[0]}")
    return python


def run_negmas(python: Path, folder: Path, count: int) -> dict:
    proc = subprocess.run([str(python), "-c", NEGMAS_CHILD, str(folder), str(count), str(STEPS)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        fail(f"NegMAS failed: {tail[0]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_parley(folder: Path, games: int, rounds: int | None) -> dict:
    from game.engine import Rules, simulate

    scenario = import_scenario(folder)
    if rounds is not None:
        # The scenario format stops at 40 rounds; the engine has no such limit, and matching
        # NegMAS's 100 steps matters more here than what an author may write.
        scenario = scenario.model_copy(update={"rounds": rounds})
    rules = Rules(scenario)
    seats = (("boulware", "normal"), ("conceder", "normal"))
    simulate(rules, 200, seats, seed=0)  # build the candidate tables once, as a long run would
    start = time.perf_counter()
    result = simulate(rules, games, seats, seed=1)
    seconds = time.perf_counter() - start
    s = result.summary()
    return {"rounds": rules.rounds, "seconds": seconds, "count": games, "mean_rounds": s["mean_rounds"],
            "agreement_rate": s["agreement_rate"], "mean_utility": [s["mean_utility_0"], s["mean_utility_1"]],
            "actors": list(rules.actor_ids)}


def import_scenario(folder: Path) -> Scenario:
    try:
        from game.authoring.genius import import_genius
    except ImportError:
        fail("the GENIUS importer (game/authoring/genius.py, `parley import-genius`) is needed "
             "to turn the domain into a scenario")
    # Every file name holds both party names (ItexvsCypress_...): tell them by the suffix.
    itex, cypress = folder / f"{DOMAIN}_Itex.xml", folder / f"{DOMAIN}_Cypress.xml"
    return import_genius(folder / f"{DOMAIN}_domain.xml", [itex, cypress])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--negotiations", type=int, default=200, help="NegMAS negotiations (default 200)")
    parser.add_argument("--games", type=int, default=20_000, help="Parley games per run (default 20,000)")
    parser.add_argument("--venv", type=Path, default=Path("/tmp/negmas-venv"), help="throwaway venv for NegMAS")
    args = parser.parse_args()

    folder = domain_folder()
    import_scenario(folder)  # fail early, before any install, if the importer is missing
    python = negmas_python(args.venv)
    print(f"machine: {platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}; "
          f"numpy {np.__version__}")
    print(f"domain: {folder}; Boulware (Itex) vs Conceder (Cypress)")
    neg = run_negmas(python, folder, args.negotiations)
    neg_rate = neg["count"] / neg["seconds"]
    print(f"NegMAS {neg['version']}, SAO, {STEPS} steps: {neg['count']} negotiations in {neg['seconds']:.2f} s = "
          f"{neg_rate:,.0f}/s; agreements {neg['agreement_rate']:.0%}, mean {neg['mean_steps']:.1f} steps, "
          f"mean utility {neg['mean_utility'][0]:.3f} / {neg['mean_utility'][1]:.3f} ({' / '.join(neg['profiles'])})")
    for rounds, label in ((STEPS, "matching NegMAS's steps"), (None, "as imported")):
        par = run_parley(folder, args.games, rounds)
        rate = par["count"] / par["seconds"]
        ratio = rate / neg_rate
        print(f"Parley simulate, {par['rounds']} rounds ({label}): {par['count']:,} games in {par['seconds']:.2f} s = "
              f"{rate:,.0f}/s; agreements {par['agreement_rate']:.0%}, mean {par['mean_rounds']:.1f} rounds, "
              f"mean utility {par['mean_utility'][0]:.3f} / {par['mean_utility'][1]:.3f} "
              f"({' / '.join(par['actors'])})  -> {ratio:,.0f}x NegMAS "
              f"[target >= {TARGET:.0f}x: {'ok' if ratio >= TARGET else 'MISSED'}]")


if __name__ == "__main__":
    main()
