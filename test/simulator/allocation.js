'use strict';
/**
 * The allocation rules (states, refusals, unknownReference) and the Allocation Summaries.
 */
const { ApiError, detail } = require('./errors');
const {
	ALLOCATABLE_STATES,
	STATES,
	DEFAULT_REFUSE_REASON,
	DISPLAY_STATE_NAMES,
} = require('./defaults');

/** @typedef {import('./types').AllocationSummary} AllocationSummary */

/** dd/MM/yyyy HH:mm:ss +00:00 (UTC), like the contract's Description. @param {Date} d */
function formatShippingDate(d) {
	const p = (/** @type {number} */ n) => String(n).padStart(2, '0');
	return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +00:00`;
}

/** Next day, 17:00 UTC. */
function defaultShippingDate(now = new Date()) {
	return new Date(
		Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 17, 0, 0),
	);
}

/**
 * @param {number} status @param {string} base @param {string} ref @param {string} description
 * @param {boolean} withLabel
 * @returns {AllocationSummary}
 */
function failedSummary(status, base, ref, description, withLabel = false) {
	const enc = encodeURIComponent(ref);
	const links = [{ Rel: 'detail', Href: `${base}/consignments/${enc}` }];
	if (withLabel) links.push({ Rel: 'label', Href: `${base}/labels/${enc}` });
	return {
		StatusCode: status,
		ApiLinks: links,
		Description: description,
		ConsignmentLegs: [],
		CarrierReference: null,
		CarrierName: null,
		CarrierServiceReference: null,
		CarrierServiceName: null,
	};
}

/**
 * The summary of a successful allocation.
 * @param {string} base link base URL @param {any} svc normalised carrier service
 * @param {string} serviceFullName "Carrier X Next Day Super" @param {string} shipping formatted date
 * @param {string} ref @param {string} tracking
 * @returns {AllocationSummary}
 */
function successSummary(base, svc, serviceFullName, shipping, ref, tracking) {
	const enc = encodeURIComponent(ref);
	return {
		StatusCode: 200,
		ApiLinks: [
			{ Rel: 'detail', Href: `${base}/consignments/${enc}` },
			{ Rel: 'label', Href: `${base}/labels/${enc}` },
		],
		Description: `Consignment ${ref} has been successfully allocated with ${serviceFullName} for shipping on ${shipping}`,
		ConsignmentLegs: [
			{
				Leg: 1,
				TrackingReferences: [tracking],
				CarrierReference: svc.CarrierReference ?? null,
				CarrierServiceReference: null,
				CarrierName: svc.CarrierName ?? null,
			},
		],
		CarrierReference: svc.CarrierReference ?? null,
		CarrierName: svc.CarrierName ?? null,
		CarrierServiceReference: svc.Reference,
		CarrierServiceName: svc.Name ?? null,
	};
}

/** A state as this simulator words it (option stateNames). @param {any} options @param {string} state */
const stateName = (options, state) =>
	options.stateNames === 'display'
		? (DISPLAY_STATE_NAMES[/** @type {keyof typeof DISPLAY_STATE_NAMES} */ (state)] ?? state)
		: state;

/** "Carrier X Next Day Super". @param {any} svc */
const serviceFullNameOf = (svc) => [svc.CarrierName, svc.Name].filter(Boolean).join(' ');

/**
 * @param {any} svc normalised carrier service @param {string} ref
 * @returns {string | null} refusal reason, or null when the service takes the consignment
 */
function refusal(svc, ref) {
	const r = svc.refuses;
	if (!r) return null;
	if (r instanceof RegExp) return r.test(ref) ? svc.refuseReason || DEFAULT_REFUSE_REASON : null;
	if (typeof r === 'function') {
		const out = r(ref);
		if (!out) return null;
		return typeof out === 'string' ? out : svc.refuseReason || DEFAULT_REFUSE_REASON;
	}
	return null;
}

/**
 * Allocate `refs` in order with carrier service `serviceRef` (404 when it is not configured).
 * @param {{ store: import('./store').Store, options: any, counters: any }} ctx
 * @param {string} serviceRef
 * @param {string[]} refs
 * @returns {AllocationSummary[]}
 */
function allocate(ctx, serviceRef, refs) {
	const svc = ctx.store.service(serviceRef);
	if (!svc) {
		const msg = `Carrier service ${serviceRef} not found`;
		throw new ApiError(404, 'CarrierServiceNotFound', msg, [
			detail('CarrierServiceNotFound', 'MpdCarrierServiceReference', msg),
		]);
	}
	return allocateEach(ctx, refs, () => [svc]);
}

/**
 * Allocate `refs` in order, each with the first of its candidate services (cheapest first)
 * that takes it; when none does, the consignment goes to AllocationFailed with the first
 * candidate's reason. `unknownReference` and the state rules apply to every allocate call.
 * @param {{ store: import('./store').Store, options: any, counters: any }} ctx
 * @param {string[]} refs
 * @param {(ref: string) => any[]} candidates normalised carrier services to try, in order
 * @returns {AllocationSummary[]}
 */
function allocateEach(ctx, refs, candidates) {
	const { store, options, counters } = ctx;
	const mode = options.unknownReference;
	if (mode === 'reject') {
		const unknown = refs.filter((r) => !store.exists(r));
		if (unknown.length) {
			throw new ApiError(
				404,
				'ItemNotFound',
				`Item ${unknown[0]} not found`,
				unknown.map((r) => detail('ItemNotFound', 'ConsignmentReferences', `Item ${r} not found`)),
			);
		}
	}
	const base = options.linkBaseUrl;
	const shipping = formatShippingDate(options.shippingDate);
	/** @type {AllocationSummary[]} */
	const out = [];
	for (const ref of refs) {
		const c = store.lookup(ref);
		if (!c) {
			counters.consignmentsNotFound++;
			if (mode !== 'omit') out.push(failedSummary(404, base, ref, `Consignment ${ref} not found`));
			continue;
		}
		if (!ALLOCATABLE_STATES.has(c.state)) {
			counters.consignmentsInWrongState++;
			const state = stateName(options, c.state);
			out.push(
				failedSummary(
					400,
					base,
					ref,
					`Consignment ${ref} cannot be allocated because it is in state ${state}`,
				),
			);
			continue;
		}
		const list = candidates(ref);
		const svc = list.find((s) => !refusal(s, ref));
		if (!svc) {
			const reason =
				(list.length && refusal(list[0], ref)) || 'No carrier service can deliver this consignment';
			counters.consignmentsFailed++;
			c.state = STATES.allocationFailed;
			c.failedAllocationMessage = reason;
			delete c.carrierServiceReference;
			delete c.trackingReference;
			const description =
				options.failureWording === 'descriptive' && list.length
					? `Consignment ${ref} could not be allocated with ${serviceFullNameOf(list[0])}: ${reason}`
					: reason;
			out.push(failedSummary(400, base, ref, description));
			continue;
		}
		counters.consignmentsAllocated++;
		const tracking = 'TRK' + String(++counters.trackingCounter).padStart(8, '0');
		c.state = STATES.allocated;
		delete c.failedAllocationMessage;
		c.carrierServiceReference = svc.Reference;
		c.trackingReference = tracking;
		out.push(successSummary(base, svc, serviceFullNameOf(svc), shipping, ref, tracking));
	}
	counters.summaries += out.length;
	return out;
}

module.exports = {
	allocate,
	allocateEach,
	failedSummary,
	stateName,
	successSummary,
	serviceFullNameOf,
	formatShippingDate,
	defaultShippingDate,
	refusal,
};
