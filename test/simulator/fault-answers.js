'use strict';
/**
 * The answers of the fault mode: what a fault sends instead of (kind 'status', 'html',
 * 'raw', 'otherConsignment', 'redirect', 'echoKey'), or made from (kind 'malformed', 'fewer',
 * 'shuffle', 'extra', 'duplicate'), the normal answer.
 * Socket-level kinds ('drop', 'hang') are done by server.js and keep the answer as it is.
 */
const { STATUS_CODES } = require('http');
const { ApiError, detail, gatewayRateLimited } = require('./errors');
const { answer, errorAnswer, itemNotFound, wantsXml, JSON_CT, XML_CT } = require('./http-answers');
const { consignmentDetail } = require('./consignment-records');
const { prng } = require('./faults');

/** @typedef {import('./faults').Answer} Answer */
/** @typedef {import('./faults').RawAnswer} RawAnswer */

/** SortedPRO-style error code for a status of the 'status' fault without a body. */
const ERROR_CODES = /** @type {Record<number, [string, string]>} */ ({
	500: ['InternalServerError', 'An unexpected error occurred'],
	502: ['BadGateway', 'The upstream server returned an invalid response'],
	503: ['ServiceUnavailable', 'The service is temporarily unavailable'],
	504: ['GatewayTimeout', 'The upstream server did not answer in time'],
});

/**
 * A given raw answer (failNext, kind 'raw', a 'status' fault with a body).
 * @param {RawAnswer} spec
 * @returns {Answer}
 */
function respondAnswer(spec) {
	const given = spec.body ?? '';
	const isObject = typeof given === 'object' && !Buffer.isBuffer(given);
	const body = isObject ? JSON.stringify(given) : /** @type {string | Buffer} */ (given);
	const isXml = typeof body === 'string' && !isObject && body.trimStart().startsWith('<');
	const contentType =
		spec.contentType ??
		(isObject ? JSON_CT : isXml ? XML_CT : body.length > 0 ? 'text/plain; charset=utf-8' : '');
	/** @type {Record<string, string>} */
	const headers = { ...(spec.headers || {}), ...(contentType && { 'Content-Type': contentType }) };
	return { status: spec.status ?? 500, headers, body };
}

/** @param {any} f fault of kind 'status' @param {boolean} xml negotiated answer format @returns {Answer} */
function statusAnswer(f, xml) {
	/** @type {Record<string, string>} */
	const extra = { ...(f.headers || {}) };
	if (f.retryAfter !== undefined) extra['Retry-After'] = f.retryAfter;
	if ('body' in f) return respondAnswer({ ...f, headers: extra });
	if (f.status === 429) return gatewayRateLimited(f.retryAfter, extra);
	const [code, message] = ERROR_CODES[f.status] || ['Error', STATUS_CODES[f.status] || 'Error'];
	return errorAnswer(new ApiError(f.status, code, message, [], extra), xml);
}

/** A proxy's HTML error page. @param {any} f @returns {Answer} */
function htmlAnswer(f) {
	const title = `${f.status} ${STATUS_CODES[f.status] || 'Error'}`;
	const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
	return { status: f.status, headers: { ...(f.headers || {}), 'Content-Type': 'text/html' }, body };
}

/** @param {any} f @param {Answer} processed @param {boolean} xml @returns {Answer} */
function malformedAnswer(f, processed, xml) {
	const a = processed.list;
	const asXml = f.format ? f.format === 'xml' : a ? a.xml : xml;
	let text;
	if (a) text = a.render(a.entries, asXml);
	else text = String(processed.body);
	const mid = Math.max(1, Math.floor(text.length / 2));
	// truncated: the first half; garbled: a NUL and stray brackets in the middle (invalid
	// in JSON inside or outside a string, and in XML anywhere).
	const body =
		f.variant === 'garbled'
			? `${text.slice(0, mid)}\u0000<}{${text.slice(mid)}`
			: text.slice(0, mid);
	return {
		status: 200,
		headers: { ...(f.headers || {}), 'Content-Type': asXml ? XML_CT : JSON_CT },
		body,
	};
}

/** @param {any[]} list @param {() => number} rnd */
function shuffled(list, rnd) {
	const out = list.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/**
 * fewer / shuffle / extra / duplicate: the processed list answer's entries (Allocation Summaries, or
 * `{IsSuccess, Message, Data}` results), changed.
 * @param {any} ctx @param {any} f
 * @param {import('./faults').ListAnswer} a the processed list answer
 * @param {number} index fault-target request index
 * @returns {any[]}
 */
function changeEntries(ctx, f, a, index) {
	const entries = a.entries;
	const seed = f.seed ?? index + 1;
	if (f.kind === 'fewer') {
		const n = Math.min(f.drop, entries.length);
		if (f.which === 'first') return entries.slice(n);
		if (f.which === 'last') return entries.slice(0, entries.length - n);
		const rnd = prng(seed);
		const keep = entries.map((_, i) => i);
		for (let k = 0; k < n; k++) keep.splice(Math.floor(rnd() * keep.length), 1);
		return keep.map((i) => entries[i]);
	}
	if (f.kind === 'shuffle') {
		if (entries.length < 2) return entries.slice();
		if (f.order === 'reverse') return entries.slice().reverse();
		const rotated = [...entries.slice(1), entries[0]];
		if (f.order === 'rotate') return rotated;
		const out = shuffled(entries, prng(seed));
		return out.every((s, i) => s === entries[i]) ? rotated : out;
	}
	if (f.kind === 'duplicate') {
		// The entry again, at the end: as it was, or with the other result.
		const entry = entries.at(f.entry);
		if (entry === undefined) return entries.slice();
		const copy = f.conflicting ? a.opposite(entry, ++ctx.faults.extraCounter) : entry;
		return [...entries, copy];
	}
	// extra: a success entry for a reference that was not sent
	const n = ++ctx.faults.extraCounter;
	const extra = a.extra(f.reference ?? `EC-NOT-SENT-${n}`, n);
	return f.position === 'start' ? [extra, ...entries] : [...entries, extra];
}

/**
 * GET /consignments/{ref} answered with the consignment `f.reference` (an unknown one: 404).
 * @param {any} ctx @param {any} f @param {boolean} xml @returns {Answer}
 */
function otherConsignmentAnswer(ctx, f, xml) {
	const c = ctx.store.lookup(f.reference);
	if (!c) return errorAnswer(itemNotFound(f.reference), xml);
	return answer(200, consignmentDetail(ctx, c), xml, 'Consignment');
}

/**
 * Where the subscription key may go: a redirect to another origin (a gateway or proxy), or an
 * error quoting the key received (echoKey).
 * @param {any} f normalised fault @param {string} key the subscription key the request carried
 * @param {boolean} xml negotiated answer format @returns {Answer}
 */
function keyFaultAnswer(f, key, xml) {
	const headers = { ...(f.headers || {}) };
	const text = (/** @type {string} */ type, /** @type {string} */ body) => ({
		status: f.status,
		headers: {
			...headers,
			...(f.kind === 'redirect' && { Location: f.location }),
			'Content-Type': type,
		},
		body,
	});
	if (f.kind === 'redirect') return text('text/plain', `Moved to ${f.location}`);
	const quoted = `subscription key ${key}`;
	if (f.where === 'html') {
		const title = `${f.status} ${STATUS_CODES[f.status] || 'Error'} for ${quoted}`;
		return text(
			'text/html',
			`<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`,
		);
	}
	const refused = `Refused ${quoted}`;
	const [message, details] =
		f.where === 'details'
			? ['The request was refused', [detail('AccessDenied', 'ocp-apim-subscription-key', refused)]]
			: [refused, []];
	return errorAnswer(new ApiError(f.status, 'AccessDenied', message, details, headers), xml);
}

/**
 * The answer a fault gives.
 * @param {any} ctx
 * @param {any} f normalised fault
 * @param {{ headers: Record<string, string | string[] | undefined> }} rec the recorded request
 * @param {Answer | undefined} processed the normal answer (undefined for when 'before')
 * @param {number} index allocation request index (-1 for other requests)
 * @returns {Answer}
 */
function faultAnswer(ctx, f, rec, processed, index) {
	const accept = rec.headers.accept;
	const xml = wantsXml(Array.isArray(accept) ? accept.join(', ') : accept);
	switch (f.kind) {
		case 'status':
			return statusAnswer(f, xml);
		case 'html':
			return htmlAnswer(f);
		case 'raw':
			return respondAnswer(f);
		case 'redirect':
		case 'echoKey':
			return keyFaultAnswer(f, String(rec.headers['ocp-apim-subscription-key'] ?? ''), xml);
	}
	if (!processed) throw new Error(`fault ${f.kind} needs the processed answer`);
	if (f.kind === 'malformed') return malformedAnswer(f, processed, xml);
	if (f.kind === 'otherConsignment') return otherConsignmentAnswer(ctx, f, xml);
	const a = processed.list;
	if (!a || !['fewer', 'shuffle', 'extra', 'duplicate'].includes(f.kind)) return processed;
	const entries = changeEntries(ctx, f, a, index);
	return { ...processed, body: a.render(entries, a.xml), list: { ...a, entries } };
}

module.exports = { faultAnswer };
