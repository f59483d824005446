import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
	readonly code = 'db.data_dir_locked';
	constructor(
		readonly dataDir: string,
		readonly pid: number
	) {
		super(
			`Le dossier de données ${dataDir} est déjà ouvert par un autre processus (pid ${pid}). ` +
				`Arrêtez-le avant d'en lancer un second : deux processus sur la même base PGlite perdent des données. ` +
				`(The data directory is already in use by process ${pid}.)`
		);
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * PGlite accepts one process per data dir; a second one silently loses committed rows.
 * An exclusive lock file with the owner's pid refuses the second process and recovers
 * from a crashed owner (stale pid).
 */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockPath = path.join(dataDir, 'mixite.lock');
	if (heldHere.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
			heldHere.add(lockPath);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				heldHere.delete(lockPath);
				fs.rmSync(lockPath, { force: true });
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
			// Our own pid here is a lock left by an earlier run that got the same pid (containers): stale.
			if (Number.isFinite(owner) && owner !== process.pid && isAlive(owner)) {
				throw new DataDirLockedError(dataDir, owner);
			}
			fs.rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Impossible de verrouiller ${lockPath}`);
}
