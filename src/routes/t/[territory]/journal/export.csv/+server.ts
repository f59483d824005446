import { translator } from '$lib/i18n';
import { auditFilterRefusalText } from '$lib/server/audit/audit.presenters';
import { exportAuditCsv, readAuditFilters } from '$lib/server/audit/audit.usecases';
import { territoryLoad } from '$lib/server/http/handlers';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = territoryLoad('audit.read', async ({ event, db, scope }) => {
	const t = translator(event.locals.locale);
	const read = readAuditFilters(event.url.searchParams);
	if (!read.ok) return new Response(auditFilterRefusalText(t, read.errors), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	const slug = event.locals.territory!.slug;
	const csv = await exportAuditCsv(db, scope, read.filters, { t, locale: event.locals.locale, slug });
	return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="journal-${slug}.csv"` } });
});
