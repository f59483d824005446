import adapter from '@sveltejs/adapter-node';
import { announcerWithoutInlineStyle } from './svelte-announcer.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: [announcerWithoutInlineStyle()],
	kit: {
		adapter: adapter({ out: 'build' }),
		csrf: { trustedOrigins: [] },
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
