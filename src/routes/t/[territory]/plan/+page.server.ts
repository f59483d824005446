import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { presentPlanPeriod } from '$lib/server/plan/plan.presenters';
import { getPlanOverview, updatePlanPeriod } from '$lib/server/plan/plan.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('plan.update', async ({ db, scope }) => {
	return { plan: presentPlanPeriod(await getPlanOverview(db, scope)) };
});

export const actions: Actions = {
	default: territoryAction('plan.update', async ({ db, scope, actor, values }) => {
		await updatePlanPeriod(db, scope, actor, values);
		return { saved: true };
	})
};
