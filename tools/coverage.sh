#!/usr/bin/env bash
# Runs the test suite under coverage, child processes included (the reliability tests start
# `minutely` in a pseudo-terminal and kill it), then prints the total, each package and each module.
#
#   tools/coverage.sh                      the whole suite
#   tools/coverage.sh tests/reliability    only some tests (any pytest arguments)
#   KEEP=1 tools/coverage.sh               keep the data folder (printed) for `coverage html`
#
# Not part of CI: the figures are recorded in docs/testing.md. Needs the [test] extras.
set -uo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
rc=tools/coveragerc
data=$(mktemp -d "${TMPDIR:-/tmp}/minutely-coverage.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$data"' EXIT
export MINUTELY_COVERAGE_FILE="$data/.coverage"

nice -n 10 "$py" -m coverage run --rcfile="$rc" -m pytest -q -p no:cacheprovider "$@"
status=$?
"$py" -m coverage combine --rcfile="$rc" -q
"$py" -m coverage json --rcfile="$rc" -q -o "$data/coverage.json"
"$py" - "$data/coverage.json" <<'PY'
import json
import sys
from collections import defaultdict

files = json.load(open(sys.argv[1]))["files"]
packages: dict[str, list[int]] = defaultdict(lambda: [0, 0])
for name, info in files.items():
    summary = info["summary"]
    for key in (name.split("/", 1)[0], "total"):
        packages[key][0] += summary["covered_lines"]
        packages[key][1] += summary["num_statements"]


def pct(covered: int, statements: int) -> str:
    return f"{100 * covered / statements:5.1f} %" if statements else "    - "


print("\nper module (statements, missed, covered)")
for name in sorted(files):
    summary = files[name]["summary"]
    statements, covered = summary["num_statements"], summary["covered_lines"]
    print(f"  {name:<36} {statements:5} {statements - covered:5}  {pct(covered, statements)}")
print("\nper package")
for name in sorted(packages, key=lambda n: (n == "total", n)):
    covered, statements = packages[name]
    print(f"  {name:<36} {statements:5} {statements - covered:5}  {pct(covered, statements)}")
PY
[ -z "${KEEP:-}" ] || echo "coverage data kept in $data"
exit $status
