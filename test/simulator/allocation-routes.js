'use strict';
/** Allocation endpoints. Each route: method, path (`{name}` for a path parameter), handler. */
const { validateAllocateBody, allocate, successSummary, serviceFullNameOf, formatShippingDate } = require('./allocation');
const { ALLOCATABLE_STATES, STATES } = require('./defaults');
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
		return successSummary(ctx.options.linkBaseUrl, svc, serviceFullNameOf(svc), shipping, ref, 'TRKX' + String(n).padStart(7, '0'));
	};
	return listAnswer(summaries, xml, summariesToXml, extra, ctx.options.allocationAnswer === 'accepted' ? 202 : 200);
}

/** PUT /allocation/allocatewithcarrierservice. @param {any} ctx @param {RequestInfo} req @param {boolean} xml */
async function allocateWithCarrierService(ctx, req, xml) {
	const { serviceRef, refs } = validateAllocateBody(await readBody(req, 'AllocateConsignmentsWithCarrierServiceRequest'));
	return allocationAnswer(ctx, serviceRef, refs, xml, () => allocate(ctx, serviceRef, refs));
}

const routes = [{ method: 'PUT', path: '/allocation/allocatewithcarrierservice', handler: allocateWithCarrierService, actsOnConsignments: true }];

module.exports = { routes, allocationAnswer };
