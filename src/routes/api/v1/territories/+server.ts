import { publicApiHandler } from '$lib/server/api/api-http';
import { presentTerritory } from '$lib/server/api/presenters';
import { listTerritories } from '$lib/server/territories/territories.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = publicApiHandler(async ({ db }) => Response.json({ data: (await listTerritories(db)).map(presentTerritory) }));
