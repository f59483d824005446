import http from 'node:http';

let installed = false;

/** What every response carries at least; SvelteKit's own values (a page's CSP) take precedence. */
const BASELINE: Record<string, string> = {
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'"
};

/**
 * adapter-node serves build/client (scripts, styles, images) with sirv before SvelteKit and its
 * hooks see the request, so the headers handle cannot add `X-Content-Type-Options: nosniff` to
 * them, and adapter-node offers no option for it. Every response of the Node server passes through
 * ServerResponse#writeHead, sirv's included: the baseline is set there once, for the whole process.
 * Node gives the headers passed to writeHead (SvelteKit passes all of its own there) precedence
 * over these. Called from the server's init hook.
 */
export function sendNosniffWithEveryResponse(): void {
	if (installed) return;
	installed = true;
	const writeHead = http.ServerResponse.prototype.writeHead;
	http.ServerResponse.prototype.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
		// A 304 carries no body: its headers update the cached page's, so a fallback CSP here would
		// replace the page's own and block its scripts and styles on every reload.
		const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
		if (!this.headersSent)
			for (const [name, value] of Object.entries(BASELINE))
				if (!this.hasHeader(name) && !(status === 304 && name === 'Content-Security-Policy')) this.setHeader(name, value);
		return writeHead.apply(this, args);
	} as typeof writeHead;
}
