import { translator } from '$lib/i18n';
import { can } from '$lib/server/accounts/permissions';
import { territoryLoad } from '$lib/server/http/handlers';
import { agreementPeriodText } from '$lib/server/agreements/agreements.presenters';
import { listAgreements } from '$lib/server/agreements/agreements.usecases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('agreement.read', async ({ event, db, scope, principal }) => {
	const t = translator(event.locals.locale);
	const agreements = await listAgreements(db, scope, principal);
	return {
		agreements: agreements.map((a) => ({ ...a, period: agreementPeriodText(t, event.locals.locale, a) })),
		canManage: can(principal, 'agreement.manage', scope.territoryId)
	};
});
