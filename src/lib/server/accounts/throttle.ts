import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInThrottle } from './accounts.table';

/** Rules as data: attempts allowed in the window before a temporary block, per key kind. */
export const THROTTLE_RULES = {
	account: { window: 15 * 60_000, free: 5, maxBlock: 15 * 60_000 },
	ip: { window: 15 * 60_000, free: 20, maxBlock: 15 * 60_000 },
	/** Password-reset e-mails asked from one IP: every request counts, blocked ones too. */
	reset: { window: 60 * 60_000, free: 5, maxBlock: 60 * 60_000 }
} as const;

export type ThrottleKind = keyof typeof THROTTLE_RULES;

export function throttleKey(kind: ThrottleKind, value: string): string {
	return `${kind}:${value.toLowerCase()}`;
}

/** Milliseconds still blocked for this key (0 when free). Blocks are temporary: never a permanent lock-out. */
export async function blockedFor(db: Db, key: string, now = new Date()): Promise<number> {
	const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).limit(1);
	return row?.blockedUntil && row.blockedUntil > now ? row.blockedUntil.getTime() - now.getTime() : 0;
}

/**
 * The attempt count after one more in the window, and the block it earns: none within the free
 * allowance, then one minute doubling with each further attempt, up to the cap. Written once in SQL
 * so that counting and blocking happen in the same statement.
 */
function countAndBlock(kind: ThrottleKind, now: Date) {
	const rule = THROTTLE_RULES[kind];
	const windowStart = new Date(now.getTime() - rule.window).toISOString();
	const stamp = now.toISOString();
	const fresh = sql`${signInThrottle.windowStartedAt} < ${windowStart}::timestamptz`;
	const next = sql`(case when ${fresh} then 1 else ${signInThrottle.failures} + 1 end)`;
	return {
		failures: next,
		windowStartedAt: sql`case when ${fresh} then ${stamp}::timestamptz else ${signInThrottle.windowStartedAt} end`,
		blockedUntil: sql`case when ${next} > ${rule.free}
			then ${stamp}::timestamptz + make_interval(secs => least(${rule.maxBlock / 1000}, 60 * power(2, ${next} - ${rule.free} - 1)))
			else null end`
	};
}

/**
 * Reserves one attempt for this key, atomically: one INSERT … ON CONFLICT DO UPDATE that does
 * nothing while the key is blocked. Concurrent requests each get their own count, so a burst
 * cannot be evaluated past the allowance: the attempt that goes past it is still evaluated but
 * blocks every later one. Returns 0 when reserved, otherwise the milliseconds still blocked.
 */
export async function reserveAttempt(db: Db, kind: ThrottleKind, key: string, now = new Date()): Promise<number> {
	const next = countAndBlock(kind, now);
	const reserved = await db
		.insert(signInThrottle)
		.values({ key, failures: 1, windowStartedAt: now })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: next,
			setWhere: sql`${signInThrottle.blockedUntil} is null or ${signInThrottle.blockedUntil} <= ${now.toISOString()}::timestamptz`
		})
		.returning({ key: signInThrottle.key });
	if (reserved.length > 0) return 0;
	return Math.max(1, await blockedFor(db, key, now));
}

/**
 * Counts one request whatever the state of the key, blocked or not (password-reset requests):
 * hammering while blocked keeps extending the block, up to the cap.
 */
export async function recordFailure(db: Db, kind: ThrottleKind, key: string, now = new Date()): Promise<void> {
	await db
		.insert(signInThrottle)
		.values({ key, failures: 1, windowStartedAt: now })
		.onConflictDoUpdate({ target: signInThrottle.key, set: countAndBlock(kind, now) });
}

/** Gives back an attempt that succeeded (the IP's count): successful sign-ins never block an office behind one IP. */
export async function releaseAttempt(db: Db, kind: ThrottleKind, key: string): Promise<void> {
	const rule = THROTTLE_RULES[kind];
	await db
		.update(signInThrottle)
		.set({
			failures: sql`greatest(${signInThrottle.failures} - 1, 0)`,
			blockedUntil: sql`case when ${signInThrottle.failures} - 1 > ${rule.free} then ${signInThrottle.blockedUntil} else null end`
		})
		.where(eq(signInThrottle.key, key));
}

export async function clearFailures(db: Db, key: string): Promise<void> {
	await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
