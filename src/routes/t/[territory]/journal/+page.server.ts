import { getApp } from '$lib/server/app';
import { browseAudit, parseAuditFilters } from '$lib/server/audit/audit.usecases';
import { authorize } from '$lib/server/http';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope } = await authorize(event, 'audit.read');
	const filters = parseAuditFilters(event.url.searchParams);
	return { filters, audit: await browseAudit(getApp().database.db, scope, filters) };
};
