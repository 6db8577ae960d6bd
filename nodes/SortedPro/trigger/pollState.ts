import type { IDataObject } from 'n8n-workflow';

import type { TriggerRow } from './eventSources';

/**
 * What the trigger keeps between polls in the workflow's static data (n8n saves it with the
 * workflow, so it outlives a restart): where the next window starts, the keys of the events
 * already emitted that a later window may return again, and the state-events path that answered.
 */
export interface PollState {
	/** The states or event types polled for: another query starts afresh */
	query: string;
	/** End of the last successful poll (ms): the next window starts here, less the overlap */
	since: number;
	/** Event key → when it happened, or when it was first seen for events without a date (ms) */
	seen: Record<string, number>;
	statePath?: string;
}

/** At most this many keys are kept, the newest first (a backlog is the only way to reach it). */
export const MAX_SEEN_KEYS = 10_000;
/** Kept a little longer than the next window needs, for clocks that jump. */
const KEEP_MARGIN_MS = 60_000;

export function readState(staticData: IDataObject, query: string): PollState | undefined {
	const since = Date.parse(String(staticData.since));
	if (staticData.query !== query || !Number.isFinite(since)) return undefined;
	const seen =
		typeof staticData.seen === 'object' && staticData.seen !== null ? staticData.seen : {};
	return {
		query,
		since,
		seen: { ...(seen as Record<string, number>) },
		statePath: typeof staticData.statePath === 'string' ? staticData.statePath : undefined,
	};
}

/** Replaces the static data in place (n8n keeps the object it handed out). */
export function writeState(staticData: IDataObject, state: PollState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, {
		query: state.query,
		since: new Date(state.since).toISOString(),
		seen: state.seen,
		...(state.statePath && { statePath: state.statePath }),
	});
}

/** The rows not seen before (nor twice in `rows`), now recorded as seen. */
export function unseen(
	seen: Record<string, number>,
	rows: TriggerRow[],
	end: number,
): TriggerRow[] {
	const fresh: TriggerRow[] = [];
	for (const row of rows) {
		if (Object.hasOwn(seen, row.key)) continue;
		seen[row.key] = row.time ?? end;
		fresh.push(row);
	}
	return fresh;
}

/**
 * The keys a window starting at `nextStart` may still return: an event at time t comes back
 * only in a window that starts before t. The newest MAX_SEEN_KEYS at most.
 */
export function prune(seen: Record<string, number>, nextStart: number): Record<string, number> {
	const kept = Object.entries(seen).filter(([, time]) => time >= nextStart - KEEP_MARGIN_MS);
	if (kept.length > MAX_SEEN_KEYS) kept.sort((a, b) => b[1] - a[1]).length = MAX_SEEN_KEYS;
	return Object.fromEntries(kept);
}
