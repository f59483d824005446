import { getApp } from '$lib/server/app';
import { exportAuditCsv, readAuditFilters } from '$lib/server/audit/audit.usecases';
import { authorize } from '$lib/server/http';
import { translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { scope } = await authorize(event, 'audit.read');
	const t = translator(event.locals.locale);
	const read = readAuditFilters(event.url.searchParams);
	if (!read.ok) {
		// A file cannot show a message next to a field: the refusal names the fields in French.
		const text = Object.entries(read.errors).map(([field, m]) => `${field === 'from' ? t('field.from') : field === 'to' ? t('field.to') : field} : ${t(m.key, m.params)}`);
		return new Response(`${text.join('\n')}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	}
	const csv = await exportAuditCsv(getApp().database.db, scope, read.filters, { t, locale: event.locals.locale, slug: event.locals.territory!.slug });
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="journal-${event.locals.territory!.slug}.csv"` }
	});
};
