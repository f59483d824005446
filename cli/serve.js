// `mixite serve`, in plain JavaScript: cli/mixite.js runs it without tsx, whose loader hooks would
// otherwise see every module of the built server as it loads (about a second of every start, issue #9).
// `cli/commands/serve.ts` gives it its name and help among the other commands.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Set when `mixite serve` gives adapter-node an ORIGIN of its own (without one, adapter-node assumes
 * https), so that src/lib/server/config.ts does not take it for the operator's and narrow the trusted origins.
 */
export const ORIGIN_DEFAULTED = 'MIXITE_ORIGIN_DEFAULTED';

/**
 * Starts the built server and resolves with its exit code once it has stopped.
 * @param {{ out(text: string): void; err(text: string): void }} io
 * @returns {Promise<number>}
 */
export async function serve(io) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const entry = path.join(root, 'build', 'index.js');
	if (!fs.existsSync(entry)) {
		io.err('Le serveur n’est pas construit : lancez d’abord « npm run build ».');
		return 1;
	}
	process.env.PORT ??= '3000';
	// adapter-node builds request URLs from ORIGIN and, without it, assumes https. Give it this
	// machine's address, marked as a default so that config() still trusts every loopback address.
	if (!process.env.ORIGIN?.trim()) {
		process.env.ORIGIN = `http://localhost:${process.env.PORT}`;
		process.env[ORIGIN_DEFAULTED] = '1';
	}
	/** @type {Promise<number>} */
	const stopped = new Promise((resolve) => process.once(/** @type {any} */ ('mixite:stopped'), () => resolve(0)));
	// PDFs of conventions go up to 10 MB; adapter-node refuses bodies over 512 KB by default.
	process.env.BODY_SIZE_LIMIT ??= '12M';
	await import(entry);
	io.out(`Mixité Industrie écoute sur ${publicAddress(process.env.ORIGIN)}`);
	stopWithParent();
	// adapter-node drains requests on SIGTERM; the init hook then closes the database and says so.
	return stopped;
}

/** The origin of an ORIGIN setting (also read by src/lib/server/config.ts). @param {string} origin */
export function publicAddress(origin) {
	try {
		return new URL(origin).origin;
	} catch {
		return origin.replace(/\/$/, '');
	}
}

/**
 * Launched by npm (`npm start`, `npx mixite serve`), node sits under `sh -c`: a SIGTERM to npm is
 * forwarded to that shell, which dies without passing it on, and the server would keep running and
 * holding the data dir. `npm start` execs node so that the signal arrives here directly; for any
 * other npm launch, when npm's shell goes away we stop as if we had received SIGTERM ourselves.
 * (Not outside npm: `nohup node … &` from a shell that then exits must keep running.)
 */
function stopWithParent() {
	if (!process.env.npm_command) return;
	const parent = process.ppid;
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		process.kill(process.pid, 'SIGTERM');
	}, 500);
	timer.unref();
}
