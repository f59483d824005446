import { getApp } from '$lib/server/app';
import { authorize, failFromError } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { getPlanOverview, updatePlanPeriod } from '$lib/server/plan/plan.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope } = await authorize(event, 'plan.update');
	const { plan } = await getPlanOverview(getApp().database.db, scope);
	return { plan: { startsOn: plan.startsOn, endsOn: plan.endsOn } };
};

export const actions: Actions = {
	default: async (event) => {
		const { scope, actor } = await authorize(event, 'plan.update');
		const values = formToObject(await event.request.formData());
		try {
			await updatePlanPeriod(getApp().database.db, scope, actor, values);
		} catch (e) {
			return failFromError(event.locals, e, values);
		}
		return { saved: true };
	}
};
