import { translator, type Translate } from '../../i18n';
import { platformAdminLoad, territoryLoad } from '../http/handlers';
import type { FieldErrors } from '../shared/errors';
import { dashboardFile, dashboardRefusalText, nationalDashboardContext, type DashboardFileKind } from './dashboard.presenters';
import { readCsvSeparator } from './dashboard.schemas';
import { dashboardPage, nationalDashboardPage } from './dashboard.usecases';

/** Wrong filters (or an unknown `separateur`): a French 400 in plain text, never a 500. */
function refusal(t: Translate, errors: FieldErrors): Response {
	return new Response(dashboardRefusalText(t, errors), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function download(file: Awaited<ReturnType<typeof dashboardFile>>): Response {
	return new Response(file.body, {
		headers: { 'content-type': file.type, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
	});
}

/**
 * The three downloads of the dashboard (export.csv, export.xlsx, export.json) as one handler: the
 * same permission as the page, the same filters read the same way, the same model.
 */
export function dashboardDownload(kind: DashboardFileKind) {
	return territoryLoad('dashboard.read', async ({ event, db, scope, actor }) => {
		const { locale } = event.locals;
		const t = translator(locale);
		const params = event.url.searchParams;
		const separator = readCsvSeparator(params);
		const page = await dashboardPage(db, scope, actor, params);
		if (!page.ok || !separator.ok) return refusal(t, { ...(page.ok ? {} : page.errors), ...(separator.ok ? {} : separator.errors) });
		const territory = event.locals.territory!;
		const context = { t, locale, territory: { name: territory.name, slug: territory.slug } };
		return download(await dashboardFile(kind, page.model, context, page.initiatives, separator.separator));
	});
}

/** The national dashboard's downloads: platform administrators only (404 for anyone else), the same files. */
export function nationalDashboardDownload(kind: DashboardFileKind) {
	return platformAdminLoad(async ({ event, db, actor }) => {
		const { locale } = event.locals;
		const t = translator(locale);
		const params = event.url.searchParams;
		const separator = readCsvSeparator(params);
		const page = await nationalDashboardPage(db, actor, params);
		if (!page.ok || !separator.ok) return refusal(t, { ...(page.ok ? {} : page.errors), ...(separator.ok ? {} : separator.errors) });
		return download(await dashboardFile(kind, page.model, nationalDashboardContext(t, locale), [], separator.separator));
	});
}
