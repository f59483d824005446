import { getApp } from '$lib/server/app';
import { sitemapXml } from '$lib/server/privacy/legal.usecases';
import type { RequestHandler } from './$types';

/** The public pages of every active territory, for search engines (robots.txt points here). */
export const GET: RequestHandler = async () =>
	new Response(await sitemapXml(getApp().database.db), {
		headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=3600' }
	});
