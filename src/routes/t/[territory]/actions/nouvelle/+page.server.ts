import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { authorize, failFromError } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { activityFormToInput, todayInParis } from '$lib/server/activities/activities.schemas';
import { createActivity } from '$lib/server/activities/activities.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, actor } = await authorize(event, 'activity.create');
	return { options: await activityFormOptions(getApp().database.db, scope, actor), today: todayInParis() };
};

export const actions: Actions = {
	default: async (event) => {
		const { scope, actor } = await authorize(event, 'activity.create');
		const values = formToObject(await event.request.formData());
		let id: number;
		try {
			id = (await createActivity(getApp().database.db, scope, actor, activityFormToInput(values))).id;
		} catch (e) {
			return failFromError(event.locals, e, values);
		}
		redirect(303, `/t/${event.params.territory}/actions/${id}?saved=1`);
	}
};
