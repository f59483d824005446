import { isHttpError } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { importUploadedSpreadsheet } from '$lib/server/activities/activities.import';
import { presentImportSummary } from '$lib/server/activities/activities.presenters';
import { authorize, failFromError } from '$lib/server/http';
import { readForm } from '$lib/server/http/handlers';
import { errorFields, logEvent } from '$lib/server/log';
import { TerritoryArchivedError } from '$lib/server/territories/territories.errors';
import type { RequestHandler } from './$types';

/*
 * The import page's form posted with JavaScript (`intent` = check or commit): the answer is
 * NDJSON, one line per step of the work `{ phase, done, total }`, then `{ summary }` or
 * `{ failure: { message, errors } }`, so the page shows the work's progress as it reads the
 * answer. Refusals are the same as the form actions' (failFromError), written as the last line.
 */
export const POST: RequestHandler = async (event) => {
	const { scope, actor } = await authorize(event, 'activity.create');
	const t = translator(event.locals.locale);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			let open = true;
			// A page closed meanwhile closes the stream: the work goes on to its end (and its rollback or commit), unheard.
			const send = (line: object) => {
				if (!open) return;
				try {
					controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
				} catch {
					open = false;
				}
			};
			try {
				if (event.locals.territory?.archived) throw new TerritoryArchivedError();
				const form = await readForm(event.request);
				const summary = await importUploadedSpreadsheet(getApp().database.db, scope, actor, form, {
					dryRun: form.get('intent') !== 'commit',
					locale: event.locals.locale,
					onProgress: (phase, done, total) => send({ phase, done, total })
				});
				send({ summary: presentImportSummary(summary, t) });
			} catch (e) {
				send({ failure: failureOf(e) });
			}
			try {
				controller.close();
			} catch {
				// Already closed by the page leaving.
			}
		}
	});
	return new Response(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });

	function failureOf(e: unknown): { message: string; errors: Record<string, string> } {
		try {
			const { message, errors } = failFromError(event.locals, e).data;
			return { message, errors };
		} catch (other) {
			if (isHttpError(other)) return { message: other.body.message, errors: {} };
			// Nothing was written (one transaction); the cause goes to the log, not to the page.
			logEvent('error', 'activity_import_failed', { route: event.route.id ?? '', ...errorFields(other) });
			return { message: t('spreadsheet.error.failed'), errors: {} };
		}
	}
};
