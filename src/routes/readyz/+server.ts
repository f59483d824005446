import { pickLocale, translator } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import type { RequestHandler } from './$types';

/** The database answers. `status` is for probes; `message` for the people reading it (French unless the lang cookie says English). */
export const GET: RequestHandler = async ({ cookies }) => {
	const t = translator(pickLocale(cookies.get('lang')));
	try {
		await getApp().database.exec('select 1');
		return Response.json({ status: 'ready', message: t('ready.ok') });
	} catch {
		return Response.json({ status: 'unavailable', message: t('ready.unavailable') }, { status: 503, headers: { 'Retry-After': '5' } });
	}
};
