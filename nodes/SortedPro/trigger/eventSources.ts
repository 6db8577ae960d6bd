import { NodeApiError, type IDataObject, type NodeOperationError } from 'n8n-workflow';

import { apiPath, parseJson, type SortedProClient } from '../transport';
import { httpStatusOf, keepMessage } from '../transport/errors';

/** One event as the trigger emits it, with the key that makes it the same event again. */
export interface TriggerRow {
	key: string;
	/** When it happened (ms), if SortedPRO says */
	time?: number;
	reference: string;
	json: IDataObject;
}

/** What a poll asks SortedPRO, and where the state-events path answered last. */
export interface EventQuery {
	triggerOn: 'consignmentEvent' | 'consignmentState';
	/** Event types or states, as SortedPRO names them */
	values: string[];
	/** The state-events path that answered before, if any */
	statePath?: string;
}

/**
 * The state-events path: the SDK's ApiEndpoint names the first, every docs page the second;
 * no source says which one SortedPRO routes (see docs/trigger.md).
 */
export const STATE_EVENT_PATHS = [
	'/events/consignmentstateevents',
	'/events/consignments/stateevents',
];
const EVENTS_PATH = '/events/consignments';

/** A DateTimeOffset with the explicit UTC offset the sources advise. */
const offsetDate = (ms: number) => new Date(ms).toISOString().replace(/Z$/, '+00:00');

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The list of an answer: a bare array, or an object holding it (the SDK shows both). */
function listOf(answer: unknown, wrappers: string[]): unknown[] {
	if (Array.isArray(answer)) return answer;
	if (isObject(answer)) {
		for (const name of wrappers) if (Array.isArray(answer[name])) return answer[name];
		const lists = Object.values(answer).filter(Array.isArray);
		if (lists.length === 1) return lists[0];
	}
	throw new Error('it is neither a list of events nor an object holding one');
}

function referenceOf(row: unknown): string {
	const reference = isObject(row) ? text(row.ConsignmentReference) : undefined;
	if (!reference) throw new Error('an event in it has no ConsignmentReference');
	return reference;
}

/** A ConsignmentEventPayload, its EventDetails lifted to the top. */
function eventRow(row: IDataObject): TriggerRow {
	const reference = referenceOf(row);
	const details = isObject(row.EventDetails) ? row.EventDetails : {};
	const lines = Array.isArray(details.EventDetails) ? details.EventDetails : [];
	const extra = Array.isArray(row.AdditionalInformation) ? row.AdditionalInformation : [];
	const type = text(details.EventType);
	const date = text(details.EventDate);
	const json: IDataObject = {
		EventType: type,
		EventDate: date,
		Message: details.Message,
		User: details.User,
		ConsignmentReference: reference,
		ConsignmentReferenceProvidedByCustomer: row.ConsignmentReferenceProvidedByCustomer,
		ConsignmentState: row.ConsignmentState,
		EventId: row.EventId,
		Details: lines.map((line) => (isObject(line) ? line.Detail : line)),
		AdditionalInformation: Object.fromEntries(
			extra.filter(isObject).map((entry) => [String(entry.Key), entry.Value]),
		),
		Links: row.Links,
	};
	const id = text(row.EventId);
	const time = date === undefined ? undefined : Date.parse(date);
	return {
		key: id ? `id:${id.toLowerCase()}` : `${reference}|${type}|${date}`,
		time: Number.isFinite(time) ? time : undefined,
		reference,
		json,
	};
}

/** A ConsignmentPayload: no id and no date, so the same consignment in the same state is the same event. */
function stateRow(row: IDataObject): TriggerRow {
	const reference = referenceOf(row);
	return { key: `${reference}|${String(row.ConsignmentState)}`, reference, json: { ...row } };
}

/** Reads an events answer: an empty body is no events; rows of other types or states are dropped. */
function readRows(body: string, query: EventQuery): TriggerRow[] {
	if (body.trim() === '') return [];
	const byEvent = query.triggerOn === 'consignmentEvent';
	const list = listOf(parseJson(body), byEvent ? ['Events'] : ['Consignments', 'Events']);
	const rows = list.map((row) => {
		if (!isObject(row)) throw new Error('an event in it is not an object');
		return byEvent ? eventRow(row) : stateRow(row);
	});
	const field = byEvent ? 'EventType' : 'ConsignmentState';
	return rows.filter((row) => query.values.includes(String(row.json[field])));
}

async function ask(
	client: SortedProClient,
	path: string,
	body: IDataObject,
	query: EventQuery,
): Promise<TriggerRow[]> {
	const call = {
		method: 'POST' as const,
		path,
		body: JSON.stringify(body),
		format: 'json' as const,
	};
	const { value } = await client.read(
		{ ...call, readOnly: true },
		async (answer) => readRows(answer, query),
		undefined,
		(error) => `SortedPRO's answer to the events query could not be read: ${error.message}`,
	);
	return value;
}

type Settled<T> = { value: T } | { failure: NodeApiError | NodeOperationError };

/** A call's value or its failure (the client throws only NodeApiError and NodeOperationError). */
async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value) => ({ value }),
		(failure: NodeApiError | NodeOperationError) => ({ failure }),
	);
}

function unwrap<T>(settled: Settled<T>): T {
	if ('failure' in settled) throw settled.failure;
	return settled.value;
}

const notFound = (error: unknown): error is NodeApiError =>
	error instanceof NodeApiError && httpStatusOf(error) === '404';

/**
 * The events of [start, end]. State events try the path that answered before (else the SDK's),
 * then the other on a 404, and remember the one that answered in `query.statePath`.
 */
export async function askEvents(
	client: SortedProClient,
	query: EventQuery,
	start: number,
	end: number,
): Promise<TriggerRow[]> {
	const window = { Start: offsetDate(start), End: offsetDate(end) };
	if (query.triggerOn === 'consignmentEvent')
		return await ask(client, EVENTS_PATH, { EventTypes: query.values, ...window }, query);
	const body = { ConsignmentStates: query.values, ...window };
	const first = query.statePath ?? STATE_EVENT_PATHS[0];
	const second = STATE_EVENT_PATHS.find((path) => path !== first) as string;
	const atFirst = await settle(ask(client, first, body, query));
	if (!('failure' in atFirst) || !notFound(atFirst.failure)) return unwrap(atFirst);
	const atSecond = await settle(ask(client, second, body, query));
	if ('value' in atSecond) query.statePath = second;
	if (!('failure' in atSecond) || !notFound(atSecond.failure)) return unwrap(atSecond);
	const message = `SortedPRO answered 404 to the state-events query at both ${first} and ${second}: ${atSecond.failure.message}`;
	throw keepMessage(atSecond.failure, message);
}

/** The whole consignment an event is about, or undefined when SortedPRO no longer has it (404). */
export async function getConsignment(
	client: SortedProClient,
	reference: string,
): Promise<IDataObject | undefined> {
	const outcome = await settle(
		client.get(apiPath('consignments', reference), async (body) => {
			const value = parseJson(body);
			if (!isObject(value)) throw new Error('it is not a consignment');
			return value;
		}),
	);
	return 'failure' in outcome && notFound(outcome.failure) ? undefined : unwrap(outcome);
}
