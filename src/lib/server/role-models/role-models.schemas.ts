import { z } from 'zod';
import { AUDIENCE_CODES, LEVELS } from '../../domain/reference';
import { formToObject, msg } from '../shared/form';
import { calendarDateSchema, communeCodeSchema, epciSirenSchema, optional, positiveIntSchema, searchParamsToObject } from '../shared/schemas';

export const AVAILABILITY_KINDS = ['weekly', 'date', 'away'] as const;
export type AvailabilityKind = (typeof AVAILABILITY_KINDS)[number];

const requiredText = (max: number) =>
	z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(max, msg('validation.too_long', { max }));
const optionalText = (max: number) => optional(z.string().trim().max(max, msg('validation.too_long', { max })));

const email = z
	.string({ error: msg('validation.email') })
	.trim()
	.toLowerCase()
	.max(254, msg('validation.email'))
	.pipe(z.email(msg('validation.email')));

/** A list of ticked checkboxes; each value must be one of `values`. */
const codes = <T extends string>(values: readonly T[]) => z.array(z.enum(values as [T, ...T[]], { error: msg('validation.enum') })).default([]);

/** "fr, en" → ['fr', 'en']: ISO 639-1 codes, at least French when left empty. */
const languagesSchema = z
	.string()
	.default('')
	.transform((v) =>
		v
			.split(/[\s,;]+/)
			.map((c) => c.trim().toLowerCase())
			.filter(Boolean)
	)
	.pipe(z.array(z.string().regex(/^[a-z]{2}$/, msg('validation.role_model_languages'))).max(10, msg('validation.role_model_languages')))
	.transform((list) => (list.length ? [...new Set(list)] : ['fr']));

/** Her public consent: present means a choice ('on' / true: yes; anything else: no), absent means no change. */
const consentSchema = z.preprocess((v) => (v === undefined ? undefined : v === 'on' || v === 'true' || v === true), z.boolean().optional());

/** The « Profil public » form of her own page: the box ticked or not. */
export const consentInputSchema = z.object({ publicConsent: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()) });

/** A role model's profile, from the coordinator's form or her own. */
export const profileInputSchema = z.object({
	firstName: requiredText(100),
	lastName: requiredText(100),
	email,
	job: optionalText(200),
	organisationId: optional(positiveIntSchema('form')),
	sector: optionalText(200),
	trainingPath: optionalText(1000),
	networkIds: z.array(positiveIntSchema('form', msg('validation.enum'))).default([]),
	reachEpcis: z.array(z.string().refine((v) => epciSirenSchema.safeParse(v).success, msg('validation.enum'))).default([]),
	reachCommunes: z.array(z.string().refine((v) => communeCodeSchema.safeParse(v).success, msg('validation.enum'))).default([]),
	preferredAudiences: codes(AUDIENCE_CODES),
	preferredLevels: codes(LEVELS),
	languages: languagesSchema,
	/**
	 * Her own choice only: 'on' (or true) means she consents to a public profile, anything else given
	 * means she does not; left out (the profile form, which has no consent box), consent stays as it is.
	 */
	publicConsent: consentSchema
});
export type ProfileInput = z.output<typeof profileInputSchema>;

const MULTI = ['networkIds', 'reachEpcis', 'reachCommunes', 'preferredAudiences', 'preferredLevels'] as const;

/** The HTML form: plain fields, plus one value per ticked checkbox of each group. */
export function profileFormToInput(form: FormData): Record<string, unknown> {
	const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
	return { ...formToObject(form), ...Object.fromEntries(MULTI.map((name) => [name, strings(name)])) };
}

const time = z
	.string({ error: msg('validation.role_model_time') })
	.trim()
	.regex(/^([01]\d|2[0-3]):[0-5]\d$/, msg('validation.role_model_time'));

/** One availability row: a weekly slot, a one-off date, or a period away. */
export const availabilityInputSchema = z
	.object({
		kind: z.enum(AVAILABILITY_KINDS, { error: msg('validation.enum') }),
		weekday: z.string().optional(),
		startTime: z.string().optional(),
		endTime: z.string().optional(),
		onDate: z.string().optional(),
		fromDate: z.string().optional(),
		toDate: z.string().optional()
	})
	.transform((input, ctx) => {
		const issue = (path: string, message: string) => {
			ctx.addIssue({ code: 'custom', path: [path], message });
			return z.NEVER;
		};
		const parse = <T>(schema: z.ZodType<T>, path: string, value: unknown): T | typeof z.NEVER => {
			const r = schema.safeParse(value);
			return r.success ? r.data : issue(path, r.error.issues[0]!.message);
		};
		const blank = (v: string | undefined) => !v || v.trim() === '';
		if (input.kind === 'weekly') {
			const weekday = parse(
				z
					.string()
					.trim()
					.regex(/^[1-7]$/, msg('validation.role_model_weekday'))
					.transform(Number),
				'weekday',
				input.weekday ?? ''
			);
			const startTime = parse(time, 'startTime', input.startTime ?? '');
			const endTime = parse(time, 'endTime', input.endTime ?? '');
			if (typeof startTime === 'string' && typeof endTime === 'string' && endTime <= startTime)
				return issue('endTime', msg('validation.role_model_time_order'));
			return {
				kind: 'weekly' as const,
				weekday: weekday as number,
				startTime: startTime as string,
				endTime: endTime as string,
				onDate: null,
				fromDate: null,
				toDate: null
			};
		}
		if (input.kind === 'date') {
			const onDate = parse(calendarDateSchema, 'onDate', input.onDate ?? '');
			const startTime = blank(input.startTime) ? null : parse(time, 'startTime', input.startTime);
			const endTime = blank(input.endTime) ? null : parse(time, 'endTime', input.endTime);
			if (typeof startTime === 'string' && typeof endTime === 'string' && endTime <= startTime)
				return issue('endTime', msg('validation.role_model_time_order'));
			return {
				kind: 'date' as const,
				weekday: null,
				startTime: startTime as string | null,
				endTime: endTime as string | null,
				onDate: onDate as string,
				fromDate: null,
				toDate: null
			};
		}
		const fromDate = parse(calendarDateSchema, 'fromDate', input.fromDate ?? '');
		const toDate = parse(calendarDateSchema, 'toDate', input.toDate ?? '');
		if (typeof fromDate === 'string' && typeof toDate === 'string' && toDate < fromDate) return issue('toDate', msg('validation.role_model_period_order'));
		return { kind: 'away' as const, weekday: null, startTime: null, endTime: null, onDate: null, fromDate: fromDate as string, toDate: toDate as string };
	});
export type AvailabilityInput = z.output<typeof availabilityInputSchema>;

/** A network, added by a coordinator: its name and the initiative its interventions count under. */
export const networkInputSchema = z.object({
	name: requiredText(120),
	initiativeId: optional(positiveIntSchema('form', msg('validation.enum')))
});

/** The list's filter from the query string; anything malformed is ignored. */
export const profileFiltersSchema = z.object({
	network: z
		.string()
		.regex(/^\d{1,9}$/)
		.transform(Number)
		.optional()
		.catch(undefined),
	inactive: z
		.string()
		.transform((v) => v === '1')
		.optional()
		.catch(undefined)
});
export type ProfileFilters = z.output<typeof profileFiltersSchema>;

export function parseProfileFilters(params: URLSearchParams): ProfileFilters {
	return profileFiltersSchema.parse(searchParamsToObject(params));
}
