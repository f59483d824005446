import type { z } from 'zod';
import type { MessageKey } from '../../i18n/fr';
import { ValidationError, type FieldErrors } from './errors';

/**
 * zod issues → field errors. Schemas put a message key (and JSON params after a '|')
 * in their messages so the UI can show French or English.
 */
export function toFieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.map(String).join('.') || '_form';
		if (out[field]) continue;
		const [key, params] = issue.message.split('|');
		out[field] = { key: (key as MessageKey) ?? 'validation.required', params: params ? JSON.parse(params) : undefined };
	}
	return out;
}

export function msg(key: MessageKey, params?: Record<string, string | number>): string {
	return params ? `${key}|${JSON.stringify(params)}` : key;
}

/** FormData → plain object of strings (the last value wins), for zod. */
export function formToObject(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of form.entries()) {
		if (typeof value === 'string') out[name] = value;
	}
	return out;
}

/**
 * Fields never echoed back into a page after a refusal: passwords, one-time codes, tokens, secrets.
 * Whole names, not fragments: `communeCode` is what a person typed and comes back (a fragment match
 * on "code" dropped it, found in a new-user trial).
 */
export const SECRET_FIELD = /^(?:\w*password\w*|code|backupCode|totpCode|token|\w*secret\w*)$/i;

/** Field errors in the reader's language, by field (pages that show them without a form action: filters). */
export function fieldMessages(t: (key: MessageKey, params?: Record<string, string | number>) => string, fields: FieldErrors): Record<string, string> {
	return Object.fromEntries(Object.entries(fields).map(([field, m]) => [field, t(m.key, m.params)]));
}

/** A schema's result, or its refusal as a ValidationError with a message key per field. */
export function parseWith<T>(schema: { safeParse(raw: unknown): { success: true; data: T } | { success: false; error: z.ZodError } }, raw: unknown): T {
	const parsed = schema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data;
}
