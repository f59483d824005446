import type { ActivityType, Level } from '../../domain/reference';
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

/** Host organisations of the demo (fictional names), with the commune they sit in. */
const HOSTS = [
	{ ref: 'college_arques', name: 'Collège Jean-Macé', kind: 'school', commune: '62040' },
	{ ref: 'college_hazebrouck', name: 'Collège Les Tilleuls', kind: 'school', commune: '59295' },
	{ ref: 'college_merville', name: 'Collège du Val de Lys', kind: 'school', commune: '59400' },
	{ ref: 'college_lumbres', name: 'Collège de la vallée de l’Aa', kind: 'school', commune: '62534' },
	{ ref: 'lycee_pro_saint_omer', name: 'Lycée professionnel de l’Audomarois', kind: 'school', commune: '62765' },
	{ ref: 'lycee_pro_hazebrouck', name: 'Lycée professionnel des Monts de Flandre', kind: 'school', commune: '59295' },
	{ ref: 'lycee_gt_aire', name: 'Lycée polyvalent de la Lys', kind: 'school', commune: '62014' },
	{ ref: 'lycee_gt_longuenesse', name: 'Lycée général et technologique du Haut-Pont', kind: 'school', commune: '62525' },
	{ ref: 'ft_saint_omer', name: 'Agence France Travail de Saint-Omer', kind: 'employment_agency', commune: '62765' },
	{ ref: 'ft_hazebrouck', name: 'Agence France Travail d’Hazebrouck', kind: 'employment_agency', commune: '59295' },
	{ ref: 'mission_locale', name: 'Mission locale de l’Audomarois', kind: 'employment_agency', commune: '62765' },
	{ ref: 'cfa', name: 'CFA des métiers de l’industrie', kind: 'training_centre', commune: '62525' }
] as const;
type HostRef = (typeof HOSTS)[number]['ref'] | 'arc';

const COLLEGES: HostRef[] = ['college_arques', 'college_hazebrouck', 'college_merville', 'college_lumbres'];
const LYCEES_PRO: HostRef[] = ['lycee_pro_saint_omer', 'lycee_pro_hazebrouck'];
const LYCEES_GT: HostRef[] = ['lycee_gt_aire', 'lycee_gt_longuenesse'];
const AGENCIES: HostRef[] = ['ft_saint_omer', 'ft_hazebrouck', 'mission_locale'];

type Random = () => number;
type Cells = { audience: string; level: Level; count: number }[];

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A mixed class: in these tracks girls are at most as many as boys (the plan's starting point). */
function mixedClasses(random: Random, level: Level, girlsShare: [number, number]): Cells {
	const classes = between(random, 1, 2);
	const pupils = classes * between(random, 20, 28);
	const girls = Math.round(pupils * (girlsShare[0] + random() * (girlsShare[1] - girlsShare[0])));
	return [
		{ audience: 'girls', level, count: girls },
		{ audience: 'boys', level, count: pupils - girls },
		{ audience: 'teachers', level: 'unspecified', count: classes + between(random, 0, 1) }
	];
}

interface Recipe {
	weight: number;
	type: ActivityType;
	/** Activities for pupils stop during school holidays; those for adults mostly too in summer. */
	school: boolean;
	make(random: Random): { title: string; host: HostRef; cells: Cells };
}

/** What each initiative of the source text really does, as weighted recipes. */
const RECIPES: Record<string, Recipe[]> = {
	'verr-elles': [
		{
			weight: 5,
			type: 'school_visit',
			school: true,
			make(random) {
				const college = random() < 0.6;
				const host = pick(random, college ? COLLEGES : LYCEES_PRO);
				const level: Level = college ? 'college' : 'lycee_pro';
				return {
					title: college
						? `Témoignages des femmes d’Arc France en classe de ${pick(random, ['4e', '3e'])}`
						: 'Témoignages Verr’Elles : les métiers du verre au lycée professionnel',
					host,
					cells: mixedClasses(random, level, college ? [0.42, 0.5] : [0.15, 0.35])
				};
			}
		},
		{
			weight: 2,
			type: 'forum',
			school: true,
			make(random) {
				return {
					title: 'Stand Verr’Elles au forum des métiers',
					host: pick(random, [...COLLEGES, ...LYCEES_GT]),
					cells: [
						{ audience: 'girls', level: 'college', count: between(random, 15, 40) },
						{ audience: 'boys', level: 'college', count: between(random, 40, 60) },
						{ audience: 'parents', level: 'unspecified', count: between(random, 5, 20) },
						{ audience: 'teachers', level: 'unspecified', count: between(random, 2, 5) }
					]
				};
			}
		},
		{
			weight: 2,
			type: 'company_visit',
			school: true,
			make(random) {
				return {
					title: 'Visite de l’usine Arc France d’Arques avec le réseau Verr’Elles',
					host: 'arc',
					cells: [
						{ audience: 'girls', level: 'lycee_pro', count: between(random, 3, 9) },
						{ audience: 'boys', level: 'lycee_pro', count: between(random, 10, 18) },
						{ audience: 'teachers', level: 'unspecified', count: between(random, 1, 2) }
					]
				};
			}
		},
		{
			weight: 1,
			type: 'network_event',
			school: false,
			make(random) {
				return {
					title: 'Rencontre du réseau Verr’Elles',
					host: 'arc',
					cells: [{ audience: 'firm_staff', level: 'unspecified', count: between(random, 15, 40) }]
				};
			}
		}
	],
	'capital-filles': [
		{
			weight: 5,
			type: 'mentoring',
			school: true,
			make(random) {
				const pro = random() < 0.5;
				return {
					title: 'Rencontre marraines – filleules Capital Filles',
					host: pick(random, pro ? LYCEES_PRO : LYCEES_GT),
					cells: [
						{ audience: 'girls', level: pro ? 'lycee_pro' : 'lycee_gt', count: between(random, 6, 16) },
						{ audience: 'firm_staff', level: 'unspecified', count: between(random, 3, 8) }
					]
				};
			}
		},
		{
			weight: 2,
			type: 'workshop',
			school: true,
			make(random) {
				return {
					title: 'Atelier collectif Capital Filles : CV et entretien',
					host: pick(random, [...LYCEES_PRO, ...LYCEES_GT]),
					cells: [
						{ audience: 'girls', level: pick(random, ['lycee_pro', 'lycee_gt'] as const), count: between(random, 8, 15) },
						{ audience: 'firm_staff', level: 'unspecified', count: between(random, 2, 4) }
					]
				};
			}
		}
	],
	'elles-bougent': [
		{
			weight: 4,
			type: 'school_visit',
			school: true,
			make(random) {
				const college = random() < 0.5;
				return {
					title: 'Des ingénieures et techniciennes Elles Bougent en classe',
					host: pick(random, college ? COLLEGES : LYCEES_GT),
					cells: [
						...mixedClasses(random, college ? 'college' : 'lycee_gt', [0.4, 0.5]),
						{ audience: 'firm_staff', level: 'unspecified', count: between(random, 2, 3) }
					]
				};
			}
		},
		{
			weight: 2,
			type: 'forum',
			school: true,
			make(random) {
				return {
					title: 'Forum Elles Bougent « Sciences de l’ingénieure au féminin »',
					host: pick(random, LYCEES_GT),
					cells: [
						{ audience: 'girls', level: 'lycee_gt', count: between(random, 40, 110) },
						{ audience: 'girls', level: 'college', count: between(random, 10, 30) },
						{ audience: 'teachers', level: 'unspecified', count: between(random, 3, 8) },
						{ audience: 'firm_staff', level: 'unspecified', count: between(random, 8, 20) }
					]
				};
			}
		},
		{
			weight: 1,
			type: 'company_visit',
			school: true,
			make(random) {
				return {
					title: 'Visite d’entreprise avec les marraines Elles Bougent',
					host: 'arc',
					cells: [
						{ audience: 'girls', level: 'lycee_gt', count: between(random, 10, 20) },
						{ audience: 'teachers', level: 'unspecified', count: between(random, 1, 2) }
					]
				};
			}
		}
	],
	'portraits-corif': [
		{
			weight: 4,
			type: 'screening',
			school: false,
			make(random) {
				return {
					title: 'Projection des portraits CORIF : des femmes dans l’industrie',
					host: pick(random, AGENCIES),
					cells: [
						{ audience: 'women', level: 'job_seekers', count: between(random, 6, 15) },
						{ audience: 'prescribers', level: 'unspecified', count: between(random, 1, 3) }
					]
				};
			}
		},
		{
			weight: 3,
			type: 'training',
			school: false,
			make(random) {
				return {
					title: 'Séance prescripteurs : utiliser les portraits CORIF en entretien',
					host: pick(random, AGENCIES),
					cells: [{ audience: 'prescribers', level: 'unspecified', count: between(random, 6, 18) }]
				};
			}
		},
		{
			weight: 1,
			type: 'screening',
			school: false,
			make(random) {
				return {
					title: 'Projection des portraits CORIF au CFA',
					host: 'cfa',
					cells: [
						{ audience: 'women', level: 'apprentices', count: between(random, 4, 10) },
						{ audience: 'men', level: 'apprentices', count: between(random, 6, 14) },
						{ audience: 'prescribers', level: 'unspecified', count: between(random, 1, 2) }
					]
				};
			}
		}
	]
};

/** Initiatives by weight: the school networks act more often than the portraits. */
const INITIATIVE_WEIGHTS: Record<string, number> = { 'verr-elles': 3, 'capital-filles': 2, 'elles-bougent': 3, 'portraits-corif': 2 };

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
