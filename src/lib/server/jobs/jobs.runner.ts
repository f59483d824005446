import os from 'node:os';
import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { rowsOf } from '../db/rows';
import { errorFields, logEvent } from '../log';
import { jobLeases } from './jobs.table';
import type { Job } from './jobs.types';

/** How long a lease holds while its job runs: a holder that crashed frees the job after this. */
export const LEASE_MS = 15 * 60_000;

export interface JobOutcome {
	name: string;
	status: 'ran' | 'not_due' | 'failed';
	result?: Record<string, number>;
	error?: string;
}

/** Names this process among the runners (server instances, `mixite jobs run`). */
export function holderName(prefix = 'server'): string {
	return `${prefix}:${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

/**
 * Takes the job's lease in one statement: granted when nobody holds it (or the holder's lease
 * expired, or it is ours) and the job is due (never run, or last run `everyMs` ago). Two runners
 * asking at once: the row lock makes the second see the first's lease, and it gets nothing.
 */
export async function acquireLease(db: Db, job: Pick<Job, 'name' | 'everyMs'>, holder: string, now: Date): Promise<boolean> {
	const until = new Date(now.getTime() + LEASE_MS).toISOString();
	const dueBefore = new Date(now.getTime() - job.everyMs).toISOString();
	const at = now.toISOString();
	const result = await db.execute(sql`
		insert into job_leases (name, holder, leased_until) values (${job.name}, ${holder}, ${until}::timestamptz)
		on conflict (name) do update set holder = excluded.holder, leased_until = excluded.leased_until
		where (job_leases.leased_until is null or job_leases.leased_until < ${at}::timestamptz or job_leases.holder = ${holder})
			and (job_leases.last_run_at is null or job_leases.last_run_at <= ${dueBefore}::timestamptz)
		returning name`);
	return rowsOf(result).length === 1;
}

/**
 * Runs, once each, the jobs that are due and whose lease this holder gets; records when and what
 * (last_run_at, last_result) and frees the lease. A failed job is recorded and runs again at the
 * next pass; it never stops the others.
 */
export async function runDueJobs(
	db: Db,
	jobs: readonly Job[],
	options: {
		now?: Date;
		holder: string;
		/**
		 * Runs every job (due or not, still one holder at a time) as if the clock showed `asOf`:
		 * `mixite jobs run --at`, to replay a day's work after an outage, and for tests of dated messages.
		 */
		asOf?: Date;
	}
): Promise<JobOutcome[]> {
	const outcomes: JobOutcome[] = [];
	for (const job of jobs) {
		const now = options.now ?? new Date();
		if (!(await acquireLease(db, options.asOf ? { name: job.name, everyMs: 0 } : job, options.holder, now))) {
			outcomes.push({ name: job.name, status: 'not_due' });
			continue;
		}
		try {
			const result = await job.run(db, options.asOf ?? now);
			await db.update(jobLeases).set({ leasedUntil: null, holder: null, lastRunAt: now, lastResult: result }).where(eq(jobLeases.name, job.name));
			outcomes.push({ name: job.name, status: 'ran', result });
			logEvent('info', 'job_ran', { job: job.name, ...result });
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			logEvent('warn', 'job_failed', { job: job.name, ...errorFields(error) });
			await db
				.update(jobLeases)
				.set({ leasedUntil: null, holder: null, lastResult: { error: message.slice(0, 500) } })
				.where(eq(jobLeases.name, job.name))
				.catch(() => {});
			outcomes.push({ name: job.name, status: 'failed', error: message });
		}
	}
	return outcomes;
}

export interface Scheduler {
	stop(): Promise<void>;
}

/**
 * The scheduler inside the server: every `tickMs`, runs the due jobs whose lease this instance
 * gets. An outage or a failed job is logged; the next tick tries again.
 */
export function startScheduler(db: Db, jobs: readonly Job[], options: { tickMs?: number; firstTickMs?: number; holder?: string } = {}): Scheduler {
	const holder = options.holder ?? holderName();
	const tickMs = options.tickMs ?? 60_000;
	let stopped = false;
	let running: Promise<void> | undefined;
	let timer: NodeJS.Timeout | undefined;
	const schedule = (ms: number) => {
		if (stopped) return;
		timer = setTimeout(() => {
			running = runDueJobs(db, jobs, { holder })
				.then(
					() => {},
					(error) => logEvent('warn', 'scheduler_unavailable', errorFields(error))
				)
				.finally(() => {
					running = undefined;
					schedule(tickMs);
				});
		}, ms);
		timer.unref();
	};
	schedule(options.firstTickMs ?? 10_000);
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await running;
		}
	};
}
