import { getApp } from '$lib/server/app';
import { scopeOf } from '$lib/server/http';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import { getPlanOverview } from '$lib/server/plan/plan.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = scopeOf(locals);
	const db = getApp().database.db;
	const [overview, indicator] = await Promise.all([getPlanOverview(db, scope), territoryIndicator(db, scope, {})]);
	return { overview, headline: { participations: indicator.participations, activities: indicator.activities, byInitiative: indicator.byInitiative } };
};
