'use strict';
/** GET /carrierservices and GET /carriers. */
const { ApiError } = require('./errors');
const { answer } = require('./http-answers');
const { carrierServicesToXml, carrierServiceResponseToXml, carriersToXml } = require('./xml');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

/**
 * GET /carrierservices. By default SortedPRO's documented answer, the
 * SubscriptionMpdCarrierServiceResponse wrapper; option carrierServicesAnswer plays the others:
 * 'array' (a bare list), 'failure' (HTTP 200 with Success false), 'notFound' (404, no services).
 * @param {any} ctx @param {RequestInfo} _req @param {boolean} xml
 */
async function carrierServices(ctx, _req, xml) {
	const mode = ctx.options.carrierServicesAnswer;
	if (mode === 'notFound') {
		throw new ApiError(
			404,
			'CarrierServicesNotFound',
			'No carrier services found for this subscription',
		);
	}
	const list =
		mode === 'failure' ? [] : ctx.store.publicServices(ctx.options.carrierServiceNameField);
	if (mode === 'array') return answer(200, list, xml, carrierServicesToXml);
	const body = {
		Success: mode !== 'failure',
		ErrorMessage:
			mode === 'failure' ? 'Unable to retrieve the carrier services of this subscription' : null,
		MpdCarrierServices: list,
	};
	return answer(200, body, xml, carrierServiceResponseToXml);
}

/** @param {any} ctx @param {RequestInfo} _req @param {boolean} xml */
async function carriers(ctx, _req, xml) {
	return answer(200, ctx.store.publicCarriers(), xml, carriersToXml);
}

const routes = [
	{ method: 'GET', path: '/carrierservices', handler: carrierServices },
	{ method: 'GET', path: '/carriers', handler: carriers },
];

module.exports = { routes };
