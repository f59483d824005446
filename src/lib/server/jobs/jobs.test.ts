import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { freshDatabasePerTest } from '../../../../tests/support/test-db';
import type { Db } from '../db/client';
import { acquireLease, LEASE_MS, runDueJobs } from './jobs.runner';
import type { Job } from './jobs.types';

const fresh = freshDatabasePerTest();

interface LeaseRow {
	name: string;
	holder: string | null;
	last_run_at: string | null;
	last_result: Record<string, unknown> | null;
}

async function leases(db: Db): Promise<LeaseRow[]> {
	const result = await db.execute(sql`select name, holder, last_run_at::text as last_run_at, last_result from job_leases order by name`);
	return (result as unknown as { rows: LeaseRow[] }).rows;
}

/** A job that counts its runs, holding its lease for a while when `gate` is given. */
function countingJob(name: string, everyMs: number, gate?: Promise<void>) {
	const runs: Date[] = [];
	const job: Job = {
		name,
		everyMs,
		async run(_db, now) {
			runs.push(now);
			await gate;
			return { runs: runs.length };
		}
	};
	return { job, runs };
}

describe('scheduled jobs', () => {
	it('of two runners asking at once, only the one holding the lease runs the job; the other skips it', async () => {
		const { database } = fresh();
		let open!: () => void;
		const gate = new Promise<void>((resolve) => (open = resolve));
		const { job, runs } = countingJob('rappels', 3_600_000, gate);
		const now = new Date('2031-03-01T08:00:00Z');
		const first = runDueJobs(database.db, [job], { now, holder: 'instance-a' });
		// While A runs, B finds the lease taken.
		while (runs.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
		expect(await runDueJobs(database.db, [job], { now, holder: 'instance-b' })).toEqual([{ name: 'rappels', status: 'not_due' }]);
		open();
		expect(await first).toEqual([{ name: 'rappels', status: 'ran', result: { runs: 1 } }]);
		// Once A is done, B finds the job run: not due before its interval.
		expect(await runDueJobs(database.db, [job], { now: new Date(now.getTime() + 60_000), holder: 'instance-b' })).toEqual([
			{ name: 'rappels', status: 'not_due' }
		]);
		expect(runs).toHaveLength(1);
		expect(await leases(database.db)).toEqual([{ name: 'rappels', holder: null, last_run_at: expect.any(String), last_result: { runs: 1 } }]);
		expect(new Date((await leases(database.db))[0]!.last_run_at!).getTime()).toBe(now.getTime());
	});

	it('run as of a given instant (mixite jobs run --at), a job runs even when not due, sees that instant, and is not counted as run in the future', async () => {
		const { database } = fresh();
		const { job, runs } = countingJob('rappels', 3_600_000);
		const now = new Date('2031-03-01T08:00:00Z');
		await runDueJobs(database.db, [job], { now, holder: 'server' });
		const asOf = new Date('2031-03-09T08:00:00Z');
		expect(await runDueJobs(database.db, [job], { now: new Date(now.getTime() + 60_000), holder: 'cli', asOf })).toEqual([
			{ name: 'rappels', status: 'ran', result: { runs: 2 } }
		]);
		expect(runs.map((r) => r.toISOString())).toEqual([now.toISOString(), asOf.toISOString()]);
		// The server's next pass an hour later still runs: the replay did not move the job's clock to the future.
		expect(await runDueJobs(database.db, [job], { now: new Date(now.getTime() + 3_700_000), holder: 'server' })).toEqual([
			{ name: 'rappels', status: 'ran', result: { runs: 3 } }
		]);
	});

	it('two runners racing for the same lease: exactly one gets it', async () => {
		const { database } = fresh();
		const job = { name: 'course', everyMs: 60_000 };
		const now = new Date('2031-03-01T08:00:00Z');
		const granted = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => acquireLease(database.db, job, holder, now)));
		expect(granted.filter(Boolean)).toHaveLength(1);
		// A holder that crashed: its lease lapses and another takes over.
		expect(await acquireLease(database.db, job, 'e', new Date(now.getTime() + LEASE_MS - 1))).toBe(false);
		expect(await acquireLease(database.db, job, 'e', new Date(now.getTime() + LEASE_MS + 1))).toBe(true);
	});

	it('a job runs again once its interval has passed', async () => {
		const { database } = fresh();
		const { job, runs } = countingJob('horaire', 3_600_000);
		const now = new Date('2031-03-01T08:00:00Z');
		await runDueJobs(database.db, [job], { now, holder: 'a' });
		await runDueJobs(database.db, [job], { now: new Date(now.getTime() + 3_599_000), holder: 'b' });
		await runDueJobs(database.db, [job], { now: new Date(now.getTime() + 3_600_000), holder: 'b' });
		expect(runs.map((d) => d.getTime() - now.getTime())).toEqual([0, 3_600_000]);
	});

	it('a failing job is recorded with its error, does not stop the others, and runs again at the next pass', async () => {
		const { database } = fresh();
		let fail = true;
		const flaky: Job = {
			name: 'fragile',
			everyMs: 3_600_000,
			async run() {
				if (fail) throw new Error('SMTP indisponible');
				return { ok: 1 };
			}
		};
		const { job: steady, runs } = countingJob('stable', 3_600_000);
		const now = new Date('2031-03-01T08:00:00Z');
		const outcomes = await runDueJobs(database.db, [flaky, steady], { now, holder: 'a' });
		expect(outcomes.map((o) => o.status)).toEqual(['failed', 'ran']);
		expect(runs).toHaveLength(1);
		expect((await leases(database.db)).find((l) => l.name === 'fragile')).toMatchObject({ last_run_at: null, last_result: { error: 'SMTP indisponible' } });
		fail = false;
		const next = await runDueJobs(database.db, [flaky, steady], { now: new Date(now.getTime() + 60_000), holder: 'b' });
		expect(next.map((o) => o.status)).toEqual(['ran', 'not_due']);
	});
});
