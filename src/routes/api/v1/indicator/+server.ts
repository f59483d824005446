import { getApp } from '$lib/server/app';
import { parsePeriodQuery } from '$lib/server/indicator/indicator.schemas';
import { nationalIndicator } from '$lib/server/indicator/indicator.usecases';
import type { RequestHandler } from './$types';

/** Every territory of the platform, from the national roll-up. */
export const GET: RequestHandler = async ({ url }) => Response.json({ data: await nationalIndicator(getApp().database.db, parsePeriodQuery(url.searchParams)) });
