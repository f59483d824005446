/**
 * SvelteKit's route announcer (the live region that tells screen readers the title of the new page
 * after a client-side navigation) is written by SvelteKit with an inline `style` attribute, which the
 * CSP (`style-src 'self'`, no 'unsafe-inline') blocks: two violations logged on every page
 * (https://github.com/sveltejs/kit/issues/11993, open; the upstream fix, kit PR #14566, moves the style
 * to a stylesheet). This preprocessor does the same for our build: it removes the attribute from the
 * generated root component, and `src/app.css` hides `#svelte-announcer` the same way. The CSP stays
 * as strict as it is. If a SvelteKit upgrade changes the markup, the build fails here rather than
 * silently bringing the violations back (and tests/e2e/navigation.test.ts fails on any CSP error).
 * @returns {import('svelte/compiler').PreprocessorGroup}
 */
export function announcerWithoutInlineStyle() {
	return {
		name: 'announcer-without-inline-style',
		markup({ content, filename }) {
			if (!filename || !/[\\/]\.svelte-kit[\\/]generated[\\/]root\.svelte$/.test(filename)) return;
			const announcer = /(<div id="svelte-announcer"[^>]*?)\s+style="[^"]*"/;
			if (!announcer.test(content)) {
				throw new Error(`${filename}: the route announcer's inline style was not found; update svelte-announcer.js for this SvelteKit version.`);
			}
			return { code: content.replace(announcer, '$1') };
		}
	};
}
