import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { authorize, failFromError, idParam } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { can } from '$lib/server/accounts/permissions';
import { activityToFormValues } from '$lib/server/activities/activities.form';
import { activityFormOptions } from '$lib/server/activities/activities.options';
import { activityFormToInput } from '$lib/server/activities/activities.schemas';
import { activityHistory, cancelActivity, getActivity, updateActivity } from '$lib/server/activities/activities.usecases';
import { NotFoundError } from '$lib/server/shared/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, actor, principal } = await authorize(event, 'activity.read');
	const db = getApp().database.db;
	const activity = await getActivity(db, scope, idParam(event.params.id), actor).catch((e) => {
		if (e instanceof NotFoundError) error(404);
		throw e;
	});
	const writable = can(principal, 'activity.update', scope.territoryId) ? (await authorize(event, 'activity.update')).actor : null;
	const editable = !!writable && (writable.initiatives === 'all' || writable.initiatives!.includes(activity.initiativeId));
	return {
		activity,
		editable,
		values: activityToFormValues(activity),
		options: await activityFormOptions(db, scope, writable ?? actor),
		history: can(principal, 'audit.read', scope.territoryId) ? await activityHistory(db, scope, activity.id) : null
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { scope, actor } = await authorize(event, 'activity.update');
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
		const { scope, actor } = await authorize(event, 'activity.cancel');
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
