'use strict';
/**
 * What every route shares: content negotiation, answers, reading and checking a request body.
 * Every function returns an Answer ({ status, headers, body }) and never writes to the socket.
 */
const { ApiError, detail, malformedBody, validationFailed } = require('./errors');
const { toXmlDocument, parseRequestXml } = require('./xml');

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
const jsonAnswer = (status, data, headers = {}) => ({
	status,
	headers: { ...headers, 'Content-Type': JSON_CT },
	body: JSON.stringify(data),
});

/**
 * JSON, or XML as toXmlDocument(root, item) writes `data` (item: the element of each entry of a
 * list; null for one object). @param {number} status @param {unknown} data @param {boolean} xml
 * @param {string} root @param {string | null} [item] @returns {Answer}
 */
function answer(status, data, xml, root, item = null) {
	if (!xml) return jsonAnswer(status, data);
	return { status, headers: { 'Content-Type': XML_CT }, body: toXmlDocument(root, item, data) };
}

/**
 * A 200 answer listing one entry per consignment, kept as entries so the fault mode can
 * change them (fewer, shuffle, extra, duplicate, malformed).
 * @param {any[]} entries @param {boolean} xml @param {string} root @param {string} item
 * @param {Pick<import('./faults').ListAnswer, 'extra' | 'opposite'>} make entries the faults add
 * @returns {Answer}
 */
function listAnswer(entries, xml, root, item, make, status = 200) {
	const render = (/** @type {any[]} */ list, /** @type {boolean} */ asXml) =>
		asXml ? toXmlDocument(root, item, list) : JSON.stringify(list);
	return { ...answer(status, entries, xml, root, item), list: { entries, xml, render, ...make } };
}

/** @param {ApiError} err @param {boolean} xml @returns {Answer} */
function errorAnswer(err, xml) {
	const a = answer(err.status, err.toBody(), xml, 'ApiError');
	return { ...a, headers: { ...err.headers, ...a.headers } };
}

/** @param {string | string[] | undefined} h */
const headerValue = (h) => (Array.isArray(h) ? h.join(', ') : h);

/**
 * The request body, parsed by its Content-Type: JSON, or XML with root `xmlRoot` (string
 * lists among `lists`, nested objects among `objects`; `ArrayOfString` for a bare list). 415
 * for another media type, 400 for an empty or malformed body.
 * @param {RequestInfo} req @param {string} xmlRoot @param {string[]} [lists] @param {string[]} [objects]
 * @returns {Promise<unknown>}
 */
async function readBody(req, xmlRoot, lists, objects) {
	const type = (headerValue(req.headers['content-type']) || '').split(';')[0].trim().toLowerCase();
	const raw = req.rawBody.replace(/^\uFEFF/, '');
	const isXml = type === 'application/xml' || type === 'text/xml';
	if ((isXml || type === 'application/json') && raw.trim() === '')
		throw malformedBody('The request body is empty');
	if (type === 'application/json') {
		try {
			return JSON.parse(raw);
		} catch (e) {
			throw malformedBody(
				`The request body is not valid JSON: ${/** @type {Error} */ (e).message}`,
			);
		}
	}
	if (isXml) return await parseRequestXml(raw, xmlRoot, lists, objects);
	const msg = type
		? `The request entity's media type '${type}' is not supported for this resource.`
		: 'The request has no Content-Type; use application/json, application/xml or text/xml.';
	throw new ApiError(415, 'UnsupportedMediaType', msg, [
		detail('UnsupportedMediaType', 'Content-Type', msg),
	]);
}

/**
 * The problems of a list of consignment references: `at` is its field (ConsignmentReferences),
 * '' for a bare list body. @param {unknown} refs @param {string} at
 */
function referenceProblems(refs, at) {
	const whole = at || 'The request body';
	if (at && (refs === undefined || refs === null))
		return [detail('Required', at, `The ${at} field is required`)];
	if (!Array.isArray(refs))
		return [
			detail('InvalidType', at || 'request', `${whole} must be an array of consignment references`),
		];
	if (refs.length === 0)
		return [
			detail('Empty', at || 'request', `${whole} must contain at least one consignment reference`),
		];
	return refs.flatMap((r, i) => {
		if (typeof r !== 'string')
			return [detail('InvalidType', `${at}[${i}]`, 'A consignment reference must be a string')];
		if (r.trim() !== '') return [];
		return [detail('Required', `${at}[${i}]`, 'A consignment reference must not be empty')];
	});
}

/** A bare list body of consignment references (JSON array, XML ArrayOfString). @param {RequestInfo} req */
async function readReferenceList(req) {
	const refs = await readBody(req, 'ArrayOfString');
	const details = referenceProblems(refs, '');
	if (details.length) throw validationFailed(details);
	return /** @type {string[]} */ (refs);
}

/**
 * An object body with ConsignmentReferences and, when `field` is given, that string field
 * (MpdCarrierServiceReference, MpdCarrierServiceGroupReference).
 * @param {unknown} body @param {string | null} field
 * @returns {{ field: string | null, refs: string[] }}
 */
function referencesBody(body, field) {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		const fields = field ? `${field} and ConsignmentReferences` : 'ConsignmentReferences';
		throw validationFailed([
			detail('Required', 'request', `The request body must be an object with ${fields}`),
		]);
	}
	const b = /** @type {Record<string, unknown>} */ (body);
	const details = referenceProblems(b.ConsignmentReferences, 'ConsignmentReferences');
	const value = field ? b[field] : null;
	if (field && (value === undefined || value === null))
		details.push(detail('Required', field, `The ${field} field is required`));
	else if (field && typeof value !== 'string')
		details.push(detail('InvalidType', field, `${field} must be a string`));
	else if (field && String(value).trim() === '')
		details.push(detail('Required', field, `${field} must not be empty`));
	if (details.length) throw validationFailed(details);
	return {
		field: /** @type {string | null} */ (value),
		refs: /** @type {any} */ (b).ConsignmentReferences,
	};
}

/** 404 with SortedPRO's documented body: `Item X not found`. @param {string} reference */
const itemNotFound = (reference) =>
	new ApiError(404, 'ItemNotFound', `Item ${reference} not found`);

/** The consignment a path names, or 404. @param {any} ctx @param {string} reference */
function consignmentOf(ctx, reference) {
	const c = ctx.store.lookup(reference);
	if (!c) throw itemNotFound(reference);
	return c;
}

/** The 404 of a path no route takes (as ASP.NET Web API words it). @param {string} path */
function noRoute(path) {
	const msg = `No resource found that matches the request URI '${path}'`;
	return new ApiError(404, 'ResourceNotFound', msg, [detail('ResourceNotFound', 'path', msg)]);
}

/** 405 for a method a path does not serve. @param {string} method @param {string} allow */
function methodNotAllowed(method, allow) {
	const msg = `The requested resource does not support http method '${method}'`;
	return new ApiError(405, 'MethodNotAllowed', msg, [detail('MethodNotAllowed', 'method', msg)], {
		Allow: allow,
	});
}

module.exports = {
	JSON_CT,
	XML_CT,
	wantsXml,
	jsonAnswer,
	answer,
	listAnswer,
	errorAnswer,
	headerValue,
	readBody,
	readReferenceList,
	referencesBody,
	itemNotFound,
	consignmentOf,
	noRoute,
	methodNotAllowed,
};
