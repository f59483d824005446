import type { Db } from '../db/client';
import { ERASURE, REGISTER } from './register';

/** Applies every retention rule and processes erasure requests, in one transaction. */
export async function applyRetention(db: Db, now = new Date()): Promise<{ rule: string; rows: number }[]> {
	return db.transaction(async (tx) => {
		const report: { rule: string; rows: number }[] = [];
		for (const entry of REGISTER) {
			if (!entry.apply) continue;
			const result = (await tx.execute(entry.apply(now))) as unknown as { rowCount?: number; affectedRows?: number };
			report.push({ rule: entry.data, rows: Number(result.rowCount ?? result.affectedRows ?? 0) });
		}
		let erased = 0;
		for (const [i, statement] of ERASURE.entries()) {
			const result = (await tx.execute(statement)) as unknown as { rowCount?: number; affectedRows?: number };
			if (i === 0) erased = Number(result.rowCount ?? result.affectedRows ?? 0);
		}
		report.push({ rule: 'Demandes d’effacement', rows: erased });
		return report;
	});
}
