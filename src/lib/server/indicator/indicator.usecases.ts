import { AUDIENCE_CODES, LEVELS, schoolYearOf } from '../../domain/reference';
import type { Db } from '../db/client';
import { listInitiatives } from '../plan/plan.repository';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis, listTerritories } from '../territories/territories.repository';
import { readNationalRollup, readTerritoryCells } from './indicator.repository';
import { resolvePeriod, type PeriodQuery, type ResolvedPeriod } from './indicator.schemas';

export interface Figure {
	key: string;
	label: string;
	participations: number;
	activities?: number;
}

export interface TerritoryIndicator {
	period: ResolvedPeriod;
	initiativeId?: number;
	participations: number;
	activities: number;
	byAudience: Figure[];
	byLevel: (Figure & { audience: string; level: string })[];
	byInitiative: Figure[];
	byMonth: Figure[];
	bySchoolYear: Figure[];
	byEpci: Figure[];
	byCommune: (Figure & { epci: string })[];
	byType: Figure[];
}

function add<K>(map: Map<K, { participations: number; activities: number }>, key: K, participations: number, activities: number) {
	const cur = map.get(key) ?? { participations: 0, activities: 0 };
	cur.participations += participations;
	cur.activities += activities;
	map.set(key, cur);
}

/**
 * People sensitized for a territory, as participations, with every breakdown.
 * Reads only the pre-aggregated cells (one indexed range per table) and rolls them up here.
 */
export async function territoryIndicator(db: Db, scope: TerritoryScope, query: PeriodQuery): Promise<TerritoryIndicator> {
	const period = resolvePeriod(query);
	const [cells, initiatives, communes, epcis] = await Promise.all([
		readTerritoryCells(db, scope, period, query.initiativeId),
		listInitiatives(db, scope),
		listCommunes(db, scope),
		listEpcis(db, scope)
	]);
	const communeEpci = new Map(communes.map((c) => [c.codeInsee, c.epciSiren]));
	const maps = {
		audience: new Map<string, { participations: number; activities: number }>(),
		level: new Map<string, { participations: number; activities: number }>(),
		initiative: new Map<number, { participations: number; activities: number }>(),
		month: new Map<string, { participations: number; activities: number }>(),
		year: new Map<string, { participations: number; activities: number }>(),
		epci: new Map<string, { participations: number; activities: number }>(),
		commune: new Map<string, { participations: number; activities: number }>(),
		type: new Map<string, { participations: number; activities: number }>()
	};
	let participations = 0;
	let activities = 0;
	for (const c of cells.participations) {
		participations += c.participations;
		add(maps.audience, c.audience, c.participations, 0);
		add(maps.level, `${c.audience}|${c.level}`, c.participations, 0);
		add(maps.initiative, c.initiativeId, c.participations, 0);
		add(maps.month, c.month, c.participations, 0);
		add(maps.year, schoolYearOf(c.month), c.participations, 0);
		add(maps.epci, communeEpci.get(c.communeCode) ?? '', c.participations, 0);
		add(maps.commune, c.communeCode, c.participations, 0);
		add(maps.type, c.activityType, c.participations, 0);
	}
	for (const c of cells.activities) {
		activities += c.activities;
		add(maps.initiative, c.initiativeId, 0, c.activities);
		add(maps.month, c.month, 0, c.activities);
		add(maps.year, schoolYearOf(c.month), 0, c.activities);
		add(maps.epci, communeEpci.get(c.communeCode) ?? '', 0, c.activities);
		add(maps.commune, c.communeCode, 0, c.activities);
		add(maps.type, c.activityType, 0, c.activities);
	}
	const communeName = new Map(communes.map((c) => [c.codeInsee, c.name]));
	const byValue = (a: Figure, b: Figure) => b.participations - a.participations || a.label.localeCompare(b.label, 'fr');
	return {
		period,
		initiativeId: query.initiativeId,
		participations,
		activities,
		byAudience: AUDIENCE_CODES.filter((a) => maps.audience.has(a)).map((a) => ({ key: a, label: a, ...maps.audience.get(a)! })),
		byLevel: [...maps.level]
			.map(([k, v]) => {
				const [audience = '', level = ''] = k.split('|');
				return { key: k, label: k, audience, level, ...v };
			})
			.sort((a, b) => AUDIENCE_CODES.indexOf(a.audience as never) - AUDIENCE_CODES.indexOf(b.audience as never) || LEVELS.indexOf(a.level as never) - LEVELS.indexOf(b.level as never)),
		byInitiative: initiatives.map((i) => ({ key: String(i.id), label: i.name, ...(maps.initiative.get(i.id) ?? { participations: 0, activities: 0 }) })),
		byMonth: [...maps.month].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => ({ key: k, label: k.slice(0, 7), ...v })),
		bySchoolYear: [...maps.year].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => ({ key: k, label: k, ...v })),
		byEpci: epcis.map((e) => ({ key: e.siren, label: e.name, ...(maps.epci.get(e.siren) ?? { participations: 0, activities: 0 }) })),
		byCommune: [...maps.commune].map(([k, v]) => ({ key: k, label: communeName.get(k) ?? k, epci: communeEpci.get(k) ?? '', ...v })).sort(byValue),
		byType: [...maps.type].map(([k, v]) => ({ key: k, label: k, ...v })).sort(byValue)
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
