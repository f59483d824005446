import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { RoleModelNotFoundError } from '$lib/server/role-models/role-models.errors';
import { viewWitness } from '$lib/server/role-models/role-models.photos';
import { parseRecordId } from '$lib/server/shared/schemas';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** One public profile; a malformed id, an unknown profile and a withdrawn consent are the same 404. */
export const load: PageServerLoad = publicTerritoryLoad(async ({ event, db, scope }) => {
	const id = parseRecordId(event.params.id);
	if (id === null) throw new RoleModelNotFoundError();
	return { witness: await viewWitness(db, scope, id) };
});
