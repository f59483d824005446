import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REQUEST_WORKFLOW } from '../../domain/request-workflow';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';

/** The server's source files, tests left out. */
function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sources(path);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
	});
}

const labelled = (key: string) => key in fr && key in en;

describe('the journal names every action and every kind of record in words, never by its code', () => {
	const texts = sources(join(import.meta.dirname, '..'));
	const literal = (pattern: RegExp) => [...new Set(texts.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]!)))];

	it('each action recorded has a French and an English label', () => {
		const actions = [
			...literal(/recordAudit\([^)]*?action: '([a-z_]+)'/gs),
			...literal(/\{\s*action: '([a-z_]+)',\s*entityType/g),
			...Object.keys(REQUEST_WORKFLOW),
			'answer_accept',
			'answer_decline'
		];
		expect(actions.length).toBeGreaterThan(30);
		expect(actions.filter((a) => !labelled(`audit.action.${a}`))).toEqual([]);
	});

	it('each kind of record has a French and an English label', () => {
		const entities = [...literal(/entityType: '([a-z_]+)'/g), ...literal(/const ENTITY = '([a-z_]+)'/g)];
		expect(entities.length).toBeGreaterThan(10);
		expect(entities.filter((e) => !labelled(`audit.entity.${e}`))).toEqual([]);
	});
});
