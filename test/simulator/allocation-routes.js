'use strict';
/** The allocation endpoints; allocation.js holds the rules and the Allocation Summaries. */
const { allocate, allocateEach, failedSummary, successSummary } = require('./allocation');
const { serviceFullNameOf, formatShippingDate } = require('./allocation');
const { ApiError, detail, validationFailed } = require('./errors');
const { ALLOCATABLE_STATES, DEFAULT_REFUSE_REASON, STATES } = require('./defaults');
const { listAnswer, noRoute, readBody, referencesBody } = require('./http-answers');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */
/** @typedef {import('./allocation').AllocationSummary} AllocationSummary */

/**
 * The answer of an allocation call: 200 (or 202, option allocationAnswer) with the Allocation
 * Summaries; 'acceptedEmpty' plays "queued for later": 202, no body, consignments Allocating
 * (202 is a declared answer of every allocation endpoint; its meaning is not documented).
 * @param {any} ctx @param {string | null} serviceRef the service asked for, if any (for the 'extra' fault)
 * @param {string[]} refs @param {boolean} xml @param {() => AllocationSummary[]} run allocates
 * @returns {import('./faults').Answer}
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
	const base = ctx.options.linkBaseUrl;
	const extra = (/** @type {string} */ ref, /** @type {number} */ n) => {
		const svc = (serviceRef && ctx.store.service(serviceRef)) || ctx.store.firstService();
		const shipping = formatShippingDate(ctx.options.shippingDate);
		const tracking = 'TRKX' + String(n).padStart(7, '0');
		return successSummary(base, svc, serviceFullNameOf(svc), shipping, ref, tracking);
	};
	const opposite = (/** @type {AllocationSummary} */ summary, /** @type {number} */ n) => {
		const href = summary.ApiLinks[0].Href;
		const ref = decodeURIComponent(href.slice(href.lastIndexOf('/') + 1));
		return summary.StatusCode >= 200 && summary.StatusCode <= 299
			? failedSummary(400, base, ref, DEFAULT_REFUSE_REASON)
			: extra(ref, n);
	};
	const status = ctx.options.allocationAnswer === 'accepted' ? 202 : 200;
	const root = 'ArrayOfAllocationSummary';
	return listAnswer(summaries, xml, root, 'AllocationSummary', { extra, opposite }, status);
}

/**
 * An allocate call with a body of references: `field` is its second field, if any; `pick`
 * gives the service asked for and the candidates for each consignment.
 * @param {string} xmlRoot @param {string | null} field
 * @param {(ctx: any, field: string | null, body: any) => { serviceRef: string | null, run: (refs: string[]) => AllocationSummary[] }} pick
 * @param {string[]} [objects] nested XML objects of the body
 */
const listCall =
	(xmlRoot, field, pick, objects) =>
	async (/** @type {any} */ ctx, /** @type {RequestInfo} */ req, /** @type {boolean} */ xml) => {
		const body = await readBody(req, xmlRoot, ['ConsignmentReferences'], objects);
		const { field: value, refs } = referencesBody(body, field);
		const { serviceRef, run } = pick(ctx, value, body);
		return allocationAnswer(ctx, serviceRef, refs, xml, () => run(refs));
	};

/** Each consignment with the first of `services` that takes it. @param {any} ctx @param {any[]} services */
const firstOf = (ctx, services) => ({
	serviceRef: services[0]?.Reference ?? null,
	run: (/** @type {string[]} */ refs) => allocateEach(ctx, refs, () => services),
});

/** A boolean filter as JSON (true/false) or XML ('true'/'false') sends it. @param {unknown} v @param {string} target @param {any[]} details */
function optionalBoolean(v, target, details) {
	if (v === undefined || v === null) return undefined;
	if (v === true || v === 'true' || v === false || v === 'false') return v === true || v === 'true';
	details.push(detail('InvalidType', target, `${target} must be true or false`));
	return undefined;
}

/**
 * SortedPRO's "Allocate With Service Filters", as the simulator reads it: a service meets the
 * filters when its direction (config `direction`, default Outbound) equals ServiceDirection
 * and IsPickup / IsDropOff, when given, equal its IsPickUp / IsDropOff.
 * @param {any} ctx @param {unknown} filters
 */
function filteredServices(ctx, filters) {
	if (filters === null || typeof filters !== 'object' || Array.isArray(filters))
		throw validationFailed([detail('Required', 'Filters', 'The Filters field is required')]);
	const f = /** @type {Record<string, any>} */ (filters);
	/** @type {any[]} */
	const details = [];
	const given = typeof f.ServiceDirection === 'string' ? f.ServiceDirection.toLowerCase() : null;
	const direction = ['Inbound', 'Outbound'].find((d) => d.toLowerCase() === given);
	if (!direction) {
		const code = f.ServiceDirection == null ? 'Required' : 'InvalidValue';
		const msg = 'ServiceDirection must be Inbound or Outbound';
		details.push(detail(code, 'Filters.ServiceDirection', msg));
	}
	const isPickup = optionalBoolean(f.IsPickup, 'Filters.IsPickup', details);
	const isDropOff = optionalBoolean(f.IsDropOff, 'Filters.IsDropOff', details);
	if (details.length) throw validationFailed(details);
	return ctx.store
		.enabledServices()
		.filter(
			(/** @type {any} */ s) =>
				(s.direction ?? 'Outbound') === direction &&
				(isPickup === undefined || Boolean(s.IsPickUp) === isPickup) &&
				(isDropOff === undefined || Boolean(s.IsDropOff) === isDropOff),
		);
}

const WRONG_STATE = /cannot be allocated because it is in state/;

/**
 * A one-consignment call (no body): its summaries, or (option oneConsignmentRefusal 'error' or
 * 'conflict') its refusal as an ApiError of the whole request: the summary's status and
 * Description; 'conflict' answers a consignment refused for its state with 409, "Consignment X
 * is already allocated" when it is Allocated. Codes are guesses.
 * @param {any} ctx @param {string} ref @param {string | null} serviceRef @param {boolean} xml
 * @param {() => AllocationSummary[]} run
 */
function oneConsignment(ctx, ref, serviceRef, xml, run) {
	return allocationAnswer(ctx, serviceRef, [ref], xml, () => {
		const summaries = run();
		const mode = ctx.options.oneConsignmentRefusal;
		const refused = summaries.find((s) => s.StatusCode < 200 || s.StatusCode > 299);
		if (!refused || mode === 'summary') return summaries;
		let [status, code, message] = [refused.StatusCode, 'AllocationFailed', refused.Description];
		if (mode === 'conflict' && WRONG_STATE.test(message)) {
			const allocated = ctx.store.lookup(ref)?.state === STATES.allocated;
			status = 409;
			code = allocated ? 'ConsignmentAlreadyAllocated' : 'InvalidConsignmentState';
			if (allocated) message = `Consignment ${ref} is already allocated`;
		} else if (status === 404) code = 'ItemNotFound';
		throw new ApiError(status, code, message, [detail(code, 'consignmentReference', message)]);
	});
}

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

/**
 * PUT /allocation/{ref}/allocatewithquote/{quoteReference}: GUIDs only (404 otherwise, as a
 * route constraint does); a quote issued for another consignment → summary 400.
 * @param {any} ctx @param {RequestInfo} req @param {boolean} xml
 */
async function allocateWithQuote(ctx, req, xml) {
	const { consignmentReference: ref, quoteReference: quoteRef } = req.params;
	if (!GUID.test(quoteRef)) throw noRoute(req.path);
	const quote = ctx.store.quote(quoteRef.replace(/^\{|\}$/g, ''));
	if (quote.consignmentReference !== undefined && quote.consignmentReference !== ref) {
		return oneConsignment(ctx, ref, null, xml, () => {
			ctx.counters.summaries++;
			const why = `Quote ${quoteRef} is not a quote for consignment ${ref}`;
			return [failedSummary(400, ctx.options.linkBaseUrl, ref, why)];
		});
	}
	return oneConsignment(ctx, ref, quote.service.Reference, xml, () =>
		allocateEach(ctx, [ref], () => [quote.service]),
	);
}

/** PUT /allocation/{ref}/allocatewithcheapestquote, no body: as /allocation/allocate. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateWithCheapestQuote(ctx, req, xml) {
	const ref = req.params.consignmentReference;
	return oneConsignment(ctx, ref, null, xml, () =>
		allocateEach(ctx, [ref], () => ctx.store.enabledServices()),
	);
}

/** @type {[string, any][]} PUT paths and handlers; every one acts on consignments. */
const routes = [
	[
		'/allocation/allocatewithcarrierservice',
		listCall(
			'AllocateConsignmentsWithCarrierServiceRequest',
			'MpdCarrierServiceReference',
			(ctx, service) => ({
				serviceRef: service,
				run: (refs) => allocate(ctx, /** @type {string} */ (service), refs),
			}),
		),
	],
	// The simulator's deterministic "cheapest": the first enabled service that takes it.
	[
		'/allocation/allocate',
		listCall('AllocateConsignmentsRequest', null, (ctx) => ({
			serviceRef: null,
			run: (refs) => allocateEach(ctx, refs, () => ctx.store.enabledServices()),
		})),
	],
	[
		'/allocation/allocatewithservicegroup',
		listCall(
			'AllocateConsignmentsWithServiceGroupRequest',
			'MpdCarrierServiceGroupReference',
			(ctx, group) => {
				const services = ctx.store.serviceGroup(/** @type {string} */ (group));
				if (services) return firstOf(ctx, services);
				const msg = `Carrier service group ${group} not found`;
				throw new ApiError(404, 'CarrierServiceGroupNotFound', msg, [
					detail('CarrierServiceGroupNotFound', 'MpdCarrierServiceGroupReference', msg),
				]);
			},
		),
	],
	[
		'/allocation/allocateConsignmentsWithServiceFilters',
		listCall(
			'AllocateConsignmentsWithServiceFiltersRequest',
			null,
			(ctx, _, body) => firstOf(ctx, filteredServices(ctx, body.Filters)),
			['Filters'],
		),
	],
	['/allocation/{consignmentReference}/allocatewithcheapestquote', allocateWithCheapestQuote],
	['/allocation/{consignmentReference}/allocatewithquote/{quoteReference}', allocateWithQuote],
];

module.exports = { routes: routes.map(([path, handler]) => ['PUT', path, handler]) };
