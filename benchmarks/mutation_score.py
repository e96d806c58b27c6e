"""Mutation score of game/engine per module, from mutmut's results in mutants/ (run benchmarks/mutation.sh first).

Killed counts kills and timeouts; the score is killed / (killed + survived) over the mutants that
were run (``not checked`` ones, from modules left out of a run, are listed but not scored). Mutants
no selected test reaches ("no tests") count as survivors.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, -24, 24, 152, 255, 37}
SURVIVED = {0, 5, 33}


def main(root: Path = Path("mutants")) -> int:
    rows = []
    total: Counter[str] = Counter()
    for meta in sorted(root.glob("game/engine/**/*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"].values()
        c = Counter("killed" if x in KILLED else "survived" if x in SURVIVED else "unchecked" if x is None
                    else "other" for x in codes)
        module = str(meta.relative_to(root))[: -len(".py.meta")].replace("/", ".")
        rows.append((module, c))
        total.update(c)
    print(f"{'module':38} {'killed':>6} {'surv.':>6} {'other':>6} {'unrun':>6} {'score':>7}")
    for module, c in [*rows, ("overall (run mutants)", total)]:
        run = c["killed"] + c["survived"]
        score = f"{100 * c['killed'] / run:6.1f}%" if run else "      -"
        print(f"{module:38} {c['killed']:6} {c['survived']:6} {c['other']:6} {c['unchecked']:6} {score}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(Path(a) for a in sys.argv[1:])))
