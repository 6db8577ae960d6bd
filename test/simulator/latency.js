'use strict';
/**
 * A server that takes its time: every API request is answered after `perRequestMs` plus
 * `perConsignmentMs` for each consignment reference in its body, and at most
 * `concurrentRequestLimit` requests per subscription key are in flight. One more gets 429 at
 * once, with `Retry-After` and the body of an Azure API Management gateway
 * (`{ statusCode: 429, message: "Rate limit is exceeded. Try again in N seconds." }`), and is
 * not processed. Everything is off (0 / no limit) unless configured.
 */

const { gatewayRateLimited } = require('./errors');

/** @typedef {import('./types').LatencyConfig} LatencyConfig */

/** @type {LatencyConfig} */
const OFF = {
	perRequestMs: 0,
	perConsignmentMs: 0,
	concurrentRequestLimit: 0,
	retryAfterSeconds: 1,
};

const isCount = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/**
 * The full configuration: `base` with the fields of `patch` (validated: TypeError).
 * @param {LatencyConfig} base @param {Partial<LatencyConfig> | null | undefined} patch
 * @returns {LatencyConfig}
 */
function mergeConfig(base, patch) {
	if (patch === null || patch === undefined) return { ...base };
	if (typeof patch !== 'object') throw new TypeError('latency: expected an object');
	const next = { ...base };
	for (const [name, value] of Object.entries(patch)) {
		if (!(name in OFF)) throw new TypeError(`latency: unknown field ${name}`);
		const whole = name === 'concurrentRequestLimit' || name === 'retryAfterSeconds';
		if (!isCount(value) || (whole && !Number.isInteger(value))) {
			throw new TypeError(
				`latency: ${name} must be a ${whole ? 'whole ' : ''}number ≥ 0, got ${String(value)}`,
			);
		}
		/** @type {any} */ (next)[name] = value;
	}
	return next;
}

/**
 * Consignment references in a request body: the `ConsignmentReferences` array of a JSON body,
 * a bare JSON array, or the `string` elements of an XML body. 0 for anything else.
 * @param {string} raw
 */
function countConsignments(raw) {
	if (!raw) return 0;
	const first = raw.trimStart()[0];
	if (first === '<') return (raw.match(/<(?:[\w.-]+:)?string[\s>]/g) || []).length;
	if (first !== '{' && first !== '[') return 0;
	try {
		const parsed = JSON.parse(raw);
		// A bare list (deallocatelist) is the references themselves.
		const refs = Array.isArray(parsed) ? parsed : parsed.ConsignmentReferences;
		return Array.isArray(refs) ? refs.length : 0;
	} catch {
		return 0;
	}
}

class LatencyModel {
	/** @param {Partial<LatencyConfig> | undefined} start */
	constructor(start) {
		/** the configuration restored by reset() */
		this.start = mergeConfig(OFF, start);
		this.config = { ...this.start };
		/** @type {Map<string, number>} requests in flight per subscription key */
		this.inFlight = new Map();
		/** 429s answered because of the concurrent-request limit */
		this.rateLimited = 0;
		/** the most requests in flight at once (all keys, admitted requests only) */
		this.peakConcurrent = 0;
		/** admitted requests in flight (all keys) */
		this.total = 0;
	}

	/** Back to the start configuration; counters to 0. */
	reset() {
		this.config = { ...this.start };
		this.rateLimited = this.peakConcurrent = this.total = 0;
	}

	/** @param {Partial<LatencyConfig> | null} patch null: everything off */
	set(patch) {
		this.config = patch === null ? { ...OFF } : mergeConfig(this.config, patch);
	}

	stats() {
		return {
			...this.config,
			rateLimited: this.rateLimited,
			peakConcurrent: this.peakConcurrent,
			inFlight: this.total,
		};
	}

	/**
	 * A request arrived (after its body). Either a 429 answer (nothing to release), or the delay
	 * before it is handled and `release`, to call once when its answer is sent or its connection
	 * is gone.
	 * @param {string} key the subscription key header ('' when missing)
	 * @param {string} raw the request body
	 * @returns {{ answer: import('./faults').Answer } | { delayMs: number, release: () => void }}
	 */
	admit(key, raw) {
		const {
			concurrentRequestLimit: limit,
			perRequestMs,
			perConsignmentMs,
			retryAfterSeconds,
		} = this.config;
		const current = this.inFlight.get(key) || 0;
		if (limit > 0 && current >= limit) {
			this.rateLimited++;
			return { answer: gatewayRateLimited(String(retryAfterSeconds)) };
		}
		this.inFlight.set(key, current + 1);
		this.total++;
		if (this.total > this.peakConcurrent) this.peakConcurrent = this.total;
		let released = false;
		const release = () => {
			if (released) return;
			released = true;
			this.total--;
			const left = (this.inFlight.get(key) || 1) - 1;
			if (left > 0) this.inFlight.set(key, left);
			else this.inFlight.delete(key);
		};
		const delayMs =
			perRequestMs + (perConsignmentMs > 0 ? perConsignmentMs * countConsignments(raw) : 0);
		return { delayMs, release };
	}
}

module.exports = { LatencyModel, countConsignments };
