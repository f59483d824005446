import { createRequire } from 'node:module';
import { z } from 'zod';
import { msg } from '../shared/form';

let common: { test(password: string): boolean } | null = null;

/** Mozilla's list of common passwords (fxa-common-password-list), loaded on first use. */
export function isCommonPassword(password: string): boolean {
	common ??= createRequire(import.meta.url)('fxa-common-password-list') as { test(password: string): boolean };
	return common.test(password) || common.test(password.toLowerCase());
}

/** ASVS: at least 12 characters, no composition rules, refused when common. */
export const passwordSchema = z
	.string({ error: msg('validation.required') })
	.min(12, msg('validation.password_short'))
	.max(256, msg('validation.too_long', { max: 256 }))
	.refine((p) => !isCommonPassword(p), msg('validation.password_common'));
