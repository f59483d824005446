import http from 'node:http';

let installed = false;

/**
 * adapter-node serves build/client (scripts, styles, images) with sirv before SvelteKit and its
 * hooks see the request, so the headers handle cannot add `X-Content-Type-Options: nosniff` to
 * them, and adapter-node offers no option for it. Every response of the Node server passes through
 * ServerResponse#writeHead, sirv's included: the header is set there once, for the whole process,
 * unless a response set it already. Called from the server's init hook only (never in tests or the CLI).
 */
export function sendNosniffWithEveryResponse(): void {
	if (installed) return;
	installed = true;
	const writeHead = http.ServerResponse.prototype.writeHead;
	http.ServerResponse.prototype.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
		if (!this.headersSent && !this.hasHeader('x-content-type-options')) this.setHeader('X-Content-Type-Options', 'nosniff');
		return writeHead.apply(this, args);
	} as typeof writeHead;
}
