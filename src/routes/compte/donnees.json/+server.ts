import { getApp } from '$lib/server/app';
import { PERSONAL_DATA_FILENAME } from '$lib/server/accounts/accounts.presenters';
import { exportMyDataDocument } from '$lib/server/accounts/accounts.usecases';
import { requireUser } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** Right of access and portability: everything held about the signed-in person. */
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	return new Response(await exportMyDataDocument(getApp().database.db, user.id), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${PERSONAL_DATA_FILENAME}"`,
			'cache-control': 'no-store'
		}
	});
};
