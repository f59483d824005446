import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname);

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('house rules that a reviewer would otherwise have to check by hand', () => {
	it('a route never imports Drizzle or a table: it calls use cases', () => {
		const offenders = files(path.join(SRC, 'routes'))
			.filter((f) => /\.(ts|svelte)$/.test(f))
			.filter((f) => /from ['"](drizzle-orm[^'"]*|[^'"]*\.table)['"]/.test(fs.readFileSync(f, 'utf8')))
			.map((f) => path.relative(SRC, f));
		expect(offenders).toEqual([]);
	});

	it('a repository never opens a transaction: use cases do', () => {
		const offenders = files(path.join(SRC, 'lib/server'))
			.filter((f) => f.endsWith('.repository.ts'))
			.filter((f) => /\.transaction\(/.test(fs.readFileSync(f, 'utf8')))
			.map((f) => path.relative(SRC, f));
		expect(offenders).toEqual([]);
	});

	it('UI code never imports server modules', () => {
		const offenders = files(path.join(SRC, 'lib'))
			.filter((f) => !f.includes(`${path.sep}server${path.sep}`) && /\.(ts|svelte)$/.test(f))
			.filter((f) => /from ['"](\$lib\/server|\.\.?\/server)/.test(fs.readFileSync(f, 'utf8')))
			.map((f) => path.relative(SRC, f));
		expect(offenders).toEqual([]);
	});
});
