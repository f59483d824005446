import { AUDIENCE_CODES, LEVELS, schoolYearOf } from '../../domain/reference';
import type { Db } from '../db/client';
import { listInitiatives } from '../plan/plan.repository';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis, listTerritories } from '../territories/territories.repository';
import { readNationalRollup, readTerritoryRollup } from './indicator.repository';
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
 * Reads only the pre-aggregated tables, rolled up by the database (GROUPING SETS).
 */
export async function territoryIndicator(db: Db, scope: TerritoryScope, query: PeriodQuery): Promise<TerritoryIndicator> {
	const period = resolvePeriod(query);
	const rollup = await readTerritoryRollup(db, scope, period, query.initiativeId);
	const initiatives = await listInitiatives(db, scope);
	const communes = await listCommunes(db, scope);
	const epcis = await listEpcis(db, scope);
	const communeEpci = new Map(communes.map((c) => [c.codeInsee, c.epciSiren]));
	const communeName = new Map(communes.map((c) => [c.codeInsee, c.name]));
	const empty = () => new Map<string, { participations: number; activities: number }>();
	const maps = { initiative: empty(), month: empty(), year: empty(), epci: empty(), commune: empty() };
	const byAudience = new Map<string, number>();
	const byLevel: (Figure & { audience: string; level: string })[] = [];
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
		if (r.month) add(maps.month, r.month, 0, n);
		else if (r.initiative_id !== null) {
			add(maps.initiative, String(r.initiative_id), 0, n);
			activities += n;
		} else if (r.commune_code) {
			add(maps.commune, r.commune_code, Number(r.participations), n);
			add(maps.epci, communeEpci.get(r.commune_code) ?? '', Number(r.participations), n);
		}
	}
	for (const [month, v] of maps.month) add(maps.year, schoolYearOf(month), v.participations, v.activities);
	const byValue = (x: Figure, y: Figure) => y.participations - x.participations || x.label.localeCompare(y.label, 'fr');
	const zero = { participations: 0, activities: 0 };
	return {
		period,
		initiativeId: query.initiativeId,
		participations,
		activities,
		byAudience: AUDIENCE_CODES.filter((code) => byAudience.has(code)).map((code) => ({ key: code, label: code, participations: byAudience.get(code)! })),
		byLevel: byLevel.sort(
			(x, y) => AUDIENCE_CODES.indexOf(x.audience as never) - AUDIENCE_CODES.indexOf(y.audience as never) || LEVELS.indexOf(x.level as never) - LEVELS.indexOf(y.level as never)
		),
		byInitiative: initiatives.map((i) => ({ key: String(i.id), label: i.name, ...(maps.initiative.get(String(i.id)) ?? zero) })),
		byMonth: [...maps.month].sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => ({ key: k, label: k.slice(0, 7), ...v })),
		bySchoolYear: [...maps.year].sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => ({ key: k, label: k, ...v })),
		byEpci: epcis.map((e) => ({ key: e.siren, label: e.name, ...(maps.epci.get(e.siren) ?? zero) })),
		byCommune: [...maps.commune].map(([k, v]) => ({ key: k, label: communeName.get(k) ?? k, epci: communeEpci.get(k) ?? '', ...v })).sort(byValue),
		byType: rollup.type.map((r) => ({ key: r.activity_type, label: r.activity_type, participations: Number(r.participations), activities: Number(r.activities) })).sort(byValue)
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
