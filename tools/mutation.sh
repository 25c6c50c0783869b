#!/usr/bin/env bash
# The mutation pass (mutmut 3) on sessions/store.py, sessions/capture.py and sessions/minutes/:
# each mutant runs only the unit tests listed in pyproject's [tool.mutmut] that reach the
# function it changes. Not part of the test run; results in docs/testing.md.
#
#   tools/mutation.sh                          every mutant of the three (about 1 h on 2 busy CPUs)
#   tools/mutation.sh 'sessions.store*'        only mutants whose name matches (store.py here)
#   tools/mutation.sh 'sessions.capture*'      capture.py
#   tools/mutation.sh 'sessions.minutes*'      the minutes package
#   JOBS=1 tools/mutation.sh ...               fewer parallel test runs (default 2)
#
# It works in a scratch copy ($MUTATION_WORKDIR, default /tmp/minutely-mutation) so the
# tree stays clean; that copy keeps mutmut's results, so a rerun only retests what changed.
# Afterwards: `cd $MUTATION_WORKDIR && mutmut show NAME` shows a mutant's diff.
# Needs the extras: .venv/bin/pip install -e '.[test,mutation]'
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.venv/bin"
work=${MUTATION_WORKDIR:-${TMPDIR:-/tmp}/minutely-mutation}
mkdir -p "$work"
# Fresh sources every time; mutants/ (mutmut's results) is kept.
find "$work" -mindepth 1 -maxdepth 1 ! -name mutants -exec rm -rf {} +
(cd "$root" && git ls-files -co --exclude-standard -z | tar --null -T - -cf -) | tar -xf - -C "$work"
cd "$work"
status=0
nice -n 10 "$bin/mutmut" run --max-children "${JOBS:-2}" "$@" || status=$?
"$bin/mutmut" export-cicd-stats >/dev/null
"$bin/python" - mutants/mutmut-cicd-stats.json <<'PY'
import json
import sys

stats = json.load(open(sys.argv[1]))
killed, survived = stats.get("killed", 0), stats.get("survived", 0)
print(
    "\n"
    + " ".join(f"{k}={v}" for k, v in stats.items())
    + f" score={100 * killed / max(1, killed + survived):.1f}%"
)
PY
echo "surviving mutants (mutmut show NAME in $work):"
"$bin/mutmut" results | grep -E ': (survived|no tests|timeout|suspicious)' || true
exit $status
