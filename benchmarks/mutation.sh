#!/bin/sh
# Mutation testing of game/engine with mutmut 3 (outside CI; see docs/mutation.md).
#
#   benchmarks/mutation.sh legality analysis    # some modules (game/engine/<name>.py)
#   benchmarks/mutation.sh strategies.concession 'strategies.*'
#   benchmarks/mutation.sh                      # every engine module (7,000 mutants: many hours)
#
# It mutates the committed code: the first run exports git HEAD to $MUTATION_DIR (default
# /tmp/parley-mutation) and works there, so edits in progress in the checkout cannot disturb a
# run. Later runs reuse that copy and its results (mutants/): a run resumes where the last one
# stopped and tests only mutants without a verdict. Delete the folder to start again from a newer
# commit; copy new test files into its tests/engine/ to measure them before they are committed.
# Configuration (which tests, timeouts) is setup.cfg's [mutmut] section; the modules named here
# replace its only_mutate. One worker, niced; Hypothesis derandomised (CI=1) with a twentieth of
# its usual examples (PARLEY_EXAMPLES=5). In that folder `mutmut results` lists the survivors and
# `mutmut show NAME` shows one; the score per module is printed at the end.
#
#   RECHECK=1 benchmarks/mutation.sh ...        # test the survivors again (after adding tests)
set -eu
set -f
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${MUTATION_DIR:-/tmp/parley-mutation}"
if [ ! -d "$work" ]; then
    mkdir -p "$work"
    git -C "$repo" archive HEAD | tar -x -C "$work"
fi
"$repo/.venv/bin/python" - "$repo/setup.cfg" "$work/setup.cfg" "$@" <<'PY'
import re
import sys

source, target, *modules = sys.argv[1:]
text = open(source).read()
if modules:
    paths = [f"game/engine/{m.replace('.', '/').removesuffix('/py')}" for m in modules]
    paths = [p if p.endswith("*") else p + ".py" for p in paths]
    text = re.sub(r"^only_mutate = .*$", "only_mutate =\n" + "\n".join(f"    {p}" for p in paths), text, flags=re.M)
open(target, "w").write(text)
PY
cd "$work"
export CI=1 PARLEY_EXAMPLES="${PARLEY_EXAMPLES:-5}"
names=""
if [ "${RECHECK:-}" = 1 ]; then
    names="$("$repo/.venv/bin/mutmut" results 2>/dev/null | awk '/: survived$/ {sub(":", "", $1); print $1}')"
fi
# shellcheck disable=SC2086
nice -n 19 "$repo/.venv/bin/mutmut" run --max-children 1 $names || true
"$repo/.venv/bin/python" "$repo/benchmarks/mutation_score.py"
