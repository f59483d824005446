import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { signInThrottle } from './accounts.table';

/** Rules as data: failures allowed in the window before a temporary block, per key kind. */
export const THROTTLE_RULES = {
	account: { window: 15 * 60_000, free: 5, maxBlock: 15 * 60_000 },
	ip: { window: 15 * 60_000, free: 20, maxBlock: 15 * 60_000 },
	/** Password-reset e-mails asked from one IP: every request counts. */
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

/** One more failure: past the free allowance, the block doubles from one minute up to the cap. */
export async function recordFailure(db: Db, kind: ThrottleKind, key: string, now = new Date()): Promise<void> {
	const rule = THROTTLE_RULES[kind];
	const windowStart = new Date(now.getTime() - rule.window);
	const [row] = await db
		.insert(signInThrottle)
		.values({ key, failures: 1, windowStartedAt: now })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: {
				failures: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then 1 else ${signInThrottle.failures} + 1 end`,
				windowStartedAt: sql`case when ${signInThrottle.windowStartedAt} < ${windowStart} then ${now} else ${signInThrottle.windowStartedAt} end`
			}
		})
		.returning();
	const over = (row?.failures ?? 0) - rule.free;
	if (over > 0) {
		const block = Math.min(rule.maxBlock, 60_000 * 2 ** (over - 1));
		await db.update(signInThrottle).set({ blockedUntil: new Date(now.getTime() + block) }).where(eq(signInThrottle.key, key));
	}
}

export async function clearFailures(db: Db, key: string): Promise<void> {
	await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
