import { openConfiguredDatabase, prepareDatabase } from '../src/lib/server/bootstrap';
import type { Database } from '../src/lib/server/db/client';
import { DEFAULT_TERRITORY } from '../src/lib/server/seed/default-territory';
import { findTerritoryBySlug } from '../src/lib/server/territories/territories.repository';

export interface Command {
	summary: string;
	help: string;
	run(args: string[]): Promise<number>;
}

/** Opens the configured database (migrated and seeded), runs fn, always closes it. */
export async function withDatabase<T>(fn: (database: Database) => Promise<T>, options: { prepare?: boolean } = {}): Promise<T> {
	const database = await openConfiguredDatabase();
	try {
		if (options.prepare !== false) await prepareDatabase(database, () => {});
		return await fn(database);
	} finally {
		await database.close();
	}
}

export function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(`--${name}`);
	if (i >= 0) return args[i + 1];
	const inline = args.find((a) => a.startsWith(`--${name}=`));
	return inline?.slice(name.length + 3);
}

/** The territory named by --territory (default: the seeded one), or null after printing why. */
export async function territoryOption(db: Database['db'], args: string[]) {
	const slug = option(args, 'territory') ?? DEFAULT_TERRITORY.slug;
	const territory = await findTerritoryBySlug(db, slug);
	if (!territory) console.error(`Territoire inconnu : ${slug}`);
	return territory;
}
