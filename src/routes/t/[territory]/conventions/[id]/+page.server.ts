import { redirect } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { can } from '$lib/server/accounts/permissions';
import { idParam } from '$lib/server/http';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { versionSchema } from '$lib/server/shared/schemas';
import { asPdfTooLarge } from '$lib/server/agreements/agreements.errors';
import { agreementPeriodText, agreementToFormValues, echoAgreementForm } from '$lib/server/agreements/agreements.presenters';
import { agreementFormToInput } from '$lib/server/agreements/agreements.schemas';
import {
	agreementFormOptions,
	agreementHistory,
	attachAgreementFile,
	deleteAgreement,
	getAgreement,
	updateAgreement
} from '$lib/server/agreements/agreements.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('agreement.read', async ({ event, db, scope, principal }) => {
	const agreement = await getAgreement(db, scope, principal, idParam(event.params.id));
	const canManage = can(principal, 'agreement.manage', scope.territoryId);
	return {
		agreement: { ...agreement, period: agreementPeriodText(translator(event.locals.locale), event.locals.locale, agreement) },
		canManage,
		values: agreementToFormValues(agreement),
		options: canManage ? await agreementFormOptions(db, scope) : null,
		history: can(principal, 'audit.read', scope.territoryId) ? await agreementHistory(db, scope, agreement.id) : null
	};
});

export const actions: Actions = {
	update: territoryAction(
		'agreement.manage',
		async ({ event, db, scope, actor, form, values }) => {
			const id = idParam(event.params.id);
			// A missing or forged version cannot match the stored one: the save is refused as a conflict.
			const version = versionSchema('form').safeParse(values.version);
			await updateAgreement(db, scope, actor, id, version.success ? version.data : -1, agreementFormToInput(form));
			redirect(303, `/t/${event.params.territory}/conventions/${id}?saved=1`);
		},
		{ echo: echoAgreementForm }
	),
	upload: territoryAction(
		'agreement.manage',
		async ({ event, db, scope, actor, form }) => {
			const id = idParam(event.params.id);
			const file = form.get('file');
			const upload = file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
			await attachAgreementFile(db, scope, actor, id, upload);
			redirect(303, `/t/${event.params.territory}/conventions/${id}?uploaded=1`);
		},
		// A body over the size limit is never read: the message goes next to the file field.
		{ echo: () => ({ form: 'upload' }), mapError: asPdfTooLarge }
	),
	delete: territoryAction(
		'agreement.manage',
		async ({ event, db, scope, actor, values }) => {
			await deleteAgreement(db, scope, actor, idParam(event.params.id), values);
			redirect(303, `/t/${event.params.territory}/conventions?deleted=1`);
		},
		{ echo: (values) => ({ ...values, form: 'delete' }) }
	)
};
