'use strict';
/**
 * What every endpoint module shares: content negotiation, answers, reading a request body.
 * Every function returns an Answer ({ status, headers, body }) and never writes to the socket.
 */
const { ApiError, detail, malformedBody } = require('./errors');
const { errorToXml, parseRequestXml } = require('./xml');

const JSON_CT = 'application/json; charset=utf-8';
const XML_CT = 'application/xml; charset=utf-8';

/** @typedef {import('./faults').Answer} Answer */
/**
 * @typedef {object} RequestInfo
 * @property {string} method
 * @property {string} path path as received (no query string)
 * @property {Record<string, string>} [query] query parameters
 * @property {Record<string, string>} params path parameters of the route, decoded
 * @property {Record<string, string | string[] | undefined>} headers lower-case names
 * @property {string} rawBody
 */

/** @param {string | undefined} accept */
const wantsXml = (accept) => !!accept && /(application|text)\/xml/i.test(accept);

/** @param {number} status @param {unknown} data @param {Record<string, string>} [headers] @returns {Answer} */
function jsonAnswer(status, data, headers = {}) {
	return { status, headers: { ...headers, 'Content-Type': JSON_CT }, body: JSON.stringify(data) };
}

/** @param {number} status @param {string} xml @param {Record<string, string>} [headers] @returns {Answer} */
function xmlAnswer(status, xml, headers = {}) {
	return { status, headers: { ...headers, 'Content-Type': XML_CT }, body: xml };
}

/** @param {number} status @param {unknown} data @param {boolean} xml @param {(data: any) => string} toXml @returns {Answer} */
function answer(status, data, xml, toXml) {
	return xml ? xmlAnswer(status, toXml(data)) : jsonAnswer(status, data);
}

/**
 * A 200 answer listing one entry per consignment, kept as entries so the fault mode can
 * change them (fewer, shuffle, extra, duplicate, malformed).
 * @param {any[]} entries @param {boolean} xml @param {(entries: any[]) => string} toXml
 * @param {Pick<import('./faults').ListAnswer, 'extra' | 'opposite'>} make entries the faults add
 * @param {number} [status]
 * @returns {Answer}
 */
function listAnswer(entries, xml, toXml, make, status = 200) {
	const render = (/** @type {any[]} */ list, /** @type {boolean} */ asXml) =>
		asXml ? toXml(list) : JSON.stringify(list);
	return { ...answer(status, entries, xml, toXml), list: { entries, xml, render, ...make } };
}

/** @param {ApiError} err @param {boolean} xml @returns {Answer} */
function errorAnswer(err, xml) {
	const body = err.toBody();
	return xml
		? xmlAnswer(err.status, errorToXml(body), err.headers)
		: jsonAnswer(err.status, body, err.headers);
}

/** @param {string | string[] | undefined} h */
const headerValue = (h) => (Array.isArray(h) ? h.join(', ') : h);

/** Media type without parameters, lower-case. @param {string | undefined} ct */
const mediaType = (ct) => (ct || '').split(';')[0].trim().toLowerCase();

/**
 * The request body, parsed by its Content-Type: JSON, or XML with root `xmlRoot` (string
 * lists among `lists`, nested objects among `objects`; `ArrayOfString` for a bare list). 415
 * for another media type, 400 for an empty or malformed body.
 * @param {RequestInfo} req @param {string} xmlRoot @param {string[]} [lists] @param {string[]} [objects]
 * @returns {Promise<unknown>}
 */
async function readBody(req, xmlRoot, lists, objects) {
	const type = mediaType(headerValue(req.headers['content-type']));
	const raw = req.rawBody.replace(/^\uFEFF/, '');
	if (type === 'application/json' || type === 'application/xml' || type === 'text/xml') {
		if (raw.trim() === '') throw malformedBody('The request body is empty');
	}
	if (type === 'application/json') {
		try {
			return JSON.parse(raw);
		} catch (e) {
			throw malformedBody(
				`The request body is not valid JSON: ${/** @type {Error} */ (e).message}`,
			);
		}
	}
	if (type === 'application/xml' || type === 'text/xml')
		return await parseRequestXml(raw, xmlRoot, lists, objects);
	const msg = type
		? `The request entity's media type '${type}' is not supported for this resource.`
		: 'The request has no Content-Type; use application/json, application/xml or text/xml.';
	throw new ApiError(415, 'UnsupportedMediaType', msg, [
		detail('UnsupportedMediaType', 'Content-Type', msg),
	]);
}

/** 404 with SortedPRO's documented body: `Item X not found`. @param {string} reference */
const itemNotFound = (reference) =>
	new ApiError(404, 'ItemNotFound', `Item ${reference} not found`);

module.exports = {
	JSON_CT,
	XML_CT,
	wantsXml,
	jsonAnswer,
	xmlAnswer,
	answer,
	listAnswer,
	errorAnswer,
	headerValue,
	mediaType,
	readBody,
	itemNotFound,
};
