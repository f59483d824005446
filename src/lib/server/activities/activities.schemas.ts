import { z } from 'zod';
import { communeCodeSchema, epciSirenSchema } from '../shared/schemas';
import { ACTIVITY_TYPES, AUDIENCE_CODES, LEVELS, LIMITS, levelsFor } from '../../domain/reference';
import { ValidationError } from '../shared/errors';
import { msg } from '../shared/form';
import { calendarDateSchema, versionSchema } from '../shared/schemas';

/** An activity's date: required, a real calendar day (the shared schema), from 2000 on. */
const isoDate = z
	.string({ error: msg('validation.required') })
	.trim()
	.min(1, msg('validation.required'))
	.pipe(calendarDateSchema)
	.refine((value) => value >= '2000-01-01', msg('validation.date'));

/**
 * The version the editor read, sent back with an update or a cancellation (optimistic
 * concurrency): digits from the form's hidden field, a JSON number from the API. A missing or
 * malformed one is a field error, never a conflict.
 */
export function parseExpectedVersion(source: 'form' | 'json', value: unknown): number {
	const parsed = versionSchema(source).safeParse(value);
	if (!parsed.success) throw new ValidationError({ version: { key: 'validation.version' } });
	return parsed.data;
}

/** PostgreSQL integer: a larger id cannot exist, and must not reach the database. */
export const MAX_ID = 2_147_483_647;
const positiveId = z.coerce
	.number({ error: msg('validation.required') })
	.int(msg('validation.required'))
	.positive(msg('validation.required'))
	.max(MAX_ID, msg('validation.required'));

/**
 * A count typed in the form: digits only, optionally grouped by three with a space (French
 * thousands separator: "1 000", also with a no-break space). Anything else ("12e", "1.5", "-3",
 * "1e3", "0x10") is refused rather than read as something the person did not mean.
 */
const TYPED_COUNT = /^(?:\d+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+)$/;

export function parseTypedCount(text: string): number | null {
	const trimmed = text.trim();
	return TYPED_COUNT.test(trimmed) ? Number(trimmed.replace(/[ \u00a0\u202f]/g, '')) : null;
}

/** A number, never coerced: `true`, `"12e"` or `"1.5"` are refused, not read as 1, 12 or 1. */
const count = z
	.number({ error: msg('validation.count') })
	.int(msg('validation.count'))
	.min(0, msg('validation.count'))
	.max(LIMITS.perCell, msg('validation.count_too_high', { max: LIMITS.perCell }));

export const audienceCountSchema = z.object({
	audience: z.enum(AUDIENCE_CODES as [string, ...string[]], { error: msg('validation.enum') }),
	level: z.enum(LEVELS, { error: msg('validation.enum') }),
	count
});

/** An empty select is a missing value ("Ce champ est obligatoire."), not a wrong one ("Choisissez une valeur de la liste."). */
const listError = (issue: { input?: unknown }) =>
	msg(issue.input === undefined || issue.input === null || issue.input === '' ? 'validation.required' : 'validation.enum');

export function activityInputSchema(today: string) {
	return z
		.object({
			initiativeId: positiveId,
			type: z.enum(ACTIVITY_TYPES, { error: listError }),
			title: z
				.string({ error: msg('validation.required') })
				.trim()
				.min(1, msg('validation.required'))
				.max(LIMITS.titleLength, msg('validation.too_long', { max: LIMITS.titleLength })),
			date: isoDate,
			communeCode: z
				.string({ error: msg('validation.required') })
				.trim()
				.min(1, msg('validation.required'))
				.regex(/^[0-9][0-9AB][0-9]{3}$/, msg('validation.commune_outside')),
			hostOrganisationId: z.preprocess((v) => (v === '' || v === undefined ? null : v), positiveId.nullable()),
			status: z.enum(['planned', 'done'], { error: listError }),
			notes: z.preprocess(
				(v) => (typeof v === 'string' && v.trim() === '' ? null : v),
				z
					.string()
					.trim()
					.max(LIMITS.notesLength, msg('validation.too_long', { max: LIMITS.notesLength }))
					.nullable()
					.default(null)
			),
			audiences: z
				.array(audienceCountSchema)
				.max(100, msg('validation.total_too_high', { max: LIMITS.perActivity }))
				.default([])
		})
		.superRefine(
			(input, ctx) => {
				// Runs even when other fields are wrong, so that every error shows at once: read defensively.
				const cells = Array.isArray(input.audiences) ? input.audiences : [];
				const seen = new Set<string>();
				let total = 0;
				cells.forEach((cell, index) => {
					if (
						typeof cell?.audience === 'string' &&
						typeof cell.level === 'string' &&
						LEVELS.includes(cell.level) &&
						!levelsFor(cell.audience).includes(cell.level)
					) {
						ctx.addIssue({ code: 'custom', path: ['audiences', index, 'level'], message: msg('validation.level_not_allowed') });
					}
					const key = `${cell?.audience}.${cell?.level}`;
					if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [`aud.${key}`], message: msg('validation.enum') });
					seen.add(key);
					if (typeof cell?.count === 'number' && Number.isFinite(cell.count) && cell.count > 0) total += cell.count;
				});
				if (total > LIMITS.perActivity) {
					ctx.addIssue({ code: 'custom', path: ['audiences'], message: msg('validation.total_too_high', { max: LIMITS.perActivity }) });
				}
				const validDate = typeof input.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.date);
				if (input.status === 'done' && validDate && input.date > today) {
					ctx.addIssue({ code: 'custom', path: ['date'], message: msg('validation.done_in_future') });
				}
				const countsValid = cells.every((cell) => typeof cell?.count === 'number' && Number.isInteger(cell.count) && cell.count >= 0);
				if (input.status === 'done' && total === 0 && countsValid) {
					ctx.addIssue({ code: 'custom', path: ['audiences'], message: msg('validation.done_needs_audience') });
				}
			},
			{ when: () => true }
		)
		.transform((input) => ({ ...input, audiences: input.audiences.filter((cell) => cell.count > 0) }));
}

export type ActivityInput = z.output<ReturnType<typeof activityInputSchema>>;

/** The HTML form sends one field per audience × level, named "aud.<audience>.<level>". */
export function activityFormToInput(form: Record<string, string>): Record<string, unknown> {
	const audiences: { audience: string; level: string; count: number | string }[] = [];
	for (const [name, value] of Object.entries(form)) {
		if (!name.startsWith('aud.')) continue;
		const [, audience = '', level = ''] = name.split('.');
		if (value.trim() === '') continue;
		// A wrongly typed count stays a string: the schema refuses it next to its cell, never drops it.
		audiences.push({ audience, level, count: parseTypedCount(value) ?? value.trim() });
	}
	return { ...form, audiences };
}

export const cancelSchema = z.object({
	reason: z
		.string({ error: msg('validation.cancel_reason') })
		.trim()
		.min(1, msg('validation.cancel_reason'))
		.max(LIMITS.notesLength, msg('validation.too_long', { max: LIMITS.notesLength }))
});

export const activityFiltersSchema = z.object({
	from: isoDate.optional().catch(undefined),
	to: isoDate.optional().catch(undefined),
	initiativeId: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
	type: z.enum(ACTIVITY_TYPES).optional().catch(undefined),
	communeCode: communeCodeSchema.optional().catch(undefined),
	epci: epciSirenSchema.optional().catch(undefined),
	status: z.enum(['planned', 'done', 'cancelled']).optional().catch(undefined),
	audience: z
		.enum(AUDIENCE_CODES as [string, ...string[]])
		.optional()
		.catch(undefined),
	level: z.enum(LEVELS).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100000).catch(1).default(1)
});
export type ActivityFilters = z.output<typeof activityFiltersSchema>;

/** URL search params → filters; unknown or malformed values are ignored, never an error page. */
export function parseActivityFilters(params: URLSearchParams): ActivityFilters {
	const raw: Record<string, string> = {};
	for (const [k, v] of params.entries()) if (v !== '') raw[k] = v;
	return activityFiltersSchema.parse(raw);
}
