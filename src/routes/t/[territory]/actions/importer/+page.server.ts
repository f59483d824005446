import { translator } from '$lib/i18n';
import { IMPORT_PAGE_MAX_BYTES, importUploadedSpreadsheet } from '$lib/server/activities/activities.import';
import { presentImportSummary } from '$lib/server/activities/activities.presenters';
import { territoryAction, territoryLoad } from '$lib/server/http/handlers';
import type { Actions, PageServerLoad } from './$types';

/*
 * The import page without JavaScript: `check` (dry run) and `commit` are plain form posts that
 * answer with the summary. With JavaScript the same form is posted to ./envoi, which streams the
 * progress (see +server.ts there). The file travels again with `commit`: it stays in the file input.
 */
export const load: PageServerLoad = territoryLoad('activity.create', async () => ({ maxMegabytes: IMPORT_PAGE_MAX_BYTES / 1024 / 1024 }));

const run = (dryRun: boolean) =>
	territoryAction('activity.create', async ({ event, db, scope, actor, form }) => {
		const summary = await importUploadedSpreadsheet(db, scope, actor, form, { dryRun, locale: event.locals.locale });
		return { summary: presentImportSummary(summary, translator(event.locals.locale)) };
	});

export const actions: Actions = { check: run(true), commit: run(false) };
