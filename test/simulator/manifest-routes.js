'use strict';
/**
 * PUT /consignments/manifest `{ ConsignmentReferences }` (XML `ManifestConsignmentsRequest`):
 * one WithMessage result per reference, in request order. Allocated, ManifestFailed and
 * ReadyToShip become Manifested; any other state (Manifested included) is a failure result,
 * as is an unknown consignment. A reference repeated in one request is manifested once.
 */
const { detail, validationFailed } = require('./errors');
const { readBody } = require('./http-answers');
const { withMessage, withMessageAnswer } = require('./results');

const MANIFESTABLE = new Set(['Allocated', 'ManifestFailed', 'ReadyToShip']);

/** @param {unknown} body @returns {string[]} */
function referencesOf(body) {
	const refs =
		body && typeof body === 'object' && !Array.isArray(body)
			? /** @type {any} */ (body).ConsignmentReferences
			: undefined;
	if (refs === undefined || refs === null)
		throw validationFailed([
			detail('Required', 'ConsignmentReferences', 'The ConsignmentReferences field is required'),
		]);
	if (!Array.isArray(refs) || refs.length === 0) {
		throw validationFailed([
			detail(
				'Empty',
				'ConsignmentReferences',
				'ConsignmentReferences must contain at least one consignment reference',
			),
		]);
	}
	const bad = refs.findIndex((r) => typeof r !== 'string' || r.trim() === '');
	if (bad >= 0)
		throw validationFailed([
			detail(
				'Required',
				`ConsignmentReferences[${bad}]`,
				'A consignment reference must be a non-empty string',
			),
		]);
	return refs;
}

const manifested = (/** @type {string} */ ref) =>
	`Consignment ${ref} has been manifested successfully.`;

/** @param {any} ctx @param {import('./http-answers').RequestInfo} req @param {boolean} xml */
async function manifestConsignments(ctx, req, xml) {
	const refs = referencesOf(await readBody(req, 'ManifestConsignmentsRequest'));
	const base = ctx.options.linkBaseUrl;
	const results = refs.map((ref) => {
		const c = ctx.store.lookup(ref);
		if (!c) return withMessage(base, ref, false, `Consignment ${ref} not found`);
		if (!MANIFESTABLE.has(c.state))
			return withMessage(
				base,
				ref,
				false,
				`Consignment ${ref} cannot be manifested because it is in state ${c.state}`,
			);
		c.state = 'Manifested';
		return withMessage(base, ref, true, manifested(ref));
	});
	return withMessageAnswer(ctx, results, xml, manifested);
}

const routes = [
	{
		method: 'PUT',
		path: '/consignments/manifest',
		handler: manifestConsignments,
		actsOnConsignments: true,
	},
];

module.exports = { routes, MANIFESTABLE };
