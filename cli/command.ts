import { openConfiguredDatabase, prepareDatabase } from '../src/lib/server/bootstrap';
import type { Database } from '../src/lib/server/db/client';
import { DEFAULT_TERRITORY } from '../src/lib/server/seed/default-territory';
import { findTerritoryBySlug } from '../src/lib/server/territories/territories.repository';

/**
 * Where a command writes and which database it uses. In a terminal: the console and a database
 * opened for the command. Inside a running server (control socket): the socket and the server's
 * own database, already open, migrated and seeded.
 */
export interface CommandIo {
	out(text: string): void;
	err(text: string): void;
	/** The terminal's working directory, against which relative paths given on the command line are read. */
	cwd?: string;
	withDatabase<T>(fn: (database: Database) => Promise<T>, options?: { prepare?: boolean }): Promise<T>;
}

export interface Command {
	summary: string;
	help: string;
	run(args: string[], io: CommandIo): Promise<number>;
}

/** The terminal: console output; opens the configured database (migrated and seeded), runs fn, always closes it. */
export const terminalIo: CommandIo = {
	out: (text) => console.log(text),
	err: (text) => console.error(text),
	cwd: process.cwd(),
	async withDatabase(fn, options = {}) {
		const database = await openConfiguredDatabase();
		try {
			if (options.prepare !== false) await prepareDatabase(database, () => {});
			return await fn(database);
		} finally {
			await database.close();
		}
	}
};

export function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	if (i >= 0) return args[i + 1];
	const inline = args.find((a) => a.startsWith(`--${name}=`));
	return inline?.slice(name.length + 3);
}

/** The territory named by --territory (default: the seeded one), or null after printing why. */
export async function territoryOption(db: Database['db'], args: string[], io: CommandIo) {
	const slug = option(args, 'territory') ?? DEFAULT_TERRITORY.slug;
	const territory = await findTerritoryBySlug(db, slug);
	if (!territory) io.err(`Territoire inconnu : ${slug}`);
	return territory;
}
