import type { Db } from '../db/client';
import { ValidationError, type FieldErrors } from '../shared/errors';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listOrganisations } from '../organisations/organisations.repository';
import { chosenTypesByInitiative, nationalActivityTypes } from '../activity-types/activity-types.usecases';
import { replaceInitiativeActivityTypes } from '../activity-types/activity-types.repository';
import { recordAudit } from '../audit/audit.repository';
import { removeInitiativeTargets } from '../targets/targets.usecases';
import { InitiativeNotFoundError, initiativeHasActivitiesError, itemUnknownError } from './plan.errors';
import { initiativeRemoval } from './plan.policy';
import * as repo from './plan.repository';
import { initiativeSchema, newInitiativeSchema, type InitiativeInput } from './plan.schemas';
import { editablePlan, parse } from './plan.usecases';

/*
 * Initiatives in the plan editor: created with a name, a description and a lead; edited on their
 * own page (status, dates, partners, networks, activity types); removed only without activities.
 */

/** A readable, unique slug for a new initiative ("Réseau Verr'Elles" → "reseau-verr-elles"). */
function freeSlug(name: string, taken: readonly string[]): string {
	const base =
		name
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'initiative';
	let slug = base;
	for (let n = 2; taken.includes(slug); n++) slug = `${base}-${n}`;
	return slug;
}

/** What the audit trail keeps of an initiative: its fields, organisations and activity types. */
async function snapshot(db: Db, scope: TerritoryScope, id: number) {
	const row = await repo.findInitiative(db, scope, id);
	if (!row) return null;
	const { createdAt, updatedAt, territoryId, ...fields } = row;
	void createdAt;
	void updatedAt;
	void territoryId;
	const [links, types] = await Promise.all([repo.listInitiativeOrganisations(db, scope, [id]), chosenTypesByInitiative(db, scope, [id])]);
	return {
		...fields,
		organisations: links.map((l) => ({ organisationId: l.organisationId, role: l.role })),
		activityTypes: types.get(id) ?? []
	};
}

/** Organisations named by the form must be the territory's; the national types must exist and be in use (or already chosen). */
async function checkReferences(db: Db, scope: TerritoryScope, input: Pick<InitiativeInput, 'leadId'> & Partial<InitiativeInput>, chosen: readonly string[]) {
	const known = new Set((await listOrganisations(db, scope)).map((o) => o.id));
	const errors: FieldErrors = {};
	if (!known.has(input.leadId)) errors.leadId = { key: 'validation.organisation_unknown' };
	if (input.partnerIds?.some((id) => !known.has(id))) errors.partnerIds = { key: 'validation.organisation_unknown' };
	if (input.networkIds?.some((id) => !known.has(id))) errors.networkIds = { key: 'validation.organisation_unknown' };
	if (input.activityTypes) {
		const usable = new Set((await nationalActivityTypes(db)).filter((t) => !t.retired || chosen.includes(t.code)).map((t) => t.code));
		if (input.activityTypes.some((code) => !usable.has(code))) errors.activityTypes = { key: 'validation.activity_type_unknown' };
	}
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** One role per organisation in an initiative: the lead first, then partners, then networks. */
function organisationLinks(input: Pick<InitiativeInput, 'leadId' | 'partnerIds' | 'networkIds'>) {
	const seen = new Set<number>();
	const links: { organisationId: number; role: string }[] = [];
	const add = (organisationId: number, role: string) => {
		if (seen.has(organisationId)) return;
		seen.add(organisationId);
		links.push({ organisationId, role });
	};
	add(input.leadId, 'lead');
	for (const id of input.partnerIds) add(id, 'partner');
	for (const id of input.networkIds) add(id, 'network');
	return links;
}

/** Adds an initiative at the end of the plan, planned, led by the chosen organisation. */
export async function createInitiative(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	const input = parse(newInitiativeSchema, raw);
	return db.transaction(async (tx) => {
		const plan = await editablePlan(tx, scope, actor);
		await checkReferences(tx, scope, input, []);
		const row = await repo.insertInitiative(tx, scope, {
			planId: plan.id,
			position: await repo.nextPosition(tx, scope, 'initiative', plan.id),
			slug: freeSlug(input.name, await repo.listInitiativeSlugs(tx, scope)),
			name: input.name,
			description: input.description,
			status: 'planned'
		});
		await repo.replaceInitiativeOrganisations(tx, scope, row.id, [{ organisationId: input.leadId, role: 'lead' }]);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'initiative', entityId: row.id, after: await snapshot(tx, scope, row.id) });
		return row;
	});
}

/** The initiative's page in the editor: its values, the organisations and national types to choose from. */
export async function initiativeEditor(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	await editablePlan(db, scope, actor);
	const current = await snapshot(db, scope, id);
	if (!current) throw new InitiativeNotFoundError();
	const [organisations, national, activityCount] = await Promise.all([
		listOrganisations(db, scope),
		nationalActivityTypes(db),
		repo.countInitiativeActivities(db, scope, id)
	]);
	const collator = new Intl.Collator('fr');
	const ids = (role: string) => current.organisations.filter((o) => o.role === role).map((o) => String(o.organisationId));
	return {
		initiative: { id: current.id, name: current.name },
		values: {
			name: current.name,
			description: current.description,
			status: current.status,
			startsOn: current.startsOn ?? '',
			endsOn: current.endsOn ?? '',
			leadId: ids('lead')[0] ?? '',
			partnerIds: ids('partner'),
			networkIds: ids('network'),
			activityTypes: current.activityTypes
		},
		organisations: organisations.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => collator.compare(a.name, b.name)),
		// Retired types stay on the list only where the initiative already offers them.
		activityTypes: national.filter((t) => !t.retired || current.activityTypes.includes(t.code)).map((t) => t.code),
		activityCount
	};
}

/** Edits an initiative: text, status, dates, organisations and activity types, in one audited change. */
export async function updateInitiative(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	const input = parse(initiativeSchema, raw);
	await db.transaction(async (tx) => {
		await editablePlan(tx, scope, actor);
		const before = await snapshot(tx, scope, id);
		if (!before) throw new InitiativeNotFoundError();
		await checkReferences(tx, scope, input, before.activityTypes);
		await repo.updateInitiativeRow(tx, scope, id, {
			name: input.name,
			description: input.description,
			status: input.status,
			startsOn: input.startsOn,
			endsOn: input.endsOn
		});
		await repo.replaceInitiativeOrganisations(tx, scope, id, organisationLinks(input));
		await replaceInitiativeActivityTypes(tx, scope, id, [...new Set(input.activityTypes)]);
		await recordAudit(tx, scope, actor, { action: 'update', entityType: 'initiative', entityId: id, before, after: await snapshot(tx, scope, id) });
	});
}

/**
 * Removes an initiative inside the editor's transaction: deleted when it has no activity, refused
 * otherwise (the policy's rule) — it is stopped instead, and its activities keep counting.
 */
export async function removeInitiative(tx: Db, scope: TerritoryScope, actor: Actor, planId: number, id: number) {
	const before = await snapshot(tx, scope, id);
	if (!before || before.planId !== planId) throw itemUnknownError();
	if (initiativeRemoval(await repo.countInitiativeActivities(tx, scope, id)) === 'refuse') throw initiativeHasActivitiesError();
	await removeInitiativeTargets(tx, scope, actor, id);
	await repo.deleteOrderedItem(tx, scope, 'initiative', id);
	await recordAudit(tx, scope, actor, { action: 'delete', entityType: 'initiative', entityId: id, before });
}
