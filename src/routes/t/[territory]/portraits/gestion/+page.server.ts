import { territoryLoad } from '$lib/server/http/handlers';
import { indirectExposure } from '$lib/server/portraits/portraits.public';
import { listPortraits } from '$lib/server/portraits/portraits.usecases';
import type { PageServerLoad } from './$types';

/** The coordination's library: every portrait, its state, what it lacks, its plays and screenings. */
export const load: PageServerLoad = territoryLoad('portrait.manage', async ({ db, scope, actor }) => ({
	portraits: await listPortraits(db, scope, actor),
	exposure: await indirectExposure(db, scope)
}));
