import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { fr } from '../../i18n/fr';
import { TEMPLATES } from '../interventions/interventions.templates';

/** Every `kind: '…'` written beside an `enqueueMail(` call in the server's code. */
function literalKinds(dir: string): string[] {
	const kinds: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) kinds.push(...literalKinds(path));
		else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
			const text = readFileSync(path, 'utf8');
			for (const call of text.split('enqueueMail(').slice(1)) {
				const kind = /kind:\s*'([a-z_.]+)'/.exec(call.slice(0, 400))?.[1];
				if (kind) kinds.push(kind);
			}
		}
	}
	return kinds;
}

describe('the outbox page names every kind of message in words, never by its code', () => {
	it('each kind of message sent has a French and an English label', () => {
		const kinds = [...Object.keys(TEMPLATES).map((k) => `intervention.${k}`), ...literalKinds(join(import.meta.dirname, '..'))];
		expect(kinds.length).toBeGreaterThan(15);
		const missing = [...new Set(kinds)].filter((k) => !(`outbox.kind.${k}` in fr) || !(`outbox.kind.${k}` in en));
		expect(missing).toEqual([]);
	});
});
