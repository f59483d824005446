import { todayInParis } from '../shared/paris-time';
import { recordAudit } from '../audit/audit.repository';
import { findUserById } from '../accounts/accounts.repository';
import { inviteUser } from '../accounts/accounts.invitations';
import type { Db } from '../db/client';
import { findOrganisation, listOrganisations } from '../organisations/organisations.repository';
import { listInitiatives } from '../plan/plan.repository';
import { ValidationError, type FieldErrors } from '../shared/errors';
import { toFieldErrors } from '../shared/form';
import { parseRecordId } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { listCommunes, listEpcis } from '../territories/territories.repository';
import { noOwnProfileError, RoleModelNotFoundError, unknownSlotError } from './role-models.errors';
import { isRoleModelIn, mayChangeConsent, mayChangeNetworks, mayManageRoleModels } from './role-models.policy';
import { hasPublicConsent, presentAvailability, profileSnapshot, profileToFormValues } from './role-models.presenters';
import * as repo from './role-models.repository';
import {
	availabilityInputSchema,
	consentInputSchema,
	networkInputSchema,
	parseProfileFilters,
	profileInputSchema,
	type ProfileInput
} from './role-models.schemas';

/** Which profile a use case acts on: one named by its id (coordinators), or the actor's own. */
export type ProfileTarget = 'own' | { id: number };

const collator = new Intl.Collator('fr');

function requireManager(scope: TerritoryScope, actor: Actor) {
	if (!mayManageRoleModels(actor.principal, scope.territoryId)) throw new RoleModelNotFoundError();
}

/** zod issues → field errors, a checkbox group's error shown on the group ("networkIds.2" → "networkIds"). */
function invalid(error: import('zod').ZodError): never {
	const fields: FieldErrors = {};
	for (const [field, m] of Object.entries(toFieldErrors(error))) {
		const name = field.replace(/\.\d+$/, '');
		if (!fields[name]) fields[name] = m;
	}
	throw new ValidationError(fields);
}

/** The profile a target names, within what the actor may touch; anything else is a 404. */
async function resolveProfile(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget, options: { forUpdate?: boolean } = {}) {
	if (target === 'own') {
		const own = await repo.findProfileOfUser(db, scope, actor.userId);
		if (!own) throw noOwnProfileError();
		return options.forUpdate ? (await repo.findProfileInReach(db, scope, [own.id], own.id, options))! : own;
	}
	requireManager(scope, actor);
	const row = await repo.findProfileInReach(db, scope, 'all', target.id, options);
	if (!row) throw new RoleModelNotFoundError();
	return row;
}

/** The choices of the profile form: firms, networks, EPCIs and communes of the territory. */
export async function roleModelFormOptions(db: Db, scope: TerritoryScope) {
	const [organisations, networks, epcis, communes, initiatives] = await Promise.all([
		listOrganisations(db, scope),
		repo.listNetworks(db, scope),
		listEpcis(db, scope),
		listCommunes(db, scope),
		listInitiatives(db, scope)
	]);
	return {
		organisations: organisations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })).sort((a, b) => collator.compare(a.name, b.name)),
		networks: networks.map((n) => ({ id: n.id, name: n.name, initiativeId: n.initiativeId })),
		epcis: epcis.map((e) => ({ siren: e.siren, name: e.name })).sort((a, b) => collator.compare(a.name, b.name)),
		communes: communes.map((c) => ({ code: c.codeInsee, name: c.name, epciSiren: c.epciSiren })).sort((a, b) => collator.compare(a.name, b.name)),
		initiatives: initiatives.map((i) => ({ id: i.id, name: i.name }))
	};
}

/** Every reference of the input must be the territory's own: firm, networks, EPCIs, communes. */
async function checkReferences(db: Db, scope: TerritoryScope, input: ProfileInput) {
	const options = await roleModelFormOptions(db, scope);
	const errors: FieldErrors = {};
	if (input.organisationId && !(await findOrganisation(db, scope, input.organisationId))) errors.organisationId = { key: 'validation.role_model_firm' };
	const networkIds = new Set(options.networks.map((n) => n.id));
	if (input.networkIds.some((id) => !networkIds.has(id))) errors.networkIds = { key: 'validation.enum' };
	const epcis = new Set(options.epcis.map((e) => e.siren));
	if (input.reachEpcis.some((s) => !epcis.has(s))) errors.reachEpcis = { key: 'validation.enum' };
	const communes = new Set(options.communes.map((c) => c.code));
	if (input.reachCommunes.some((c) => !communes.has(c))) errors.reachCommunes = { key: 'validation.organisation_commune' };
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

function parseProfile(raw: unknown): ProfileInput {
	const parsed = profileInputSchema.safeParse(raw);
	if (!parsed.success) invalid(parsed.error);
	return { ...parsed.data, networkIds: [...new Set(parsed.data.networkIds)] };
}

function profileColumns(input: ProfileInput) {
	return {
		firstName: input.firstName,
		lastName: input.lastName,
		email: input.email,
		job: input.job,
		organisationId: input.organisationId,
		sector: input.sector,
		trainingPath: input.trainingPath,
		reachEpcis: [...new Set(input.reachEpcis)],
		reachCommunes: [...new Set(input.reachCommunes)],
		preferredAudiences: [...new Set(input.preferredAudiences)],
		preferredLevels: [...new Set(input.preferredLevels)],
		languages: input.languages
	};
}

async function networkIdsOf(db: Db, scope: TerritoryScope, profileId: number) {
	return (await repo.listMemberships(db, scope, [profileId])).map((m) => m.networkId);
}

/** The coordinators' list: profiles (all, or of one network), counts per network, active and inactive. */
/** The Paris day of an instant, when there is one. */
const parisDay = (at: Date | undefined) => (at ? todayInParis(at) : null);

export async function roleModelDirectory(db: Db, scope: TerritoryScope, actor: Actor, params: URLSearchParams) {
	requireManager(scope, actor);
	const filters = parseProfileFilters(params);
	const [all, networks] = await Promise.all([repo.listProfiles(db, scope, 'all'), repo.listNetworks(db, scope)]);
	const memberships = await repo.listMemberships(
		db,
		scope,
		all.map((p) => p.id)
	);
	const active = new Set(all.filter((p) => p.active).map((p) => p.id));
	const invited = await repo.lastRoleModelInvitations(
		db,
		scope,
		all.filter((p) => p.userId === null).map((p) => p.email),
		new Date()
	);
	const networkNames = new Map(networks.map((n) => [n.id, n.name]));
	const byProfile = new Map<number, string[]>();
	for (const m of memberships) byProfile.set(m.profileId, [...(byProfile.get(m.profileId) ?? []), networkNames.get(m.networkId) ?? '']);
	const inNetwork = filters.network ? new Set(memberships.filter((m) => m.networkId === filters.network).map((m) => m.profileId)) : null;
	const rows = all
		.filter((p) => (filters.inactive ? true : p.active))
		.filter((p) => !inNetwork || inNetwork.has(p.id))
		.map((p) => ({
			id: p.id,
			firstName: p.firstName,
			lastName: p.lastName,
			job: p.job,
			active: p.active,
			linked: p.userId !== null,
			invitedAt: p.userId === null ? parisDay(invited.get(p.email.toLowerCase())) : null,
			networks: (byProfile.get(p.id) ?? []).sort(collator.compare)
		}));
	return {
		rows,
		filters,
		counts: {
			active: active.size,
			inactive: all.length - active.size,
			byNetwork: networks.map((n) => ({
				id: n.id,
				name: n.name,
				count: memberships.filter((m) => m.networkId === n.id && active.has(m.profileId)).length
			}))
		},
		initiatives: (await listInitiatives(db, scope)).map((i) => ({ id: i.id, name: i.name }))
	};
}

/** A coordinator creates a profile (she may then invite the woman by e-mail). */
export async function createRoleModel(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireManager(scope, actor);
	const input = parseProfile(raw);
	return db.transaction(async (tx) => {
		await checkReferences(tx, scope, input);
		if (await repo.findProfileByEmail(tx, scope, input.email)) throw new ValidationError({ email: { key: 'validation.role_model_email_taken' } });
		const row = await repo.insertProfile(tx, scope, profileColumns(input));
		await repo.replaceMemberships(tx, scope, row.id, input.networkIds);
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'role_model', entityId: row.id, after: profileSnapshot(row, input.networkIds) });
		return row;
	});
}

/** The profile's page: the record, its availability, the form's values and choices. */
export async function viewRoleModel(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget) {
	const profile = await resolveProfile(db, scope, actor, target);
	const [networkIds, availability, options] = await Promise.all([
		networkIdsOf(db, scope, profile.id),
		repo.listAvailability(db, scope, [profile.id]),
		roleModelFormOptions(db, scope)
	]);
	return {
		profile: {
			id: profile.id,
			firstName: profile.firstName,
			lastName: profile.lastName,
			email: profile.email,
			active: profile.active,
			linked: profile.userId !== null,
			invitedAt:
				profile.userId === null
					? parisDay((await repo.lastRoleModelInvitations(db, scope, [profile.email], new Date())).get(profile.email.toLowerCase()))
					: null,
			publicConsent: hasPublicConsent(profile),
			// Her Paris day, as she saw it when she ticked the box.
			publicConsentAt: parisDay(profile.publicConsentAt ?? undefined),
			publicConsentWithdrawnAt: parisDay(profile.publicConsentWithdrawnAt ?? undefined)
		},
		values: profileToFormValues(profile, networkIds),
		availability: availability.map(presentAvailability),
		options,
		canManage: mayManageRoleModels(actor.principal, scope.territoryId),
		canConsent: mayChangeConsent(target)
	};
}

type ProfileRow = NonNullable<Awaited<ReturnType<typeof repo.findProfileOfUser>>>;

/** What her choice changes: the date she consents, or the date she withdraws; nothing when it is already so. */
function consentChange(current: ProfileRow, wanted: boolean | undefined, now = new Date()) {
	if (wanted === true && !hasPublicConsent(current)) return { publicConsentAt: now, publicConsentWithdrawnAt: null };
	if (wanted === false && hasPublicConsent(current)) return { publicConsentWithdrawnAt: now };
	return {};
}

async function auditConsent(tx: Db, scope: TerritoryScope, actor: Actor, current: ProfileRow, row: ProfileRow) {
	await recordAudit(tx, scope, actor, {
		action: row.publicConsentWithdrawnAt === null ? 'consent' : 'consent_withdrawn',
		entityType: 'role_model',
		entityId: row.id,
		before: { publicConsentAt: current.publicConsentAt, publicConsentWithdrawnAt: current.publicConsentWithdrawnAt },
		after: { publicConsentAt: row.publicConsentAt, publicConsentWithdrawnAt: row.publicConsentWithdrawnAt }
	});
}

/**
 * Edits a profile. Consent is hers alone: on her own form a given choice (`publicConsent`) records
 * the date she consents or withdraws, its absence leaves it as it is; a coordinator's form never
 * changes it. Her networks are attested by the coordination: her own form keeps the stored ones,
 * whatever it sends.
 */
export async function updateRoleModel(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget, raw: unknown) {
	// Who may touch the profile is settled before what was typed is read: out of reach is a 404, whatever the form.
	await resolveProfile(db, scope, actor, target);
	const parsed = parseProfile(raw);
	return db.transaction(async (tx) => {
		const current = await resolveProfile(tx, scope, actor, target, { forUpdate: true });
		const storedNetworks = await networkIdsOf(tx, scope, current.id);
		const input = mayChangeNetworks(target) ? parsed : { ...parsed, networkIds: storedNetworks };
		await checkReferences(tx, scope, input);
		const other = await repo.findProfileByEmail(tx, scope, input.email);
		if (other && other.id !== current.id) throw new ValidationError({ email: { key: 'validation.role_model_email_taken' } });
		// Her own form cannot move her address away from her account's.
		if (target === 'own' && input.email !== current.email.toLowerCase()) throw new ValidationError({ email: { key: 'validation.role_model_own_email' } });
		const consent = mayChangeConsent(target) ? consentChange(current, input.publicConsent) : {};
		const before = profileSnapshot(current, storedNetworks);
		const row = await repo.updateProfileRow(tx, scope, current.id, { ...profileColumns(input), ...consent });
		if (mayChangeNetworks(target)) await repo.replaceMemberships(tx, scope, row.id, input.networkIds);
		await recordAudit(tx, scope, actor, {
			action: 'update',
			entityType: 'role_model',
			entityId: row.id,
			before,
			after: profileSnapshot(row, input.networkIds)
		});
		if (Object.keys(consent).length) await auditConsent(tx, scope, actor, current, row);
		return row;
	});
}

/**
 * « Profil public » on her own page: she consents to a public profile (dated) or withdraws (dated);
 * only she can, on her own profile. Nothing else of the profile changes.
 */
export async function setPublicConsent(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	await resolveProfile(db, scope, actor, 'own');
	const parsed = consentInputSchema.safeParse(raw);
	if (!parsed.success) invalid(parsed.error);
	return db.transaction(async (tx) => {
		const current = await resolveProfile(tx, scope, actor, 'own', { forUpdate: true });
		const consent = consentChange(current, parsed.data.publicConsent);
		if (!Object.keys(consent).length) return current;
		const row = await repo.updateProfileRow(tx, scope, current.id, consent);
		await auditConsent(tx, scope, actor, current, row);
		return row;
	});
}

/** A profile that no longer takes part is deactivated (kept for the history), or taken back. */
export async function setRoleModelActive(db: Db, scope: TerritoryScope, actor: Actor, id: number, active: boolean) {
	await db.transaction(async (tx) => {
		const current = await resolveProfile(tx, scope, actor, { id }, { forUpdate: true });
		if (current.active === active) return;
		await repo.updateProfileRow(tx, scope, id, { active });
		await recordAudit(tx, scope, actor, {
			action: active ? 'reactivate' : 'deactivate',
			entityType: 'role_model',
			entityId: id,
			before: { active: current.active },
			after: { active }
		});
	});
}

/** Adds a weekly slot, a one-off date or a period away. */
export async function addAvailability(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget, raw: unknown) {
	await resolveProfile(db, scope, actor, target);
	const parsed = availabilityInputSchema.safeParse(raw);
	if (!parsed.success) invalid(parsed.error);
	return db.transaction(async (tx) => {
		const profile = await resolveProfile(tx, scope, actor, target, { forUpdate: true });
		const row = await repo.insertAvailability(tx, scope, { profileId: profile.id, ...parsed.data });
		await recordAudit(tx, scope, actor, { action: 'create', entityType: 'role_model_availability', entityId: row.id, after: presentAvailability(row) });
		return row;
	});
}

/** Removes one availability row of the profile; another profile's row is not found. */
export async function removeAvailability(db: Db, scope: TerritoryScope, actor: Actor, target: ProfileTarget, raw: unknown) {
	await resolveProfile(db, scope, actor, target);
	const slotId = parseRecordId(String((raw as Record<string, unknown> | null)?.slotId ?? ''));
	if (slotId === null) throw unknownSlotError();
	await db.transaction(async (tx) => {
		const profile = await resolveProfile(tx, scope, actor, target, { forUpdate: true });
		const removed = await repo.deleteAvailability(tx, scope, profile.id, slotId);
		if (!removed) throw unknownSlotError();
		await recordAudit(tx, scope, actor, {
			action: 'delete',
			entityType: 'role_model_availability',
			entityId: removed.id,
			before: presentAvailability(removed)
		});
	});
}

/** Invites the woman by e-mail to the role `role_model` (the accounts' invitation); her profile is linked when she opens "Mon profil". */
export async function inviteRoleModel(db: Db, scope: TerritoryScope, actor: Actor, id: number, baseURL: string) {
	const profile = await resolveProfile(db, scope, actor, { id });
	if (profile.userId) throw new ValidationError({ _form: { key: 'role_models.already_linked' } });
	try {
		return await inviteUser(db, scope, actor, { email: profile.email, role: 'role_model' }, baseURL);
	} catch (e) {
		// The invitation's field errors name "email", which this page does not show: restate them on the form.
		if (e instanceof ValidationError && !e.fields._form) throw new ValidationError({ _form: Object.values(e.fields)[0]! });
		throw e;
	}
}

/**
 * "Mon profil": the profile linked to her account; a woman holding the role-model role whose
 * profile was created for her address (and not yet linked) finds it linked on her first visit.
 * Null when she has none.
 */
export async function myRoleModelProfile(db: Db, scope: TerritoryScope, actor: Actor) {
	const own = await repo.findProfileOfUser(db, scope, actor.userId);
	if (!own && isRoleModelIn(actor.principal, scope.territoryId)) {
		const account = await findUserById(db, actor.userId);
		if (account) {
			await db.transaction(async (tx) => {
				const unlinked = await repo.findUnlinkedProfileByEmail(tx, scope, account.email);
				if (!unlinked) return;
				await repo.updateProfileRow(tx, scope, unlinked.id, { userId: actor.userId });
				await recordAudit(tx, scope, actor, {
					action: 'link',
					entityType: 'role_model',
					entityId: unlinked.id,
					before: { userId: null },
					after: { userId: actor.userId }
				});
			});
		}
	}
	if (!(await repo.findProfileOfUser(db, scope, actor.userId))) return null;
	return viewRoleModel(db, scope, actor, 'own');
}

/** A coordinator adds a network (name, and the initiative its interventions count under). */
export async function createNetwork(db: Db, scope: TerritoryScope, actor: Actor, raw: unknown) {
	requireManager(scope, actor);
	const parsed = networkInputSchema.safeParse(raw);
	if (!parsed.success) invalid(parsed.error);
	const input = parsed.data;
	return db.transaction(async (tx) => {
		if (input.initiativeId && !(await listInitiatives(tx, scope)).some((i) => i.id === input.initiativeId)) {
			throw new ValidationError({ initiativeId: { key: 'validation.enum' } });
		}
		if (await repo.findNetworkByName(tx, scope, input.name)) throw new ValidationError({ name: { key: 'validation.network_taken' } });
		const position = (await repo.listNetworks(tx, scope)).reduce((max, n) => Math.max(max, n.position), 0) + 1;
		const row = await repo.insertNetwork(tx, scope, { name: input.name, initiativeId: input.initiativeId, position });
		await recordAudit(tx, scope, actor, {
			action: 'create',
			entityType: 'network',
			entityId: row.id,
			after: { name: row.name, initiativeId: row.initiativeId }
		});
		return row;
	});
}
