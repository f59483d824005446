import { DATABASE_COMMANDS, splitCommandLine } from './commands';
import { serveCommand } from './commands/serve';
import { terminalIo, type Command } from './command';
import { runThroughServer } from './control-client';
import { DataDirLockedError } from '../src/lib/server/db/lock';

const COMMANDS: Record<string, Command> = { serve: serveCommand, ...DATABASE_COMMANDS };

function usage(): string {
	const lines = Object.entries(COMMANDS).map(([name, c]) => `  mixite ${name.padEnd(12)} ${c.summary}`);
	return `Mixité Industrie — ligne de commande\n\nUsage : mixite <commande> [options]\n\n${lines.join('\n')}\n\nmixite <commande> --help affiche l’aide d’une commande.\nVariables : DATA_DIR (défaut ./data), DATABASE_URL (PostgreSQL), PORT (défaut 3000), ORIGIN.`;
}

export async function main(argv: string[]): Promise<number> {
	const { name, rest } = splitCommandLine(argv);
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
		return await command.run(rest, terminalIo);
	} catch (error) {
		if (error instanceof DataDirLockedError) {
			// The embedded database is held by a running server: it carries the command out for us.
			const code = command === serveCommand ? null : await runThroughServer(argv, terminalIo);
			if (code !== null) return code;
			console.error(error.message);
			return 3;
		}
		console.error(error instanceof Error ? error.message : error);
		return 1;
	}
}
