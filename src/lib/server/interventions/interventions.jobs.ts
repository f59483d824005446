import type { Job } from '../jobs/jobs.types';
import { runInterventionSchedule } from './interventions.schedule';

/** The interventions' scheduled work, for the jobs runner (scheduler in the server, `mixite jobs run`). */
export const interventionJobs: Job[] = [
	{
		name: 'interventions.schedule',
		everyMs: 15 * 60_000,
		run: (db, now) => runInterventionSchedule(db, now)
	}
];

/** Runs every intervention job once, directly (tests, the CLI). */
export async function runInterventionJobs(db: Parameters<Job['run']>[0], now = new Date()) {
	const results: Record<string, Record<string, number>> = {};
	for (const job of interventionJobs) results[job.name] = await job.run(db, now);
	return results;
}
