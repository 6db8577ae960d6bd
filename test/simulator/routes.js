'use strict';
/**
 * The API proper: header checks, routing, content negotiation, the endpoints.
 * Every function returns an Answer ({ status, headers, body }) and never writes to the socket.
 */
const { ApiError, detail, gatewayUnauthorizedBody, malformedBody } = require('./errors');
const { summariesToXml, carrierServicesToXml, carrierServiceResponseToXml, carriersToXml, errorToXml, parseAllocateRequestXml } = require('./xml');
const { validateAllocateBody, allocate } = require('./allocation');
const { ALLOCATABLE_STATES, STATES } = require('./defaults');

const JSON_CT = 'application/json; charset=utf-8';
const XML_CT = 'application/xml; charset=utf-8';
const API_VERSION = '1.1';

/** @typedef {import('./faults').Answer} Answer */
/**
 * @typedef {object} RequestInfo
 * @property {string} method
 * @property {string} path path as received (no query string)
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

/** @param {ApiError} err @param {boolean} xml @returns {Answer} */
function errorAnswer(err, xml) {
	const body = err.toBody();
	return xml ? xmlAnswer(err.status, errorToXml(body), err.headers) : jsonAnswer(err.status, body, err.headers);
}

/** @param {string | string[] | undefined} h */
const headerValue = (h) => (Array.isArray(h) ? h.join(', ') : h);

/** Media type without parameters, lower-case. @param {string | undefined} ct */
const mediaType = (ct) => (ct || '').split(';')[0].trim().toLowerCase();

/**
 * @param {any} ctx @param {RequestInfo} req @param {boolean} xml
 * @returns {Promise<Answer>}
 */
async function allocateWithCarrierService(ctx, req, xml) {
	const type = mediaType(headerValue(req.headers['content-type']));
	const raw = req.rawBody.replace(/^\uFEFF/, '');
	let body;
	if (type === 'application/json') {
		if (raw.trim() === '') throw malformedBody('The request body is empty');
		try {
			body = JSON.parse(raw);
		} catch (e) {
			throw malformedBody(`The request body is not valid JSON: ${/** @type {Error} */ (e).message}`);
		}
	} else if (type === 'application/xml' || type === 'text/xml') {
		if (raw.trim() === '') throw malformedBody('The request body is empty');
		body = await parseAllocateRequestXml(raw);
	} else {
		const msg = type
			? `The request entity's media type '${type}' is not supported for this resource.`
			: 'The request has no Content-Type; use application/json, application/xml or text/xml.';
		throw new ApiError(415, 'UnsupportedMediaType', msg, [detail('UnsupportedMediaType', 'Content-Type', msg)]);
	}
	const { serviceRef, refs } = validateAllocateBody(body);
	ctx.counters.allocationRequests++;
	// 202 Accepted is a declared answer of every allocation endpoint; its meaning is not
	// documented. 'acceptedEmpty' plays "queued for later": no body, consignments Allocating.
	if (ctx.options.allocationAnswer === 'acceptedEmpty') {
		for (const ref of refs) {
			const c = ctx.store.lookup(ref);
			if (c && ALLOCATABLE_STATES.has(c.state)) c.state = STATES.allocating;
		}
		return { status: 202, headers: {}, body: '' };
	}
	const summaries = allocate(ctx, serviceRef, refs);
	const status = ctx.options.allocationAnswer === 'accepted' ? 202 : 200;
	const answer = xml ? xmlAnswer(status, summariesToXml(summaries)) : jsonAnswer(status, summaries);
	// For the fault mode (fewer / shuffle / extra / malformed rebuild the body from these).
	answer.allocation = { serviceRef, refs, summaries, xml };
	return answer;
}

/**
 * GET /carrierservices. By default SortedPRO's documented answer, the
 * SubscriptionMpdCarrierServiceResponse wrapper; option carrierServicesAnswer plays the others:
 * 'array' (a bare list), 'failure' (HTTP 200 with Success false), 'notFound' (404, no services).
 * @param {any} ctx @param {RequestInfo} _req @param {boolean} xml
 */
async function carrierServices(ctx, _req, xml) {
	const mode = ctx.options.carrierServicesAnswer;
	if (mode === 'notFound') {
		throw new ApiError(404, 'CarrierServicesNotFound', 'No carrier services found for this subscription');
	}
	const list = mode === 'failure' ? [] : ctx.store.publicServices(ctx.options.carrierServiceNameField);
	if (mode === 'array') return xml ? xmlAnswer(200, carrierServicesToXml(list)) : jsonAnswer(200, list);
	const body = {
		Success: mode !== 'failure',
		ErrorMessage: mode === 'failure' ? 'Unable to retrieve the carrier services of this subscription' : null,
		MpdCarrierServices: list,
	};
	return xml ? xmlAnswer(200, carrierServiceResponseToXml(body)) : jsonAnswer(200, body);
}

/** @param {any} ctx @param {RequestInfo} _req @param {boolean} xml */
async function carriers(ctx, _req, xml) {
	const list = ctx.store.publicCarriers();
	return xml ? xmlAnswer(200, carriersToXml(list)) : jsonAnswer(200, list);
}

/** Routes by lower-case path (a trailing slash is ignored). */
const ROUTES = new Map([
	['/allocation/allocatewithcarrierservice', { PUT: allocateWithCarrierService }],
	['/carrierservices', { GET: carrierServices }],
	['/carriers', { GET: carriers }],
]);

/**
 * Handle one API request (faults are applied by the caller).
 * @param {any} ctx @param {RequestInfo} req
 * @returns {Promise<Answer>}
 */
async function handleApiRequest(ctx, req) {
	// Gateway first: it answers JSON whatever Accept says.
	const key = headerValue(req.headers['ocp-apim-subscription-key']);
	if (key !== ctx.options.apiKey) return jsonAnswer(401, gatewayUnauthorizedBody(key === undefined));

	const xml = wantsXml(headerValue(req.headers.accept));
	try {
		const version = headerValue(req.headers['electio-api-version']);
		if (version === undefined || version.trim() !== API_VERSION) {
			const msg =
				version === undefined
					? `The electio-api-version header is required. Supported versions: ${API_VERSION}`
					: `API version '${version}' is not supported. Supported versions: ${API_VERSION}`;
			throw new ApiError(400, 'UnsupportedApiVersion', msg, [detail('UnsupportedApiVersion', 'electio-api-version', msg)]);
		}
		let routeKey = req.path.toLowerCase();
		if (routeKey.length > 1 && routeKey.endsWith('/')) routeKey = routeKey.slice(0, -1);
		const route = /** @type {Record<string, Function> | undefined} */ (ROUTES.get(routeKey));
		if (!route) {
			const msg = `No resource found that matches the request URI '${req.path}'`;
			throw new ApiError(404, 'ResourceNotFound', msg, [detail('ResourceNotFound', 'path', msg)]);
		}
		const handler = route[req.method.toUpperCase()];
		if (!handler) {
			const msg = `The requested resource does not support http method '${req.method}'`;
			throw new ApiError(405, 'MethodNotAllowed', msg, [detail('MethodNotAllowed', 'method', msg)], {
				Allow: Object.keys(route).join(', '),
			});
		}
		return await handler(ctx, req, xml);
	} catch (e) {
		if (e instanceof ApiError) return errorAnswer(e, xml);
		throw e;
	}
}

module.exports = { handleApiRequest, jsonAnswer, xmlAnswer, errorAnswer, wantsXml, JSON_CT, XML_CT, API_VERSION };
