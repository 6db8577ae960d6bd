'use strict';
/** PUT /consignments/deallocatelist: a bare list of references → one WithMessage result each. */
const { stateName } = require('./allocation');
const { DEALLOCATABLE_STATES, STATES } = require('./defaults');
const { detail, validationFailed } = require('./errors');
const { readBody } = require('./http-answers');
const { withMessageList } = require('./results');

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
	return withMessageList(
		ctx,
		refs,
		xml,
		(c, ref) => {
			if (!DEALLOCATABLE_STATES.has(c.state))
				return `Consignment ${ref} cannot be deallocated because it is in state ${stateName(ctx.options, c.state)}`;
			c.state = STATES.unallocated;
			delete c.carrierServiceReference;
			delete c.trackingReference;
			return undefined;
		},
		DEALLOCATED,
	);
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
