import type { Db } from '../db/client';
import { offeredSchoolYears, readIndicatorFilters, type PeriodQuery, type ResolvedPeriod } from '../indicator/indicator.schemas';
import { territoryIndicator } from '../indicator/indicator.usecases';
import { listInitiatives } from '../plan/plan.repository';
import { todayInParis } from '../shared/paris-time';
import type { TerritoryScope } from '../shared/scope';
import { listCommuneOutlines, listCommunes, listEpcis } from '../territories/territories.repository';
import { projectOutlines } from './map.projection';
import { rateClasses, type RateClass } from './map.classes';

export interface MapCommune {
	code: string;
	name: string;
	epciName: string;
	/** Inhabitants (INSEE, from @etalab/decoupage-administratif); null when unknown. */
	population: number | null;
	participations: number;
	/** Participations per 1,000 inhabitants, to one decimal; null without a population. */
	perThousand: number | null;
	/** No done activity in the commune over the period (and initiative) shown. */
	neverReached: boolean;
	/** Index in `classes`; null when never reached or without a rate. */
	rateClass: number | null;
	/** SVG path data in the drawing's units; null without an outline. */
	path: string | null;
}

export interface CommuneMap {
	period: ResolvedPeriod;
	initiativeId?: number;
	/** Every commune of the territory, the highest rate first, then the communes never reached by name. */
	communes: MapCommune[];
	classes: RateClass[];
	/** The drawing's size; null when no commune has an outline (the table alone is shown). */
	drawing: { width: number; height: number } | null;
	participations: number;
	neverReached: number;
}

const collator = new Intl.Collator('fr');
const perThousand = (participations: number, population: number | null) =>
	population && population > 0 ? Math.round((participations * 10_000) / population) / 10 : null;

/**
 * Each commune of the territory with its participations over a period (and an initiative), its
 * population, its rate per 1,000 inhabitants and whether it was never reached, with its outline
 * projected for the map when one was imported. Participations come from the indicator itself
 * (aggregates only), so the map always agrees with the indicator's table by commune.
 */
export async function communeMap(db: Db, scope: TerritoryScope, query: Pick<PeriodQuery, 'schoolYear' | 'fromMonth' | 'toMonth' | 'initiativeId'>) {
	const period = { schoolYear: query.schoolYear, fromMonth: query.fromMonth, toMonth: query.toMonth, initiativeId: query.initiativeId };
	const [indicator, communes, epcis, outlines] = await Promise.all([
		territoryIndicator(db, scope, period),
		listCommunes(db, scope),
		listEpcis(db, scope),
		listCommuneOutlines(db, scope)
	]);
	const reached = new Map(indicator.byCommune.map((c) => [c.key, c.participations]));
	const epciName = new Map(epcis.map((e) => [e.siren, e.name]));
	const projected = projectOutlines(outlines);
	const rows = communes.map((c) => {
		const participations = reached.get(c.codeInsee) ?? 0;
		return {
			code: c.codeInsee,
			name: c.name,
			epciName: epciName.get(c.epciSiren) ?? c.epciSiren,
			population: c.population,
			participations,
			perThousand: perThousand(participations, c.population),
			neverReached: participations === 0,
			path: projected.paths.get(c.codeInsee) ?? null
		};
	});
	const rated = (r: (typeof rows)[number]) => (r.neverReached ? null : r.perThousand);
	const { classes, classOf } = rateClasses(rows.map(rated).filter((rate) => rate !== null));
	const withClass: MapCommune[] = rows.map((r) => {
		const rate = rated(r);
		return { ...r, rateClass: rate === null ? null : classOf(rate) };
	});
	withClass.sort(
		(a, b) =>
			Number(a.neverReached) - Number(b.neverReached) ||
			(b.perThousand ?? -1) - (a.perThousand ?? -1) ||
			b.participations - a.participations ||
			collator.compare(a.name, b.name)
	);
	return {
		period: indicator.period,
		initiativeId: query.initiativeId,
		communes: withClass,
		classes,
		drawing: projected.paths.size > 0 ? { width: projected.width, height: projected.height } : null,
		participations: rows.reduce((n, r) => n + r.participations, 0),
		neverReached: rows.filter((r) => r.neverReached).length
	} satisfies CommuneMap;
}

/**
 * What the map page needs: the indicator's filters read from the query string (period and
 * initiative; its drill-downs do not apply to a map of every commune), the choices offered, and
 * the map — none when the filters are wrong, so nothing is drawn for a period that was not asked for.
 */
export async function communeMapPage(db: Db, scope: TerritoryScope, params: URLSearchParams, options: { today?: string } = {}) {
	const today = options.today ?? todayInParis();
	const schoolYears = offeredSchoolYears(today);
	const initiatives = (await listInitiatives(db, scope)).map((i) => ({ id: i.id, name: i.name }));
	const read = readIndicatorFilters(params, today, initiatives);
	if (!read.ok) return { ...read, schoolYears, initiatives, map: null };
	return { ...read, schoolYears, initiatives, map: await communeMap(db, scope, read.query) };
}
