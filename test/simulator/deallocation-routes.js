'use strict';
/** PUT /consignments/deallocatelist: a bare list of references → one WithMessage result each. */
const { stateName } = require('./allocation');
const { DEALLOCATABLE_STATES, STATES } = require('./defaults');
const { ApiError, detail, validationFailed } = require('./errors');
const { readBody } = require('./http-answers');
const { withMessage, withMessageAnswer } = require('./results');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

// SortedPRO's documented Message of a deallocated consignment.
const DEALLOCATED = 'Consignment deallocation completed successfully';

/** The body: a non-empty list of non-empty strings (JSON array, or XML ArrayOfString). @param {unknown} body @returns {string[]} */
function validateReferenceList(body) {
	if (!Array.isArray(body)) {
		throw validationFailed([
			detail(
				'InvalidType',
				'request',
				'The request body must be an array of consignment references',
			),
		]);
	}
	if (body.length === 0)
		throw validationFailed([
			detail(
				'Empty',
				'request',
				'The request body must contain at least one consignment reference',
			),
		]);
	/** @type {import('./errors').ApiErrorDetail[]} */
	const details = [];
	body.forEach((r, i) => {
		if (typeof r !== 'string')
			details.push(detail('InvalidType', `[${i}]`, 'A consignment reference must be a string'));
		else if (r.trim() === '')
			details.push(detail('Required', `[${i}]`, 'A consignment reference must not be empty'));
	});
	if (details.length) throw validationFailed(details);
	return /** @type {string[]} */ (body);
}

/**
 * Only Allocated, Manifested and Manifest Failed consignments can be deallocated; they become
 * Unallocated (carrier service and tracking forgotten). Others: IsSuccess false, "Consignment X
 * cannot be deallocated because it is in state S" (a resend after a lost answer finds
 * Unallocated). Unknown: per `unknownReference` (result "Consignment X not found", none, or 404).
 * @param {any} ctx @param {RequestInfo} req @param {boolean} xml
 */
async function deallocateList(ctx, req, xml) {
	const refs = validateReferenceList(await readBody(req, 'ArrayOfString'));
	const { store, options, counters } = ctx;
	if (options.unknownReference === 'reject') {
		const unknown = refs.find((r) => !store.exists(r));
		if (unknown !== undefined) throw new ApiError(404, 'ItemNotFound', `Item ${unknown} not found`);
	}
	const base = options.linkBaseUrl;
	const results = [];
	for (const ref of refs) {
		const c = store.lookup(ref);
		if (!c) {
			counters.consignmentsNotFound++;
			if (options.unknownReference !== 'omit')
				results.push(withMessage(base, ref, false, `Consignment ${ref} not found`));
		} else if (!DEALLOCATABLE_STATES.has(c.state)) {
			counters.consignmentsInWrongState++;
			results.push(
				withMessage(
					base,
					ref,
					false,
					`Consignment ${ref} cannot be deallocated because it is in state ${stateName(options, c.state)}`,
				),
			);
		} else {
			c.state = STATES.unallocated;
			delete c.carrierServiceReference;
			delete c.trackingReference;
			results.push(withMessage(base, ref, true, DEALLOCATED));
		}
	}
	return withMessageAnswer(ctx, results, xml, () => DEALLOCATED);
}

const routes = [
	{
		method: 'PUT',
		path: '/consignments/deallocatelist',
		handler: deallocateList,
		actsOnConsignments: true,
	},
];

module.exports = { routes, DEALLOCATED, validateReferenceList };
