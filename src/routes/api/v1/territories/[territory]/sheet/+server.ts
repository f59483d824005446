import { publicApiHandler, requireScope } from '$lib/server/api/api-http';
import { presentSheet } from '$lib/server/sheet/sheet.presenters';
import { getSheet } from '$lib/server/sheet/sheet.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ event, db }) => Response.json({ data: presentSheet(await getSheet(db, requireScope(event))) }));
