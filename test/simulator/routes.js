'use strict';
/**
 * The API proper: header checks, then one table of routes: [method, path, handler], `{name}`
 * in a path a parameter, given to the handler decoded in `req.params`. Paths match
 * case-insensitively; a trailing slash is ignored; the first route that matches is taken.
 */
const { ApiError, detail, gatewayUnauthorizedBody } = require('./errors');
const { setFaultTargets } = require('./faults');
const {
	errorAnswer,
	headerValue,
	jsonAnswer,
	methodNotAllowed,
	noRoute,
	wantsXml,
} = require('./http-answers');

const API_VERSION = '1.1';
/** Paths whose requests do not act on consignments: faults without a path leave them alone. */
const NOT_FAULT_TARGETS = [
	'/carrierservices',
	'/carriers',
	'/shippinglocations',
	'/shippinglocations/assigned',
	'/packagesizes',
	'/servicegroups',
].concat(require('./events').routes.map((route) => String(route[1])));

/** @typedef {import('./faults').Answer} Answer */
/** @typedef {import('./http-answers').RequestInfo} RequestInfo */
/** @typedef {[string, string, (ctx: any, req: RequestInfo, xml: boolean) => Promise<Answer>]} Route */

/** @param {string} path */
function compile(path) {
	const names = /** @type {string[]} */ ([]);
	const source = path.replace(/\{(\w+)\}/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	return { pattern: new RegExp(`^${source}/?$`, 'i'), names };
}

const ROUTES = /** @type {Route[]} */ ([
	...require('./lookup-routes').routes,
	...require('./reference-routes').routes,
	...require('./allocation-routes').routes,
	...require('./list-routes').routes,
	...require('./events').routes,
	...require('./change-routes').routes,
	// Last: its /consignments/{ref} and /consignments/{take}/{skip} would match paths of the others.
	...require('./consignment-routes').routes,
]).map(([method, path, handler]) => ({
	method,
	handler,
	actsOnConsignments: !NOT_FAULT_TARGETS.includes(path),
	...compile(path),
}));
/** The routes matching a path, with their parameters. @param {string} path */
function match(path) {
	const found = [];
	for (const route of ROUTES) {
		const m = route.pattern.exec(path);
		if (!m) continue;
		/** @type {Record<string, string>} */
		const params = {};
		route.names.forEach((name, i) => {
			try {
				params[name] = decodeURIComponent(m[i + 1]);
			} catch {
				params[name] = m[i + 1];
			}
		});
		found.push({ route, params });
	}
	return found;
}

setFaultTargets((method, path) =>
	match(path).some(
		({ route }) => route.actsOnConsignments && route.method === method.toUpperCase(),
	),
);

/**
 * Handle one API request (faults are applied by the caller).
 * @param {any} ctx @param {Omit<RequestInfo, 'params'>} req
 * @returns {Promise<Answer>}
 */
async function handleApiRequest(ctx, req) {
	// Gateway first: it answers JSON whatever Accept says.
	const key = headerValue(req.headers['ocp-apim-subscription-key']);
	if (key !== ctx.options.apiKey)
		return jsonAnswer(401, gatewayUnauthorizedBody(key === undefined));

	const xml = wantsXml(headerValue(req.headers.accept));
	try {
		const version = headerValue(req.headers['electio-api-version']);
		if (version === undefined || version.trim() !== API_VERSION) {
			const msg =
				version === undefined
					? `The electio-api-version header is required. Supported versions: ${API_VERSION}`
					: `API version '${version}' is not supported. Supported versions: ${API_VERSION}`;
			throw new ApiError(400, 'UnsupportedApiVersion', msg, [
				detail('UnsupportedApiVersion', 'electio-api-version', msg),
			]);
		}
		const matches = match(req.path);
		if (matches.length === 0) throw noRoute(req.path);
		const found = matches.find(({ route }) => route.method === req.method.toUpperCase());
		if (!found)
			throw methodNotAllowed(
				req.method,
				[...new Set(matches.map(({ route }) => route.method))].join(', '),
			);
		return await found.route.handler(ctx, { ...req, params: found.params }, xml);
	} catch (e) {
		if (e instanceof ApiError) return errorAnswer(e, xml);
		throw e;
	}
}

module.exports = { handleApiRequest, API_VERSION };
