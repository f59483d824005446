import { redirect } from '@sveltejs/kit';
import { platformAdminAction, platformAdminLoad } from '$lib/server/http/handlers';
import { createTerritory, territoriesAdminOverview } from '$lib/server/territories/territories.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = platformAdminLoad(async ({ db, actor }) => ({ territories: await territoriesAdminOverview(db, actor) }));

export const actions: Actions = {
	/** Creates the territory from its EPCIs, then opens its page to invite its coordination. */
	create: platformAdminAction(async ({ db, actor, values }) => {
		const { slug } = await createTerritory(db, actor, values);
		redirect(303, `/admin/territoires/${slug}?created=1`);
	})
};
