import { z } from 'zod';
import { communeCodeSchema, epciSirenSchema } from '../shared/schemas';
import { ACTIVITY_TYPES, AUDIENCE_CODES, LEVELS, lastDayOfMonth, schoolYearOf, schoolYearRange } from '../../domain/reference';
import { todayInParis } from '../shared/paris-time';
import type { FieldErrors } from '../shared/errors';
import { msg, toFieldErrors } from '../shared/form';
import { calendarMonthSchema, schoolYearSchema, searchParamsToObject } from '../shared/schemas';

const MAX_ID = 2_147_483_647;

/** The breakdowns a visitor may drill into: aggregates only, never the records behind them. */
const drillSchema = {
	audience: z
		.enum(AUDIENCE_CODES as [string, ...string[]])
		.optional()
		.catch(undefined),
	level: z.enum(LEVELS).optional().catch(undefined),
	type: z.enum(ACTIVITY_TYPES).optional().catch(undefined),
	communeCode: communeCodeSchema.optional().catch(undefined),
	epci: epciSirenSchema.optional().catch(undefined)
};

/**
 * The API's indicator parameters. The API reads them strictly with parseApiQuery (api/query.ts),
 * which sets the `.catch()` aside: a malformed value is a 422 there, never ignored.
 */
export const periodQuerySchema = z.object({
	schoolYear: schoolYearSchema.optional().catch(undefined),
	fromMonth: calendarMonthSchema.optional().catch(undefined),
	toMonth: calendarMonthSchema.optional().catch(undefined),
	initiativeId: z.coerce.number().int().positive().max(MAX_ID).optional().catch(undefined)
});
export type PeriodQuery = z.output<typeof periodQuerySchema> & Partial<DrillDown>;

export interface DrillDown {
	audience?: string;
	level?: string;
	type?: string;
	communeCode?: string;
	epci?: string;
}

export const PERIOD_KINDS = ['all', 'year', 'months'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/**
 * The indicator page's filters: ONE period at a time (all time, a school year, or a month range),
 * chosen with a radio so the form never shows a period that is not the one applied.
 * Wrong values are reported next to their field, never silently replaced.
 */
export const indicatorFiltersSchema = z
	.object({
		period: z.enum(PERIOD_KINDS).optional().catch(undefined),
		schoolYear: schoolYearSchema.optional(),
		fromMonth: calendarMonthSchema.optional(),
		toMonth: calendarMonthSchema.optional(),
		initiativeId: z.coerce.number().int().positive().max(MAX_ID).optional(),
		...drillSchema
	})
	.transform((v) => {
		// Links written before the radio existed carry no `period`: the fields present say which one.
		const period: PeriodKind = v.period ?? (v.schoolYear ? 'year' : v.fromMonth || v.toMonth ? 'months' : 'all');
		return { ...v, period, ambiguous: !v.period && !!v.schoolYear && !!(v.fromMonth || v.toMonth) };
	})
	.superRefine((v, ctx) => {
		if (v.ambiguous) ctx.addIssue({ code: 'custom', path: ['schoolYear'], message: msg('indicator.error_one_period') });
		if (v.period === 'year' && !v.schoolYear) ctx.addIssue({ code: 'custom', path: ['schoolYear'], message: msg('indicator.error_school_year_required') });
		if (v.period === 'months' && !v.fromMonth && !v.toMonth)
			ctx.addIssue({ code: 'custom', path: ['fromMonth'], message: msg('indicator.error_months_required') });
		if (v.period === 'months' && v.fromMonth && v.toMonth && v.toMonth < v.fromMonth) {
			ctx.addIssue({ code: 'custom', path: ['toMonth'], message: msg('indicator.error_months_reversed') });
		}
	});
export type IndicatorFilters = z.output<typeof indicatorFiltersSchema>;

export type IndicatorFiltersResult =
	{ ok: true; filters: IndicatorFilters; query: PeriodQuery } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The school years the page offers: the current one and the five before it. */
export function offeredSchoolYears(today: string): string[] {
	const current = Number(schoolYearOf(today).slice(0, 4));
	return Array.from({ length: 6 }, (_, i) => `${current - i}-${current - i + 1}`);
}

/** Query string → the period actually applied, or the fields in error. */
export function readIndicatorFilters(params: URLSearchParams, today = todayInParis(), initiatives?: readonly { id: number }[]): IndicatorFiltersResult {
	const raw = searchParamsToObject(params);
	const parsed = indicatorFiltersSchema.safeParse(raw);
	if (!parsed.success) return { ok: false, errors: withInitiativeError(toFieldErrors(parsed.error)), values: raw };
	const f = parsed.data;
	// An initiative that is not one the page offers (another territory's, out of a partner's reach, a
	// number typed in the address): a message next to the field, not zeros under « Toutes les initiatives ».
	if (f.initiativeId !== undefined && initiatives && !initiatives.some((i) => i.id === f.initiativeId)) {
		return { ok: false, errors: { initiativeId: { key: 'indicator.error_initiative_unknown' } }, values: raw };
	}
	// Well formed but not in the list (1999-2000): a message next to the field, not figures for a year nobody can choose.
	if (f.period === 'year' && f.schoolYear && !offeredSchoolYears(today).includes(f.schoolYear)) {
		return { ok: false, errors: { schoolYear: { key: 'validation.school_year' } }, values: raw };
	}
	const query: PeriodQuery = {
		initiativeId: f.initiativeId,
		...(f.period === 'year' ? { schoolYear: f.schoolYear } : {}),
		...(f.period === 'months' ? { fromMonth: f.fromMonth, toMonth: f.toMonth } : {}),
		audience: f.audience,
		level: f.audience ? f.level : undefined,
		type: f.type,
		communeCode: f.communeCode,
		epci: f.communeCode ? undefined : f.epci
	};
	return { ok: true, filters: f, query };
}

/** A malformed initiative (`initiativeId=abc`) reads as an unknown one. */
const withInitiativeError = (errors: FieldErrors): FieldErrors =>
	errors.initiativeId ? { ...errors, initiativeId: { key: 'indicator.error_initiative_unknown' } } : errors;

export interface ResolvedPeriod {
	/** Inclusive bounds as dates (for links to the activity list), undefined when open. */
	from?: string;
	to?: string;
	fromMonth?: string;
	toMonth?: string;
}

/** The indicator's grain is the month: a school year or a month range, never arbitrary days. */
export function resolvePeriod(q: PeriodQuery): ResolvedPeriod {
	const year = q.schoolYear ? schoolYearRange(q.schoolYear) : null;
	if (year) return { from: year.from, to: year.to, fromMonth: year.from, toMonth: `${year.to.slice(0, 7)}-01` };
	const fromMonth = q.fromMonth ? `${q.fromMonth}-01` : undefined;
	let toMonth = q.toMonth ? `${q.toMonth}-01` : undefined;
	if (fromMonth && toMonth && toMonth < fromMonth) toMonth = fromMonth;
	return { from: fromMonth, to: toMonth ? lastDayOfMonth(toMonth) : undefined, fromMonth, toMonth };
}
