import { config } from '$lib/server/config';
import { scopeOf } from '$lib/server/http';
import { platformAdminAction, platformAdminLoad } from '$lib/server/http/handlers';
import { archiveTerritory, inviteCoordinator, renameTerritory, restoreTerritory, territoryAdminView } from '$lib/server/territories/territories.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = platformAdminLoad(async ({ event, db, actor }) => ({
	managed: await territoryAdminView(db, actor, scopeOf(event.locals)),
	created: event.url.searchParams.has('created')
}));

/** Archive and restore carry no field: a refusal echoes nothing back. */
const echoNothing = () => ({});

export const actions: Actions = {
	rename: platformAdminAction(async ({ event, db, actor, values }) => {
		await renameTerritory(db, actor, scopeOf(event.locals), values);
		return { renamed: true };
	}),
	invite: platformAdminAction(async ({ event, db, actor, values }) => {
		await inviteCoordinator(db, actor, scopeOf(event.locals), values, config().baseURL);
		return { invited: String(values.email ?? '').trim() };
	}),
	archive: platformAdminAction(
		async ({ event, db, actor }) => {
			await archiveTerritory(db, actor, scopeOf(event.locals));
			return { archived: true };
		},
		{ echo: echoNothing }
	),
	restore: platformAdminAction(
		async ({ event, db, actor }) => {
			await restoreTerritory(db, actor, scopeOf(event.locals));
			return { restored: true };
		},
		{ echo: echoNothing }
	)
};
