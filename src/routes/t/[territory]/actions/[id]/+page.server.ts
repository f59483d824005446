import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { authorize, failFromError, idParam, scopeOf } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { activityToFormValues } from '$lib/server/activities/activities.form';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { activityFormToInput } from '$lib/server/activities/activities.schemas';
import { cancelActivity, getActivity, updateActivity } from '$lib/server/activities/activities.usecases';
import { NotFoundError } from '$lib/server/shared/errors';
import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const scope = scopeOf(locals);
	const db = getApp().database.db;
	const id = idParam(params.id);
	const activity = await getActivity(db, scope, id).catch((e) => {
		if (e instanceof NotFoundError) error(404);
		throw e;
	});
	return { activity, values: activityToFormValues(activity), options: await activityFormOptions(db, scope) };
};

export const actions: Actions = {
	update: async (event) => {
		const { scope, actor } = authorize(event, 'activity.update');
		const id = idParam(event.params.id);
		const values = formToObject(await event.request.formData());
		const version = Number(values.version);
		try {
			await updateActivity(getApp().database.db, scope, actor, id, Number.isSafeInteger(version) ? version : -1, activityFormToInput(values));
		} catch (e) {
			return failFromError(event.locals, e, values);
		}
		redirect(303, `/t/${event.params.territory}/actions/${id}?saved=1`);
	},
	cancel: async (event) => {
		const { scope, actor } = authorize(event, 'activity.cancel');
		const id = idParam(event.params.id);
		const values = formToObject(await event.request.formData());
		try {
			await cancelActivity(getApp().database.db, scope, actor, id, values);
		} catch (e) {
			return failFromError(event.locals, e, values);
		}
		redirect(303, `/t/${event.params.territory}/actions/${id}?cancelled=1`);
	}
};
