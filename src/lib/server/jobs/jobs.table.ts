import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One row per scheduled job: the instance holding an unexpired lease runs it, so that among several
 * server instances (and `mixite jobs run` from cron) only one runs each job at a time.
 */
export const jobLeases = pgTable('job_leases', {
	name: text('name').primaryKey(),
	holder: text('holder'),
	leasedUntil: timestamp('leased_until', { withTimezone: true }),
	lastRunAt: timestamp('last_run_at', { withTimezone: true }),
	lastResult: jsonb('last_result')
});
