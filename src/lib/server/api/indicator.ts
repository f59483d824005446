import { formatMonth, translator } from '../../i18n';
import { dashboardSections } from '../dashboard/dashboard.presenters';
import { periodQuerySchema, type PeriodQuery } from '../indicator/indicator.schemas';
import type { Breakdown, Figure, NationalIndicator, TerritoryIndicator } from '../indicator/indicator.usecases';
import { findInitiative } from '../plan/plan.repository';
import type { Db } from '../db/client';
import { ValidationError, type FieldErrors } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import { parseApiQuery } from './query';

/*
 * The indicator's API (a territory's and the national one): its query string read as strictly as
 * the lists' (parseApiQuery), and its figures labelled in French as the dashboard labels them.
 */

/** The national figure is not split by initiative: its query takes the period only. */
const nationalQuerySchema = periodQuerySchema.omit({ initiativeId: true });

/** One period at a time, as on the indicator page: a school year and months together would answer for the year alone. */
function periodErrors(query: PeriodQuery): FieldErrors {
	return query.schoolYear && (query.fromMonth || query.toMonth) ? { schoolYear: { key: 'indicator.error_one_period' } } : {};
}

/**
 * A territory's indicator query: unknown or malformed parameters, months in reverse order, a school
 * year with months, or an initiative that is not one of this territory's are refused (422), never
 * answered with other figures than those asked.
 */
export async function readTerritoryIndicatorQuery(db: Db, scope: TerritoryScope, params: URLSearchParams): Promise<PeriodQuery> {
	const query = parseApiQuery(params, periodQuerySchema);
	const fields = periodErrors(query);
	if (query.initiativeId !== undefined && !(await findInitiative(db, scope, query.initiativeId))) {
		fields.initiativeId = { key: 'api.query_initiative_unknown' };
	}
	if (Object.keys(fields).length) throw new ValidationError(fields);
	return query;
}

/** The national indicator's query: the period only, read as strictly. */
export function readNationalIndicatorQuery(params: URLSearchParams): PeriodQuery {
	const query = parseApiQuery(params, nationalQuerySchema);
	const fields = periodErrors(query);
	if (Object.keys(fields).length) throw new ValidationError(fields);
	return query;
}

/** Every breakdown `dashboardSections` labels (months are labelled apart, as on the page). */
const LABELLED: Breakdown[] = ['audience', 'level', 'initiative', 'type', 'schoolYear', 'epci', 'commune', 'territory'];

type Breakdowns = Pick<TerritoryIndicator, 'byAudience' | 'byLevel' | 'byInitiative' | 'byType' | 'bySchoolYear' | 'byEpci' | 'byCommune' | 'byTerritory'>;

const NO_BREAKDOWN: Breakdowns = { byAudience: [], byLevel: [], byInitiative: [], byType: [], bySchoolYear: [], byEpci: [], byCommune: [], byTerritory: [] };

/**
 * The French label of every row, by breakdown and key, from the dashboard's own sections (the
 * labels of the indicator page and of its files), every breakdown asked for whatever the drill-down.
 */
function frenchLabels(rows: Partial<Breakdowns>): (id: Breakdown, row: Figure) => string {
	const indicator: TerritoryIndicator = {
		period: {},
		drill: {},
		breakdowns: LABELLED,
		participations: 0,
		activities: 0,
		activitiesKnown: true,
		byMonth: [],
		...NO_BREAKDOWN,
		...rows
	};
	const sections = dashboardSections({ indicator }, translator('fr'));
	const labels = new Map(sections.map((s) => [s.id, new Map(s.rows.map((r) => [r.key, r.label]))]));
	return (id, row) => labels.get(id)?.get(row.key) ?? row.label;
}

function relabel<F extends Figure>(rows: F[], id: Breakdown, label: (id: Breakdown, row: Figure) => string): F[] {
	return rows.map((row) => ({ ...row, label: label(id, row) }));
}

/** A territory's indicator as the API answers it: `key` the code, `label` its French label (« Filles », « oct. 2025 »). */
export function presentTerritoryIndicator(indicator: TerritoryIndicator): TerritoryIndicator {
	const label = frenchLabels(indicator);
	return {
		...indicator,
		byAudience: relabel(indicator.byAudience, 'audience', label),
		byLevel: relabel(indicator.byLevel, 'level', label),
		byInitiative: relabel(indicator.byInitiative, 'initiative', label),
		byType: relabel(indicator.byType, 'type', label),
		bySchoolYear: relabel(indicator.bySchoolYear, 'schoolYear', label),
		byEpci: relabel(indicator.byEpci, 'epci', label),
		byCommune: relabel(indicator.byCommune, 'commune', label),
		byTerritory: relabel(indicator.byTerritory, 'territory', label),
		byMonth: indicator.byMonth.map((row) => ({ ...row, label: formatMonth('fr', row.key) }))
	};
}

/** The national indicator as the API answers it, labelled in French the same way. */
export function presentNationalIndicator(indicator: NationalIndicator): NationalIndicator {
	const label = frenchLabels({ byAudience: indicator.byAudience, byTerritory: indicator.byTerritory });
	return { ...indicator, byAudience: relabel(indicator.byAudience, 'audience', label), byTerritory: relabel(indicator.byTerritory, 'territory', label) };
}
