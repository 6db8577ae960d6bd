'use strict';
/**
 * POST /quotes with a CreateConsignmentRequest-shaped body (checked as Create checks it): 201
 * with a QuoteResult for that order, priced by its ConsignmentReferenceProvidedByCustomer (or
 * its JSON), nothing stored. GET /quotes/consignment/{ref}: SortedPRO's QuoteResult `{ QuoteRequestReference, Quotes,
 * Message, UnqualifiedServices }` for an existing consignment that can still be allocated
 * (Unallocated, AllocationFailed; other states 400 `ConsignmentNotQuotable`). One quote per
 * enabled carrier service that does not refuse the consignment, cheapest first by Price.Gross.
 * QuoteReferences are GUIDs, deterministic per consignment and service; the quotes issued are
 * kept in the store (`store.quotesFor(ref)`) for Allocate With Quote to check against.
 */
const { createHash } = require('crypto');
const { ApiError } = require('./errors');
const { refusal } = require('./allocation');
const { ALLOCATABLE_STATES, SERVICE_STATUS } = require('./defaults');
const { answer, itemNotFound, readBody } = require('./http-answers');
const { validateCreateBody } = require('./consignment-records');
const { toXmlDocument } = require('./xml');

const DAY = 24 * 3600 * 1000;

/** A GUID derived from text (same text, same GUID). @param {string} text */
function guidOf(text) {
	const h = createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const round2 = (/** @type {number} */ n) => Math.round(n * 100) / 100;

/** The quote of one service for a consignment. @param {any} ctx @param {any} svc @param {string} ref */
function quoteOf(ctx, svc, ref) {
	const net = round2(
		2.5 + (parseInt(guidOf(`${ref}|${svc.Reference}|price`).slice(0, 6), 16) % 1500) / 100,
	);
	const vat = round2(net * 0.2);
	const shipping = ctx.options.shippingDate.getTime();
	return {
		QuoteReference: guidOf(`${ref}|${svc.Reference}`),
		MpdCarrierServiceReference: svc.Reference,
		MpdCarrierService: String(svc.Name).trim(),
		CarrierReference: svc.CarrierReference,
		CollectionDate: new Date(shipping).toISOString(),
		EarliestDeliveryDate: new Date(shipping + DAY).toISOString(),
		LatestDeliveryDate: new Date(shipping + 2 * DAY).toISOString(),
		Price: { Net: net, Gross: round2(net + vat), TaxRate: 20, VatAmount: vat, Currency: 'GBP' },
		ExpiryDate: new Date(shipping - 2 * 3600 * 1000).toISOString(),
	};
}

/**
 * One quote per enabled service that does not refuse `key` (a consignment or order
 * reference), cheapest first; the others as UnqualifiedServices.
 * @param {any} ctx @param {string} key
 */
function quoteResult(ctx, key) {
	const quotes = [];
	const unqualified = [];
	for (const svc of ctx.store.services.values()) {
		if (svc.Status === SERVICE_STATUS.disabled) continue;
		const reason = refusal(svc, key);
		if (reason)
			unqualified.push({
				Available: false,
				MpdCarrierService: String(svc.Name).trim(),
				CarrierReference: svc.CarrierReference,
				MpdCarrierServiceReference: svc.Reference,
				ExclusionReason: reason,
			});
		else quotes.push(quoteOf(ctx, svc, key));
	}
	quotes.sort((a, b) => a.Price.Gross - b.Price.Gross);
	return {
		QuoteRequestReference: guidOf(`${key}|request`),
		Quotes: quotes,
		Message: quotes.length ? null : 'No carrier services are available for this consignment',
		UnqualifiedServices: unqualified,
	};
}

/** @param {any} ctx @param {import('./http-answers').RequestInfo} req @param {boolean} xml */
async function quotesForOrder(ctx, req, xml) {
	const order = validateCreateBody(await readBody(req, 'CreateConsignmentRequest'));
	const customer = order.ConsignmentReferenceProvidedByCustomer;
	const key = typeof customer === 'string' && customer !== '' ? customer : JSON.stringify(order);
	return answer(201, quoteResult(ctx, key), xml, (b) => toXmlDocument('QuoteResult', null, b));
}

/** @param {any} ctx @param {import('./http-answers').RequestInfo} req @param {boolean} xml */
async function quotesForConsignment(ctx, req, xml) {
	const { ref } = req.params;
	const c = ctx.store.lookup(ref);
	if (!c) throw itemNotFound(ref);
	if (!ALLOCATABLE_STATES.has(c.state)) {
		throw new ApiError(
			400,
			'ConsignmentNotQuotable',
			`Quotes for consignment ${ref} are not available because it is in state ${c.state}`,
		);
	}
	const body = quoteResult(ctx, ref);
	ctx.store.issueQuotes(ref, body.Quotes);
	return answer(200, body, xml, (b) => toXmlDocument('QuoteResult', null, b));
}

const routes = [
	{ method: 'POST', path: '/quotes', handler: quotesForOrder, actsOnConsignments: true },
	{
		method: 'GET',
		path: '/quotes/consignment/{ref}',
		handler: quotesForConsignment,
		actsOnConsignments: true,
	},
];

module.exports = { routes, guidOf };
