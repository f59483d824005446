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
 * When the process started, in clock ticks since boot (/proc/<pid>/stat, field 22), or null where
 * /proc is missing. Recorded in the lock beside the pid: a pid reused by another process after a
 * crash has another start time, so the lock is recognised as stale.
 */
function startTime(pid: number): string | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) is in parentheses and may hold spaces: count fields after it.
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
	} catch {
		return null;
	}
}

/** A lock written before start times were recorded holds only a pid: is that pid a node process at all? */
function looksLikeMixite(pid: number): boolean {
	try {
		const argv = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
		return argv.some((a) => /(^|\/)(node|mixite)[^/]*$/.test(a) || a.endsWith('mixite.js'));
	} catch {
		return true; // no /proc: a live pid is assumed to be the owner, as before
	}
}

/** Whether the process described by the lock file is still the one running under that pid. */
function ownerStillRunning(pid: number, recordedStart: string | undefined): boolean {
	if (!isAlive(pid)) return false;
	const current = startTime(pid);
	if (current === null) return looksLikeMixite(pid);
	return recordedStart ? recordedStart === current : looksLikeMixite(pid);
}

/**
 * PGlite accepts one process per data dir; a second one silently loses committed rows.
 * An exclusive lock file with the owner's pid and start time refuses the second process and
 * recovers from a crashed owner (dead pid, or a pid now used by another process).
 */
const heldHere = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => void {
	fs.mkdirSync(dataDir, { recursive: true });
	const lockPath = path.join(dataDir, 'mixite.lock');
	if (heldHere.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, `${process.pid} ${startTime(process.pid) ?? ''}`.trim(), { flag: 'wx' });
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
			const [pidText, recordedStart] = fs.readFileSync(lockPath, 'utf8').trim().split(/\s+/);
			const owner = Number.parseInt(pidText ?? '', 10);
			// Our own pid here is a lock left by an earlier run that got the same pid (containers): stale.
			if (Number.isFinite(owner) && owner !== process.pid && ownerStillRunning(owner, recordedStart)) {
				throw new DataDirLockedError(dataDir, owner);
			}
			fs.rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Impossible de verrouiller ${lockPath}`);
}
