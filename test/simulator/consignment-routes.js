'use strict';
/**
 * Consignments: create, get, status, search; quotes. Created consignments are kept in the
 * store with their addresses and packages, so create → allocate → get → cancel plays out as in
 * SortedPRO. Listed last in routes.js: `/consignments/{ref}` and `/consignments/{take}/{skip}`
 * would otherwise shadow more specific paths.
 */
const { createHash } = require('crypto');
const { ApiError, detail, validationFailed } = require('./errors');
const { refusal } = require('./allocation');
const { ALLOCATABLE_STATES, SERVICE_STATUS } = require('./defaults');
const { answer, consignmentOf, noRoute, readBody } = require('./http-answers');
const records = require('./consignment-records');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */
/** @typedef {(ctx: any, req: RequestInfo, xml: boolean) => Promise<import('./faults').Answer>} Handler */

/** POST /consignments → 201 `[{Rel, Href}]`. @type {Handler} */
async function createConsignment(ctx, req, xml) {
	const body = records.validateCreateBody(await readBody(req, 'CreateConsignmentRequest'));
	const created = ctx.store.addCreated(records.recordFromBody(body, new Date()));
	const links = [records.link(ctx.options.linkBaseUrl, created.reference)];
	return answer(201, links, xml, 'ArrayOfApiLink', 'ApiLink');
}

/**
 * GET /consignments/{take}/{skip}?State=…&Direction=…&ConsignmentReferenceProvidedByCustomer=…
 * → `{Count, ConsignmentSummaries}`, in creation order. Count is the number of all matches
 * (SortedPRO's example does not settle whether it counts the page), or option searchCount.
 * Option searchPages: `faithful` (SortedPRO's paging), `repeat` (pages A, B, A, B, …: {skip}
 * is taken modulo twice {take}) or `endless` (every page full: made-up consignments
 * EC-MORE-000001, … follow the real matches without end).
 * @type {Handler}
 */
async function searchConsignments(ctx, req, xml) {
	const { take: t, skip: s } = req.params;
	if (!/^\d+$/.test(t) || !/^\d+$/.test(s)) throw noRoute(req.path);
	const [take, skip] = [Number(t), Number(s)];
	const query = Object.fromEntries(
		Object.entries(req.query ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
	);
	const { state, direction, consignmentreferenceprovidedbycustomer: customer } = query;
	if (state !== undefined && !/^[A-Za-z]+$/.test(state))
		throw validationFailed([
			detail('Invalid', 'State', `The value '${state}' is not valid for State`),
		]);
	const same = (/** @type {string} */ a, /** @type {string} */ b) =>
		a.toLowerCase() === b.toLowerCase();
	const matches = [...ctx.store.consignments.values()].filter(
		(c) =>
			(state === undefined || same(c.state, state)) &&
			(direction === undefined || same(c.direction ?? 'Outbound', direction)) &&
			(customer === undefined || c.customerReference === customer),
	);
	const mode = ctx.options.searchPages;
	const from = mode === 'repeat' && take > 0 ? skip % (2 * take) : skip;
	const page = matches.slice(from, from + take);
	for (let at = Math.max(skip, matches.length); mode === 'endless' && page.length < take; at++) {
		const n = String(at - matches.length + 1).padStart(6, '0');
		page.push({ reference: `EC-MORE-${n}`, state: state ?? 'Unallocated' });
	}
	const data = {
		Count: ctx.options.searchCount === 'all' ? matches.length : ctx.options.searchCount,
		ConsignmentSummaries: page.map((c) => records.consignmentSummary(ctx, c)),
	};
	return answer(200, data, xml, 'ConsignmentSearchResult');
}

/** A GUID derived from text (same text, same GUID). @param {string} text */
function guidOf(text) {
	const h = createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const DAY = 24 * 3600 * 1000;
const round2 = (/** @type {number} */ n) => Math.round(n * 100) / 100;
const iso = (/** @type {number} */ ms) => new Date(ms).toISOString();

/**
 * SortedPRO's QuoteResult for `key` (a consignment or order reference): one quote per enabled
 * service that does not refuse it, cheapest first by Price.Gross (GBP, 20 % VAT), the others
 * as UnqualifiedServices. QuoteReferences are GUIDs derived from key and service.
 * @param {any} ctx @param {string} key
 */
function quoteResult(ctx, key) {
	const quotes = [];
	const unqualified = [];
	const shipping = ctx.options.shippingDate.getTime();
	for (const svc of ctx.store.services.values()) {
		if (svc.Status === SERVICE_STATUS.disabled) continue;
		const named = {
			MpdCarrierService: String(svc.Name).trim(),
			CarrierReference: svc.CarrierReference,
			MpdCarrierServiceReference: svc.Reference,
		};
		const reason = refusal(svc, key);
		if (reason) {
			unqualified.push({ Available: false, ...named, ExclusionReason: reason });
			continue;
		}
		const cents = parseInt(guidOf(`${key}|${svc.Reference}|price`).slice(0, 6), 16) % 1500;
		const net = round2(2.5 + cents / 100);
		const vat = round2(net * 0.2);
		quotes.push({
			QuoteReference: guidOf(`${key}|${svc.Reference}`),
			MpdCarrierServiceReference: svc.Reference,
			MpdCarrierService: named.MpdCarrierService,
			CarrierReference: svc.CarrierReference,
			CollectionDate: iso(shipping),
			EarliestDeliveryDate: iso(shipping + DAY),
			LatestDeliveryDate: iso(shipping + 2 * DAY),
			Price: { Net: net, Gross: round2(net + vat), TaxRate: 20, VatAmount: vat, Currency: 'GBP' },
			ExpiryDate: iso(shipping - 2 * 3600 * 1000),
		});
	}
	quotes.sort((a, b) => a.Price.Gross - b.Price.Gross);
	return {
		QuoteRequestReference: guidOf(`${key}|request`),
		Quotes: quotes,
		Message: quotes.length ? null : 'No carrier services are available for this consignment',
		UnqualifiedServices: unqualified,
	};
}

/** POST /quotes with a CreateConsignmentRequest (checked as Create checks it): nothing stored. @type {Handler} */
async function quotesForOrder(ctx, req, xml) {
	const order = records.validateCreateBody(await readBody(req, 'CreateConsignmentRequest'));
	const customer = order.ConsignmentReferenceProvidedByCustomer;
	const key = typeof customer === 'string' && customer !== '' ? customer : JSON.stringify(order);
	return answer(201, quoteResult(ctx, key), xml, 'QuoteResult');
}

/**
 * GET /quotes/consignment/{ref}: only while it can still be allocated (else 400
 * ConsignmentNotQuotable); the quotes issued are kept for Allocate With Quote to check.
 * @type {Handler}
 */
async function quotesForConsignment(ctx, req, xml) {
	const { ref } = req.params;
	const c = consignmentOf(ctx, ref);
	if (!ALLOCATABLE_STATES.has(c.state)) {
		const msg = `Quotes for consignment ${ref} are not available because it is in state ${c.state}`;
		throw new ApiError(400, 'ConsignmentNotQuotable', msg);
	}
	const body = quoteResult(ctx, ref);
	ctx.store.issueQuotes(ref, body.Quotes);
	return answer(200, body, xml, 'QuoteResult');
}

/** A consignment's record as `build` writes it. @param {(ctx: any, c: any) => any} build @param {string} root @returns {Handler} */
const recordOf = (build, root) => async (ctx, req, xml) =>
	answer(200, build(ctx, consignmentOf(ctx, req.params.ref)), xml, root);

/** @type {[string, string, Handler][]} */
const routes = [
	['POST', '/consignments', createConsignment],
	['POST', '/quotes', quotesForOrder],
	['GET', '/quotes/consignment/{ref}', quotesForConsignment],
	[
		'GET',
		'/consignments/{ref}/status',
		recordOf(records.consignmentStatus, 'ConsignmentStatusResponse'),
	],
	['GET', '/consignments/{take}/{skip}', searchConsignments],
	['GET', '/consignments/{ref}', recordOf(records.consignmentDetail, 'Consignment')],
];

module.exports = { routes };
