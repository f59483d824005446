import { z } from 'zod';
import { schoolYearRange } from '../../domain/reference';
import { msg } from './form';

/**
 * One schema per concept, shared by forms, query strings, the API and the CLI. Dates are checked
 * here against the calendar: a string shaped like a date but naming no real day (2025-02-30,
 * 2025-13-01) would otherwise reach PostgreSQL and come back as a 500.
 */

/** True for a real calendar day written YYYY-MM-DD between 1900 and 2100. */
export function isCalendarDate(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const d = new Date(Date.UTC(year, month - 1, day));
	return year >= 1900 && year <= 2100 && d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** True for a month written YYYY-MM between 1900 and 2100. */
export function isCalendarMonth(value: string): boolean {
	return isCalendarDate(`${value}-01`);
}

/** A real calendar day, YYYY-MM-DD; the message says which format is expected. */
export const calendarDateSchema = z
	.string({ error: msg('validation.date') })
	.trim()
	.refine(isCalendarDate, msg('validation.date'));

/** A month, YYYY-MM (the `<input type="month">` value). */
export const calendarMonthSchema = z
	.string({ error: msg('validation.month') })
	.trim()
	.refine(isCalendarMonth, msg('validation.month'));

/** A school year "2025-2026" (September to August): two consecutive years. */
export const schoolYearSchema = z
	.string({ error: msg('validation.school_year') })
	.trim()
	.refine((v) => schoolYearRange(v) !== null && isCalendarDate(`${v.slice(0, 4)}-09-01`), msg('validation.school_year'));

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** An optional field: empty means null; anything else must be valid. */
export function optional<T extends z.ZodType>(schema: T) {
	return z.preprocess((v) => (blank(v) ? null : v), schema.nullable());
}

/** URL search params → a plain object for zod; empty values count as absent. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string> {
	const raw: Record<string, string> = {};
	for (const [k, v] of params.entries()) if (v !== '') raw[k] = v;
	return raw;
}

const MAX_INT = 2_147_483_647;

/**
 * Digits as a French person types them: « 1 000 », with a space, a no-break space (U+00A0) or a
 * narrow no-break space (U+202F) between groups of three. Only whole numbers: « 1,5 » and
 * « 1.000 » stay as typed (and are refused). Forms only: the API's query strings stay strict.
 */
export function withoutThousandsSeparators(v: string): string {
	const typed = v.trim();
	return /^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$/.test(typed) ? typed.replace(/[ \u00a0\u202f]/g, '') : typed;
}

/**
 * A positive integer (a record id, a version, a number of participations): a JSON number from the
 * API, digits from a form or a URL (« 1 000 » with a space as thousands separator too). The API
 * never reads `true` or `"12"` as a number; forms only ever send text. A form's number above the
 * maximum has its own message, naming the maximum (« 2 147 483 647 au plus »).
 */
export function positiveIntSchema(source: 'form' | 'json', message = msg('validation.integer')) {
	const int = z.number({ error: message }).int(message).positive(message).max(MAX_INT, message);
	return source === 'json'
		? int
		: z
				.string({ error: message })
				.transform(withoutThousandsSeparators)
				.pipe(z.string().regex(/^\d+$/, message))
				.transform(Number)
				.pipe(
					z
						.number()
						.positive(message)
						// before `int`: a number past 2^53 is no safe integer, yet too large is what to say
						.max(MAX_INT, msg('validation.integer_too_large', { max: MAX_INT }))
						.int(message)
				);
}

/** The version an editor (form or API client) read, sent back with every change (optimistic concurrency). */
export function versionSchema(source: 'form' | 'json') {
	return positiveIntSchema(source, msg('validation.version'));
}

/** A record id from a route parameter or a form field; anything else is "not found", never a 500. */
export function parseRecordId(value: string | undefined): number | null {
	const parsed = positiveIntSchema('form').safeParse(value);
	return parsed.success ? parsed.data : null;
}

/**
 * A whole percentage from 0 to 100: a number from the API, digits from a form ("12", "12 %");
 * "-3", "120", "12,5" and "douze" are refused with the message given.
 */
export function percentSchema(message: string) {
	return z.preprocess(
		(v) => {
			if (typeof v !== 'string') return v;
			const typed = v.replace(/[\s\u00a0\u202f]*%$/, '').trim();
			return /^\d{1,3}$/.test(typed) ? Number(typed) : v;
		},
		z.number({ error: message }).int(message).min(0, message).max(100, message)
	);
}

/** An INSEE commune code (Corsica: 2A, 2B). */
export const communeCodeSchema = z.string().regex(/^[0-9][0-9AB][0-9]{3}$/);

/** An EPCI's SIREN: nine digits. */
export const epciSirenSchema = z.string().regex(/^\d{9}$/);

/** A territory's slug (its URL part): lowercase letters, digits and hyphens. */
export const territorySlugSchema = z
	.string({ error: msg('validation.territory_slug') })
	.trim()
	.regex(/^[a-z0-9][a-z0-9-]{1,79}$/, msg('validation.territory_slug'));
/** The Luhn check used by SIREN and SIRET: from the right, every second digit doubled. */
export function passesLuhn(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
		sum += d;
	}
	return sum % 10 === 0;
}

/** A SIREN: nine digits whose Luhn key holds. */
export function isSiren(value: string): boolean {
	return /^\d{9}$/.test(value) && passesLuhn(value);
}

/** La Poste's establishments share the SIREN 356 000 000: their SIRET's digits add up to a multiple of 5 instead. */
const LA_POSTE_SIREN = '356000000';

/** A SIRET: fourteen digits, Luhn key (or La Poste's rule). */
export function isSiret(value: string): boolean {
	if (!/^\d{14}$/.test(value)) return false;
	if (passesLuhn(value)) return true;
	return value.startsWith(LA_POSTE_SIREN) && [...value].reduce((sum, d) => sum + Number(d), 0) % 5 === 0;
}

/** The UAI's check letter: the seven digits modulo 23, over the alphabet without I, O and Q. */
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiCheckLetter(digits: string): string {
	return UAI_LETTERS[Number(digits) % 23]!;
}

/** A school's UAI (ex-RNE): seven digits and the check letter, e.g. 0620108F. */
export function isUai(value: string): boolean {
	const m = /^(\d{7})([A-Z])$/.exec(value);
	return m !== null && uaiCheckLetter(m[1]!) === m[2];
}

/** Spaces typed between groups ("200 069 037") are not part of the number. */
const compact = (v: unknown) => (typeof v === 'string' ? v.replace(/[\s\u00a0\u202f]/g, '').toUpperCase() : v);

export const sirenSchema = z.preprocess(compact, z.string().refine(isSiren, msg('validation.siren')));
export const siretSchema = z.preprocess(compact, z.string().refine(isSiret, msg('validation.siret')));
export const uaiSchema = z.preprocess(compact, z.string().refine(isUai, msg('validation.uai')));

/** A public web address: http or https only (never javascript: or data:). */
export const websiteSchema = z
	.string()
	.trim()
	.max(500, msg('validation.website'))
	.refine((v) => {
		try {
			const url = new URL(v);
			return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
		} catch {
			return false;
		}
	}, msg('validation.website'));
