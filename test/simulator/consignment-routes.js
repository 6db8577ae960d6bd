'use strict';
/**
 * Consignment endpoints: create, get, status, search, cancel (list). Consignments created here
 * are kept in the store with their addresses and packages; allocation (and any other module)
 * changes their state there, so create → allocate → get → cancel plays out as in SortedPRO.
 * Listed last in ROUTE_MODULES: `/consignments/{ref}` and `/consignments/{take}/{skip}` would
 * otherwise shadow more specific GET routes of other modules.
 */
const { ApiError, detail, validationFailed } = require('./errors');
const { answer, itemNotFound, readBody } = require('./http-answers');
const {
	validateCreateBody,
	recordFromBody,
	consignmentDetail,
	consignmentSummary,
	consignmentStatus,
	link,
} = require('./consignment-records');
const { withMessage, withMessageAnswer } = require('./results');
const { toXmlDocument } = require('./xml');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

/** States from which SortedPRO cancels: anything before manifesting. */
const CANCELLABLE_STATES = new Set([
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Allocated',
	'ManifestFailed',
	'ReadyToShip',
]);
const CANCELLED_MESSAGE = 'Consignment cancellation completed successfully';

/** POST /consignments → 201 `[{Rel, Href}]`. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function createConsignment(ctx, req, xml) {
	const body = validateCreateBody(await readBody(req, 'CreateConsignmentRequest'));
	const created = ctx.store.addCreated(recordFromBody(body, new Date()));
	const links = [link(ctx.options.linkBaseUrl, created.reference)];
	return answer(201, links, xml, (list) => toXmlDocument('ArrayOfApiLink', 'ApiLink', list));
}

/** @param {any} ctx @param {string} reference */
function known(ctx, reference) {
	const c = ctx.store.lookup(reference);
	if (!c) throw itemNotFound(reference);
	return c;
}

/** GET /consignments/{ref}. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function getConsignment(ctx, req, xml) {
	const c = known(ctx, req.params.ref);
	return answer(200, consignmentDetail(ctx, c), xml, (data) =>
		toXmlDocument('Consignment', null, data),
	);
}

/** GET /consignments/{ref}/status. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function getStatus(ctx, req, xml) {
	const c = known(ctx, req.params.ref);
	return answer(200, consignmentStatus(ctx, c), xml, (data) =>
		toXmlDocument('ConsignmentStatusResponse', null, data),
	);
}

/**
 * The page of a search, as option searchPages has it: `faithful` (SortedPRO's paging),
 * `repeat` (pages A, B, A, B, …: {skip} is taken modulo twice {take}) or `endless` (every page
 * full: made-up consignments EC-MORE-000001, … follow the real matches without end).
 * @param {any} ctx @param {any[]} matches @param {number} take @param {number} skip @param {string | undefined} state
 */
function searchPage(ctx, matches, take, skip, state) {
	const mode = ctx.options.searchPages;
	const from = mode === 'repeat' && take > 0 ? skip % (2 * take) : skip;
	const page = matches.slice(from, from + take);
	if (mode !== 'endless') return page;
	for (let at = Math.max(skip, matches.length); page.length < take; at++) {
		const n = String(at - matches.length + 1).padStart(6, '0');
		page.push({ reference: `EC-MORE-${n}`, state: state ?? 'Unallocated' });
	}
	return page;
}

/**
 * GET /consignments/{take}/{skip}?State=…&Direction=…&ConsignmentReferenceProvidedByCustomer=…
 * → `{Count, ConsignmentSummaries}`, in creation order; Count is the number of matches in all
 * (SortedPRO's example does not settle whether it counts the page or all matches); option
 * searchCount (a number) sends that Count instead, whatever the matches.
 * @param {any} ctx @param {RequestInfo} req @param {boolean} xml
 */
async function searchConsignments(ctx, req, xml) {
	const { take, skip } = req.params;
	if (!/^\d+$/.test(take) || !/^\d+$/.test(skip)) {
		const msg = `No resource found that matches the request URI '${req.path}'`;
		throw new ApiError(404, 'ResourceNotFound', msg, [detail('ResourceNotFound', 'path', msg)]);
	}
	const query = Object.fromEntries(
		Object.entries(req.query ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	if (query.state !== undefined && !/^[A-Za-z]+$/.test(query.state)) {
		throw validationFailed([
			detail('Invalid', 'State', `The value '${query.state}' is not valid for State`),
		]);
	}
	const matches = [...ctx.store.consignments.values()].filter(
		(c) =>
			(query.state === undefined || c.state.toLowerCase() === query.state.toLowerCase()) &&
			(query.direction === undefined ||
				(c.direction ?? 'Outbound').toLowerCase() === query.direction.toLowerCase()) &&
			(query.consignmentreferenceprovidedbycustomer === undefined ||
				c.customerReference === query.consignmentreferenceprovidedbycustomer),
	);
	const data = {
		Count: ctx.options.searchCount === 'all' ? matches.length : ctx.options.searchCount,
		ConsignmentSummaries: searchPage(ctx, matches, Number(take), Number(skip), query.state).map(
			(c) => consignmentSummary(ctx, c),
		),
	};
	return answer(200, data, xml, (d) => toXmlDocument('ConsignmentSearchResult', null, d));
}

/** PUT /consignments/cancellist with a bare list of references. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function cancelList(ctx, req, xml) {
	const refs = await readBody(req, 'ArrayOfString');
	if (
		!Array.isArray(refs) ||
		refs.length === 0 ||
		refs.some((r) => typeof r !== 'string' || r.trim() === '')
	) {
		throw validationFailed([
			detail(
				'Invalid',
				'request',
				'The request body must be a non-empty array of consignment references',
			),
		]);
	}
	const base = ctx.options.linkBaseUrl;
	const results = refs.map((/** @type {string} */ ref) => {
		const c = ctx.store.lookup(ref);
		if (!c) return withMessage(base, ref, false, `Consignment ${ref} not found`);
		if (c.state === 'Cancelled')
			return withMessage(base, ref, false, `Consignment ${ref} is already cancelled`);
		if (!CANCELLABLE_STATES.has(c.state)) {
			return withMessage(
				base,
				ref,
				false,
				`Consignment ${ref} cannot be cancelled because it is in state ${c.state}`,
			);
		}
		c.state = 'Cancelled';
		return withMessage(base, ref, true, CANCELLED_MESSAGE);
	});
	return withMessageAnswer(ctx, results, xml, () => CANCELLED_MESSAGE);
}

const routes = [
	{ method: 'POST', path: '/consignments', handler: createConsignment, actsOnConsignments: true },
	{
		method: 'PUT',
		path: '/consignments/cancellist',
		handler: cancelList,
		actsOnConsignments: true,
	},
	{
		method: 'GET',
		path: '/consignments/{ref}/status',
		handler: getStatus,
		actsOnConsignments: true,
	},
	{
		method: 'GET',
		path: '/consignments/{take}/{skip}',
		handler: searchConsignments,
		actsOnConsignments: true,
	},
	{ method: 'GET', path: '/consignments/{ref}', handler: getConsignment, actsOnConsignments: true },
];

module.exports = { routes, CANCELLABLE_STATES };
