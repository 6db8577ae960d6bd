'use strict';
/** Allocation endpoints. Each route: method, path (`{name}` for a path parameter), handler. */
const {
	validateAllocateBody,
	validateReferencesBody,
	allocate,
	allocateEach,
	failedSummary,
	successSummary,
	serviceFullNameOf,
	formatShippingDate,
} = require('./allocation');
const { ApiError, detail } = require('./errors');
const { ALLOCATABLE_STATES, DEFAULT_REFUSE_REASON, STATES } = require('./defaults');
const { listAnswer, readBody } = require('./http-answers');
const { summariesToXml } = require('./xml');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */
/** @typedef {import('./faults').Answer} Answer */

/**
 * The answer of an allocation call: 200 (or 202, option allocationAnswer) with the Allocation
 * Summaries; 'acceptedEmpty' plays "queued for later": 202, no body, consignments Allocating
 * (202 is a declared answer of every allocation endpoint; its meaning is not documented).
 * @param {any} ctx @param {string | null} serviceRef the service asked for, if any (for the 'extra' fault)
 * @param {string[]} refs @param {boolean} xml @param {() => any[]} run allocates, returns the summaries
 * @returns {Answer}
 */
function allocationAnswer(ctx, serviceRef, refs, xml, run) {
	ctx.counters.allocationRequests++;
	if (ctx.options.allocationAnswer === 'acceptedEmpty') {
		for (const ref of refs) {
			const c = ctx.store.lookup(ref);
			if (c && ALLOCATABLE_STATES.has(c.state)) c.state = STATES.allocating;
		}
		return { status: 202, headers: {}, body: '' };
	}
	const summaries = run();
	const extra = (/** @type {string} */ ref, /** @type {number} */ n) => {
		const svc = (serviceRef && ctx.store.service(serviceRef)) || ctx.store.firstService();
		const shipping = formatShippingDate(ctx.options.shippingDate);
		return successSummary(
			ctx.options.linkBaseUrl,
			svc,
			serviceFullNameOf(svc),
			shipping,
			ref,
			'TRKX' + String(n).padStart(7, '0'),
		);
	};
	/** @param {import('./allocation').AllocationSummary} summary @param {number} n */
	const opposite = (summary, n) => {
		const ref = referenceOfLink(summary.ApiLinks[0].Href);
		return summary.StatusCode >= 200 && summary.StatusCode <= 299
			? failedSummary(400, ctx.options.linkBaseUrl, ref, DEFAULT_REFUSE_REASON)
			: extra(ref, n);
	};
	return listAnswer(
		summaries,
		xml,
		summariesToXml,
		{ extra, opposite },
		ctx.options.allocationAnswer === 'accepted' ? 202 : 200,
	);
}

/** The consignment a summary's link ends with. @param {string} href */
const referenceOfLink = (href) => decodeURIComponent(href.slice(href.lastIndexOf('/') + 1));

/** PUT /allocation/allocatewithcarrierservice. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateWithCarrierService(ctx, req, xml) {
	const { serviceRef, refs } = validateAllocateBody(
		await readBody(req, 'AllocateConsignmentsWithCarrierServiceRequest'),
	);
	return allocationAnswer(ctx, serviceRef, refs, xml, () => allocate(ctx, serviceRef, refs));
}

/** PUT /allocation/allocate: each consignment with the first enabled service that takes it (the "cheapest"). @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateDefault(ctx, req, xml) {
	const { refs } = validateReferencesBody(await readBody(req, 'AllocateConsignmentsRequest'), null);
	return allocationAnswer(ctx, null, refs, xml, () =>
		allocateEach(ctx, refs, () => ctx.store.enabledServices()),
	);
}

/** PUT /allocation/allocatewithservicegroup: the group's services in order; 404 for an unknown group. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateWithServiceGroup(ctx, req, xml) {
	const field = 'MpdCarrierServiceGroupReference';
	const { field: group, refs } = validateReferencesBody(
		await readBody(req, 'AllocateConsignmentsWithServiceGroupRequest'),
		field,
	);
	const services = ctx.store.serviceGroup(/** @type {string} */ (group));
	if (!services) {
		const msg = `Carrier service group ${group} not found`;
		throw new ApiError(404, 'CarrierServiceGroupNotFound', msg, [
			detail('CarrierServiceGroupNotFound', field, msg),
		]);
	}
	return allocationAnswer(ctx, services[0]?.Reference ?? null, refs, xml, () =>
		allocateEach(ctx, refs, () => services),
	);
}

const WRONG_STATE = /cannot be allocated because it is in state/;

/**
 * The summaries of a one-consignment call, or (option oneConsignmentRefusal 'error' or
 * 'conflict') its refusal as an ApiError of the whole request: the summary's status and
 * Description; 'conflict' answers a consignment refused for its state with 409, "Consignment X
 * is already allocated" when it is Allocated. Codes are guesses.
 * @param {any} ctx @param {string} ref @param {() => import('./allocation').AllocationSummary[]} run
 */
function oneConsignment(ctx, ref, run) {
	return () => {
		const summaries = run();
		const mode = ctx.options.oneConsignmentRefusal;
		const refused = summaries.find((s) => s.StatusCode < 200 || s.StatusCode > 299);
		if (!refused || mode === 'summary') return summaries;
		if (mode === 'conflict' && WRONG_STATE.test(refused.Description)) {
			const allocated = ctx.store.lookup(ref)?.state === STATES.allocated;
			const code = allocated ? 'ConsignmentAlreadyAllocated' : 'InvalidConsignmentState';
			const message = allocated ? `Consignment ${ref} is already allocated` : refused.Description;
			throw new ApiError(409, code, message, [detail(code, 'consignmentReference', message)]);
		}
		const code = refused.StatusCode === 404 ? 'ItemNotFound' : 'AllocationFailed';
		throw new ApiError(refused.StatusCode, code, refused.Description, [
			detail(code, 'consignmentReference', refused.Description),
		]);
	};
}

/** PUT /allocation/{consignmentReference}/allocatewithcheapestquote, no body: as the default rules, one consignment. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateWithCheapestQuote(ctx, req, xml) {
	const ref = req.params.consignmentReference;
	return allocationAnswer(
		ctx,
		null,
		[ref],
		xml,
		oneConsignment(ctx, ref, () => allocateEach(ctx, [ref], () => ctx.store.enabledServices())),
	);
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * PUT /allocation/{consignmentReference}/allocatewithquote/{quoteReference}, no body. The
 * route takes GUIDs only (404 otherwise, as a route constraint does); a quote issued for another
 * consignment → summary 400. @param {any} ctx @param {RequestInfo} req @param {boolean} xml
 */
async function allocateWithQuote(ctx, req, xml) {
	const ref = req.params.consignmentReference;
	const quoteRef = req.params.quoteReference;
	if (!GUID.test(quoteRef)) {
		const msg = `No resource found that matches the request URI '${req.path}'`;
		throw new ApiError(404, 'ResourceNotFound', msg, [detail('ResourceNotFound', 'path', msg)]);
	}
	const quote = ctx.store.quote(quoteRef.replace(/^\{|\}$/g, ''));
	if (quote.consignmentReference !== undefined && quote.consignmentReference !== ref) {
		return allocationAnswer(
			ctx,
			null,
			[ref],
			xml,
			oneConsignment(ctx, ref, () => {
				ctx.counters.summaries++;
				return [
					failedSummary(
						400,
						ctx.options.linkBaseUrl,
						ref,
						`Quote ${quoteRef} is not a quote for consignment ${ref}`,
					),
				];
			}),
		);
	}
	return allocationAnswer(
		ctx,
		quote.service.Reference,
		[ref],
		xml,
		oneConsignment(ctx, ref, () => allocateEach(ctx, [ref], () => [quote.service])),
	);
}

const routes = [
	{
		method: 'PUT',
		path: '/allocation/allocatewithcarrierservice',
		handler: allocateWithCarrierService,
		actsOnConsignments: true,
	},
	{
		method: 'PUT',
		path: '/allocation/allocate',
		handler: allocateDefault,
		actsOnConsignments: true,
	},
	{
		method: 'PUT',
		path: '/allocation/allocatewithservicegroup',
		handler: allocateWithServiceGroup,
		actsOnConsignments: true,
	},
	{
		method: 'PUT',
		path: '/allocation/{consignmentReference}/allocatewithcheapestquote',
		handler: allocateWithCheapestQuote,
		actsOnConsignments: true,
	},
	{
		method: 'PUT',
		path: '/allocation/{consignmentReference}/allocatewithquote/{quoteReference}',
		handler: allocateWithQuote,
		actsOnConsignments: true,
	},
];

module.exports = { routes, allocationAnswer };
