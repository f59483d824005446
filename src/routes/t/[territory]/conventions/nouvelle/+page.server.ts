import { redirect } from '@sveltejs/kit';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { AGREEMENT_LIMITS, agreementFormToInput } from '$lib/server/agreements/agreements.schemas';
import { echoAgreementForm } from '$lib/server/agreements/agreements.presenters';
import { agreementFormOptions, createAgreement } from '$lib/server/agreements/agreements.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('agreement.manage', async ({ db, scope }) => {
	return { options: await agreementFormOptions(db, scope), defaultReminderDays: AGREEMENT_LIMITS.defaultReminderDays };
});

export const actions: Actions = {
	default: territoryAction(
		'agreement.manage',
		async ({ event, db, scope, actor, form }) => {
			const { id } = await createAgreement(db, scope, actor, agreementFormToInput(form));
			redirect(303, `/t/${event.params.territory}/conventions/${id}?saved=1`);
		},
		{ echo: echoAgreementForm }
	)
};
