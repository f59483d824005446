import { publicApiHandler } from '$lib/server/api/api-http';
import { territoriesOverview } from '$lib/server/territories/territories.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ db }) => Response.json({ data: await territoriesOverview(db) }));
