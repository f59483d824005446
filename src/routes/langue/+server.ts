import { redirect } from '@sveltejs/kit';
import { safeRedirect } from '$lib/server/redirects';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData().catch(() => new FormData());
	const lang = form.get('lang') === 'en' ? 'en' : 'fr';
	cookies.set('lang', lang, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365, secure: url.protocol === 'https:' });
	const target = form.get('redirect');
	redirect(303, safeRedirect(typeof target === 'string' ? target : '/'));
};
