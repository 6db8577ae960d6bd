import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runConcurrently, stoppedError } from '../helpers/concurrency';
import { AdaptiveLimit, DEFAULT_RETRY_POLICY, SortedProClient } from '../transport';
import { DEFAULT_OVERLAP_SECONDS, SAMPLE_DAYS } from './description';
import { askEvents, getConsignment, type EventQuery, type TriggerRow } from './eventSources';
import { prune, readState, unseen, writeState } from './pollState';

/** Requests in flight when Include Consignment gets the consignments of a poll. */
const PARALLEL_REQUESTS = 4;
/** A poll stops asking after this many requests; the rest comes with the next poll. */
export const MAX_REQUESTS_PER_POLL = 2000;
/** A window is not split below this. */
const MIN_WINDOW_MS = 1000;
/** An answer this long or longer, as long as the longest of the poll, may have been cut short. */
const MIN_CAP = 25;
const DAY_MS = 86_400_000;

interface TriggerSettings {
	query: EventQuery;
	label: string;
	includeConsignment: boolean;
	overlapMs: number;
	startFrom?: number;
}

/** The poll contexts that have polled: n8n keeps one per activation of the workflow. */
const polledContexts = new WeakSet<object>();

function readSettings(this: IPollFunctions): TriggerSettings {
	const byEvent = this.getNodeParameter('triggerOn', 'consignmentState') === 'consignmentEvent';
	const [field, label] = byEvent ? ['eventTypes', 'Event Types'] : ['states', 'States'];
	const values = this.getNodeParameter(field, []) as unknown;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const refuse = (name: string, problem: string) =>
		new NodeOperationError(this.getNode(), `"${name}" ${problem}`, {
			description: 'Fix the parameter. Nothing was sent to SortedPRO.',
		});
	if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string'))
		throw refuse(label, 'is empty: choose at least one');
	const overlap = Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS);
	if (!Number.isFinite(overlap) || overlap < 0 || overlap > 3600)
		throw refuse('Overlap (Seconds)', `must be a number from 0 to 3600, not ${String(overlap)}`);
	let startFrom: number | undefined;
	if (options.startFrom !== undefined && options.startFrom !== '') {
		startFrom = Date.parse(String(options.startFrom));
		if (!Number.isFinite(startFrom))
			throw refuse('Start From', `is not a date: ${String(options.startFrom)}`);
	}
	return {
		query: { triggerOn: byEvent ? 'consignmentEvent' : 'consignmentState', values },
		label: byEvent
			? `event of type ${values.join(', ')}`
			: `consignment in state ${values.join(', ')}`,
		includeConsignment: options.includeConsignment === true,
		overlapMs: overlap * 1000,
		startFrom,
	};
}

/**
 * The events of [start, end] not seen before. Nothing in the API pages an answer or says it was
 * cut short, so the halves of a window are asked again while its answer brings anything new, or
 * is as long as the longest answer of the poll (a cap, at MIN_CAP rows or more): 1 request when
 * nothing happened, 3 when an answer was whole.
 */
async function collect(
	client: SortedProClient,
	query: EventQuery,
	seen: Record<string, number>,
	start: number,
	end: number,
): Promise<{ rows: TriggerRow[]; complete: boolean }> {
	const rows: TriggerRow[] = [];
	let requests = 0;
	let complete = true;
	let longest = 0;
	const visit = async (from: number, to: number): Promise<void> => {
		if (requests >= MAX_REQUESTS_PER_POLL) {
			complete = false;
			return;
		}
		requests++;
		const answer = await askEvents(client, query, from, to);
		const fresh = unseen(seen, answer, end);
		rows.push(...fresh);
		const full = answer.length >= Math.max(longest, MIN_CAP);
		longest = Math.max(longest, answer.length);
		if ((fresh.length === 0 && !full) || to - from <= MIN_WINDOW_MS) return;
		const middle = from + Math.floor((to - from) / 2);
		await visit(from, middle);
		await visit(middle, to);
	};
	await visit(start, end);
	// Stable: events without a date keep SortedPRO's order, after those dated before the poll's end.
	rows.sort((a, b) => (a.time ?? end) - (b.time ?? end));
	return { rows, complete };
}

/** One item per row, with its consignment when asked for (a 404 is said on the item). */
async function toItems(
	client: SortedProClient,
	rows: TriggerRow[],
	includeConsignment: boolean,
): Promise<INodeExecutionData[]> {
	if (!includeConsignment) return rows.map((row) => ({ json: row.json }));
	try {
		return await runConcurrently(
			rows.length,
			PARALLEL_REQUESTS,
			async (index) => {
				const { json, reference } = rows[index];
				const consignment = await getConsignment(client, reference);
				return consignment
					? { json: { ...json, Consignment: consignment } }
					: {
							json: {
								...json,
								ConsignmentError: `SortedPRO answered 404: consignment ${reference} was not found`,
							},
						};
			},
			true,
		);
	} catch (error) {
		throw stoppedError(error, rows.length);
	}
}

/** Fetch Test Event: the most recent matching event of the last days; the window is left alone. */
async function sample(
	this: IPollFunctions,
	client: SortedProClient,
	settings: TriggerSettings,
	end: number,
): Promise<INodeExecutionData[][]> {
	const rows = await askEvents(client, settings.query, end - SAMPLE_DAYS * DAY_MS, end);
	if (rows.length === 0)
		throw new NodeOperationError(
			this.getNode(),
			`No ${settings.label} in SortedPRO in the last ${SAMPLE_DAYS} days`,
			{
				description:
					'Fetch Test Event shows the most recent matching event of the last days. Make one happen in SortedPRO, or choose other states or types, and fetch again. An active workflow is started by each new event once.',
			},
		);
	const latest = rows.reduce((a, b) => ((b.time ?? end) >= (a.time ?? end) ? b : a));
	return [await toItems(client, [latest], settings.includeConsignment)];
}

/**
 * One poll: the events since the last successful poll (less the overlap), those already emitted
 * dropped. The first poll of an activation, or of a new query, starts at once (or at Start
 * From); a failed poll throws before anything is stored, so the next one asks the same window.
 */
export async function pollEvents(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings.call(this);
	const { query, overlapMs } = settings;
	const client = await SortedProClient.open(this, {
		format: 'json',
		policy: DEFAULT_RETRY_POLICY,
		limit: new AdaptiveLimit(PARALLEL_REQUESTS),
	});
	const end = Date.now();
	const staticData = this.getWorkflowStaticData('node');
	if (this.getMode() === 'manual') {
		// The state-events path the active workflow found, if any; a sample stores nothing.
		if (typeof staticData.statePath === 'string') query.statePath = staticData.statePath;
		return await sample.call(this, client, settings, end);
	}
	const fingerprint = `${query.triggerOn}:${[...query.values].sort().join(',')}`;
	const stored = readState(staticData, fingerprint);
	const activated = !polledContexts.has(this) && this.getActivationMode() === 'activate';
	// undefined: nothing is emitted, what the window holds is only remembered as seen
	const from = stored ? (activated ? undefined : stored.since) : settings.startFrom;
	const seen = stored?.seen ?? {};
	query.statePath = stored?.statePath;

	const { rows, complete } = await collect(client, query, seen, (from ?? end) - overlapMs, end);
	const items = from === undefined ? [] : await toItems(client, rows, settings.includeConsignment);
	const since = complete || from === undefined ? end : from;
	writeState(staticData, {
		query: fingerprint,
		since,
		seen: prune(seen, since - overlapMs),
		statePath: query.statePath,
	});
	polledContexts.add(this);
	return items.length > 0 ? [items] : null;
}
