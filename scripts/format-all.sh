#!/usr/bin/env bash
# One-off: bring the whole tree to the house format and fix what ESLint can fix by itself, then
# list, per rule, what is left to fix by hand. Run once after merging the branches of issue #6
# (reformatting earlier would have conflicted with every branch), commit the result alone
# ("Format: prettier --write and eslint --fix, no other change"), and from then on `npm run lint`
# in scripts/test.sh keeps it so. Exits non-zero while problems remain.
set -euo pipefail
cd "$(dirname "$0")/.."

npx svelte-kit sync
npx prettier --write . > /dev/null
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# One pass: fix what can be fixed, report what remains (exits non-zero then; the summary says which).
npx eslint --fix . -f json -o "$report" || true
node -e '
const results = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
const perRule = new Map();
for (const file of results)
	for (const m of file.messages) {
		const rule = m.ruleId ?? "(parsing)";
		perRule.set(rule, [...(perRule.get(rule) ?? []), `${require("node:path").relative(process.cwd(), file.filePath)}:${m.line}`]);
	}
if (perRule.size === 0) {
	console.log("ESLint: no problem left.");
	process.exit(0);
}
console.log("ESLint problems left after --fix, per rule (fix by hand):");
for (const [rule, where] of [...perRule].sort((a, b) => b[1].length - a[1].length)) console.log(`  ${where.length}\t${rule}\t${where.join(" ")}`);
process.exit(1);
' "$report"
npx prettier --check . > /dev/null
echo "Prettier: every file formatted."
