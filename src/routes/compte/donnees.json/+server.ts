import { getApp } from '$lib/server/app';
import { exportMyData } from '$lib/server/accounts/accounts.usecases';
import { requireUser } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Right of access and portability: everything held about the signed-in person. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await exportMyData(getApp().database.db, user.id);
	return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2), {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': 'attachment; filename="mes-donnees-mixite.json"', 'cache-control': 'no-store' }
	});
};
