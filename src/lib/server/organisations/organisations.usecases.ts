import type { Db } from '../db/client';
import { ValidationError } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { searchParamsToObject } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { findCommune, listCommunes } from '../territories/territories.repository';
import { recordAudit } from '../audit/audit.repository';
import { OrganisationNotFoundError } from './organisations.errors';
import { mayManageOrganisations, organisationReach, type AccessMode } from './organisations.policy';
import { organisationSnapshot, organisationToFormValues } from './organisations.presenters';
import * as repo from './organisations.repository';
import { organisationFiltersSchema, organisationInputSchema, statusChangeSchema, type OrganisationInput } from './organisations.schemas';

const reachOf = (scope: TerritoryScope, actor: Actor, mode: AccessMode) => organisationReach(actor.principal, scope.territoryId, mode);

/** Only those who manage the whole directory write: anyone else meets the same 404 as an unknown record. */
function requireManager(scope: TerritoryScope, actor: Actor) {
	const reach = reachOf(scope, actor, 'write');
	if (!mayManageOrganisations(reach)) throw new OrganisationNotFoundError();
	return reach;
}

function parseInput(raw: unknown): OrganisationInput {
	const parsed = organisationInputSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	return parsed.data;
}

/** The commune must be one of the territory's. */
async function checkCommune(db: Db, scope: TerritoryScope, input: OrganisationInput) {
	if (input.communeCode && !(await findCommune(db, scope, input.communeCode))) {
		throw new ValidationError({ communeCode: { key: 'validation.organisation_commune' } });
	}
}

/** The communes of the territory, as French readers sort them (the form's choices). */
export async function organisationFormOptions(db: Db, scope: TerritoryScope) {
	const collator = new Intl.Collator('fr');
	const communes = await listCommunes(db, scope);
	return { communes: communes.map((c) => ({ code: c.codeInsee, name: c.name })).sort((a, b) => collator.compare(a.name, b.name)) };
}

/** The directory: the organisations the actor reads (a partner: her own), searched by name and kind. */
export async function organisationDirectory(db: Db, scope: TerritoryScope, actor: Actor, params: URLSearchParams) {
	const reach = reachOf(scope, actor, 'read');
	const filters = organisationFiltersSchema.parse(searchParamsToObject(params));
	const rows = await repo.searchOrganisations(db, scope, reach, filters);
	const collator = new Intl.Collator('fr');
	return { rows: rows.sort((a, b) => collator.compare(a.name, b.name)), filters, canManage: mayManageOrganisations(reachOf(scope, actor, 'write')) };
}

/** Organisations of the API: the same reach as the pages. */
export async function listOrganisationsFor(db: Db, scope: TerritoryScope, actor: Actor) {
	return repo.searchOrganisations(db, scope, reachOf(scope, actor, 'read'), {});
}

/** One organisation with its current status; unknown and out of reach are the same 404. */
export async function getOrganisation(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const row = await repo.findOrganisationInReach(db, scope, reachOf(scope, actor, 'read'), id);
	if (!row) throw new OrganisationNotFoundError();
	const [current] = await repo.listOrganisationStatuses(db, scope, id);
	return { ...row, status: current?.status ?? 'active' };
}

/** The record's page: the organisation, its status history, and the forms for those who manage. */
export async function viewOrganisation(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	const organisation = await repo.findOrganisationInReach(db, scope, reachOf(scope, actor, 'read'), id);
	if (!organisation) throw new OrganisationNotFoundError();
	const editable = mayManageOrganisations(reachOf(scope, actor, 'write'));
	const [statuses, options] = await Promise.all([repo.listOrganisationStatuses(db, scope, id), organisationFormOptions(db, scope)]);
	return {
		organisation,
		values: organisationToFormValues(organisation),
		statuses: statuses.map((s) => ({ id: s.id, status: s.status, since: s.since, note: s.note })),
		commune: options.communes.find((c) => c.code === organisation.communeCode)?.name ?? null,
		editable,
		options
	};
}

export async function createOrganisation(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireManager(scope, actor);
	const input = parseInput(raw);
	return db.transaction(async (tx) => {
		await checkCommune(tx, scope, input);
		const row = await repo.insertOrganisation(tx, scope, input);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'organisation', entityId: row.id, after: organisationSnapshot(row) });
		return row;
	});
}

export async function updateOrganisation(db: Db, scope: TerritoryScope, actor: Actor, id: number, raw: unknown) {
	const reach = requireManager(scope, actor);
	const input = parseInput(raw);
	return db.transaction(async (tx) => {
		const current = await repo.findOrganisationInReach(tx, scope, reach, id, { forUpdate: true });
		if (!current) throw new OrganisationNotFoundError();
		await checkCommune(tx, scope, input);
		const row = await repo.updateOrganisationRow(tx, scope, id, input);
		await recordAudit(tx, scope, actor, {
			action: 'update',
			entityType: 'organisation',
			entityId: id,
			before: organisationSnapshot(current),
			after: organisationSnapshot(row)
		});
		return row;
	});
}

/**
 * Status is a history: a firm in receivership or closed is never deleted, so the activities
 * it hosted keep their attribution and stay counted.
 */
export async function changeOrganisationStatus(db: Db, scope: TerritoryScope, actor: Actor, organisationId: number, raw: unknown) {
	const reach = requireManager(scope, actor);
	const parsed = statusChangeSchema.safeParse(raw);
	if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
	await db.transaction(async (tx) => {
		if (!(await repo.findOrganisationInReach(tx, scope, reach, organisationId, { forUpdate: true }))) throw new OrganisationNotFoundError();
		const [previous] = await repo.listOrganisationStatuses(tx, scope, organisationId);
		await repo.insertOrganisationStatus(tx, scope, { organisationId, ...parsed.data });
		await recordAudit(tx, scope, actor, {
			action: 'status',
			entityType: 'organisation',
			entityId: organisationId,
			before: previous ? { status: previous.status, since: previous.since } : { status: 'active' },
			after: parsed.data
		});
	});
}

/** The status at a date (default: now); an organisation without history is active. */
export async function organisationStatusAt(db: Db, scope: TerritoryScope, organisationId: number, date: string) {
	const history = await repo.listOrganisationStatuses(db, scope, organisationId);
	return history.find((h) => h.since <= date)?.status ?? 'active';
}
