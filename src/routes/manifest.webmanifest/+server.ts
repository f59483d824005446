import { translator } from '$lib/i18n';
import type { RequestHandler } from './$types';

/** The web app manifest: French first (the platform is a French public service), icons drawn by scripts/draw-icons.mjs. */
export const GET: RequestHandler = () => {
	const t = translator('fr');
	const manifest = {
		name: t('app.name'),
		short_name: t('legal.manifest.short_name'),
		description: t('app.tagline'),
		lang: 'fr',
		dir: 'ltr',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: '#5b2a86',
		background_color: '#ffffff',
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
			{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }
		]
	};
	return new Response(JSON.stringify(manifest, null, '\t'), {
		headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'public, max-age=86400' }
	});
};
