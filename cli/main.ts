import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';
import { migrateCommand } from './commands/migrate';
import { seedCommand } from './commands/seed';
import { serveCommand } from './commands/serve';
import { userCreateCommand } from './commands/user-create';
import { retentionCommand } from './commands/retention';
import { remindersCommand } from './commands/reminders';
import { territoryCreateCommand } from './commands/territory-create';
import type { Command } from './command';
import { DataDirLockedError } from '../src/lib/server/db/lock';

const COMMANDS: Record<string, Command> = {
	serve: serveCommand,
	migrate: migrateCommand,
	seed: seedCommand,
	demo: demoCommand,
	check: checkCommand,
	reminders: remindersCommand,
	'user create': userCreateCommand,
	retention: retentionCommand,
	'territory create': territoryCreateCommand
};

function usage(): string {
	const lines = Object.entries(COMMANDS).map(([name, c]) => `  mixite ${name.padEnd(12)} ${c.summary}`);
	return `Mixité Industrie — ligne de commande\n\nUsage : mixite <commande> [options]\n\n${lines.join('\n')}\n\nmixite <commande> --help affiche l’aide d’une commande.\nVariables : DATA_DIR (défaut ./data), DATABASE_URL (PostgreSQL), PORT (défaut 3000), ORIGIN.`;
}

export async function main(argv: string[]): Promise<number> {
	const grouped = argv[0] === 'user' || argv[0] === 'territory';
	const name = grouped ? `${argv[0]} ${argv[1] ?? ''}`.trim() : argv[0];
	const rest = grouped ? argv.slice(2) : argv.slice(1);
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage());
		return name ? 0 : 1;
	}
	const command = COMMANDS[name];
	if (!command) {
		console.error(`Commande inconnue : ${name}\n\n${usage()}`);
		return 2;
	}
	if (rest.includes('--help') || rest.includes('-h')) {
		console.log(`mixite ${name} — ${command.summary}\n\n${command.help}`);
		return 0;
	}
	try {
		return await command.run(rest);
	} catch (error) {
		if (error instanceof DataDirLockedError) {
			console.error(error.message);
			return 3;
		}
		console.error(error instanceof Error ? error.message : error);
		return 1;
	}
}
