import { error, redirect } from '@sveltejs/kit';
import { getApp } from '$lib/server/app';
import { can } from '$lib/server/accounts/permissions';
import { authorize, failFromError, idParam } from '$lib/server/http';
import { formToObject } from '$lib/server/shared/form';
import { NotFoundError } from '$lib/server/shared/errors';
import { pdfTooLargeError } from '$lib/server/agreements/agreements.errors';
import { agreementFormToInput, agreementToFormValues } from '$lib/server/agreements/agreements.schemas';
import {
	agreementFormOptions,
	agreementHistory,
	attachAgreementFile,
	deleteAgreement,
	getAgreement,
	updateAgreement
} from '$lib/server/agreements/agreements.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, principal } = await authorize(event, 'agreement.read');
	const db = getApp().database.db;
	const agreement = await getAgreement(db, scope, principal, idParam(event.params.id)).catch((e) => {
		if (e instanceof NotFoundError) error(404);
		throw e;
	});
	const canManage = can(principal, 'agreement.manage', scope.territoryId);
	return {
		agreement,
		canManage,
		values: agreementToFormValues(agreement),
		options: canManage ? await agreementFormOptions(db, scope) : null,
		history: can(principal, 'audit.read', scope.territoryId) ? await agreementHistory(db, scope, agreement.id) : null
	};
};

export const actions: Actions = {
	update: async (event) => {
		const { scope, actor } = await authorize(event, 'agreement.manage');
		const id = idParam(event.params.id);
		const input = agreementFormToInput(await event.request.formData());
		const version = Number(input.version);
		try {
			await updateAgreement(getApp().database.db, scope, actor, id, Number.isSafeInteger(version) ? version : -1, input);
		} catch (e) {
			return failFromError(event.locals, e, input);
		}
		redirect(303, `/t/${event.params.territory}/conventions/${id}?saved=1`);
	},
	upload: async (event) => {
		const { scope, actor } = await authorize(event, 'agreement.manage');
		const id = idParam(event.params.id);
		const form = await event.request.formData().catch((e: unknown) => {
			if ((e as { status?: number }).status === 413) return null;
			error(400);
		});
		if (!form) return failFromError(event.locals, pdfTooLargeError(), { form: 'upload' });
		const file = form.get('file');
		const upload = file instanceof File ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : null;
		try {
			await attachAgreementFile(getApp().database.db, scope, actor, id, upload);
		} catch (e) {
			return failFromError(event.locals, e, { form: 'upload' });
		}
		redirect(303, `/t/${event.params.territory}/conventions/${id}?uploaded=1`);
	},
	delete: async (event) => {
		const { scope, actor } = await authorize(event, 'agreement.manage');
		const id = idParam(event.params.id);
		const values = formToObject(await event.request.formData());
		try {
			await deleteAgreement(getApp().database.db, scope, actor, id, values);
		} catch (e) {
			return failFromError(event.locals, e, { ...values, form: 'delete' });
		}
		redirect(303, `/t/${event.params.territory}/conventions?deleted=1`);
	}
};
