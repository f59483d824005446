#!/usr/bin/env bash
# The whole test suite, from a fresh clone: what CI runs (.ci/run) and what README documents.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "System dependencies (Chromium, PostgreSQL, pdftotext, ffmpeg) via apt when missing"
bash scripts/install-test-deps.sh

step "npm dependencies"
npm ci --no-audit --no-fund

# Each of these is one Node process, mostly on one core: run side by side, they take the time of
# the longest (ESLint with type information) instead of the sum. Each one's output is kept and
# printed whole when it ends, then the step fails if any of them did.
together() {
	local logs pids names i status=0
	logs=$(mktemp -d)
	pids=()
	names=()
	while [ $# -gt 0 ]; do
		names+=("$1")
		bash -c "$2" > "$logs/${#names[@]}.log" 2>&1 &
		pids+=($!)
		shift 2
	done
	for i in "${!pids[@]}"; do
		if wait "${pids[$i]}"; then result=ok; else result=FAILED; status=1; fi
		step "${names[$i]}: $result"
		cat "$logs/$((i + 1)).log"
	done
	rm -rf "$logs"
	return $status
}

step "Build (the app and the embedded database's template)"
npm run build

# The build (re)writes .svelte-kit/generated; `svelte-kit sync`, which `npm run check` and
# `npm run lint` start with, writes there too. Run beside the build, a sync once left the built
# client app broken (« Cannot read properties of undefined (reading 'data') » on every page with
# JavaScript). So the build runs alone first, and the two readers run side by side after it,
# without their own sync.
step "Type check (svelte-check, zero warnings) beside lint and format (ESLint and Prettier, zero warnings)"
together \
	"Type check" "npm run check:types" \
	"Lint and format" "npm run lint:files"

step "Unit, use-case and integration tests on PGlite (embedded)"
npx vitest run

step "The same database suite on a real PostgreSQL server started by the tests"
MIXITE_TEST_DB=postgres npx vitest run src

step "End-to-end tests in Chromium (journeys and accessibility)"
npx vitest run --config vitest.e2e.config.ts

printf '\nAll tests passed.\n'
