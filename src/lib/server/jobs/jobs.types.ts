import type { Db } from '../db/client';

/**
 * A scheduled job: run by the scheduler inside the server every `everyMs` (only the instance that
 * holds its lease in job_leases runs it) or by `mixite jobs run` from cron. `run` must be
 * idempotent: it may run again after a crash, and sends nothing twice.
 */
export interface Job {
	name: string;
	everyMs: number;
	run(db: Db, now: Date): Promise<Record<string, number>>;
}
