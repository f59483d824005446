import { serveCommand } from './commands/serve';
import { splitCommandLine, terminalIo, type Command } from './command';
import { DataDirLockedError } from '../src/lib/server/db/lock';

/**
 * `serve` runs the built server (build/index.js), which holds every module of the platform. The
 * other commands run the sources through tsx: they are imported only when one of them is asked
 * for, or the server's modules would be loaded twice by `serve` (start time and memory, issue #9).
 */
async function commands(name: string): Promise<Record<string, Command>> {
	if (name === 'serve') return { serve: serveCommand };
	const { DATABASE_COMMANDS } = await import('./commands');
	return { serve: serveCommand, ...DATABASE_COMMANDS };
}

function usage(known: Record<string, Command>): string {
	const lines = Object.entries(known).map(([name, c]) => `  mixite ${name.padEnd(12)} ${c.summary}`);
	return `Mixité Industrie — ligne de commande\n\nUsage : mixite <commande> [options]\n\n${lines.join('\n')}\n\nmixite <commande> --help affiche l’aide d’une commande.\nVariables : DATA_DIR (défaut ./data), DATABASE_URL (PostgreSQL), PORT (défaut 3000), ORIGIN.`;
}

export async function main(argv: string[]): Promise<number> {
	const { name, rest } = splitCommandLine(argv);
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		console.log(usage(await commands('')));
		return name ? 0 : 1;
	}
	const known = await commands(name);
	const command = known[name];
	if (!command) {
		console.error(`Commande inconnue : ${name}\n\n${usage(known)}`);
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
			const { runThroughServer } = await import('./control-client');
			const code = command === serveCommand ? null : await runThroughServer(argv, terminalIo);
			if (code !== null) return code;
			console.error(error.message);
			return 3;
		}
		console.error(error instanceof Error ? error.message : error);
		return 1;
	}
}
