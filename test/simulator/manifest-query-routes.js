'use strict';
/**
 * /consignments/manifestFromQuery `{ ShippingLocationReferences?, States?, Carriers?,
 * LabelsPrinted?, ShippingDate? }` (SortedPRO's "Manifest Consignments From Query"): the
 * consignments that meet every criterion given are queued for manifest (here: Manifested at
 * once); the answer is `{ Message: "Query found N consignment(s). Q successfully queued to
 * manifest. F failed to be added to the queue", FailedConsignments }`. The help pages name both
 * POST and PUT: option manifestFromQueryVerb (default POST) picks the one served, the other is
 * answered 405. A consignment's shipping location is its Origin address's
 * ShippingLocationReference (created consignments only), its carrier its service's
 * CarrierReference, its shipping date the simulator's shippingDate unless it was created with one.
 */
const { ApiError, detail, validationFailed } = require('./errors');
const { jsonAnswer, readBody } = require('./http-answers');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

// "All the consignments … should be in a state of either Allocated or Manifest Failed"; the
// others a query finds fail to be queued.
const QUEUEABLE = ['Allocated', 'ManifestFailed'];

/** A list criterion: undefined when absent; a list of strings otherwise. @param {unknown} v @param {string} field */
function stringList(v, field) {
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
		throw validationFailed([detail('InvalidType', field, `${field} must be an array of strings`)]);
	return v.length ? v : undefined;
}

/** @param {any} ctx @param {any} c */
function factsOf(ctx, c) {
	const origin = (c.addresses ?? []).find((/** @type {any} */ a) => a.AddressType === 'Origin');
	const service = c.carrierServiceReference && ctx.store.service(c.carrierServiceReference);
	const shipping = c.shippingDate ? new Date(c.shippingDate) : ctx.options.shippingDate;
	return {
		location: origin?.ShippingLocationReference,
		carrier: service?.CarrierReference,
		day: shipping.toISOString().slice(0, 10),
	};
}

/** @param {any} ctx @param {RequestInfo} req */
async function manifestFromQuery(ctx, req) {
	const served = ctx.options.manifestFromQueryVerb;
	if (req.method.toUpperCase() !== served) {
		const msg = `The requested resource does not support http method '${req.method}'`;
		throw new ApiError(405, 'MethodNotAllowed', msg, [detail('MethodNotAllowed', 'method', msg)], {
			Allow: served,
		});
	}
	const body = /** @type {any} */ (await readBody(req, 'ManifestFromQueryRequest'));
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw validationFailed([detail('Required', 'request', 'The request body must be an object')]);
	const locations = stringList(body.ShippingLocationReferences, 'ShippingLocationReferences');
	const states = stringList(body.States, 'States') ?? QUEUEABLE;
	const carriers = stringList(body.Carriers, 'Carriers');
	const printed = body.LabelsPrinted;
	const day =
		body.ShippingDate === undefined || body.ShippingDate === null
			? undefined
			: new Date(body.ShippingDate).toISOString().slice(0, 10);
	let found = 0;
	/** @type {string[]} */
	const failed = [];
	for (const c of ctx.store.consignments.values()) {
		const facts = factsOf(ctx, c);
		if (!states.includes(c.state)) continue;
		if (locations && !locations.includes(facts.location)) continue;
		if (carriers && !carriers.includes(facts.carrier)) continue;
		if (typeof printed === 'boolean' && Boolean(c.labelsPrinted) !== printed) continue;
		if (day && facts.day !== day) continue;
		found++;
		if (QUEUEABLE.includes(c.state)) c.state = 'Manifested';
		else failed.push(c.reference);
	}
	return jsonAnswer(200, {
		Message: `Query found ${found} consignment(s). ${found - failed.length} successfully queued to manifest. ${failed.length} failed to be added to the queue`,
		FailedConsignments: failed,
	});
}

const routes = ['POST', 'PUT'].map((method) => ({
	method,
	path: '/consignments/manifestFromQuery',
	handler: manifestFromQuery,
	actsOnConsignments: true,
}));

module.exports = { routes };
