#!/usr/bin/env bash
# The whole test suite, from a fresh clone: what CI runs (.ci/run) and what README documents.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }

step "System dependencies (Chromium, PostgreSQL, pdftotext, ffmpeg) via apt when missing"
bash scripts/install-test-deps.sh

step "npm dependencies"
npm ci --no-audit --no-fund

step "Type check (svelte-check, zero warnings)"
npm run check

step "Lint and format (ESLint and Prettier, zero warnings)"
npm run lint

step "Build"
npm run build

step "Unit, use-case and integration tests on PGlite (embedded)"
npx vitest run

step "The same database suite on a real PostgreSQL server started by the tests"
MIXITE_TEST_DB=postgres npx vitest run src

step "End-to-end tests in Chromium (journeys and accessibility)"
npx vitest run --config vitest.e2e.config.ts

printf '\nAll tests passed.\n'
