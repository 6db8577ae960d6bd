'use strict';
/**
 * The API proper: header checks, then the route table built from the endpoint modules.
 * Adding endpoints: a module exporting `routes` ({ method, path, handler, actsOnConsignments? };
 * `{name}` in a path is a parameter, given to the handler decoded in `req.params`), and one
 * line in ROUTE_MODULES. Paths match case-insensitively; a trailing slash is ignored.
 */
const { ApiError, detail, gatewayUnauthorizedBody } = require('./errors');
const { setFaultTargets } = require('./faults');
const { errorAnswer, headerValue, jsonAnswer, wantsXml } = require('./http-answers');

const API_VERSION = '1.1';

const ROUTE_MODULES = [
	require('./carrier-routes'),
	require('./allocation-routes'),
	require('./service-filter-routes'),
	require('./deallocation-routes'),
	require('./label-routes'),
	require('./manifest-routes'),
	require('./manifest-query-routes'),
	require('./ready-to-ship-routes'),
	require('./tracking-routes'),
	require('./quote-routes'),
	// Last: its GET /consignments/{ref} and /consignments/{take}/{skip} would match paths of the others.
	require('./consignment-routes'),
];

/** @typedef {import('./faults').Answer} Answer */
/** @typedef {import('./http-answers').RequestInfo} RequestInfo */
/** @typedef {{ method: string, path: string, handler: (ctx: any, req: RequestInfo, xml: boolean) => Promise<Answer>, actsOnConsignments?: boolean }} Route */

/** @param {string} path */
function compile(path) {
	const names = /** @type {string[]} */ ([]);
	const source = path
		.split('/')
		.map((part) => {
			const param = /^\{(\w+)\}$/.exec(part);
			if (!param) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
			names.push(param[1]);
			return '([^/]+)';
		})
		.join('/');
	return { pattern: new RegExp(`^${source}/?$`, 'i'), names };
}

const ROUTES = ROUTE_MODULES.flatMap((module) => /** @type {Route[]} */ (module.routes)).map(
	(route) => ({ ...route, ...compile(route.path) }),
);

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
		if (matches.length === 0) {
			const msg = `No resource found that matches the request URI '${req.path}'`;
			throw new ApiError(404, 'ResourceNotFound', msg, [detail('ResourceNotFound', 'path', msg)]);
		}
		const found = matches.find(({ route }) => route.method === req.method.toUpperCase());
		if (!found) {
			const msg = `The requested resource does not support http method '${req.method}'`;
			throw new ApiError(
				405,
				'MethodNotAllowed',
				msg,
				[detail('MethodNotAllowed', 'method', msg)],
				{
					Allow: [...new Set(matches.map(({ route }) => route.method))].join(', '),
				},
			);
		}
		return await found.route.handler(ctx, { ...req, params: found.params }, xml);
	} catch (e) {
		if (e instanceof ApiError) return errorAnswer(e, xml);
		throw e;
	}
}

module.exports = { handleApiRequest, API_VERSION };
