import { cancelActivity, createActivity } from '../activities/activities.usecases';
import { todayInParis } from '../shared/paris-time';
import { deleteTerritoryAudit } from '../audit/audit.repository';
import type { Db } from '../db/client';
import { rebuildAggregates } from '../indicator/indicator.consistency';
import { insertOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { listInitiatives } from '../plan/plan.repository';
import { SYSTEM_PRINCIPAL, type Actor, type TerritoryScope } from '../shared/scope';
import { deleteTerritory, findTerritoryBySlug, listCommunes, setDemoLoaded } from '../territories/territories.repository';
import { createTraining } from '../trainings/trainings.usecases';
import { insertTerritoryWithPlan } from './default-territory';
import { addDemoPortraits, demoPortraitFiles, removeDemoPortraitFiles } from './demo-portraits';
import { HOSTS, INITIATIVE_WEIGHTS, pick, RECIPES, type HostRef, type Random } from './demo-recipes';
import { addDemoRoleModels } from './demo-role-models';

/**
 * The demo lives in its own territory, never in a real one: its figures cannot mix with real
 * ones, and removing it is removing that territory.
 */
export const DEMO_TERRITORY = { slug: 'demo', name: 'Territoire de démonstration' } as const;

/** Demo rows are written by the platform itself (no audit entry: source 'demo'). */
const DEMO_ACTOR: Actor = { userId: 'demo', principal: SYSTEM_PRINCIPAL };

/** Small deterministic generator: the same demo every time (also used by bench/). */
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

export function addDays(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

const CANCEL_REASONS = [
	'Grève des transports scolaires',
	'Alerte météo : sorties annulées par le rectorat',
	'Intervenante indisponible, reportée',
	'Classes en examen blanc ce jour-là',
	'Salle indisponible'
];

/** School holidays (zone B, approximately, as month-day): school activities stop. */
const HOLIDAYS: [string, string][] = [
	['10-18', '11-03'],
	['12-20', '12-31'],
	['01-01', '01-04'],
	['02-14', '03-02'],
	['04-11', '04-27'],
	['07-05', '08-31']
];
const inHolidays = (iso: string) => HOLIDAYS.some(([from, to]) => iso.slice(5) >= from && iso.slice(5) <= to);
const dayOfWeek = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
	let r = random() * items.reduce((n, i) => n + i.weight, 0);
	for (const item of items) if ((r -= item.weight) < 0) return item;
	return items[items.length - 1]!;
}

/** A working day in the range; pupils' activities avoid the holidays, adults' mostly avoid summer. */
function dateFor(random: Random, from: string, span: number, school: boolean): string {
	let date = from;
	for (let attempt = 0; attempt < 40; attempt++) {
		date = addDays(from, Math.floor(random() * (span + 1)));
		const dow = dayOfWeek(date);
		if (dow === 0 || dow === 6) continue;
		if (school ? inHolidays(date) : inHolidays(date) && random() < 0.85) continue;
		return date;
	}
	return date;
}

/**
 * Fills a territory that has the default plan with believable fictional activities over the last
 * two school years, plus planned ones in the coming weeks and a few cancelled ones. Recorded
 * through the same use cases as a coordinator's, so the aggregates are exact. Only ever called on
 * the demo territory (and on test databases).
 */
export async function loadDemo(db: Db, scope: TerritoryScope, options: { count?: number; seed?: number; today?: string } = {}) {
	const count = options.count ?? 320;
	const random = prng(options.seed ?? 2026);
	const today = options.today ?? todayInParis();
	const [initiatives, communes] = await Promise.all([listInitiatives(db, scope), listCommunes(db, scope)]);
	const bySlug = new Map(initiatives.map((i) => [i.slug, i.id]));
	const slugs = Object.keys(RECIPES).filter((slug) => bySlug.has(slug));
	if (slugs.length === 0) throw new Error('Le territoire n’a pas les initiatives du plan : la démo ne peut pas y être chargée.');
	const hostIds = await ensureHosts(db, scope, new Set(communes.map((c) => c.codeInsee)));

	const thisYearStart = Number(today.slice(5, 7)) >= 9 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
	const start = `${thisYearStart - 1}-09-01`;
	const pastSpan = Math.round((Date.parse(today) - Date.parse(start)) / 86_400_000) - 1;
	const initiativeChoices = slugs.map((slug) => ({ slug, weight: INITIATIVE_WEIGHTS[slug] ?? 1 }));
	let planned = 0;
	let cancelled = 0;
	for (let i = 0; i < count; i++) {
		const { slug } = weighted(random, initiativeChoices);
		const recipe = weighted(random, RECIPES[slug]!);
		const { title, host, cells } = recipe.make(random);
		const future = random() < 0.08;
		const date = future ? dateFor(random, addDays(today, 3), 75, recipe.school) : dateFor(random, start, pastSpan, recipe.school);
		const cancel = !future && random() < 0.06;
		const hostId = hostIds.get(host) ?? null;
		const row = await createActivity(
			db,
			scope,
			DEMO_ACTOR,
			{
				initiativeId: bySlug.get(slug)!,
				type: recipe.type,
				title,
				date,
				communeCode: hostCommune(host, communes[0]!.codeInsee),
				hostOrganisationId: hostId,
				status: future ? 'planned' : 'done',
				notes: future ? 'Effectifs attendus, à confirmer après l’action.' : null,
				audiences: cells.filter((c) => c.count > 0)
			},
			{ source: 'demo', today }
		);
		if (future) planned++;
		if (cancel) {
			await cancelActivity(db, scope, DEMO_ACTOR, row.id, row.version, { reason: pick(random, CANCEL_REASONS) });
			cancelled++;
		}
	}
	await addDemoTrainings(db, scope, hostIds, new Set(communes.map((c) => c.codeInsee)), today);
	return { count, planned, cancelled };
}

/**
 * « Métiers et formations » of the demo: a few fictional trainings in the demo's fictional schools,
 * each saying it is demo content. The real territories get none (no invented content there).
 */
const DEMO_TRAININGS = [
	{
		host: 'lycee_pro_saint_omer',
		title: 'Bac pro Pilote de ligne de production',
		level: 'bac_pro',
		families: ['line_operation', 'maintenance'],
		girls: 14,
		apprenticeship: false
	},
	{
		host: 'lycee_pro_saint_omer',
		title: 'CAP Arts et techniques du verre',
		level: 'cap',
		families: ['glassmaking'],
		girls: 31,
		apprenticeship: false
	},
	{
		host: 'lycee_pro_hazebrouck',
		title: 'Bac pro Technicien en chaudronnerie industrielle',
		level: 'bac_pro',
		families: ['welding'],
		girls: 6,
		apprenticeship: true
	},
	{
		host: 'lycee_gt_aire',
		title: 'BTS Maintenance des systèmes de production',
		level: 'bts',
		families: ['maintenance', 'automation'],
		girls: null,
		apprenticeship: true
	},
	{
		host: 'lycee_gt_longuenesse',
		title: 'BTS Conception des processus de réalisation de produits',
		level: 'bts',
		families: ['design_office', 'machining', 'quality'],
		girls: 19,
		apprenticeship: false
	}
] as const;

async function addDemoTrainings(db: Db, scope: TerritoryScope, hostIds: Map<HostRef, number>, communes: Set<string>, today: string) {
	const lastYear = schoolYearBefore(today);
	for (const training of DEMO_TRAININGS) {
		const host = HOSTS.find((h) => h.ref === training.host)!;
		if (!communes.has(host.commune)) continue;
		await createTraining(db, scope, DEMO_ACTOR, {
			title: training.title,
			schoolOrganisationId: String(hostIds.get(training.host)),
			level: training.level,
			communeCode: host.commune,
			jobFamilies: [...training.families],
			girlsShare: training.girls === null ? '' : String(training.girls),
			girlsShareYear: training.girls === null ? '' : lastYear,
			apprenticeship: training.apprenticeship,
			description: 'Formation fictive du jeu de démonstration : établissement, chiffres et présentation sont inventés.'
		});
	}
}

/** The school year before the current one ("2024-2025" during 2025-2026): the last one measured. */
function schoolYearBefore(today: string): string {
	const start = Number(today.slice(5, 7)) >= 9 ? Number(today.slice(0, 4)) - 1 : Number(today.slice(0, 4)) - 2;
	return `${start}-${start + 1}`;
}

function hostCommune(host: HostRef, fallback: string): string {
	if (host === 'arc') return '62040';
	return HOSTS.find((h) => h.ref === host)?.commune ?? fallback;
}

/** The demo's schools and agencies, created once in the territory; Arc France comes with the plan. */
async function ensureHosts(db: Db, scope: TerritoryScope, communes: Set<string>): Promise<Map<HostRef, number>> {
	const existing = await listOrganisations(db, scope);
	const ids = new Map<HostRef, number>();
	const arc = existing.find((o) => o.name === 'Arc France');
	if (arc) ids.set('arc', arc.id);
	for (const h of HOSTS) {
		const found = existing.find((o) => o.name === h.name);
		const row =
			found ??
			(await insertOrganisation(db, scope, {
				name: h.name,
				kind: h.kind,
				communeCode: communes.has(h.commune) ? h.commune : null,
				parentId: null,
				description: null
			}));
		ids.set(h.ref, row.id);
	}
	return ids;
}

/**
 * Creates the demo territory (or recreates it: the same demo, dated from today) with the plan
 * of the source text on the same perimeter, then fills it (activities, trainings, the fictional
 * portraits of demo-portraits.ts and role models of demo-role-models.ts: added here, not in
 * loadDemo, which tests also run on a real territory that must keep its library and its public
 * role models empty). Real territories are not touched.
 */
export async function createDemoTerritory(db: Db, options: { count?: number; seed?: number; today?: string } = {}) {
	await removeDemo(db);
	// One transaction (each activity's own is a savepoint inside it): all or nothing, and one
	// commit instead of hundreds, which is what makes the embedded database slow here.
	return db.transaction(async (tx) => {
		const territoryId = await insertTerritoryWithPlan(tx, DEMO_TERRITORY);
		await setDemoLoaded(tx, { territoryId }, true);
		const result = await loadDemo(tx, { territoryId }, options);
		const portraits = await addDemoPortraits(tx, { territoryId }, options.today ?? todayInParis());
		const roleModels = await addDemoRoleModels(tx, { territoryId }, new Date());
		return { ...result, portraits, roleModels, territoryId, slug: DEMO_TERRITORY.slug };
	});
}

/** Removes the demo territory and everything in it (its journal included); returns whether it existed. */
export async function removeDemo(db: Db): Promise<boolean> {
	const territory = await findTerritoryBySlug(db, DEMO_TERRITORY.slug);
	if (!territory) return false;
	// Only a territory flagged as the demo is ever removed here, whatever its slug.
	if (!territory.demoLoaded) throw new Error(`Le territoire « ${DEMO_TERRITORY.slug} » n’est pas le territoire de démonstration : rien n’a été supprimé.`);
	const files = await demoPortraitFiles(db, { territoryId: territory.id });
	await db.transaction(async (tx) => {
		await deleteTerritoryAudit(tx, { territoryId: territory.id });
		await deleteTerritory(tx, { territoryId: territory.id });
		// The aggregates carry no foreign key: recount them from the rows that remain.
		await rebuildAggregates(tx);
	});
	await removeDemoPortraitFiles({ territoryId: territory.id }, files);
	return true;
}
