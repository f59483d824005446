import { translator } from '$lib/i18n';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import { fieldMessages } from '$lib/server/shared/form';
import { copyPlanFrom, startFromPage } from '$lib/server/sheet/sheet.usecases';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('plan.update', async ({ event, db, scope, actor }) => {
	const page = await startFromPage(db, scope, actor, event.url.searchParams);
	return { ...page, errors: fieldMessages(translator(event.locals.locale), page.errors) };
});

export const actions: Actions = {
	default: territoryAction('plan.update', async ({ db, scope, actor, values }) => ({ copied: await copyPlanFrom(db, scope, actor, values) }))
};
