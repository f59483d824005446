import { robotsTxt } from '$lib/server/privacy/legal.usecases';
import type { RequestHandler } from './$types';

/** What crawlers may index: the public pages and open data, never the back office nor private links. */
export const GET: RequestHandler = () =>
	new Response(robotsTxt(), { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' } });
