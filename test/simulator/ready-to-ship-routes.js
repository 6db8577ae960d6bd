'use strict';
/**
 * PUT /consignments/setreadytoship and PUT /consignments/setnotreadytoship (SortedPRO's help
 * page "Manifesting consignments"): a bare list of references → one WithMessage result each.
 * The page gives only the first's success Message; which states may be marked is not said.
 * Here: Allocated and ManifestFailed become ReadyToShip, ReadyToShip becomes Allocated again.
 */
const { stateName } = require('./allocation');
const { readBody } = require('./http-answers');
const { withMessageList } = require('./results');
const { validateReferenceList } = require('./deallocation-routes');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

// SortedPRO's documented Message of setreadytoship; the other is worded alike (not documented).
const MARKED = 'Consignment marked as Ready To Ship completed successfully';
const UNMARKED = 'Consignment marked as Not Ready To Ship completed successfully';
const MARKABLE = new Set(['Allocated', 'ManifestFailed']);

/**
 * Why a consignment in `state` cannot be marked (or unmarked); undefined when it can.
 * @param {boolean} ready @param {string} ref @param {string} state @param {string} named the state as worded
 */
function problemOf(ready, ref, state, named) {
	if (!ready)
		return state === 'ReadyToShip'
			? undefined
			: `Consignment ${ref} is not marked as Ready To Ship (it is in state ${named})`;
	if (state === 'ReadyToShip') return `Consignment ${ref} is already marked as Ready To Ship`;
	if (!MARKABLE.has(state))
		return `Consignment ${ref} cannot be marked as Ready To Ship because it is in state ${named}`;
	return undefined;
}

/**
 * @param {boolean} ready setreadytoship (true) or setnotreadytoship
 * @returns {(ctx: any, req: RequestInfo, xml: boolean) => Promise<import('./faults').Answer>}
 */
function setReadyToShip(ready) {
	return async (ctx, req, xml) => {
		const refs = validateReferenceList(await readBody(req, 'ArrayOfString'));
		return withMessageList(
			ctx,
			refs,
			xml,
			(c, ref) => {
				const problem = problemOf(ready, ref, c.state, stateName(ctx.options, c.state));
				if (problem === undefined) c.state = ready ? 'ReadyToShip' : 'Allocated';
				return problem;
			},
			ready ? MARKED : UNMARKED,
		);
	};
}

const routes = [
	{
		method: 'PUT',
		path: '/consignments/setreadytoship',
		handler: setReadyToShip(true),
		actsOnConsignments: true,
	},
	{
		method: 'PUT',
		path: '/consignments/setnotreadytoship',
		handler: setReadyToShip(false),
		actsOnConsignments: true,
	},
];

module.exports = { routes, MARKED, UNMARKED };
