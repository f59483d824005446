import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * Secrets of the interventions domain: private links (only their SHA-256 is stored) and the public
 * form's signed timestamp (anti-spam without third parties).
 */

/** The key of the form's timestamp: the platform's secret when set, else one per process. */
const stampKey = process.env.BETTER_AUTH_SECRET ? `interventions-form:${process.env.BETTER_AUTH_SECRET}` : randomBytes(32);

/** A random link token (URL-safe) and the hash stored in its place. */
export function newLinkToken(): { token: string; hash: string } {
	const token = randomBytes(24).toString('base64url');
	return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** An IP address as the rate limit keeps it: a keyed hash, never the address. */
export function hashIp(ip: string): string {
	return createHmac('sha256', stampKey).update(`ip:${ip}`).digest('hex');
}

function sign(value: string): string {
	return createHmac('sha256', stampKey).update(`stamp:${value}`).digest('base64url');
}

/** The hidden field written when the form is shown: the time, signed. */
export function formStamp(now = new Date()): string {
	const ms = String(now.getTime());
	return `${ms}.${sign(ms)}`;
}

/** Seconds since the form was shown, or null when the stamp is missing or forged. */
export function stampAgeSeconds(stamp: unknown, now = new Date()): number | null {
	if (typeof stamp !== 'string') return null;
	const [ms, mac] = stamp.split('.');
	if (!ms || !mac || !/^\d{1,15}$/.test(ms)) return null;
	const expected = Buffer.from(sign(ms));
	const given = Buffer.from(mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
	return (now.getTime() - Number(ms)) / 1000;
}
