import type { Db } from '../db/client';
import { listOrganisations } from '../organisations/organisations.repository';
import { parseRecordId } from '../shared/schemas';
import type { Actor, TerritoryScope } from '../shared/scope';
import { RoleModelNotFoundError } from './role-models.errors';
import { mayManageRoleModels } from './role-models.policy';
import { presentRoleModel, type RoleModelLabels } from './role-models.presenters';
import * as repo from './role-models.repository';
import type { ProfileFilters } from './role-models.schemas';

/*
 * Role-model profiles through the token-authenticated API. The domain's policy gives no reach to
 * partners (a profile is personal data managed by the coordination): only a coordinator's token
 * reads them; any other token gets the same 404 as an unknown profile.
 */

function requireManager(scope: TerritoryScope, actor: Actor) {
	if (!mayManageRoleModels(actor.principal, scope.territoryId)) throw new RoleModelNotFoundError();
}

async function labelsOf(db: Db, scope: TerritoryScope): Promise<RoleModelLabels> {
	const [organisations, networks] = [await listOrganisations(db, scope), await repo.listNetworks(db, scope)];
	return { organisations: new Map(organisations.map((o) => [o.id, o.name])), networks: new Map(networks.map((n) => [n.id, n.name])) };
}

async function networksByProfile(db: Db, scope: TerritoryScope, ids: readonly number[]) {
	const byProfile = new Map<number, number[]>();
	for (const m of await repo.listMemberships(db, scope, ids)) byProfile.set(m.profileId, [...(byProfile.get(m.profileId) ?? []), m.networkId]);
	return byProfile;
}

/** The territory's profiles, by name: active ones unless `inactive`, of one network when `network` is given (the web list's filters). */
export async function listRoleModelsForApi(db: Db, scope: TerritoryScope, actor: Actor, filters: ProfileFilters) {
	requireManager(scope, actor);
	const rows = (await repo.listProfiles(db, scope, 'all', { networkId: filters.network })).filter((p) => filters.inactive || p.active);
	const [labels, networks] = [
		await labelsOf(db, scope),
		await networksByProfile(
			db,
			scope,
			rows.map((p) => p.id)
		)
	];
	return rows.map((p) => presentRoleModel(p, networks.get(p.id) ?? [], labels, true));
}

/** One profile of the territory (active or not). */
export async function getRoleModelForApi(db: Db, scope: TerritoryScope, actor: Actor, id: number) {
	requireManager(scope, actor);
	const profile = await repo.findProfileInReach(db, scope, 'all', id);
	if (!profile) throw new RoleModelNotFoundError();
	const networks = await networksByProfile(db, scope, [profile.id]);
	return presentRoleModel(profile, networks.get(profile.id) ?? [], await labelsOf(db, scope), true);
}

/** The profile id of a URL; anything but a positive integer is the same 404 as an unknown id. */
export function roleModelIdParam(param: string): number {
	const id = parseRecordId(param);
	if (id === null) throw new RoleModelNotFoundError();
	return id;
}
