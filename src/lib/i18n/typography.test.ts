import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Markup files under src/, read as text. */
function svelteFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? svelteFiles(path) : path.endsWith('.svelte') ? [path] : [];
	});
}

describe('English text has no French space before a colon', () => {
	it('a translated label is followed by t("text.colon"), never by a hard-coded " :" (« Lead : » in English)', () => {
		const offenders = svelteFiles('src').filter((f) => /\{t\([^)]*\)\} :/.test(readFileSync(f, 'utf8')));
		expect(offenders).toEqual([]);
	});
});
