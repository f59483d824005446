import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { principalOf } from '$lib/server/http';
import { fieldMessages } from '$lib/server/shared/form';
import { copyTargets, planCatalogue } from '$lib/server/sheet/sheet.usecases';
import type { PageServerLoad } from './$types';

/** A public page: it works without JavaScript and none is sent (budget of 30 KB, decision 0010). */
export const csr = false;

/** The national catalogue of plans: public, a GET form (works without JavaScript). */
export const load: PageServerLoad = async ({ url, locals }) => {
	const db = getApp().database.db;
	const [catalogue, targets] = await Promise.all([planCatalogue(db, url.searchParams), copyTargets(db, principalOf(locals), null)]);
	return { ...catalogue, errors: fieldMessages(translator(locals.locale), catalogue.errors), targets };
};
