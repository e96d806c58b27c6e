#!/bin/sh
# Mutation testing of game/engine with mutmut 3 (outside CI; see docs/mutation.md).
#
#   benchmarks/mutation.sh legality analysis    # some modules: game.engine.<name>.*
#   benchmarks/mutation.sh 'strategies.*'       # a subpackage
#   benchmarks/mutation.sh                      # every engine module (7,000 mutants: many hours)
#
# It mutates the committed code: the first run exports git HEAD to $MUTATION_DIR (default
# /tmp/parley-mutation) and works there, so edits in progress in the checkout cannot disturb a
# run; later runs reuse that copy and its results (mutants/), re-testing only what changed. Delete
# the folder to start again from a newer commit, or copy new test files into its tests/engine/.
# Configuration (which files, which tests) is setup.cfg's [mutmut] section. One worker, niced;
# Hypothesis derandomised (CI=1) with a twentieth of its usual examples (PARLEY_EXAMPLES=5).
# `mutmut results` (run in that folder) lists survivors, `mutmut show NAME` shows one.
set -eu
set -f
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${MUTATION_DIR:-/tmp/parley-mutation}"
if [ ! -d "$work" ]; then
    mkdir -p "$work"
    git -C "$repo" archive HEAD | tar -x -C "$work"
fi
cd "$work"
export CI=1 PARLEY_EXAMPLES="${PARLEY_EXAMPLES:-5}"
patterns=""
for module in "$@"; do
    patterns="$patterns game.engine.$module.*"
done
# shellcheck disable=SC2086
nice -n 19 "$repo/.venv/bin/mutmut" run --max-children 1 $patterns || true
"$repo/.venv/bin/python" "$repo/benchmarks/mutation_score.py"
