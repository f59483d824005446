import { z } from 'zod';
import { AUDIENCE_CODES, LEVELS, LIMITS, levelsFor } from '../../domain/reference';
import { REQUEST_STATES, REQUESTER_KINDS } from '../../domain/request-workflow';
import { audienceCountSchema, parseTypedCount } from '../activities/activities.schemas';
import { msg } from '../shared/form';
import { calendarDateSchema, optional, schoolYearSchema, uaiSchema } from '../shared/schemas';

const required = (max: number) =>
	z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(max, msg('validation.too_long', { max }));

const optionalText = (max: number) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? null : v),
		z.string().trim().max(max, msg('validation.too_long', { max })).nullable().default(null)
	);

const listError = (issue: { input?: unknown }) =>
	msg(issue.input === undefined || issue.input === null || issue.input === '' ? 'validation.required' : 'validation.enum');

const requiredDate = z
	.string({ error: msg('validation.required') })
	.trim()
	.min(1, msg('validation.required'))
	.pipe(calendarDateSchema);

/** A count typed in a form ("28", "1 000"): digits only, at least 1. */
const typedSize = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseTypedCount(v) ?? v)) : v),
	z
		.number({ error: (issue) => msg(issue.input === undefined ? 'validation.required' : 'validation.integer') })
		.int(msg('validation.integer'))
		.min(1, msg('validation.integer'))
		.max(LIMITS.perCell, msg('validation.number_too_high', { max: LIMITS.perCell }))
);

/** French and international phone numbers: digits, spaces, dots, dashes, an optional leading +. */
const phone = optional(
	z
		.string()
		.trim()
		.regex(/^\+?[0-9 .()-]{6,25}$/, msg('interventions.validation.phone'))
);

/** The public request form's fields (no account). The kind and commune are checked against the database. */
const requestFields = z.object({
	requesterKind: z.enum(REQUESTER_KINDS, { error: listError }),
	organisationName: required(200),
	uai: optional(uaiSchema),
	kindCode: required(60),
	audience: z.enum(AUDIENCE_CODES as [string, ...string[]], { error: listError }),
	level: z.enum(LEVELS, { error: listError }),
	groups: optionalText(200),
	schoolYear: optional(schoolYearSchema),
	expectedSize: typedSize,
	wishedFrom: requiredDate,
	wishedTo: requiredDate,
	communeCode: z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.regex(/^[0-9][0-9AB][0-9]{3}$/, msg('validation.commune_outside')),
	contactName: required(120),
	contactEmail: z
		.string({ error: msg('validation.required') })
		.trim()
		.min(1, msg('validation.required'))
		.max(200, msg('validation.too_long', { max: 200 }))
		.pipe(z.email(msg('validation.email'))),
	contactPhone: phone,
	message: optionalText(LIMITS.notesLength)
});

/**
 * The public request form checked on `today` (Paris): the wished period must not have ended nor
 * start in the past. `keptFrom`, when the requester edits, is the start already recorded: kept as
 * it was, it is not refused for having passed since.
 */
export function requestInputSchemaOn(today: string, keptFrom: string | null = null) {
	return requestFields.superRefine(
		(input, ctx) => {
			if (typeof input.audience === 'string' && typeof input.level === 'string' && !levelsFor(input.audience).includes(input.level as never)) {
				ctx.addIssue({ code: 'custom', path: ['level'], message: msg('validation.level_not_allowed') });
			}
			const from = typeof input.wishedFrom === 'string' ? input.wishedFrom : null;
			const to = typeof input.wishedTo === 'string' ? input.wishedTo : null;
			if (from && from < today && from !== keptFrom) {
				ctx.addIssue({ code: 'custom', path: ['wishedFrom'], message: msg('interventions.validation.from_past') });
			}
			if (from && to && to < from) {
				ctx.addIssue({ code: 'custom', path: ['wishedTo'], message: msg('validation.period_order') });
			} else if (to && to < today) {
				ctx.addIssue({ code: 'custom', path: ['wishedTo'], message: msg('interventions.validation.to_past') });
			}
		},
		{ when: () => true }
	);
}

export type RequestInput = z.output<typeof requestFields>;

/** A date of intervention chosen by the coordinator: today (Paris) or later. */
const notBefore = (today: string) => (input: { date?: unknown }, ctx: z.RefinementCtx) => {
	if (typeof input.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(input.date) && input.date < today) {
		ctx.addIssue({ code: 'custom', path: ['date'], message: msg('interventions.validation.date_past') });
	}
};

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const time = z
	.string({ error: msg('validation.required') })
	.trim()
	.min(1, msg('validation.required'))
	.regex(TIME, msg('interventions.validation.time'));

const capacity = z.preprocess(
	(v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : (parseTypedCount(v) ?? v)) : v),
	z
		.number({ error: (issue) => msg(issue.input === undefined ? 'validation.required' : 'validation.integer') })
		.int(msg('validation.integer'))
		.min(1, msg('validation.integer'))
		.max(20, msg('validation.number_too_high', { max: 20 }))
);

/** The coordinator's qualification: network, date and times (Europe/Paris), place, capacity. */
export const qualifySchema = z
	.object({
		networkId: z.preprocess(
			(v) => (v === '' ? undefined : v),
			z.coerce
				.number({ error: msg('validation.required') })
				.int(msg('validation.required'))
				.positive(msg('validation.required'))
				.max(2_147_483_647)
		),
		date: requiredDate,
		startTime: time,
		endTime: time,
		location: required(200),
		capacityMin: capacity,
		capacityMax: capacity,
		openToVolunteers: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean())
	})
	.superRefine(
		(input, ctx) => {
			if (typeof input.startTime === 'string' && typeof input.endTime === 'string' && input.endTime <= input.startTime) {
				ctx.addIssue({ code: 'custom', path: ['endTime'], message: msg('interventions.validation.end_after_start') });
			}
			if (typeof input.capacityMin === 'number' && typeof input.capacityMax === 'number' && input.capacityMax < input.capacityMin) {
				ctx.addIssue({ code: 'custom', path: ['capacityMax'], message: msg('interventions.validation.capacity_order') });
			}
		},
		{ when: () => true }
	);
export type QualifyInput = z.output<typeof qualifySchema>;
/** The qualification checked on `today` (Paris): no date in the past. */
export const qualifySchemaOn = (today: string) => qualifySchema.superRefine(notBefore(today), { when: () => true });

/** A new date, times and place for a confirmed intervention. */
export const rescheduleSchema = z.object({ date: requiredDate, startTime: time, endTime: time, location: required(200) }).superRefine(
	(input, ctx) => {
		if (typeof input.startTime === 'string' && typeof input.endTime === 'string' && input.endTime <= input.startTime) {
			ctx.addIssue({ code: 'custom', path: ['endTime'], message: msg('interventions.validation.end_after_start') });
		}
	},
	{ when: () => true }
);

/** The new date checked on `today` (Paris): no date in the past. */
export const rescheduleSchemaOn = (today: string) => rescheduleSchema.superRefine(notBefore(today), { when: () => true });

export const noteSchema = z.object({ note: optionalText(LIMITS.notesLength) });

/** The report afterwards: the activity form's audience grid (same cells, same rules), satisfaction and a comment. */
export const reportSchema = z
	.object({
		audiences: z
			.array(audienceCountSchema)
			.max(100, msg('validation.total_too_high', { max: LIMITS.perActivity }))
			.default([]),
		satisfaction: z.preprocess(
			(v) => (v === '' || v === undefined ? undefined : Number(v)),
			z
				.number({ error: msg('interventions.validation.satisfaction') })
				.int(msg('interventions.validation.satisfaction'))
				.min(1, msg('interventions.validation.satisfaction'))
				.max(5, msg('interventions.validation.satisfaction'))
		),
		comment: optionalText(LIMITS.notesLength)
	})
	.superRefine(
		(input, ctx) => {
			const cells = Array.isArray(input.audiences) ? input.audiences : [];
			let total = 0;
			cells.forEach((cell, index) => {
				if (typeof cell?.audience === 'string' && typeof cell.level === 'string' && !levelsFor(cell.audience).includes(cell.level as never)) {
					ctx.addIssue({ code: 'custom', path: ['audiences', index, 'level'], message: msg('validation.level_not_allowed') });
				}
				if (typeof cell?.count === 'number' && Number.isFinite(cell.count) && cell.count > 0) total += cell.count;
			});
			if (total > LIMITS.perActivity)
				ctx.addIssue({ code: 'custom', path: ['audiences'], message: msg('validation.total_too_high', { max: LIMITS.perActivity }) });
			const countsValid = cells.every((cell) => typeof cell?.count === 'number' && Number.isInteger(cell.count) && cell.count >= 0);
			if (total === 0 && countsValid) ctx.addIssue({ code: 'custom', path: ['audiences'], message: msg('validation.done_needs_audience') });
		},
		{ when: () => true }
	)
	.transform((input) => ({ ...input, audiences: input.audiences.filter((cell) => cell.count > 0) }));
export type ReportInput = z.output<typeof reportSchema>;

/** The profiles the coordinator ticked: "profileId" sent once per box. */
export const proposeSchema = z.object({
	profileIds: z
		.array(z.coerce.number().int().positive().max(2_147_483_647))
		.min(1, msg('interventions.validation.pick_role_model'))
		.max(50, msg('interventions.validation.pick_role_model'))
});

/* ------------------------------------------------------------------ the API */

const MAX_ID = 2_147_483_647;
const filterDate = calendarDateSchema.optional().catch(undefined);
const filterPage = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/** Filters of the API's request list; unknown or malformed values are ignored, as for activities. */
export const requestFiltersSchema = z.object({
	state: z.enum(REQUEST_STATES).optional().catch(undefined),
	kind: z.string().trim().min(1).max(60).optional().catch(undefined),
	from: filterDate,
	to: filterDate,
	page: filterPage
});
export type RequestFilters = z.output<typeof requestFiltersSchema>;

/** Filters of the API's intervention list: from today on unless `from` says otherwise. */
export const interventionFiltersSchema = z.object({
	from: filterDate,
	to: filterDate,
	networkId: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined),
	page: filterPage
});
export type InterventionFilters = z.output<typeof interventionFiltersSchema>;

/** The moves a coordinator's tool makes through the API: the board page's actions. */
export const API_REQUEST_MOVES = ['qualify', 'propose', 'reschedule', 'confirm', 'complete', 'decline', 'cancel'] as const;
export type ApiRequestMove = (typeof API_REQUEST_MOVES)[number];

/** `{ "move": … }` of POST …/requests/{id}/moves; the move's own fields are read by its schema above. */
export const apiMoveSchema = z.object({ move: z.enum(API_REQUEST_MOVES, { error: listError }) });
