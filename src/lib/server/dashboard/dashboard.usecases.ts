import { schoolYearMonths, schoolYearOf } from '../../domain/reference';
import type { Db } from '../db/client';
import { indicatorFilterValues } from '../indicator/indicator.presenters';
import { offeredSchoolYears, readIndicatorFilters, type IndicatorFilters, type PeriodQuery } from '../indicator/indicator.schemas';
import {
	nationalDashboardIndicator,
	nationalMonths,
	territoryIndicator,
	territoryMonths,
	type Figure,
	type TerritoryIndicator
} from '../indicator/indicator.usecases';
import { listAllInitiativeOrganisations, listInitiatives } from '../plan/plan.repository';
import type { FieldErrors } from '../shared/errors';
import { todayInParis } from '../shared/paris-time';
import { inReach, type Reach } from '../shared/reach';
import type { Actor, TerritoryScope } from '../shared/scope';
import { wholePlanTarget } from '../targets/targets.usecases';
import { NationalDashboardNotFoundError } from './dashboard.errors';
import { dashboardReach, mayReadNationalDashboard } from './dashboard.policy';

/*
 * The dashboard: one model per (scope, actor, filters), read from the indicator's aggregates
 * (`territoryIndicator`), so its figures are the indicator's. The page and every export
 * (CSV, XLSX, JSON: dashboard.presenters.ts) are drawn from this same model.
 */

/** Audiences counted as "girls and women" in the key figure. */
const FEMALE_AUDIENCES: readonly string[] = ['girls', 'women'];

export interface MonthPair {
	/** First day of the month in the school year shown (YYYY-MM-01). */
	month: string;
	/** The same month one school year earlier. */
	previousMonth: string;
	participations: number;
	previous: number;
}

export interface DashboardModel {
	/** The indicator read with the dashboard's filters and reach: every figure and breakdown. */
	indicator: TerritoryIndicator;
	/** The filters applied, as the form shows them (period, school year, months, initiative). */
	values: Record<string, string>;
	/** True for coordinators and funders; a partner sees her organisation's initiatives only. */
	wholeTerritory: boolean;
	figures: {
		participations: number;
		activities: number;
		activitiesKnown: boolean;
		/** Not recorded: activities count participations, people are not named (DOMAIN.md §3). */
		distinctPeople: number | null;
		girlsAndWomen: number;
		/** Percentage of participations, one decimal; null without participations. */
		girlsAndWomenShare: number | null;
		/** The whole plan's target for the school year shown, beside the actual figure. */
		target: { schoolYear: string; target: number; actual: number; share: number } | null;
	};
	/** The months of a school year (September to August) beside the same months of the year before. */
	months: { schoolYear: string; previousSchoolYear: string; rows: MonthPair[] };
}

export type DashboardPage =
	| { ok: true; model: DashboardModel; schoolYears: string[]; initiatives: { id: number; name: string }[] }
	| { ok: false; errors: FieldErrors; values: Record<string, string>; schoolYears: string[]; initiatives: { id: number; name: string }[] };

function previousSchoolYear(year: string): string {
	const start = Number(year.slice(0, 4));
	return `${start - 1}-${start}`;
}

/** The school year the month chart compares: the one chosen, else the one the period ends in (today's when open). */
function comparedSchoolYear(query: PeriodQuery, indicator: TerritoryIndicator, today: string): string {
	if (query.schoolYear) return query.schoolYear;
	return schoolYearOf(indicator.period.toMonth && indicator.period.toMonth < today ? indicator.period.toMonth : today);
}

/** Participations by month (YYYY-MM-01) of one school year: how a dashboard reads the months it compares. */
type ReadMonths = (schoolYear: string) => Promise<readonly Figure[]>;

/**
 * The model of any dashboard from its indicator (a territory's or every territory's): the key
 * figures, and the months of the school year compared beside the year before (`readMonths`
 * reads a year's months with the same filters and reach).
 */
async function modelOf(
	indicator: TerritoryIndicator,
	filters: IndicatorFilters,
	query: PeriodQuery,
	today: string,
	readMonths: ReadMonths,
	options: { wholeTerritory: boolean; target: DashboardModel['figures']['target'] }
): Promise<DashboardModel> {
	const year = comparedSchoolYear(query, indicator, today);
	const previousYear = previousSchoolYear(year);
	const [current, previous] = await Promise.all([query.schoolYear === year ? indicator.byMonth : readMonths(year), readMonths(previousYear)]);
	const byMonth = (months: readonly Figure[]) => new Map(months.map((m) => [m.key, m.participations]));
	const currentMonths = byMonth(current);
	const previousMonths = byMonth(previous);
	const previousList = schoolYearMonths(previousYear);
	const girlsAndWomen = indicator.byAudience.filter((a) => FEMALE_AUDIENCES.includes(a.key)).reduce((n, a) => n + a.participations, 0);
	return {
		indicator,
		values: indicatorFilterValues(filters),
		wholeTerritory: options.wholeTerritory,
		figures: {
			participations: indicator.participations,
			activities: indicator.activities,
			activitiesKnown: indicator.activitiesKnown,
			distinctPeople: null,
			girlsAndWomen,
			girlsAndWomenShare: indicator.participations > 0 ? Math.round((girlsAndWomen / indicator.participations) * 1000) / 10 : null,
			target: options.target
		},
		months: {
			schoolYear: year,
			previousSchoolYear: previousYear,
			rows: schoolYearMonths(year).map((month, i) => ({
				month,
				previousMonth: previousList[i]!,
				participations: currentMonths.get(month) ?? 0,
				previous: previousMonths.get(previousList[i]!) ?? 0
			}))
		}
	};
}

async function dashboardModel(
	db: Db,
	scope: TerritoryScope,
	reach: Reach,
	filters: IndicatorFilters,
	query: PeriodQuery,
	today: string
): Promise<DashboardModel> {
	const indicator = await territoryIndicator(db, scope, query, { initiatives: reach });
	const { schoolYear: _y, fromMonth: _f, toMonth: _t, ...sameFilters } = query;
	const readMonths: ReadMonths = (schoolYear) => territoryMonths(db, scope, { ...sameFilters, schoolYear }, { initiatives: reach });
	const target = reach === 'all' ? await wholePlanTarget(db, scope, query.schoolYear, indicator) : null;
	return modelOf(indicator, filters, query, today, readMonths, { wholeTerritory: reach === 'all', target });
}

/**
 * The dashboard for an actor: her reach first (dashboard.policy.ts), then the filters read as the
 * indicator reads them (`readIndicatorFilters`); wrong filters come back as field errors, never as
 * figures for a period nobody asked for. The initiatives offered are those within reach.
 */
export async function dashboardPage(
	db: Db,
	scope: TerritoryScope,
	actor: Actor,
	params: URLSearchParams,
	options: { today?: string } = {}
): Promise<DashboardPage> {
	const reach = dashboardReach(actor.principal, scope.territoryId, await listAllInitiativeOrganisations(db, scope));
	const today = options.today ?? todayInParis();
	const schoolYears = offeredSchoolYears(today);
	const initiatives = (await listInitiatives(db, scope)).filter((i) => inReach(reach, i.id)).map((i) => ({ id: i.id, name: i.name }));
	const read = readIndicatorFilters(params, today, initiatives);
	if (!read.ok) return { ok: false, errors: read.errors, values: read.values, schoolYears, initiatives };
	return { ok: true, model: await dashboardModel(db, scope, reach, read.filters, read.query, today), schoolYears, initiatives };
}

export type NationalDashboardPage =
	{ ok: true; model: DashboardModel; schoolYears: string[] } | { ok: false; errors: FieldErrors; values: Record<string, string>; schoolYears: string[] };

/**
 * The national dashboard: every territory's figures for platform administrators (anyone else: the
 * 404 of an unknown page), with the territory dashboard's period filters and the same model, read
 * from the national aggregates only. An initiative or a drill-down belongs to one territory: the
 * national page offers neither and ignores them in the query string.
 */
export async function nationalDashboardPage(db: Db, actor: Actor, params: URLSearchParams, options: { today?: string } = {}): Promise<NationalDashboardPage> {
	if (!mayReadNationalDashboard(actor.principal)) throw new NationalDashboardNotFoundError();
	const today = options.today ?? todayInParis();
	const schoolYears = offeredSchoolYears(today);
	const period = new URLSearchParams([...params].filter(([k]) => PERIOD_PARAMS.includes(k)));
	const read = readIndicatorFilters(period, today);
	if (!read.ok) return { ok: false, errors: read.errors, values: read.values, schoolYears };
	const indicator = await nationalDashboardIndicator(db, read.query);
	const readMonths: ReadMonths = (schoolYear) => nationalMonths(db, { schoolYear });
	return { ok: true, model: await modelOf(indicator, read.filters, read.query, today, readMonths, { wholeTerritory: true, target: null }), schoolYears };
}

/** The only filters of the national dashboard: the period. */
const PERIOD_PARAMS: readonly string[] = ['period', 'schoolYear', 'fromMonth', 'toMonth'];
