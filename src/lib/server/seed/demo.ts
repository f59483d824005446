import { ACTIVITY_TYPES, AUDIENCES } from '../../domain/reference';
import { createActivity } from '../activities/activities.usecases';
import { deleteActivitiesBySource } from '../activities/activities.repository';
import type { Db } from '../db/client';
import { rebuildAggregates } from '../indicator/indicator.consistency';
import { listOrganisations } from '../organisations/organisations.repository';
import { findPlan, listInitiatives } from '../plan/plan.repository';
import type { TerritoryScope } from '../shared/scope';
import { listCommunes, setDemoLoaded } from '../territories/territories.repository';
import { todayInParis } from '../activities/activities.schemas';

/** Small deterministic generator: the same demo every time. */
export function prng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TITLES: Record<string, string> = {
	school_visit: 'Intervention en classe (fictive)',
	forum: 'Stand au forum des métiers (fictif)',
	workshop: 'Atelier collectif (fictif)',
	mentoring: 'Rencontre marraines – filleules (fictive)',
	company_visit: 'Visite d’usine (fictive)',
	screening: 'Projection de portraits (fictive)',
	training: 'Séance prescripteurs (fictive)',
	network_event: 'Rencontre du réseau (fictive)',
	other: 'Action (fictive)'
};

export function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/**
 * Loads the fictional demo dataset: a few hundred activities over the last two school
 * years, recorded through the same use case as a coordinator's (so aggregates are exact).
 */
export async function loadDemo(db: Db, scope: TerritoryScope, options: { count?: number; seed?: number; today?: string } = {}) {
	const count = options.count ?? 320;
	const random = prng(options.seed ?? 2026);
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
	const today = options.today ?? todayInParis();
	const [initiatives, communes, organisations, plan] = await Promise.all([
		listInitiatives(db, scope),
		listCommunes(db, scope),
		listOrganisations(db, scope),
		findPlan(db, scope)
	]);
	if (initiatives.length === 0 || communes.length === 0) throw new Error('Le territoire n’a ni initiative ni commune : lancez d’abord « mixite seed ».');
	const thisYearStart = Number(today.slice(5, 7)) >= 9 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
	let start = `${thisYearStart - 1}-09-01`;
	let end = today;
	if (plan?.startsOn && plan.startsOn > start) start = plan.startsOn;
	if (plan?.endsOn && plan.endsOn < end) end = plan.endsOn;
	const span = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000);
	if (span < 0) throw new Error('La période du plan ne recouvre pas les deux dernières années scolaires : élargissez-la pour charger la démo.');
	await setDemoLoaded(db, scope, true);
	for (let i = 0; i < count; i++) {
		const type = pick(ACTIVITY_TYPES);
		const cells = new Map<string, { audience: string; level: string; count: number }>();
		const n = 1 + Math.floor(random() * 3);
		for (let k = 0; k < n; k++) {
			const audience = pick(AUDIENCES);
			const level = pick(audience.levels);
			const key = `${audience.code}.${level}`;
			cells.set(key, { audience: audience.code, level, count: (cells.get(key)?.count ?? 0) + 1 + Math.floor(random() * 30) });
		}
		const date = addDays(start, Math.floor(random() * (span + 1)));
		await createActivity(
			db,
			scope,
			{ userId: 'demo' },
			{
				initiativeId: pick(initiatives).id,
				type,
				title: TITLES[type],
				date,
				communeCode: pick(communes).codeInsee,
				hostOrganisationId: random() < 0.5 ? pick(organisations).id : null,
				status: 'done',
				notes: 'Donnée de démonstration',
				audiences: [...cells.values()]
			},
			{ source: 'demo', today }
		);
	}
	return { count };
}

/** Removes the demo dataset and its contribution; real activities are untouched. */
export async function removeDemo(db: Db, scope: TerritoryScope) {
	await db.transaction(async (tx) => {
		await deleteActivitiesBySource(tx, scope, 'demo');
		await rebuildAggregates(tx);
		await setDemoLoaded(tx, scope, false);
	});
}
