'use strict';
/**
 * Fault queue: scripted answers that replace the normal handling of the next requests.
 *
 * Each entry has a `type` and a handler in FAULT_HANDLERS. Only `respond` (a given raw
 * answer, used by sim.failNext) exists today; later fault kinds (429 with/without
 * Retry-After, 5xx, dropped connections, hangs, malformed bodies, fewer / out-of-order /
 * extra summaries) plug in here as new types: a handler either produces an answer
 * before the request is routed, or (for summary mutations) transforms the normal answer.
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
 */

/** @param {string | RegExp | undefined} p @param {string} path */
function pathMatches(p, path) {
	if (p === undefined) return true;
	if (p instanceof RegExp) return new RegExp(p.source, p.flags.replace(/[gy]/g, '')).test(path);
	return p.toLowerCase() === path.toLowerCase();
}

class FaultQueue {
	constructor() {
		/** @type {{ type: string, spec: any, remaining: number }[]} */
		this.entries = [];
	}

	/** @param {string} type @param {any} spec @param {number} [times] */
	push(type, spec, times = 1) {
		if (!FAULT_HANDLERS[type]) throw new TypeError(`Unknown fault type ${type}`);
		if (!Number.isInteger(times) || times < 1) throw new TypeError('times must be a positive integer');
		this.entries.push({ type, spec, remaining: times });
	}

	/**
	 * The fault that applies to this request, if any (consumes one use of it).
	 * @param {{ method: string, path: string }} request
	 */
	take(request) {
		if (this.entries.length === 0) return undefined;
		const i = this.entries.findIndex((e) => pathMatches(e.spec && e.spec.path, request.path));
		if (i < 0) return undefined;
		const e = this.entries[i];
		if (--e.remaining <= 0) this.entries.splice(i, 1);
		return { type: e.type, spec: e.spec };
	}

	get pending() {
		return this.entries.reduce((n, e) => n + e.remaining, 0);
	}

	clear() {
		this.entries.length = 0;
	}
}

/**
 * @param {RawAnswer} spec
 * @returns {Answer}
 */
function respondAnswer(spec) {
	const status = spec.status ?? 500;
	let body = spec.body;
	let contentType = spec.contentType;
	if (body === null || body === undefined) body = '';
	if (typeof body === 'object' && !Buffer.isBuffer(body)) {
		body = JSON.stringify(body);
		contentType = contentType ?? 'application/json; charset=utf-8';
	} else if (typeof body === 'string' && body.trimStart().startsWith('<')) {
		contentType = contentType ?? 'application/xml; charset=utf-8';
	} else if (body.length > 0) {
		contentType = contentType ?? 'text/plain; charset=utf-8';
	}
	/** @type {Record<string, string>} */
	const headers = { ...(spec.headers || {}) };
	if (contentType) headers['Content-Type'] = contentType;
	return { status, headers, body: /** @type {string | Buffer} */ (body) };
}

/** @type {Record<string, (spec: any) => Answer>} */
const FAULT_HANDLERS = {
	respond: respondAnswer,
};

module.exports = { FaultQueue, FAULT_HANDLERS, respondAnswer };
