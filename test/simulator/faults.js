'use strict';
/**
 * Fault mode: a FIFO queue of faults plus an optional fault plan (a function).
 *
 * Each request consumes at most one fault. A queued fault applies to the requests that act on
 * consignments (allocate, deallocate, manifest, cancel) unless it has a `path`, then to the requests
 * whose path matches; failNext answers (kind 'raw', scope 'any') apply to any request. When
 * no queued fault applies to an allocation request, the plan (if set) is asked for one.
 * Faults are validated and given their defaults here; fault-answers.js builds the answers,
 * server.js does the socket-level ones (drop, hang).
 */

/** @typedef {import('./types').RawAnswer} RawAnswer */
/**
 * @typedef {object} Answer
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {string | Buffer} body
 * @property {ListAnswer} [list] set on a 200 answer that lists one entry per consignment
 */
/**
 * @typedef {object} ListAnswer
 * @property {any[]} entries one per consignment (Allocation Summaries, or {IsSuccess, Message, Data} results)
 * @property {boolean} xml the answer was XML
 * @property {(entries: any[], xml: boolean) => string} render the body for these entries
 * @property {(reference: string, n: number) => any} extra a success entry for a reference that was not sent (fault 'extra')
 * @property {(entry: any, n: number) => any} opposite an entry for the same consignment with the other
 *   result, success for failure and failure for success (fault 'duplicate', conflicting)
 */

/** Kinds that only exist after processing (they change the answer of a processed request). */
const AFTER_ONLY = ['malformed', 'fewer', 'shuffle', 'extra', 'duplicate', 'otherConsignment'];
/** The requests an 'otherConsignment' fault applies to unless it has a path: GET /consignments/{ref}. */
const CONSIGNMENT_GET = /^\/consignments\/[^/]+\/?$/i;
/**
 * Requests a fault without `path` applies to: those that act on consignments (every allocation,
 * deallocation, manifest and cancel call). Set by routes.js from its route table.
 * @type {(method: string, path: string) => boolean}
 */
let isFaultTarget = () => false;
/** @param {(method: string, path: string) => boolean} fn */
function setFaultTargets(fn) {
	isFaultTarget = fn;
}

/** @param {string | RegExp | undefined} p @param {string} path */
function pathMatches(p, path) {
	if (p === undefined) return true;
	if (p instanceof RegExp) return new RegExp(p.source, p.flags.replace(/[gy]/g, '')).test(path);
	return p.toLowerCase() === path.toLowerCase();
}

/** Small seeded PRNG (mulberry32): a function returning floats in [0, 1). @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** @param {boolean} ok @param {string} message */
function check(ok, message) {
	if (!ok) throw new TypeError(`Invalid fault: ${message}`);
}
const isInt = (/** @type {unknown} */ v, min = 0) =>
	Number.isInteger(v) && /** @type {number} */ (v) >= min;
const isStatus = (/** @type {any} */ v, min = 100) => isInt(v, min) && v <= 599;
const text = (/** @type {unknown} */ v) => typeof v === 'string' && v !== '';
/** @param {(v: any) => boolean} ok */
const optional = (ok) => (/** @type {unknown} */ v) => v === undefined || ok(v);
/** @param {unknown[]} list */
const among = (list) => optional((v) => list.includes(v));
/** A check that a value, when given, is one of `list`, and what it says. @param {string[]} list @returns {[(v: any) => boolean, string]} */
const oneOf = (list) => [
	among(list),
	`must be '${list.slice(0, -1).join("', '")}' or '${list.at(-1)}'`,
];

const REDIRECT_STATUS = [301, 302, 303, 307, 308];
const ECHO_PLACES = ['message', 'details', 'html'];

/** @type {[[string, (v: any) => boolean, string][], (f: any) => object]} drop and hang */
const SOCKET_LEVEL = [
	[
		['bytes', optional(isInt), 'must be a non-negative integer'],
		['ms', optional((v) => Number.isFinite(v) && v >= 0), 'must be a non-negative number'],
	],
	() => ({}),
];

/**
 * Per kind: its fields' checks [field, check, what it must be], and its defaults (from the
 * fault as given; `when` is only the default of a `when` not given, else 'after').
 * @type {Record<string, [[string, (v: any) => boolean, string][], (f: any) => object]>}
 */
const KIND_SPECS = {
	status: [
		[
			['status', isStatus, 'must be an HTTP status (100-599)'],
			[
				'retryAfter',
				optional((v) => typeof v === 'string' || isInt(v)),
				'must be a header value (string) or seconds',
			],
		],
		(f) => ({
			when: f.status === 500 ? 'after' : 'before',
			...(typeof f.retryAfter === 'number' && { retryAfter: String(f.retryAfter) }),
		}),
	],
	drop: SOCKET_LEVEL,
	hang: SOCKET_LEVEL,
	malformed: [
		[
			['format', ...oneOf(['json', 'xml'])],
			['variant', ...oneOf(['truncated', 'garbled'])],
		],
		(f) => ({ variant: f.variant ?? 'truncated' }),
	],
	fewer: [
		[
			['drop', optional(isInt), 'must be a non-negative integer'],
			['which', ...oneOf(['last', 'first', 'random'])],
		],
		(f) => ({ drop: f.drop ?? 1, which: f.which ?? 'last' }),
	],
	shuffle: [
		[['order', ...oneOf(['reverse', 'rotate', 'random'])]],
		(f) => ({ order: f.order ?? 'reverse' }),
	],
	extra: [
		[
			['reference', optional(text), 'must be a non-empty string'],
			['position', ...oneOf(['end', 'start'])],
		],
		(f) => ({ position: f.position ?? 'end' }),
	],
	duplicate: [
		[
			[
				'entry',
				optional(Number.isInteger),
				'must be an integer (an index; negative counts from the end)',
			],
			['conflicting', optional((v) => typeof v === 'boolean'), 'must be a boolean'],
		],
		(f) => ({ entry: f.entry ?? 0, conflicting: f.conflicting ?? false }),
	],
	otherConsignment: [
		[['reference', text, '(the consignment to answer with) is required']],
		(f) => ({ path: f.path ?? CONSIGNMENT_GET, method: 'GET' }),
	],
	html: [
		[['status', optional(isStatus), 'must be an HTTP status']],
		(f) => ({ status: f.status ?? 502, when: 'before' }),
	],
	raw: [
		[['status', optional(isStatus), 'must be an HTTP status']],
		(f) => ({ status: f.status ?? 500, when: 'before' }),
	],
	// Where the subscription key may go: another origin, or quoted back in an error.
	redirect: [
		[
			['location', text, 'must be a non-empty string'],
			['status', among(REDIRECT_STATUS), `must be one of ${REDIRECT_STATUS.join(', ')}`],
		],
		(f) => ({ status: f.status ?? 302, when: 'before' }),
	],
	echoKey: [
		[
			['where', among(ECHO_PLACES), `must be one of ${ECHO_PLACES.join(', ')}`],
			['status', optional((v) => isStatus(v, 400)), 'must be an HTTP error status (400-599)'],
		],
		(f) => ({ where: f.where ?? 'message', status: f.status ?? 403, when: 'before' }),
	],
};
const KINDS = Object.keys(KIND_SPECS);

/**
 * Validate a fault and fill in its defaults (a new object; the input is not changed).
 * @param {any} f
 * @returns {any}
 */
function normalizeFault(f) {
	check(f !== null && typeof f === 'object' && !Array.isArray(f), 'a fault must be an object');
	check(KINDS.includes(f.kind), `unknown kind ${String(f.kind)} (one of ${KINDS.join(', ')})`);
	check(among(['before', 'after'])(f.when), `${f.kind}: when must be 'before' or 'after'`);
	check(
		optional((p) => typeof p === 'string' || p instanceof RegExp)(f.path),
		'path must be a string or RegExp',
	);
	check(optional((t) => isInt(t, 1))(f.times), 'times must be a positive integer');
	check(optional(Number.isFinite)(f.seed), 'seed must be a number');
	check(
		optional((h) => typeof h === 'object' && h !== null)(f.headers),
		'headers must be an object',
	);
	const [checks, defaults] = KIND_SPECS[f.kind];
	for (const [field, ok, must] of checks) check(ok(f[field]), `${f.kind}: ${field} ${must}`);
	const { times, ...given } = f;
	const fixed = /** @type {any} */ (defaults(f));
	const n = { ...given, ...fixed, when: f.when ?? fixed.when ?? 'after' };
	if (AFTER_ONLY.includes(f.kind)) {
		check(
			f.when === undefined || f.when === 'after',
			`${f.kind}: only when 'after' exists (the request is processed)`,
		);
		n.when = 'after';
	}
	return n;
}

class FaultQueue {
	constructor() {
		/** @type {{ fault: any, remaining: number, anyPath: boolean }[]} */
		this.entries = [];
		/** @type {((index: number, request: any) => any) | null} */
		this.plan = null;
		/** allocation requests seen since the last reset (the plan's requestIndex) */
		this.allocationIndex = 0;
		/** extra summaries added since the last reset (EC-NOT-SENT-<n>) */
		this.extraCounter = 0;
	}

	/**
	 * @param {any[]} faults validated now (TypeError before anything is queued)
	 * @param {{ anyPath?: boolean }} [opts] anyPath: applies to every request, not only allocations
	 */
	inject(faults, opts = {}) {
		if (!Array.isArray(faults)) throw new TypeError('injectFaults: expected an array of faults');
		const entries = faults.map((f) => ({
			fault: normalizeFault(f),
			remaining: f.times ?? 1,
			anyPath: !!opts.anyPath,
		}));
		this.entries.push(...entries);
	}

	/** @param {((index: number, request: any) => any) | null} fn */
	setPlan(fn) {
		if (fn !== null && typeof fn !== 'function')
			throw new TypeError('setFaultPlan: expected a function or null');
		this.plan = fn;
	}

	/**
	 * The fault for this request, if any (consumes one use of a queued fault).
	 * @param {{ method: string, path: string }} request
	 * @returns {{ fault: any, index: number } | undefined} index: the allocation request's index (-1 for others)
	 */
	take(request) {
		const allocation = isFaultTarget(request.method, request.path);
		const index = allocation ? this.allocationIndex++ : -1;
		const i =
			this.entries.length === 0
				? -1
				: this.entries.findIndex((e) =>
						e.fault.method !== undefined && e.fault.method !== request.method
							? false
							: e.fault.path !== undefined
								? pathMatches(e.fault.path, request.path)
								: e.anyPath || allocation,
					);
		if (i >= 0) {
			const e = this.entries[i];
			if (--e.remaining <= 0) this.entries.splice(i, 1);
			return { fault: e.fault, index };
		}
		if (!allocation || !this.plan) return undefined;
		const planned = this.plan(index, request);
		if (planned === undefined || planned === null) return undefined;
		return { fault: normalizeFault(planned), index };
	}

	get pending() {
		return this.entries.reduce((n, e) => n + e.remaining, 0);
	}

	/** The queued faults, in order (as normalised), with their remaining uses. */
	list() {
		return this.entries.map((e) => ({ ...e.fault, times: e.remaining }));
	}

	/** Queue and plan. */
	clear() {
		this.entries.length = 0;
		this.plan = null;
	}

	/** Queue, plan and counters (sim.reset()). */
	reset() {
		this.clear();
		this.allocationIndex = 0;
		this.extraCounter = 0;
	}
}

/**
 * A seeded random plan: each allocation request gets, with `probability`, one of `faults`
 * (uniformly). Stateless per index: request i always gets the same answer for the same seed.
 * @param {{ seed?: number, probability?: number, faults: any[] }} opts
 */
function randomFaultPlan(opts) {
	const { seed = 1, probability = 0.5, faults } = opts || /** @type {any} */ ({});
	if (!Array.isArray(faults) || faults.length === 0)
		throw new TypeError('randomFaultPlan: faults must be a non-empty array');
	if (!(probability >= 0 && probability <= 1))
		throw new TypeError('randomFaultPlan: probability must be in [0, 1]');
	const list = faults.map(normalizeFault);
	return (/** @type {number} */ index) => {
		const rnd = prng((seed * 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
		if (rnd() >= probability) return undefined;
		return list[Math.floor(rnd() * list.length)];
	};
}

module.exports = {
	FaultQueue,
	normalizeFault,
	randomFaultPlan,
	prng,
	setFaultTargets,
	pathMatches,
	KINDS,
};
