import { getApp } from '$lib/server/app';
import { can } from '$lib/server/accounts/permissions';
import { authorize } from '$lib/server/http';
import { listAgreements } from '$lib/server/agreements/agreements.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope, principal } = await authorize(event, 'agreement.read');
	return {
		agreements: await listAgreements(getApp().database.db, scope, principal),
		canManage: can(principal, 'agreement.manage', scope.territoryId)
	};
};
