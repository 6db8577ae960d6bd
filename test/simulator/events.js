'use strict';
/**
 * SortedPRO's Events API (sources §7): every state a consignment enters and every consignment
 * event (created, labels printed, …) is logged, dated by the simulator's clock, and answered
 * by `POST /events/consignments` and the state-events path. What the sources leave open is an
 * option: the answer's wrapper (`eventsAnswer`), which state-events path is routed
 * (`stateEventsPath`), a cap and the order of an answer (`eventsCap`, `eventsOrder`), and the
 * server's clock (`clockOffsetMs`).
 */
const { randomUUID } = require('crypto');
const { detail, validationFailed } = require('./errors');
const { jsonAnswer, noRoute, readBody } = require('./http-answers');

const EVENT_TYPES = [
	'ConsignmentCreated',
	'ConsignmentUpdated',
	'LabelsPrinted',
	'PackageAdded',
	'PackageRemoved',
	'PackageUpdated',
	'Rescheduled',
];
const STATE_PATHS = {
	sdk: '/events/consignmentstateevents',
	docs: '/events/consignments/stateevents',
};

/** A DateTimeOffset as other v1 answers write them: 7 decimals and an offset. @param {number} ms */
const offsetDate = (ms) => new Date(ms).toISOString().replace(/Z$/, '0000+00:00');

/**
 * @typedef {{ kind: 'state' | 'event', reference: string, customerReference?: string,
 *   state?: string, type?: string, id?: string, message?: string, time: number }} LoggedEvent
 */

class EventLog {
	constructor() {
		/** @type {LoggedEvent[]} */
		this.entries = [];
		/** the server's clock; index.js adds the clockOffsetMs option */
		this.now = () => Date.now();
	}

	clear() {
		this.entries.length = 0;
	}

	/** @param {Partial<LoggedEvent> & { reference: string }} entry */
	add(entry) {
		const kind = entry.state ? 'state' : 'event';
		const id = kind === 'event' ? (entry.id ?? randomUUID()) : undefined;
		this.entries.push({ ...entry, kind, id, time: entry.time ?? this.now() });
	}

	/**
	 * A consignment record whose state changes are logged (the routes set `c.state`).
	 * @template {{ state: string, reference: string }} T @param {T} record @returns {T}
	 */
	track(record) {
		let state = record.state;
		Object.defineProperty(record, 'state', {
			enumerable: true,
			configurable: true,
			get: () => state,
			set: (value) => {
				if (value === state) return;
				state = value;
				this.add({ reference: record.reference, state: value, ...customerOf(record) });
			},
		});
		return record;
	}
}

/** @param {any} c */
const customerOf = (c) => {
	const customer = c.customerReference ?? c.ConsignmentReferenceProvidedByCustomer;
	return customer ? { customerReference: customer } : {};
};

/** @param {any} ctx @param {LoggedEvent} e */
function eventPayload(ctx, e) {
	const c = ctx.store.get(e.reference);
	return {
		EventId: e.id,
		ConsignmentReference: e.reference,
		ConsignmentReferenceProvidedByCustomer: e.customerReference ?? null,
		ConsignmentState: c?.state ?? null,
		EventDetails: {
			EventType: e.type,
			Message: e.message ?? `${e.type} for consignment ${e.reference}`,
			EventDate: offsetDate(e.time),
			User: 'api.user@example.com',
			EventDetails: [],
		},
		Links: [{ Rel: 'detail', Href: `${ctx.options.linkBaseUrl}/consignments/${e.reference}` }],
		AdditionalInformation: [],
	};
}

/** @param {any} ctx @param {LoggedEvent} e */
function statePayload(ctx, e) {
	const c = ctx.store.get(e.reference) ?? {};
	return {
		ConsignmentReference: e.reference,
		ConsignmentReferenceProvidedByCustomer: e.customerReference ?? null,
		ConsignmentTrackingReference: c.trackingReference ?? null,
		ConsignmentState: e.state,
		CarrierServiceReference: c.carrierServiceReference ?? null,
		Packages: [],
		ConsignmentLegs: [],
		DateDelivered: e.state === 'Delivered' ? offsetDate(e.time) : null,
	};
}

/** @param {any} body @param {string} field @param {string[] | null} known */
function readQuery(body, field, known) {
	const values = body?.[field];
	const problems = [];
	if (!Array.isArray(values) || values.length === 0)
		problems.push(detail('Required', field, `${field} must be a non-empty array`));
	else
		values.forEach((v, i) => {
			if (typeof v !== 'string' || (known && !known.includes(v)))
				problems.push(detail('InvalidValue', `${field}[${i}]`, `Unknown value ${String(v)}`));
		});
	const bounds = ['Start', 'End'].map((name) => {
		const time = Date.parse(body?.[name]);
		if (!Number.isFinite(time))
			problems.push(detail('Required', name, `${name} must be a DateTimeOffset`));
		return time;
	});
	if (problems.length) throw validationFailed(problems);
	return { values: /** @type {string[]} */ (values), start: bounds[0], end: bounds[1] };
}

/**
 * The logged events of a kind whose value is asked for and whose time is within [Start, End]
 * (both bounds included: the sources do not say), oldest first unless eventsOrder is 'desc',
 * at most eventsCap of them.
 * @param {any} ctx @param {any} req @param {'state' | 'event'} kind
 */
async function query(ctx, req, kind) {
	const field = kind === 'event' ? 'EventTypes' : 'ConsignmentStates';
	const body = await readBody(req, 'ConsignmentEventRequest');
	const { values, start, end } = readQuery(body, field, kind === 'event' ? EVENT_TYPES : null);
	const found = ctx.store.events.entries.filter(
		(/** @type {LoggedEvent} */ e) =>
			e.kind === kind &&
			values.includes(/** @type {string} */ (kind === 'event' ? e.type : e.state)) &&
			e.time >= start &&
			e.time <= end,
	);
	found.sort((/** @type {LoggedEvent} */ a, /** @type {LoggedEvent} */ b) => a.time - b.time);
	if (ctx.options.eventsOrder === 'desc') found.reverse();
	const cap = ctx.options.eventsCap;
	const list = found.slice(0, cap > 0 ? cap : undefined);
	return list.map((/** @type {LoggedEvent} */ e) =>
		kind === 'event' ? eventPayload(ctx, e) : statePayload(ctx, e),
	);
}

/** @param {any} ctx @param {any} req */
async function consignmentEvents(ctx, req) {
	const list = await query(ctx, req, 'event');
	return jsonAnswer(200, ctx.options.eventsAnswer === 'array' ? list : { Events: list });
}

/** @param {'sdk' | 'docs'} which */
const stateEvents = (which) => async (/** @type {any} */ ctx, /** @type {any} */ req) => {
	const served = ctx.options.stateEventsPath;
	if (served !== 'both' && served !== which) throw noRoute(req.path);
	return jsonAnswer(200, await query(ctx, req, 'state'));
};

module.exports = {
	EventLog,
	EVENT_TYPES,
	routes: [
		['POST', STATE_PATHS.docs, stateEvents('docs')],
		['POST', STATE_PATHS.sdk, stateEvents('sdk')],
		['POST', '/events/consignments', consignmentEvents],
	],
};
