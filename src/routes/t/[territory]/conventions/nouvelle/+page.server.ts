import { redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { authorize, failFromError } from '$lib/server/http';
import { AGREEMENT_LIMITS, agreementFormToInput } from '$lib/server/agreements/agreements.schemas';
import { agreementFormOptions, createAgreement } from '$lib/server/agreements/agreements.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope } = await authorize(event, 'agreement.manage');
	return { options: await agreementFormOptions(getApp().database.db, scope), defaultReminderDays: AGREEMENT_LIMITS.defaultReminderDays };
};

export const actions: Actions = {
	default: async (event) => {
		const { scope, actor } = await authorize(event, 'agreement.manage');
		const input = agreementFormToInput(await event.request.formData());
		let id: number;
		try {
			id = (await createAgreement(getApp().database.db, scope, actor, input)).id;
		} catch (e) {
			return failFromError(event.locals, e, input);
		}
		redirect(303, `/t/${event.params.territory}/conventions/${id}?saved=1`);
	}
};
