'use strict';
/**
 * PUT /allocation/allocateConsignmentsWithServiceFilters: SortedPRO's help page "Allocate With
 * Service Filters". Body `{ ConsignmentReferences, Filters: { ServiceDirection, IsPickup?,
 * IsDropOff? } }`; each consignment goes to the first (cheapest) enabled service that meets the
 * filters. How a service meets them is the simulator's reading of the page: its direction
 * (config `direction`, default Outbound) equals ServiceDirection, and IsPickup / IsDropOff,
 * when given, equal the service's IsPickUp / IsDropOff.
 */
const { validateReferencesBody, allocateEach } = require('./allocation');
const { detail, validationFailed } = require('./errors');
const { readBody } = require('./http-answers');
const { allocationAnswer } = require('./allocation-routes');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

const DIRECTIONS = ['Inbound', 'Outbound'];

/**
 * A boolean filter as JSON (true/false) or XML ('true'/'false') sends it; undefined when absent.
 * @param {unknown} value @param {string} target @param {any[]} details
 */
function optionalBoolean(value, target, details) {
	if (value === undefined || value === null) return undefined;
	if (value === true || value === 'true') return true;
	if (value === false || value === 'false') return false;
	details.push(detail('InvalidType', target, `${target} must be true or false`));
	return undefined;
}

/** @param {unknown} filters */
function validateFilters(filters) {
	if (filters === null || typeof filters !== 'object' || Array.isArray(filters))
		throw validationFailed([detail('Required', 'Filters', 'The Filters field is required')]);
	const f = /** @type {Record<string, unknown>} */ (filters);
	/** @type {any[]} */
	const details = [];
	const direction = DIRECTIONS.find(
		(d) =>
			typeof f.ServiceDirection === 'string' &&
			d.toLowerCase() === f.ServiceDirection.toLowerCase(),
	);
	if (!direction)
		details.push(
			detail(
				f.ServiceDirection === undefined || f.ServiceDirection === null
					? 'Required'
					: 'InvalidValue',
				'Filters.ServiceDirection',
				'ServiceDirection must be Inbound or Outbound',
			),
		);
	const isPickup = optionalBoolean(f.IsPickup, 'Filters.IsPickup', details);
	const isDropOff = optionalBoolean(f.IsDropOff, 'Filters.IsDropOff', details);
	if (details.length) throw validationFailed(details);
	return { direction, isPickup, isDropOff };
}

/** @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateWithServiceFilters(ctx, req, xml) {
	const body = await readBody(
		req,
		'AllocateConsignmentsWithServiceFiltersRequest',
		['ConsignmentReferences'],
		['Filters'],
	);
	const { refs } = validateReferencesBody(body, null);
	const { direction, isPickup, isDropOff } = validateFilters(
		/** @type {Record<string, unknown>} */ (body).Filters,
	);
	const services = ctx.store
		.enabledServices()
		.filter(
			(/** @type {any} */ s) =>
				(s.direction ?? 'Outbound') === direction &&
				(isPickup === undefined || Boolean(s.IsPickUp) === isPickup) &&
				(isDropOff === undefined || Boolean(s.IsDropOff) === isDropOff),
		);
	return allocationAnswer(ctx, services[0]?.Reference ?? null, refs, xml, () =>
		allocateEach(ctx, refs, () => services),
	);
}

const routes = [
	{
		method: 'PUT',
		path: '/allocation/allocateConsignmentsWithServiceFilters',
		handler: allocateWithServiceFilters,
		actsOnConsignments: true,
	},
];

module.exports = { routes };
