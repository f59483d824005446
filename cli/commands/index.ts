import type { Command } from '../command';
import { checkCommand } from './check';
import { demoCommand } from './demo';
import { ficheCommand } from './fiche';
import { importCommand } from './import';
import { jobsRunCommand } from './jobs-run';
import { migrateCommand } from './migrate';
import { remindersCommand } from './reminders';
import { reportCommand } from './report';
import { retentionCommand } from './retention';
import { seedCommand } from './seed';
import { territoryCreateCommand } from './territory-create';
import { userCreateCommand } from './user-create';

/**
 * The commands that work on a database, whoever runs them: the terminal, or a running server on
 * behalf of the terminal (control socket). `serve` is not here: it is added by cli/main.ts.
 */
export const DATABASE_COMMANDS: Record<string, Command> = {
	migrate: migrateCommand,
	seed: seedCommand,
	demo: demoCommand,
	check: checkCommand,
	reminders: remindersCommand,
	'user create': userCreateCommand,
	retention: retentionCommand,
	'territory create': territoryCreateCommand,
	fiche: ficheCommand,
	report: reportCommand,
	import: importCommand,
	'jobs run': jobsRunCommand
};
