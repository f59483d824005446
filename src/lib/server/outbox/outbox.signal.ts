/**
 * The in-process nudge: `enqueueMail` calls `signalEnqueued`, and the delivery loop of this process
 * (outbox.loop.ts) wakes at once instead of waiting for its next poll. Other instances find the
 * message at their next poll.
 */
const listeners = new Set<() => void>();

export function onEnqueued(listener: () => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

export function signalEnqueued(): void {
	for (const listener of listeners) listener();
}
