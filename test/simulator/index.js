'use strict';
/**
 * SortedPRO (Electio) API v1.1 simulator: a real HTTP server on 127.0.0.1 for tests, the
 * demo and benchmarks. See README.md and types.ts.
 */
const { Store } = require('./store');
const { FaultQueue, randomFaultPlan, KINDS: FAULT_KINDS } = require('./faults');
const { createHttpServer, releaseHeld } = require('./server');
const { LatencyModel } = require('./latency');
const { defaultShippingDate } = require('./allocation');
const { DEFAULT_CARRIER_SERVICES, STATES, DEFAULT_LINK_BASE_URL } = require('./defaults');
const { GATEWAY_401_MESSAGE, GATEWAY_401_MISSING_MESSAGE } = require('./errors');
const { NS } = require('./xml');

// The simulator's types, checked against this JavaScript (see types.ts), for the tests to import.
/** @typedef {import('./types').Simulator} Simulator */
/** @typedef {import('./types').SimulatorOptions} SimulatorOptions */
/** @typedef {import('./types').SimulatorStats} SimulatorStats */
/** @typedef {import('./types').RecordedRequest} RecordedRequest */
/** @typedef {import('./types').Consignment} Consignment */
/** @typedef {import('./types').ConsignmentSeed} ConsignmentSeed */
/** @typedef {import('./types').CarrierService} CarrierService */
/** @typedef {import('./types').CarrierServiceConfig} CarrierServiceConfig */
/** @typedef {import('./types').Fault} Fault */
/** @typedef {import('./types').FaultPlan} FaultPlan */
/** @typedef {import('./types').FaultKind} FaultKind */
/** @typedef {import('./types').LatencyConfig} LatencyConfig */

const UNKNOWN_REFERENCE_MODES = ['summary', 'omit', 'reject'];

/** @param {unknown[]} list */
const oneOf = (list) => (/** @type {any} */ v) => list.includes(v);
/**
 * The options that may change at run time (setOption): their default and their check. The
 * others (port, host, consignments, carrierServices, serviceGroups, latency) are start-only.
 * @type {Record<string, [any, (v: any) => boolean]>}
 */
const MUTABLE = {
	apiKey: [undefined, (v) => typeof v === 'string' && v !== ''],
	unknownReference: ['summary', oneOf(UNKNOWN_REFERENCE_MODES)],
	recordBodies: [true, (v) => typeof v === 'boolean'],
	maxRecordedRequests: [Infinity, (v) => typeof v === 'number' && v >= 0],
	carrierServiceNameField: ['Name', oneOf(['Name', 'CarrierServiceName'])],
	carrierServicesAnswer: ['wrapper', oneOf(['wrapper', 'array', 'failure', 'notFound'])],
	referenceListAnswer: ['documented', oneOf(['documented', 'other', 'empty', 'notFound', 'error'])],
	failureWording: ['documented', oneOf(['documented', 'descriptive'])],
	stateNames: ['enum', oneOf(['enum', 'display'])],
	allocationAnswer: ['ok', oneOf(['ok', 'accepted', 'acceptedEmpty'])],
	oneConsignmentRefusal: ['summary', oneOf(['summary', 'error', 'conflict'])],
	shippingDate: [undefined, (v) => v instanceof Date && !isNaN(v.getTime())],
	linkBaseUrl: [DEFAULT_LINK_BASE_URL, (v) => typeof v === 'string' && /^https?:\/\//.test(v)],
	autoCreate: [null, (v) => v === null || v instanceof RegExp],
	controlRoutes: [false, (v) => typeof v === 'boolean'],
	onRequest: [null, (v) => v === null || typeof v === 'function'],
	labelContentType: ['send', (v) => typeof v === 'string'],
	documentAnswer: ['base64', oneOf(['base64', 'file', 'raw'])],
	searchPages: ['faithful', oneOf(['faithful', 'repeat', 'endless'])],
	searchCount: ['all', (v) => v === 'all' || (Number.isInteger(v) && v >= 0)],
	compressAnswers: ['none', oneOf(['none', 'gzip'])],
	manifestFromQueryVerb: ['POST', oneOf(['POST', 'PUT'])],
	eventsAnswer: ['wrapped', oneOf(['wrapped', 'array'])],
	stateEventsPath: ['sdk', oneOf(['sdk', 'docs', 'both'])],
	eventsCap: [0, (v) => Number.isInteger(v) && v >= 0],
	eventsOrder: ['asc', oneOf(['asc', 'desc'])],
	clockOffsetMs: [0, (v) => Number.isFinite(v)],
};
/** Kept by the store (autoCreate) or the context (onRequest), not in ctx.options. */
const NOT_IN_OPTIONS = ['autoCreate', 'onRequest'];

/** A value as setOption and the start take it: dates from text or a number, no trailing slash. @param {string} name @param {any} v */
const coerce = (name, v) =>
	name === 'shippingDate' && (typeof v === 'string' || typeof v === 'number')
		? new Date(v)
		: name === 'linkBaseUrl' && typeof v === 'string'
			? v.replace(/\/+$/, '')
			: v;

function newCounters() {
	return {
		requests: 0,
		allocationRequests: 0,
		summaries: 0,
		consignmentsAllocated: 0,
		consignmentsFailed: 0,
		consignmentsInWrongState: 0,
		consignmentsNotFound: 0,
		trackingCounter: 0,
		/** @type {Record<string, number>} */
		faultsApplied: {},
		faultsAppliedTotal: 0,
		bytesIn: 0,
		bytesOut: 0,
		busyMs: 0,
		/** @type {Record<number, number>} */
		byStatus: {},
	};
}

/** @param {any} o */
function initialOptions(o) {
	/** @type {Record<string, any>} */
	const opts = {};
	for (const [name, [fallback, check]] of Object.entries(MUTABLE)) {
		if (NOT_IN_OPTIONS.includes(name)) continue;
		const value = coerce(name, o[name] ?? fallback);
		opts[name] = name === 'shippingDate' && value === undefined ? defaultShippingDate() : value;
		if (!check(opts[name]))
			throw new TypeError(`Invalid simulator option ${name}: ${String(opts[name])}`);
	}
	return opts;
}

/**
 * Start a simulator.
 * @param {import('./types').SimulatorOptions} options
 * @returns {Promise<import('./types').Simulator>}
 */
async function startSimulator(options) {
	if (!options || typeof options.apiKey !== 'string' || options.apiKey === '') {
		throw new TypeError('startSimulator: options.apiKey (the valid subscription key) is required');
	}
	const startOptions = initialOptions(options);
	const store = new Store({
		consignments: options.consignments,
		carrierServices: options.carrierServices,
		serviceGroups: options.serviceGroups,
		autoCreate: options.autoCreate ?? null,
	});
	const startOnRequest = options.onRequest ?? null;
	const ctx = {
		options: { ...startOptions },
		store,
		counters: newCounters(),
		faults: new FaultQueue(),
		latency: new LatencyModel(options.latency),
		/** connections held by hang faults */
		held: new Set(),
		/** @type {any[]} */
		requests: [],
		onRequest: startOnRequest,
		startedAt: Date.now(),
		/** @type {any} */
		control: null,
	};
	store.events.now = () => Date.now() + ctx.options.clockOffsetMs;
	const server = createHttpServer(ctx);
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve(undefined);
		});
	});
	const address = /** @type {import('net').AddressInfo} */ (server.address());
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	let closed = false;

	/** @type {import('./types').Simulator} */
	const sim = {
		baseUrl: `http://${host}:${address.port}`,
		port: address.port,
		get requests() {
			return ctx.requests;
		},
		get requestCount() {
			return ctx.counters.requests;
		},
		reset() {
			ctx.requests.length = 0;
			ctx.options = { ...startOptions };
			ctx.onRequest = startOnRequest;
			ctx.counters = newCounters();
			ctx.faults.reset();
			ctx.latency.reset();
			ctx.startedAt = Date.now();
			store.reset();
		},
		setOption(name, value) {
			if (!Object.hasOwn(MUTABLE, name))
				throw new TypeError(`Unknown or read-only simulator option: ${name}`);
			const v = coerce(name, value);
			if (!MUTABLE[name][1](v))
				throw new TypeError(`Invalid value for simulator option ${name}: ${String(value)}`);
			if (name === 'autoCreate') store.setAutoCreate(/** @type {RegExp | null} */ (v));
			else if (name === 'onRequest') ctx.onRequest = /** @type {any} */ (v);
			else /** @type {any} */ (ctx.options)[name] = v;
		},
		consignment: (reference) => store.get(reference),
		quotesFor: (reference) => store.quotesFor(reference),
		addConsignments: (list, opts) => store.add(list, !!(opts && opts.persist)),
		issueQuote: (consignment, service) => store.issueQuote(consignment, service),
		carrierServices: () => store.publicServices(ctx.options.carrierServiceNameField),
		failNext(answer, times = 1) {
			if (!Number.isInteger(times) || times < 1)
				throw new TypeError('times must be a positive integer');
			ctx.faults.inject([{ ...(answer || {}), kind: 'raw', when: 'before', times }], {
				anyPath: true,
			});
		},
		injectFaults: (faults) => ctx.faults.inject(faults),
		setFaultPlan: (plan) => ctx.faults.setPlan(plan ?? null),
		pendingFaults: () => ctx.faults.list(),
		clearFaults: () => ctx.faults.clear(),
		setLatency: (latency) => ctx.latency.set(latency),
		events: () => store.events.entries.map((e) => ({ ...e })),
		addEvents(list) {
			for (const e of list) store.events.add(e);
		},
		setState(reference, state) {
			const c = store.lookup(reference);
			if (!c) throw new TypeError(`setState: unknown consignment ${reference}`);
			c.state = state;
		},
		consignmentStates() {
			/** @type {Record<string, number>} */
			const counts = {};
			for (const c of store.consignments.values()) counts[c.state] = (counts[c.state] || 0) + 1;
			return counts;
		},
		stats() {
			const c = ctx.counters;
			const busySeconds = c.busyMs / 1000;
			const { trackingCounter, busyMs, ...counted } = c;
			return {
				...counted,
				consignmentsKnown: store.consignments.size,
				faultsApplied: { ...c.faultsApplied },
				faultsPending: ctx.faults.pending,
				byStatus: { ...c.byStatus },
				latency: ctx.latency.stats(),
				busyMs: Math.round(c.busyMs * 1000) / 1000,
				uptimeMs: Date.now() - ctx.startedAt,
				requestsPerBusySecond: busySeconds > 0 ? Math.round(c.requests / busySeconds) : 0,
				consignmentsPerBusySecond: busySeconds > 0 ? Math.round(c.summaries / busySeconds) : 0,
			};
		},
		async close() {
			if (closed) return;
			closed = true;
			releaseHeld(ctx);
			await new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
		},
	};
	ctx.control = sim;
	return sim;
}

module.exports = {
	startSimulator,
	DEFAULT_CARRIER_SERVICES,
	STATES,
	NAMESPACES: NS,
	GATEWAY_401_MESSAGE,
	GATEWAY_401_MISSING_MESSAGE,
	UNKNOWN_REFERENCE_MODES,
	FAULT_KINDS,
	randomFaultPlan,
};
