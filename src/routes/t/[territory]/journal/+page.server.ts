import { getApp } from '$lib/server/app';
import { AUDIT_ENTITY_TYPES, browseAudit, readAuditFilters } from '$lib/server/audit/audit.usecases';
import { authorize } from '$lib/server/http';
import { translator } from '$lib/i18n';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { scope } = await authorize(event, 'audit.read');
	const t = translator(event.locals.locale);
	const entityTypes = [...AUDIT_ENTITY_TYPES];
	const read = readAuditFilters(event.url.searchParams);
	if (!read.ok) {
		const errors = Object.fromEntries(Object.entries(read.errors).map(([field, m]) => [field, t(m.key, m.params)]));
		return { filters: read.values, errors, entityTypes, audit: null };
	}
	const audit = await browseAudit(getApp().database.db, scope, read.filters, { t, locale: event.locals.locale, slug: event.locals.territory!.slug });
	return { filters: read.filters as Record<string, string | number | undefined>, errors: {} as Record<string, string>, entityTypes, audit };
};
