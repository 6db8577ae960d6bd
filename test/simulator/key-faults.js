'use strict';
/**
 * Fault kinds that test where the subscription key may go: 'redirect' (a gateway or proxy
 * that sends the client to another origin) and 'echoKey' (a server that quotes the key it
 * received in its error). Validated by faults.js, answered by fault-answers.js.
 */
const { STATUS_CODES } = require('http');
const { ApiError, detail } = require('./errors');
const { errorAnswer } = require('./http-answers');

/** @typedef {import('./faults').Answer} Answer */

const REDIRECT_STATUS = [301, 302, 303, 307, 308];
const ECHO_PLACES = ['message', 'details', 'html'];

/**
 * Checks a redirect or echoKey fault and fills in its defaults on `n`.
 * @param {any} f the fault as given @param {any} n its normalised copy
 * @param {(ok: boolean, message: string) => void} check
 */
function normalizeKeyFault(f, n, check) {
	if (f.kind === 'redirect') {
		check(
			typeof f.location === 'string' && f.location !== '',
			'redirect: location must be a non-empty string',
		);
		check(
			f.status === undefined || REDIRECT_STATUS.includes(f.status),
			`redirect: status must be one of ${REDIRECT_STATUS.join(', ')}`,
		);
		n.status = f.status ?? 302;
	} else {
		check(
			f.where === undefined || ECHO_PLACES.includes(f.where),
			`echoKey: where must be one of ${ECHO_PLACES.join(', ')}`,
		);
		check(
			f.status === undefined || (Number.isInteger(f.status) && f.status >= 400 && f.status <= 599),
			'echoKey: status must be an HTTP error status (400-599)',
		);
		n.where = f.where ?? 'message';
		n.status = f.status ?? 403;
	}
	n.when = f.when ?? 'before';
}

/**
 * The answer of a redirect or echoKey fault.
 * @param {any} f normalised fault @param {string} key the subscription key the request carried
 * @param {boolean} xml negotiated answer format @returns {Answer}
 */
function keyFaultAnswer(f, key, xml) {
	const headers = { ...(f.headers || {}) };
	if (f.kind === 'redirect') {
		const body = `Moved to ${f.location}`;
		return {
			status: f.status,
			headers: { ...headers, Location: f.location, 'Content-Type': 'text/plain' },
			body,
		};
	}
	const quoted = `subscription key ${key}`;
	if (f.where === 'html') {
		const title = `${f.status} ${STATUS_CODES[f.status] || 'Error'} for ${quoted}`;
		const body = `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
		return { status: f.status, headers: { ...headers, 'Content-Type': 'text/html' }, body };
	}
	const error =
		f.where === 'details'
			? new ApiError(
					f.status,
					'AccessDenied',
					'The request was refused',
					[detail('AccessDenied', 'ocp-apim-subscription-key', `Refused ${quoted}`)],
					headers,
				)
			: new ApiError(f.status, 'AccessDenied', `Refused ${quoted}`, [], headers);
	return errorAnswer(error, xml);
}

module.exports = { normalizeKeyFault, keyFaultAnswer, KEY_FAULT_KINDS: ['redirect', 'echoKey'] };
