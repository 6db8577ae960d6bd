'use strict';
/**
 * Error answers of the SortedPRO API simulator.
 *
 * Two shapes exist in production:
 *  - the Azure API Management gateway (401 for a missing/wrong subscription key):
 *    `{ "statusCode": 401, "message": "Access denied ..." }`, always JSON;
 *  - the SortedPRO API itself: `{ Code, Message, CorrelationId, Details: [{ Code, Target, Message }] }`,
 *    JSON or XML (`<ApiError>`) depending on `Accept`.
 */
const { randomUUID } = require('crypto');

/** @typedef {{ Code: string, Target: string, Message: string }} ApiErrorDetail */
/** @typedef {{ Code: string, Message: string, CorrelationId: string, Details?: ApiErrorDetail[] }} ApiErrorBody */

const GATEWAY_401_MESSAGE =
	'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';
const GATEWAY_401_MISSING_MESSAGE =
	'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';

/** An error the simulator answers with the documented SortedPRO error body. */
class ApiError extends Error {
	/**
	 * @param {number} status HTTP status
	 * @param {string} code SortedPRO's own error code (not the HTTP status)
	 * @param {string} message human readable message
	 * @param {ApiErrorDetail[]} [details]
	 * @param {Record<string, string>} [headers] extra response headers
	 */
	constructor(status, code, message, details = [], headers = {}) {
		super(message);
		this.name = 'ApiError';
		this.status = status;
		this.code = code;
		this.details = details;
		this.headers = headers;
	}

	/** The documented body; without Details when there are none, as SortedPRO's 404 example. @returns {ApiErrorBody} */
	toBody() {
		/** @type {ApiErrorBody} */
		const body = { Code: this.code, Message: this.message, CorrelationId: randomUUID() };
		const copy = (/** @type {ApiErrorDetail} */ { Code, Target, Message }) => ({
			Code,
			Target,
			Message,
		});
		if (this.details.length) body.Details = this.details.map(copy);
		return body;
	}
}

/** @param {string} code @param {string} target @param {string} message @returns {ApiErrorDetail} */
const detail = (code, target, message) => ({ Code: code, Target: target, Message: message });

/** Azure API Management's own 401 body. @param {boolean} [missing] no key was sent @returns {{ statusCode: number, message: string }} */
function gatewayUnauthorizedBody(missing = false) {
	return { statusCode: 401, message: missing ? GATEWAY_401_MISSING_MESSAGE : GATEWAY_401_MESSAGE };
}

/**
 * Azure API Management's rate-limit answer (always JSON, like its 401).
 * @param {string | undefined} retryAfter its Retry-After header, if any @param {Record<string, string>} [headers]
 */
function gatewayRateLimited(retryAfter, headers = {}) {
	const when =
		retryAfter !== undefined && /^\d+$/.test(retryAfter) ? `in ${retryAfter} seconds` : 'later';
	const body = JSON.stringify({
		statusCode: 429,
		message: `Rate limit is exceeded. Try again ${when}.`,
	});
	/** @type {Record<string, string>} */
	const retry = retryAfter === undefined ? {} : { 'Retry-After': retryAfter };
	return {
		status: 429,
		headers: { ...headers, ...retry, 'Content-Type': 'application/json; charset=utf-8' },
		body,
	};
}

/** @param {string} message */
function malformedBody(message) {
	return new ApiError(400, 'MalformedRequestBody', message, [
		detail('MalformedRequestBody', 'request', message),
	]);
}

/** @param {ApiErrorDetail[]} details */
function validationFailed(details) {
	return new ApiError(400, 'ValidationFailed', 'The request is invalid', details);
}

module.exports = {
	ApiError,
	detail,
	gatewayUnauthorizedBody,
	gatewayRateLimited,
	malformedBody,
	validationFailed,
	GATEWAY_401_MESSAGE,
	GATEWAY_401_MISSING_MESSAGE,
};
