import path from 'node:path';
import { ORIGIN_DEFAULTED, publicAddress } from '../../../cli/serve.js';

/** Runtime settings, all from the environment; documented in README. */
export function config() {
	const port = Number(process.env.PORT ?? 3000);
	const origin = configuredOrigin();
	return {
		port,
		dataDir: path.resolve(process.env.DATA_DIR ?? './data'),
		databaseUrl: process.env.DATABASE_URL || undefined,
		/** The address the operator set in ORIGIN, or undefined when the platform runs on this machine only. */
		origin,
		baseURL: origin ?? `http://localhost:${port}`
	};
}

function configuredOrigin(): string | undefined {
	const value = process.env.ORIGIN?.trim();
	if (!value || process.env[ORIGIN_DEFAULTED] === '1') return undefined;
	return publicAddress(value);
}

/**
 * Origins whose form submissions are accepted: ORIGIN alone when it is set; otherwise this
 * machine's loopback addresses on PORT (localhost, 127.0.0.1 and [::1] reach the same socket, so
 * trusting all three opens nothing to another site).
 */
export function trustedOrigins(): string[] {
	const c = config();
	if (c.origin) return [c.origin];
	return ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}:${c.port}`);
}
