#!/usr/bin/env bash
# Runs every test of the project: vet and format checks, then the Go tests
# with the Neo4j suites enabled against a real Neo4j started here and stopped
# on exit.
#
# With CI=true, a Neo4j that cannot be built or started is a failure;
# otherwise the Neo4j suites skip with a one-line reason.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "go vet and gofmt"
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2; echo "$unformatted" >&2; exit 1
fi

step "generated code is up to date"
before=$(find graph -name '*.go' -print0 | sort -z | xargs -0 sha256sum)
go generate .
after=$(find graph -name '*.go' -print0 | sort -z | xargs -0 sha256sum)
if [ "$before" != "$after" ]; then
  echo "go generate changed graph/: commit the regenerated code" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi

step "Node packages for the HTTP audit (from the lock file)"
npm ci --prefix tools/httpaudit --no-audit --no-fund >&2
npm ci --prefix web/explore --no-audit --no-fund >&2

step "the Explorer bundle is up to date (web/explore/build.sh)"
before=$(sha256sum internal/explorepage/dist/*)
SKIP_NPM_CI=1 web/explore/build.sh >&2
after=$(sha256sum internal/explorepage/dist/*)
if [ "$before" != "$after" ]; then
  echo "web/explore/build.sh changed internal/explorepage/dist: commit the rebuilt bundle" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi

step "Chromium for the Explorer browser test (Debian's package)"
command -v chromium >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-microhei; } >&2

step "starting a real Neo4j (tools/neo4jdev)"
export NEO4JDEV_DIR
NEO4JDEV_DIR=$(mktemp -d "${TMPDIR:-/tmp}/officialgraph-neo4j.XXXXXX")
export NEO4JDEV_PORT=${NEO4JDEV_PORT:-0}
cleanup() {
  tools/neo4jdev/neo4jdev.sh stop >&2 || true
  rm -rf "$NEO4JDEV_DIR"
}
trap cleanup EXIT
if NEO4J_URI=$(tools/neo4jdev/neo4jdev.sh start); then
  export NEO4J_URI
  echo "Neo4j at $NEO4J_URI" >&2
elif [ "${CI:-}" = "true" ]; then
  echo "Neo4j failed to start; with CI=true that is a failure" >&2
  exit 1
else
  echo "Neo4j failed to start: the Neo4j suites will skip" >&2
  unset NEO4J_URI
fi

step "go test ./..."
go test -count=1 -timeout 40m ./... 2>&1 | tee "${NEO4JDEV_DIR}/go-test.log"
status=${PIPESTATUS[0]}
[ -z "${NEO4J_URI:-}" ] || go run ./bench/cmd/bench -quick -size 20 -duration 500ms -out "${NEO4JDEV_DIR}/bench" || status=1
passed=$(grep -c '^ok ' "${NEO4JDEV_DIR}/go-test.log" || true)
failed=$(grep -c -E '^(FAIL|--- FAIL)' "${NEO4JDEV_DIR}/go-test.log" || true)
echo "packages: ${passed} passed, ${failed} failed" >&2

# Every fuzz target, briefly: long enough to catch a regression in what the
# seed corpus and a few thousand mutations reach, short enough for every
# run. FUZZTIME lengthens it.
step "fuzz targets, ${FUZZTIME:-10s} each"
fuzz_targets() {
  grep -rlE --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.git '^func Fuzz' . | sort |
    while read -r file; do
      sed -nE 's/^func (Fuzz[A-Za-z0-9_]*)\(.*/\1/p' "$file" | while read -r name; do
        echo "$(dirname "$file") $name"
      done
    done
}
# On a loaded machine the fuzzing engine itself sometimes ends a run with
# "context deadline exceeded" when its time is up while a worker is busy,
# with no failing input: such a run is tried once more. A real failure
# writes its input to testdata/fuzz and is never retried.
fuzz_one() {
  local dir=$1 name=$2 out
  out=$(go test -run='^$' -fuzz="^${name}\$" -fuzztime="${FUZZTIME:-10s}" -fuzzminimizetime=3s "${dir}" 2>&1)
  local rc=$?
  echo "$out" | tail -n 3
  if [ $rc -ne 0 ] && ! grep -q "Failing input written" <<<"$out" && grep -q "context deadline exceeded" <<<"$out"; then
    echo "fuzz ${name}: the engine timed out with no failing input; once more" >&2
    out=$(go test -run='^$' -fuzz="^${name}\$" -fuzztime="${FUZZTIME:-10s}" -fuzzminimizetime=3s "${dir}" 2>&1)
    rc=$?
    echo "$out" | tail -n 3
  fi
  [ $rc -eq 0 ] || echo "$out" >&2
  return $rc
}
fuzz_failed=0
while read -r dir name; do
  echo "fuzz ${name} in ${dir}" >&2
  if ! fuzz_one "$dir" "$name"; then
    fuzz_failed=$((fuzz_failed + 1))
  fi
done < <(fuzz_targets)
echo "fuzz targets: ${fuzz_failed} failed" >&2
if [ "$fuzz_failed" -gt 0 ] && [ "$status" -eq 0 ]; then
  status=1
fi
exit "$status"
