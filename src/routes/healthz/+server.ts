import { pickLocale, translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The process is up. */
export const GET: RequestHandler = ({ cookies }) => Response.json({ status: 'ok', message: translator(pickLocale(cookies.get('lang')))('health.ok') });
