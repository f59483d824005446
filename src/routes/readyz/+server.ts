import { getApp } from '$lib/server/app';
import type { RequestHandler } from './$types';

/** The database answers. */
export const GET: RequestHandler = async () => {
	try {
		await getApp().database.exec('select 1');
		return Response.json({ status: 'ready' });
	} catch {
		return Response.json({ status: 'unavailable' }, { status: 503 });
	}
};
