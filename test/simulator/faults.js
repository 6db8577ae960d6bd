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

/**
 * @typedef {object} RawAnswer
 * @property {number} [status] HTTP status (default 500)
 * @property {string | Buffer | object | null} [body] string/Buffer sent as is; an object is
 *   sent as JSON; null/undefined/'' → empty body
 * @property {Record<string, string>} [headers] extra headers, e.g. { 'Retry-After': '1' }
 * @property {string} [contentType] default: JSON for an object body, XML for a string
 *   starting with '<', none for an empty body, else text/plain
 * @property {string | RegExp} [path] only requests whose path matches (string: case-insensitive
 *   equality) consume this answer; others are handled normally
 */

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

const { normalizeKeyFault, KEY_FAULT_KINDS } = require('./key-faults');

const KINDS = [
	...['status', 'drop', 'hang', 'malformed', 'fewer', 'shuffle', 'extra', 'duplicate'],
	...['otherConsignment', 'html', 'raw'],
	...KEY_FAULT_KINDS,
];
/** Kinds that only exist after processing (they change the answer of a processed request). */
const AFTER_ONLY = new Set([
	'malformed',
	'fewer',
	'shuffle',
	'extra',
	'duplicate',
	'otherConsignment',
]);
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
const oneOf = (/** @type {unknown} */ v, /** @type {unknown[]} */ list) =>
	v === undefined || list.includes(v);

/**
 * Validate a fault and fill in its defaults (a new object; the input is not changed).
 * @param {any} f
 * @returns {any}
 */
function normalizeFault(f) {
	check(f !== null && typeof f === 'object' && !Array.isArray(f), 'a fault must be an object');
	check(KINDS.includes(f.kind), `unknown kind ${String(f.kind)} (one of ${KINDS.join(', ')})`);
	check(oneOf(f.when, ['before', 'after']), `${f.kind}: when must be 'before' or 'after'`);
	check(
		f.path === undefined || typeof f.path === 'string' || f.path instanceof RegExp,
		'path must be a string or RegExp',
	);
	check(f.times === undefined || isInt(f.times, 1), 'times must be a positive integer');
	check(f.seed === undefined || Number.isFinite(f.seed), 'seed must be a number');
	check(
		f.headers === undefined || (typeof f.headers === 'object' && f.headers !== null),
		'headers must be an object',
	);
	const n = { ...f };
	delete n.times;
	switch (f.kind) {
		case 'status':
			check(
				isInt(f.status, 100) && f.status <= 599,
				'status: status must be an HTTP status (100-599)',
			);
			check(
				f.retryAfter === undefined || typeof f.retryAfter === 'string' || isInt(f.retryAfter),
				'status: retryAfter must be a header value (string) or seconds',
			);
			if (typeof f.retryAfter === 'number') n.retryAfter = String(f.retryAfter);
			n.when = f.when ?? (f.status === 500 ? 'after' : 'before');
			break;
		case 'drop':
		case 'hang':
			check(
				f.bytes === undefined || isInt(f.bytes),
				`${f.kind}: bytes must be a non-negative integer`,
			);
			check(
				f.ms === undefined || (Number.isFinite(f.ms) && f.ms >= 0),
				`${f.kind}: ms must be a non-negative number`,
			);
			n.when = f.when ?? 'after';
			break;
		case 'malformed':
			check(oneOf(f.format, ['json', 'xml']), "malformed: format must be 'json' or 'xml'");
			check(
				oneOf(f.variant, ['truncated', 'garbled']),
				"malformed: variant must be 'truncated' or 'garbled'",
			);
			n.variant = f.variant ?? 'truncated';
			break;
		case 'fewer':
			check(f.drop === undefined || isInt(f.drop), 'fewer: drop must be a non-negative integer');
			check(
				oneOf(f.which, ['last', 'first', 'random']),
				"fewer: which must be 'last', 'first' or 'random'",
			);
			n.drop = f.drop ?? 1;
			n.which = f.which ?? 'last';
			break;
		case 'shuffle':
			check(
				oneOf(f.order, ['reverse', 'rotate', 'random']),
				"shuffle: order must be 'reverse', 'rotate' or 'random'",
			);
			n.order = f.order ?? 'reverse';
			break;
		case 'extra':
			check(
				f.reference === undefined || (typeof f.reference === 'string' && f.reference !== ''),
				'extra: reference must be a non-empty string',
			);
			check(oneOf(f.position, ['end', 'start']), "extra: position must be 'end' or 'start'");
			n.position = f.position ?? 'end';
			break;
		case 'duplicate':
			check(
				f.entry === undefined || Number.isInteger(f.entry),
				'duplicate: entry must be an integer (an index; negative counts from the end)',
			);
			check(
				f.conflicting === undefined || typeof f.conflicting === 'boolean',
				'duplicate: conflicting must be a boolean',
			);
			n.entry = f.entry ?? 0;
			n.conflicting = f.conflicting ?? false;
			break;
		case 'otherConsignment':
			check(
				typeof f.reference === 'string' && f.reference !== '',
				'otherConsignment: reference (the consignment to answer with) is required',
			);
			n.path = f.path ?? CONSIGNMENT_GET;
			n.method = 'GET';
			break;
		case 'html':
			check(
				f.status === undefined || (isInt(f.status, 100) && f.status <= 599),
				'html: status must be an HTTP status',
			);
			n.status = f.status ?? 502;
			n.when = f.when ?? 'before';
			break;
		case 'raw':
			check(
				f.status === undefined || (isInt(f.status, 100) && f.status <= 599),
				'raw: status must be an HTTP status',
			);
			n.status = f.status ?? 500;
			n.when = f.when ?? 'before';
			break;
		case 'redirect':
		case 'echoKey':
			normalizeKeyFault(f, n, check);
			break;
	}
	if (AFTER_ONLY.has(f.kind)) {
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
