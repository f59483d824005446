import { getApp } from '$lib/server/app';
import { scopeOf } from '$lib/server/http';
import { parsePeriodQuery } from '$lib/server/indicator/indicator.schemas';
import { territoryIndicator } from '$lib/server/indicator/indicator.usecases';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) =>
	Response.json({ data: await territoryIndicator(getApp().database.db, scopeOf(locals), parsePeriodQuery(url.searchParams)) });
