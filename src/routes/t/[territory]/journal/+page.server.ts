import { translator } from '$lib/i18n';
import { AUDIT_ENTITY_TYPES, browseAudit, readAuditFilters } from '$lib/server/audit/audit.usecases';
import { territoryLoad } from '$lib/server/http/handlers';
import { fieldMessages } from '$lib/server/shared/form';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = territoryLoad('audit.read', async ({ event, db, scope }) => {
	const t = translator(event.locals.locale);
	const entityTypes = [...AUDIT_ENTITY_TYPES];
	const read = readAuditFilters(event.url.searchParams);
	if (!read.ok) return { filters: read.values, errors: fieldMessages(t, read.errors), entityTypes, audit: null };
	const audit = await browseAudit(db, scope, read.filters, { t, locale: event.locals.locale, slug: event.locals.territory!.slug });
	return { filters: read.filters as Record<string, string | number | undefined>, errors: {} as Record<string, string>, entityTypes, audit };
});
