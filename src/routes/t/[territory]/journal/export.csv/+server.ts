import { getApp } from '$lib/server/app';
import { exportAuditCsv, parseAuditFilters } from '$lib/server/audit/audit.usecases';
import { authorize } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { scope } = await authorize(event, 'audit.read');
	const csv = await exportAuditCsv(getApp().database.db, scope, parseAuditFilters(event.url.searchParams));
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="journal-${event.locals.territory!.slug}.csv"` }
	});
};
