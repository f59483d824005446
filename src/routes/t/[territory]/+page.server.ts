import { publicTerritoryLoad } from '$lib/server/http/handlers';
import { indicatorHeadline } from '$lib/server/indicator/indicator.presenters';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import { getPlanOverview } from '$lib/server/plan/plan.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = publicTerritoryLoad(async ({ db, scope }) => {
	const [overview, indicator] = await Promise.all([getPlanOverview(db, scope), territoryIndicator(db, scope, {})]);
	return { overview, headline: indicatorHeadline(indicator) };
});
