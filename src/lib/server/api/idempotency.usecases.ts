import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import { DomainError } from '../shared/errors';
import type { TerritoryScope } from '../shared/scope';
import * as repo from './idempotency.repository';

/** How long a key is remembered (Stripe keeps them 24 hours too). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Printable ASCII, up to 255 characters: a UUID v4 is the expected choice. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface ApiAnswer {
	status: number;
	body: unknown;
	location?: string | null;
}

export type IdempotentOutcome = { answer: ApiAnswer; replayed: boolean };

/** The request a key stands for: method, path and JSON body with its keys sorted (member order is not meaning). */
export function requestFingerprint(method: string, path: string, body: unknown): string {
	return createHash('sha256')
		.update(`${method} ${path}\n${canonicalJson(body)}`)
		.digest('hex');
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * Carries out `write` once per (territory, caller, key): the answer is stored in the same
 * transaction as the write, so either both exist or neither. A retry with the same request gets
 * the stored answer (replayed: true); with another request, 422; while the first is still being
 * carried out, 409. Only successful writes are stored: a refused request changed nothing, and the
 * client may correct it and send it again under the same key.
 */
export async function runIdempotent(
	db: Db,
	scope: TerritoryScope,
	request: { caller: string; key: string; fingerprint: string; now?: Date },
	write: (tx: Db) => Promise<ApiAnswer>
): Promise<IdempotentOutcome> {
	if (!IDEMPOTENCY_KEY_PATTERN.test(request.key)) throw new DomainError('idempotency.invalid_key', 400);
	const now = request.now ?? new Date();
	return db.transaction(async (tx) => {
		if (!(await repo.tryLockKey(tx, scope, request.caller, request.key))) throw new DomainError('idempotency.in_progress', 409);
		await repo.deleteExpiredKeys(tx, scope, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS));
		const stored = await repo.findKey(tx, scope, request.caller, request.key);
		if (stored) {
			if (stored.requestHash !== request.fingerprint) throw new DomainError('idempotency.key_reused', 422);
			return { answer: { status: stored.status, body: stored.body, location: stored.location }, replayed: true };
		}
		const answer = await write(tx);
		await repo.insertKey(tx, scope, {
			caller: request.caller,
			key: request.key,
			requestHash: request.fingerprint,
			status: answer.status,
			body: answer.body,
			location: answer.location ?? null
		});
		return { answer, replayed: false };
	});
}
