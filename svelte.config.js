import adapter from '@sveltejs/adapter-node';
import { announcerWithoutInlineStyle } from './svelte-announcer.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: [announcerWithoutInlineStyle()],
	kit: {
		adapter: adapter({ out: 'build' }),
		// Stylesheets up to 16 KB (all of ours: the root layout's, with src/app.css, is ~15 KB minified) are
		// written into each page's <head>, hashed into the CSP: a page paints after one round trip, with no
		// render-blocking request (decision 0010).
		inlineStyleThreshold: 16384,
		// The origin check of form submissions is ours (src/lib/server/origin.ts): it trusts this machine's
		// loopback addresses when ORIGIN is not set and refuses in the visitor's language. ('*' turns
		// SvelteKit's own check off: `checkOrigin: false` is deprecated.)
		csrf: { trustedOrigins: ['*'] },
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'img-src': ['self', 'data:'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
