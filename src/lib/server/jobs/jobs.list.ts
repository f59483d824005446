import { sendRenewalReminders } from '../agreements/agreements.usecases';
import { interventionJobs } from '../interventions/interventions.jobs';
import { portraitJobs } from '../portraits/portraits.schedule';
import type { Job } from './jobs.types';

/**
 * The scheduled work, run by the scheduler inside the server (jobs.runner.ts `startScheduler`) and
 * by `mixite jobs run` from cron. Each job is idempotent: its messages go through the outbox.
 */
export const JOBS: Job[] = [
	{
		name: 'agreement_reminders',
		everyMs: 60 * 60_000,
		async run(db) {
			const report = await sendRenewalReminders(db);
			return { sent: report.sent.length, noCoordinator: report.noCoordinator.length, failed: report.failed.length };
		}
	},
	...interventionJobs,
	...portraitJobs
];
