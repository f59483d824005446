import { getApp } from '$lib/server/app';
import { listTerritories } from '$lib/server/territories/territories.repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () =>
	Response.json({ data: (await listTerritories(getApp().database.db)).map((t) => ({ slug: t.slug, name: t.name, demo: t.demoLoaded })) });
