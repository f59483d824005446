import { eq } from 'drizzle-orm';
import type { Database, Db } from '../db/client';
import { insertOrganisation } from '../organisations/organisations.repository';
import { initiativeActivityTypes } from '../activity-types/activity-types.table';
import { actionPlans, initiativeOrganisations, initiatives, objectives, planContacts, planOrganisations, planStatements } from '../plan/plan.table';
import { territories } from '../territories/territories.table';
import { networks } from '../role-models/role-models.table';
import { insertTerritory } from '../territories/territories.usecases';

/**
 * The default territory, from the source text only (shared/seed/000_e4c75f0b592fd01c.txt):
 * no invented figures, no invented dates.
 */
export const DEFAULT_TERRITORY = {
	slug: 'flandre-saint-omer',
	name: 'Territoire d’industrie Flandre – Pays de Saint-Omer',
	/** The perimeter labelled in 2018, by EPCI SIREN. */
	epciSirens: ['200069037', '200040947', '245900758', '246201016']
} as const;

const ORGANISATIONS = [
	{ ref: 'ti', name: 'Territoire d’industrie Flandre – Pays de Saint-Omer', kind: 'territory_programme', planRoles: ['pilot'] },
	{
		ref: 'cmq',
		name: 'Campus des Métiers et des Qualifications Industrie et Transition Numérique des Hauts-de-France',
		kind: 'campus',
		planRoles: ['pilot']
	},
	{ ref: 'region', name: 'Région Hauts-de-France', kind: 'public_body', planRoles: ['partner'] },
	{ ref: 'capital_filles', name: 'Capital Filles', kind: 'association', planRoles: ['partner'] },
	{ ref: 'elles_bougent', name: 'Elles Bougent', kind: 'association', planRoles: ['partner'] },
	{ ref: 'corif', name: 'CORIF', kind: 'association', planRoles: ['operator'] },
	{ ref: 'capso', name: 'Communauté d’agglomération du Pays de Saint-Omer (CAPSO)', kind: 'epci', siren: '200069037', planRoles: ['partner'] },
	{ ref: 'arc', name: 'Arc France', kind: 'firm', commune: '62040', planRoles: ['partner'] },
	{ ref: 'sofie', name: 'Agence Sofie', kind: 'economic_agency', description: 'Agence de développement économique', planRoles: ['partner'] },
	{
		ref: 'verrelles',
		name: 'Réseau Verr’Elles',
		kind: 'network',
		parent: 'arc',
		description: 'Réseau de femmes au sein de l’entreprise Arc France',
		planRoles: []
	}
] as const;

const OBJECTIVES = [
	{ target: 'girls', title: 'Les filles aux formations et métiers de l’industrie en ouvrant le champ des possibles' },
	{ target: 'firms', title: 'Les entreprises souhaitant féminiser leurs effectifs' },
	{
		target: 'prescribers',
		title: 'Les prescripteurs de formation et d’emploi à l’intégration des femmes, notamment dans le cadre de l’insertion et de la réorientation'
	}
] as const;

const INITIATIVES = [
	{
		slug: 'verr-elles',
		name: 'Réseau Verr’Elles',
		description:
			'Création du réseau Verr’Elles, au sein de l’entreprise ARC, qui appuie les différents services de l’entreprise pour promouvoir la place des femmes, impulser des actions, donner de l’ambition et organiser des interventions dans des établissements scolaires.',
		activityTypes: ['school_visit', 'forum', 'company_visit', 'workshop', 'network_event'],
		network: 'Verr’Elles',
		organisations: [
			{ ref: 'arc', role: 'lead' },
			{ ref: 'verrelles', role: 'network' }
		]
	},
	{
		slug: 'capital-filles',
		name: 'Convention Capital Filles',
		description: 'La CAPSO et Verr’Elles ont signé une convention de partenariat avec l’association Capital Filles.',
		activityTypes: ['mentoring', 'workshop', 'company_visit', 'school_visit'],
		network: 'Capital Filles',
		organisations: [
			{ ref: 'capso', role: 'lead' },
			{ ref: 'verrelles', role: 'partner' },
			{ ref: 'capital_filles', role: 'partner' }
		]
	},
	{
		slug: 'elles-bougent',
		name: 'Partenariat Elles Bougent',
		description:
			'La CAPSO s’est associée à Elles Bougent pour les Sciences de l’Ingénieure au Féminin afin de sensibiliser et prouver les opportunités qu’offrent les carrières industrielles et techniques.',
		activityTypes: ['school_visit', 'forum', 'company_visit', 'conference'],
		network: 'Elles Bougent',
		organisations: [
			{ ref: 'capso', role: 'lead' },
			{ ref: 'elles_bougent', role: 'partner' }
		]
	},
	{
		slug: 'portraits-corif',
		name: 'Portraits CORIF',
		description:
			'Un partenariat avec le CORIF a permis de réaliser 7 portraits de femmes dans 4 entreprises ; ces vidéos sont utilisées par les acteurs de l’emploi et de la formation pour sensibiliser les femmes aux parcours professionnels dans l’industrie.',
		activityTypes: ['screening', 'training'],
		organisations: [{ ref: 'corif', role: 'lead' }]
	}
] as const;

/** The sheet's sections, word for word from the source text. */
const STATEMENTS = [
	{
		kind: 'finding',
		body: 'L’attractivité des emplois industriels est un enjeu majeur, tant pour le Territoire d’industrie de Flandre Pays de Saint-Omer que pour le CMQ Industrie et Transition Numérique. C’est ainsi que la question de la féminisation des filières s’est posée sur ce territoire où les acteurs ont traditionnellement pour habitude de travailler ensemble. C’est ainsi tout naturellement que les structures se sont jointes sur cet enjeu.'
	},
	{
		kind: 'finding',
		body: 'Des actions ont pu être mises en place dans les entreprises comme Arc France avec le soutien de la communauté d’agglomération et des partenaires.'
	},
	{
		kind: 'obstacle',
		body: 'Aucun obstacle ne s’est fait ressentir car tous les acteurs ont bien compris l’enjeu. Les initiatives ont reçu un bon accueil de la part des entreprises, compte tenu de la situation du recrutement dans les structures et dans les formations ainsi que les problématiques d’attractivité : toute solution est à envisager pour y pallier.'
	},
	{ kind: 'obstacle', body: 'L’obstacle le plus important reste celui des mentalités qu’il faut changer progressivement.' }
] as const;

const QUOTE = 'Quand c’est un sujet de territoire, tout le monde se sent impliqué.';

/**
 * The source text names its contacts with a personal e-mail address: the sheet publishes roles
 * only, until a coordinator enters a name with the person's consent.
 */
const CONTACTS = [
	{ role: 'Directrice opérationnelle du CMQ Industrie et Transition Numérique', organisation: 'cmq' },
	{ role: 'Directrice de SOFIE, agence de développement économique', organisation: 'sofie' }
] as const;

/** Creates the default territory and its plan once; later calls change nothing. */
export async function seedDefaultTerritory(db: Db): Promise<{ created: boolean; territoryId: number }> {
	return db.transaction(async (tx) => {
		const [existing] = await tx.select({ id: territories.id }).from(territories).where(eq(territories.slug, DEFAULT_TERRITORY.slug));
		if (existing) return { created: false, territoryId: existing.id };
		const territoryId = await insertTerritoryWithPlan(tx, { slug: DEFAULT_TERRITORY.slug, name: DEFAULT_TERRITORY.name });
		return { created: true, territoryId };
	});
}

/**
 * The default territory of a database being prepared: created here, or already there in a new data
 * directory filled from the build's template (`scripts/pglite-template.ts`), which counts as
 * created for this data directory.
 */
export async function ensureDefaultTerritory(database: Database): Promise<{ created: boolean; territoryId: number }> {
	const seeded = await seedDefaultTerritory(database.db);
	return { ...seeded, created: seeded.created || database.fromTemplate === true };
}

/**
 * A territory on the default perimeter with the plan of the source text (organisations,
 * objectives, initiatives), inside the caller's transaction. The demo territory is built the
 * same way, so that it looks like the real plan without ever sharing its rows.
 */
export async function insertTerritoryWithPlan(tx: Db, territory: { slug: string; name: string }): Promise<number> {
	const { territoryId, planId } = await insertTerritory(
		tx,
		{ slug: territory.slug, name: territory.name, epciSirens: [...DEFAULT_TERRITORY.epciSirens] },
		'Plan d’action en faveur de la féminisation des formations et des métiers industriels'
	);
	const scope = { territoryId };

	const orgIds = new Map<string, number>();
	for (const o of ORGANISATIONS) {
		const row = await insertOrganisation(tx, scope, {
			name: o.name,
			kind: o.kind,
			communeCode: 'commune' in o ? o.commune : null,
			parentId: 'parent' in o ? orgIds.get(o.parent)! : null,
			description: 'description' in o ? o.description : null
		});
		orgIds.set(o.ref, row.id);
	}

	await tx
		.update(actionPlans)
		.set({
			summary:
				'Le Territoire d’industrie Flandre – Pays de Saint-Omer et le Campus des Métiers et des Qualifications Industrie et Transition Numérique des Hauts-de-France travaillent conjointement pour l’attractivité du tissu industriel du territoire.',
			quote: QUOTE,
			indicator: 'Une comptabilité est tenue par le Territoire d’industrie afin de suivre le nombre de personnes sensibilisées par les actions engagées.'
		})
		.where(eq(actionPlans.id, planId));
	await tx.insert(planStatements).values(STATEMENTS.map((st, i) => ({ territoryId, planId, kind: st.kind, position: i + 1, body: st.body })));
	await tx
		.insert(planContacts)
		.values(CONTACTS.map((c, i) => ({ territoryId, planId, position: i + 1, role: c.role, organisationId: orgIds.get(c.organisation)! })));
	await tx.insert(objectives).values(OBJECTIVES.map((o, i) => ({ territoryId, planId, position: i + 1, target: o.target, title: o.title })));
	await tx
		.insert(planOrganisations)
		.values(ORGANISATIONS.flatMap((o) => o.planRoles.map((role) => ({ territoryId, planId, organisationId: orgIds.get(o.ref)!, role }))));
	for (const [index, i] of INITIATIVES.entries()) {
		const [initiative] = await tx
			.insert(initiatives)
			.values({ territoryId, planId, position: index + 1, slug: i.slug, name: i.name, description: i.description, status: 'running' })
			.returning();
		await tx.insert(initiativeActivityTypes).values(i.activityTypes.map((typeCode) => ({ territoryId, initiativeId: initiative!.id, typeCode })));
		await tx
			.insert(initiativeOrganisations)
			.values(i.organisations.map((o) => ({ territoryId, initiativeId: initiative!.id, organisationId: orgIds.get(o.ref)!, role: o.role })));
		// The role models' networks: an intervention is counted under its network's initiative.
		if ('network' in i) await tx.insert(networks).values({ territoryId, name: i.network, initiativeId: initiative!.id, position: index + 1 });
	}
	return territoryId;
}
