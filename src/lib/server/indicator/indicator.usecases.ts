import { AUDIENCE_CODES, LEVELS, monthsBetween, schoolYearOf } from '../../domain/reference';
import { todayInParis } from '../shared/paris-time';
import type { Db } from '../db/client';
import { listInitiatives } from '../plan/plan.repository';
import { inReach, type Reach } from '../shared/reach';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis, listTerritories } from '../territories/territories.repository';
import {
	readNationalBreakdowns,
	readNationalMonths,
	readNationalRollup,
	readTerritoryMonths,
	readTerritoryRollup,
	type RollupDrill
} from './indicator.repository';
import { offeredSchoolYears, readIndicatorFilters, resolvePeriod, type DrillDown, type PeriodQuery, type ResolvedPeriod } from './indicator.schemas';

export interface Figure {
	key: string;
	label: string;
	participations: number;
	activities?: number;
}

/** The breakdowns a page may show; a drill-down shows only those its aggregate table holds. */
export type Breakdown = 'audience' | 'level' | 'initiative' | 'month' | 'schoolYear' | 'epci' | 'commune' | 'type' | 'territory';

export interface TerritoryIndicator {
	period: ResolvedPeriod;
	initiativeId?: number;
	/** The drill-down applied (audience and level, type, commune or EPCI), if any. */
	drill: DrillDown;
	breakdowns: Breakdown[];
	participations: number;
	activities: number;
	/** False when drilling into an audience: an activity is not split by audience in the aggregates (activities is then 0). */
	activitiesKnown: boolean;
	byAudience: Figure[];
	byLevel: (Figure & { audience: string; level: string })[];
	byInitiative: Figure[];
	byMonth: Figure[];
	bySchoolYear: Figure[];
	byEpci: Figure[];
	byCommune: (Figure & { epci: string })[];
	byType: Figure[];
	/** Every territory's figures: the national dashboard only (empty for a territory). */
	byTerritory: Figure[];
}

function add<K>(map: Map<K, { participations: number; activities: number }>, key: K, participations: number, activities: number) {
	const cur = map.get(key) ?? { participations: 0, activities: 0 };
	cur.participations += participations;
	cur.activities += activities;
	map.set(key, cur);
}

/**
 * The month and school-year breakdowns from figures by month (YYYY-MM-01). Every month from the
 * first to the last is given, a month without activity as zero: a chart's time axis has no gap.
 */
function monthsAndYears(months: Map<string, { participations: number; activities: number }>): { byMonth: Figure[]; bySchoolYear: Figure[] } {
	const years = new Map<string, { participations: number; activities: number }>();
	for (const [month, v] of months) add(years, schoolYearOf(month), v.participations, v.activities);
	const keys = [...months.keys()].sort();
	return {
		byMonth: (keys.length > 0 ? monthsBetween(keys[0]!, keys.at(-1)!) : []).map((k) => ({
			key: k,
			label: k.slice(0, 7),
			...(months.get(k) ?? { participations: 0, activities: 0 })
		})),
		bySchoolYear: [...years].sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => ({ key: k, label: k, ...v }))
	};
}

const BREAKDOWNS: Record<'none' | 'audience' | 'commune' | 'type', Breakdown[]> = {
	none: ['audience', 'level', 'initiative', 'schoolYear', 'month', 'type', 'epci', 'commune'],
	audience: ['audience', 'level', 'initiative', 'schoolYear', 'month'],
	commune: ['initiative', 'schoolYear', 'month', 'epci', 'commune'],
	type: ['type', 'initiative', 'schoolYear', 'month']
};

const collator = new Intl.Collator('fr');

const byValue = (x: Figure, y: Figure) => y.participations - x.participations || collator.compare(x.label, y.label);

/** Levels in the order of the reference: audience first, then level. */
const byAudienceAndLevel = (x: { audience: string; level: string }, y: { audience: string; level: string }) =>
	AUDIENCE_CODES.indexOf(x.audience as never) - AUDIENCE_CODES.indexOf(y.audience as never) ||
	LEVELS.indexOf(x.level as never) - LEVELS.indexOf(y.level as never);

type DrillKind = 'none' | 'audience' | 'commune' | 'type';

/** The drill-down a query asks for, and what the roll-up reads for it (a commune or an EPCI becomes its communes). */
function resolveDrill(query: PeriodQuery, communes: readonly { codeInsee: string; epciSiren: string }[], initiatives: Reach | undefined) {
	const drill: DrillDown = {};
	let kind: DrillKind = 'none';
	let communeCodes: string[] | undefined;
	if (query.audience) {
		kind = 'audience';
		drill.audience = query.audience;
		if (query.level) drill.level = query.level;
	} else if (query.communeCode || query.epci) {
		kind = 'commune';
		if (query.communeCode) drill.communeCode = query.communeCode;
		else drill.epci = query.epci;
		communeCodes = communes.filter((c) => (query.communeCode ? c.codeInsee === query.communeCode : c.epciSiren === query.epci)).map((c) => c.codeInsee);
	} else if (query.type) {
		kind = 'type';
		drill.type = query.type;
	}
	const rollupDrill: RollupDrill = { audience: drill.audience, level: drill.level, type: drill.type, communeCodes, initiatives };
	return { drill, kind, rollupDrill };
}

/**
 * A territory's participations month by month for the same filters and reach as
 * `territoryIndicator` (its `byMonth`, participations only), in one small query: the dashboard's
 * comparison with the previous school year.
 */
export async function territoryMonths(db: Db, scope: TerritoryScope, query: PeriodQuery, options: { initiatives?: Reach } = {}): Promise<Figure[]> {
	const communes = query.communeCode || query.epci ? await listCommunes(db, scope) : [];
	const { rollupDrill } = resolveDrill(query, communes, options.initiatives);
	const rows = await readTerritoryMonths(db, scope, resolvePeriod(query), query.initiativeId, rollupDrill);
	return rows.map((r) => ({ key: r.month, label: r.month.slice(0, 7), participations: Number(r.participations) }));
}

/**
 * People sensitized for a territory, as participations, with every breakdown. `initiatives`
 * narrows every figure to those initiatives (a partner's dashboard, computed by its policy).
 * Reads only the pre-aggregated tables, rolled up by the database (GROUPING SETS). A drill-down
 * (audience, type, commune, EPCI) stays on aggregates: it never lists a record.
 */
export async function territoryIndicator(
	db: Db,
	scope: TerritoryScope,
	query: PeriodQuery,
	options: { initiatives?: Reach } = {}
): Promise<TerritoryIndicator> {
	const period = resolvePeriod(query);
	const within = options.initiatives ?? 'all';
	const [allInitiatives, communes, epcis] = await Promise.all([listInitiatives(db, scope), listCommunes(db, scope), listEpcis(db, scope)]);
	const initiatives = allInitiatives.filter((i) => inReach(within, i.id));
	const { drill, kind, rollupDrill } = resolveDrill(query, communes, options.initiatives);
	const rollup = await readTerritoryRollup(db, scope, period, query.initiativeId, rollupDrill);
	const communeEpci = new Map(communes.map((c) => [c.codeInsee, c.epciSiren]));
	const communeName = new Map(communes.map((c) => [c.codeInsee, c.name]));
	const empty = () => new Map<string, { participations: number; activities: number }>();
	const maps = { initiative: empty(), month: empty(), epci: empty(), commune: empty() };
	const byAudience = new Map<string, number>();
	const byLevel: (Figure & { audience: string; level: string })[] = [];
	const byType: Figure[] = [];
	let participations = 0;
	let activities = 0;
	for (const r of rollup.audience) {
		const n = Number(r.participations);
		if (r.month) add(maps.month, r.month, n, 0);
		else if (r.initiative_id !== null) add(maps.initiative, String(r.initiative_id), n, 0);
		else if (r.audience && r.level) {
			participations += n;
			byAudience.set(r.audience, (byAudience.get(r.audience) ?? 0) + n);
			byLevel.push({ key: `${r.audience}|${r.level}`, label: `${r.audience}|${r.level}`, audience: r.audience, level: r.level, participations: n });
		}
	}
	for (const r of rollup.commune) {
		const n = Number(r.activities);
		// Without a drill-down, participations come from the audience table (same totals, finer grain).
		const p = kind === 'commune' ? Number(r.participations) : 0;
		if (r.month) add(maps.month, r.month, p, n);
		else if (r.initiative_id !== null) {
			add(maps.initiative, String(r.initiative_id), p, n);
			activities += n;
			participations += p;
		} else if (r.commune_code) {
			add(maps.commune, r.commune_code, Number(r.participations), n);
			add(maps.epci, communeEpci.get(r.commune_code) ?? '', Number(r.participations), n);
		}
	}
	for (const r of rollup.type) {
		const p = Number(r.participations);
		const n = Number(r.activities);
		if (r.activity_type) byType.push({ key: r.activity_type, label: r.activity_type, participations: p, activities: n });
		else if (kind !== 'type') continue;
		else if (r.month) add(maps.month, r.month, p, n);
		else if (r.initiative_id !== null) {
			add(maps.initiative, String(r.initiative_id), p, n);
			activities += n;
			participations += p;
		}
	}
	const zero = { participations: 0, activities: 0 };
	const shown = BREAKDOWNS[kind];
	return {
		period,
		initiativeId: query.initiativeId,
		drill,
		breakdowns: shown,
		participations,
		activities,
		activitiesKnown: kind !== 'audience',
		byAudience: AUDIENCE_CODES.filter((code) => byAudience.has(code)).map((code) => ({ key: code, label: code, participations: byAudience.get(code)! })),
		byLevel: byLevel.sort(byAudienceAndLevel),
		byInitiative: initiatives.map((i) => ({ key: String(i.id), label: i.name, ...(maps.initiative.get(String(i.id)) ?? zero) })),
		...monthsAndYears(maps.month),
		byEpci: shown.includes('epci')
			? epcis.filter((e) => kind !== 'commune' || maps.epci.has(e.siren)).map((e) => ({ key: e.siren, label: e.name, ...(maps.epci.get(e.siren) ?? zero) }))
			: [],
		byCommune: [...maps.commune].map(([k, v]) => ({ key: k, label: communeName.get(k) ?? k, epci: communeEpci.get(k) ?? '', ...v })).sort(byValue),
		byType: byType.sort(byValue),
		byTerritory: []
	};
}

export interface NationalIndicator {
	period: ResolvedPeriod;
	participations: number;
	activities: number;
	byAudience: Figure[];
	byTerritory: (Figure & { slug: string })[];
}

/** The whole platform: every territory's participations, from the coarse roll-up table. */
export async function nationalIndicator(db: Db, query: PeriodQuery): Promise<NationalIndicator> {
	const period = resolvePeriod(query);
	const [rollup, territories] = await Promise.all([readNationalRollup(db, period), listTerritories(db)]);
	const audience = new Map<string, number>();
	const territory = new Map<number, { participations: number; activities: number }>();
	let participations = 0;
	let activities = 0;
	for (const r of rollup.byTerritoryAudience) {
		const n = Number(r.participations);
		participations += n;
		audience.set(r.audience, (audience.get(r.audience) ?? 0) + n);
		add(territory, r.territoryId, n, 0);
	}
	for (const r of rollup.byTerritory) {
		activities += Number(r.activities);
		add(territory, r.territoryId, 0, Number(r.activities));
	}
	return {
		period,
		participations,
		activities,
		byAudience: AUDIENCE_CODES.filter((a) => audience.has(a)).map((a) => ({ key: a, label: a, participations: audience.get(a)! })),
		byTerritory: territories.map((t) => ({ key: String(t.id), slug: t.slug, label: t.name, ...(territory.get(t.id) ?? { participations: 0, activities: 0 }) }))
	};
}

/** The breakdowns the national dashboard shows: the national aggregates hold no initiative, EPCI or commune across territories. */
const NATIONAL_BREAKDOWNS: Breakdown[] = ['audience', 'level', 'type', 'schoolYear', 'month', 'territory'];

/**
 * Every territory's figures in the shape of a territory's indicator (the dashboard's model reads
 * either): totals, audiences and territories from `nationalIndicator`, months, levels and types
 * from the aggregates of every territory. Only aggregates are read, never an activity.
 */
export async function nationalDashboardIndicator(db: Db, query: PeriodQuery): Promise<TerritoryIndicator> {
	const period = resolvePeriod(query);
	const [national, rows] = await Promise.all([nationalIndicator(db, query), readNationalBreakdowns(db, period)]);
	const months = new Map<string, { participations: number; activities: number }>();
	for (const r of rows.byMonth) add(months, r.month, Number(r.participations), 0);
	for (const r of rows.activitiesByMonth) add(months, r.month, 0, Number(r.activities));
	return {
		period,
		drill: {},
		breakdowns: NATIONAL_BREAKDOWNS,
		participations: national.participations,
		activities: national.activities,
		activitiesKnown: true,
		byAudience: national.byAudience,
		byLevel: rows.byLevel
			.map((r) => ({
				key: `${r.audience}|${r.level}`,
				label: `${r.audience}|${r.level}`,
				audience: r.audience,
				level: r.level,
				participations: Number(r.participations)
			}))
			.sort(byAudienceAndLevel),
		byInitiative: [],
		...monthsAndYears(months),
		byEpci: [],
		byCommune: [],
		byType: rows.byType.map((r) => ({ key: r.type, label: r.type, participations: Number(r.participations), activities: Number(r.activities) })).sort(byValue),
		byTerritory: national.byTerritory.map(({ slug: _s, ...f }) => f).sort(byValue)
	};
}

/** Every territory's participations month by month over a period (the national dashboard's month chart). */
export async function nationalMonths(db: Db, query: PeriodQuery): Promise<Figure[]> {
	const rows = await readNationalMonths(db, resolvePeriod(query));
	return rows.map((r) => ({ key: r.month, label: r.month.slice(0, 7), participations: Number(r.participations) }));
}

/**
 * What the public indicator page needs: the filters as read from the query string, the choices
 * offered, and the figures — none when the filters are wrong, so no figure is shown for a period
 * that was not asked for.
 */
export async function indicatorPage(db: Db, scope: TerritoryScope, params: URLSearchParams, options: { today?: string } = {}) {
	const today = options.today ?? todayInParis();
	const schoolYears = offeredSchoolYears(today);
	const initiatives = (await listInitiatives(db, scope)).map((i) => ({ id: i.id, name: i.name }));
	const read = readIndicatorFilters(params, today, initiatives);
	if (!read.ok) return { ...read, schoolYears, initiatives, indicator: null };
	return { ...read, schoolYears, initiatives, indicator: await territoryIndicator(db, scope, read.query) };
}
