import { translator, type MessageKey } from '$lib/i18n';
import { publicApiHandler } from '$lib/server/api/api-http';
import { presentActivityTypes } from '$lib/server/activity-types/activity-types.presenters';
import { nationalActivityTypes } from '$lib/server/activity-types/activity-types.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ db }) => {
	const t = translator('fr');
	return Response.json({ data: presentActivityTypes(await nationalActivityTypes(db), (code) => t(`type.${code}` as MessageKey)) });
});
