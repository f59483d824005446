import type { RequestHandler } from './$types';

/** The process is up. */
export const GET: RequestHandler = () => Response.json({ status: 'ok' });
