import type { Database } from '../src/lib/server/db/client';

// This module stays light (no static import of the server's modules): `mixite serve` loads it, and
// everything it imported would be loaded a second time beside the built server (cli/main.ts).

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
		const { openConfiguredDatabase, prepareDatabase } = await import('../src/lib/server/bootstrap');
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

/** `user create --admin` → name "user create", rest ["--admin"]. */
export function splitCommandLine(argv: string[]): { name: string | undefined; rest: string[] } {
	const grouped = argv[0] === 'user' || argv[0] === 'territory' || argv[0] === 'jobs';
	return {
		name: grouped ? `${argv[0]} ${argv[1] ?? ''}`.trim() : argv[0],
		rest: grouped ? argv.slice(2) : argv.slice(1)
	};
}
