import type { ActivityType, Level } from '../../domain/reference';

/*
 * The demo's recipes (seed/demo.ts): its fictional schools and agencies, and what each initiative of
 * the source text really does, as weighted recipes of activities. Data, kept apart from the loader.
 */

/** Host organisations of the demo (fictional names), with the commune they sit in. */
export const HOSTS = [
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
export type HostRef = (typeof HOSTS)[number]['ref'] | 'arc';

const COLLEGES: HostRef[] = ['college_arques', 'college_hazebrouck', 'college_merville', 'college_lumbres'];
const LYCEES_PRO: HostRef[] = ['lycee_pro_saint_omer', 'lycee_pro_hazebrouck'];
const LYCEES_GT: HostRef[] = ['lycee_gt_aire', 'lycee_gt_longuenesse'];
const AGENCIES: HostRef[] = ['ft_saint_omer', 'ft_hazebrouck', 'mission_locale'];

export type Random = () => number;
type Cells = { audience: string; level: Level; count: number }[];

const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

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
export const RECIPES: Record<string, Recipe[]> = {
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
export const INITIATIVE_WEIGHTS: Record<string, number> = { 'verr-elles': 3, 'capital-filles': 2, 'elles-bougent': 3, 'portraits-corif': 2 };
