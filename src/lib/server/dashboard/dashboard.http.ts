import { translator } from '../../i18n';
import { territoryLoad } from '../http/handlers';
import { dashboardFile, dashboardRefusalText, type DashboardFileKind } from './dashboard.presenters';
import { readCsvSeparator } from './dashboard.schemas';
import { dashboardPage } from './dashboard.usecases';

/**
 * The three downloads of the dashboard (export.csv, export.xlsx, export.json) as one handler: the
 * same permission as the page, the same filters read the same way, the same model. Wrong filters
 * (or an unknown `separateur`) are a French 400 in plain text, never a 500.
 */
export function dashboardDownload(kind: DashboardFileKind) {
	return territoryLoad('dashboard.read', async ({ event, db, scope, actor }) => {
		const { locale } = event.locals;
		const t = translator(locale);
		const params = event.url.searchParams;
		const separator = readCsvSeparator(params);
		const page = await dashboardPage(db, scope, actor, params);
		if (!page.ok || !separator.ok) {
			const errors = { ...(page.ok ? {} : page.errors), ...(separator.ok ? {} : separator.errors) };
			return new Response(dashboardRefusalText(t, errors), { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
		}
		const territory = event.locals.territory!;
		const file = await dashboardFile(
			kind,
			page.model,
			{ t, locale, territory: { name: territory.name, slug: territory.slug } },
			page.initiatives,
			separator.separator
		);
		return new Response(file.body, {
			headers: { 'content-type': file.type, 'content-disposition': `attachment; filename="${file.filename}"`, 'cache-control': 'no-store' }
		});
	});
}
