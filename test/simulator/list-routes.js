'use strict';
/**
 * The list calls that answer SortedPRO's `WithMessage<string>` results, one per reference in
 * request order (`[{ IsSuccess, Message, Data: reference, ApiLinks }]`): deallocatelist,
 * cancellist, manifest, setreadytoship, setnotreadytoship; and manifestFromQuery.
 */
const { stateName } = require('./allocation');
const { ApiError, detail, validationFailed } = require('./errors');
const { jsonAnswer, listAnswer, methodNotAllowed, readBody } = require('./http-answers');
const { readReferenceList, referencesBody } = require('./http-answers');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

/** @param {string} base @param {string} ref @param {boolean} ok @param {string} message */
const withMessage = (base, ref, ok, message) => ({
	IsSuccess: ok,
	Message: message,
	Data: ref,
	ApiLinks: ok ? [{ Rel: 'Link', Href: `${base}/consignments/${encodeURIComponent(ref)}` }] : null,
});

/**
 * One WithMessage result per reference. `act` changes a known consignment and returns
 * undefined, or returns why it cannot (a failure result). Unknown references follow option
 * unknownReference ('reject' → 404 for the first, 'omit' → no result, else "Consignment X not
 * found") when `counted` (they and refusals are then counted in the stats); otherwise always
 * the "not found" result. XML names follow .NET's serializer for List<WithMessage<string>>
 * (guessed: no source shows it).
 * @param {any} ctx @param {string[]} refs @param {boolean} xml
 * @param {(c: any, ref: string) => string | undefined} act @param {(ref: string) => string} done success Message
 */
function withMessageList(ctx, refs, xml, act, done, counted = true) {
	const { store, options, counters } = ctx;
	const mode = counted ? options.unknownReference : 'summary';
	const unknown = mode === 'reject' ? refs.find((r) => !store.exists(r)) : undefined;
	if (unknown !== undefined) throw new ApiError(404, 'ItemNotFound', `Item ${unknown} not found`);
	const base = options.linkBaseUrl;
	const results = [];
	for (const ref of refs) {
		const c = store.lookup(ref);
		if (!c && counted) counters.consignmentsNotFound++;
		if (!c && mode !== 'omit')
			results.push(withMessage(base, ref, false, `Consignment ${ref} not found`));
		if (!c) continue;
		const problem = act(c, ref);
		if (problem !== undefined && counted) counters.consignmentsInWrongState++;
		results.push(withMessage(base, ref, problem === undefined, problem ?? done(ref)));
	}
	const extra = (/** @type {string} */ ref) => withMessage(base, ref, true, done(ref));
	/** @param {ReturnType<typeof withMessage>} r */
	const opposite = (r) =>
		r.IsSuccess
			? withMessage(base, r.Data, false, `Consignment ${r.Data} could not be processed`)
			: extra(r.Data);
	const root = 'ArrayOfWithMessageOfString';
	return listAnswer(results, xml, root, 'WithMessageOfString', { extra, opposite });
}

/**
 * A list call: the references of its body, what it does to each known consignment, its
 * success Message. @param {(ctx: any, req: RequestInfo) => Promise<string[]>} refsOf
 * @param {(c: any, ref: string, ctx: any) => string | undefined} act
 * @param {(ref: string) => string} done @param {boolean} [counted] see withMessageList
 */
const listCall =
	(refsOf, act, done, counted) =>
	async (/** @type {any} */ ctx, /** @type {RequestInfo} */ req, /** @type {boolean} */ xml) =>
		withMessageList(ctx, await refsOf(ctx, req), xml, (c, ref) => act(c, ref, ctx), done, counted);

const bareList = (/** @type {any} */ _ctx, /** @type {RequestInfo} */ req) =>
	readReferenceList(req);
/** A state as options.stateNames words it. @param {any} ctx @param {any} c */
const named = (ctx, c) => stateName(ctx.options, c.state);

const DEALLOCATABLE = ['Allocated', 'Manifested', 'ManifestFailed'];
const CANCELLABLE = [
	...['Unallocated', 'Allocating', 'AllocationFailed', 'Allocated', 'ManifestFailed'],
	'ReadyToShip',
];
const MANIFESTABLE = ['Allocated', 'ManifestFailed', 'ReadyToShip'];
// setreadytoship: which states may be marked is not documented. Here Allocated and
// ManifestFailed become ReadyToShip, and setnotreadytoship turns ReadyToShip back to Allocated.
const MARKABLE = ['Allocated', 'ManifestFailed'];

/** @param {any} c @param {string} state @returns {undefined} */
const becomes = (c, state) => void (c.state = state);

/** @type {[string, any][]} PUT paths and handlers */
const routes = [
	[
		'/consignments/deallocatelist',
		listCall(
			bareList,
			(c, ref, ctx) => {
				if (!DEALLOCATABLE.includes(c.state))
					return `Consignment ${ref} cannot be deallocated because it is in state ${named(ctx, c)}`;
				delete c.carrierServiceReference;
				delete c.trackingReference;
				return becomes(c, 'Unallocated');
			},
			() => 'Consignment deallocation completed successfully',
		),
	],
	[
		'/consignments/cancellist',
		listCall(
			bareList,
			(c, ref) => {
				if (c.state === 'Cancelled') return `Consignment ${ref} is already cancelled`;
				if (!CANCELLABLE.includes(c.state))
					return `Consignment ${ref} cannot be cancelled because it is in state ${c.state}`;
				return becomes(c, 'Cancelled');
			},
			() => 'Consignment cancellation completed successfully',
			false,
		),
	],
	[
		'/consignments/manifest',
		listCall(
			async (_ctx, req) =>
				referencesBody(await readBody(req, 'ManifestConsignmentsRequest'), null).refs,
			(c, ref) =>
				MANIFESTABLE.includes(c.state)
					? becomes(c, 'Manifested')
					: `Consignment ${ref} cannot be manifested because it is in state ${c.state}`,
			(ref) => `Consignment ${ref} has been manifested successfully.`,
			false,
		),
	],
	[
		'/consignments/setreadytoship',
		listCall(
			bareList,
			(c, ref, ctx) => {
				if (c.state === 'ReadyToShip')
					return `Consignment ${ref} is already marked as Ready To Ship`;
				if (!MARKABLE.includes(c.state))
					return `Consignment ${ref} cannot be marked as Ready To Ship because it is in state ${named(ctx, c)}`;
				return becomes(c, 'ReadyToShip');
			},
			() => 'Consignment marked as Ready To Ship completed successfully',
		),
	],
	[
		'/consignments/setnotreadytoship',
		listCall(
			bareList,
			(c, ref, ctx) =>
				c.state === 'ReadyToShip'
					? becomes(c, 'Allocated')
					: `Consignment ${ref} is not marked as Ready To Ship (it is in state ${named(ctx, c)})`,
			// Worded as setreadytoship's documented Message.
			() => 'Consignment marked as Not Ready To Ship completed successfully',
		),
	],
];

/** A list criterion of manifestFromQuery: undefined when absent or empty. @param {unknown} v @param {string} field */
function stringList(v, field) {
	if (v === undefined || v === null) return undefined;
	if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
		throw validationFailed([detail('InvalidType', field, `${field} must be an array of strings`)]);
	return v.length ? v : undefined;
}

/**
 * SortedPRO's "Manifest Consignments From Query" `{ ShippingLocationReferences?, States?,
 * Carriers?, LabelsPrinted?, ShippingDate? }`: the consignments that meet every criterion given
 * are queued for manifest (here: Manifested at once). The help pages name both POST and PUT:
 * option manifestFromQueryVerb picks the one served, the other is answered 405. A consignment's
 * shipping location is its Origin address's ShippingLocationReference, its carrier its
 * service's CarrierReference, its shipping date the simulator's unless created with one.
 * @param {any} ctx @param {RequestInfo} req
 */
async function manifestFromQuery(ctx, req) {
	const served = ctx.options.manifestFromQueryVerb;
	if (req.method.toUpperCase() !== served) throw methodNotAllowed(req.method, served);
	const body = /** @type {any} */ (await readBody(req, 'ManifestFromQueryRequest'));
	if (body === null || typeof body !== 'object' || Array.isArray(body))
		throw validationFailed([detail('Required', 'request', 'The request body must be an object')]);
	const locations = stringList(body.ShippingLocationReferences, 'ShippingLocationReferences');
	// "should be in a state of either Allocated or Manifest Failed"; others found fail to queue.
	const states = stringList(body.States, 'States') ?? MARKABLE;
	const carriers = stringList(body.Carriers, 'Carriers');
	const printed = body.LabelsPrinted;
	const day = body.ShippingDate == null ? undefined : new Date(body.ShippingDate).toISOString();
	let found = 0;
	/** @type {string[]} */
	const failed = [];
	for (const c of ctx.store.consignments.values()) {
		const origin = (c.addresses ?? []).find((/** @type {any} */ a) => a.AddressType === 'Origin');
		const service = c.carrierServiceReference && ctx.store.service(c.carrierServiceReference);
		const shipping = c.shippingDate ? new Date(c.shippingDate) : ctx.options.shippingDate;
		if (!states.includes(c.state)) continue;
		if (locations && !locations.includes(origin?.ShippingLocationReference)) continue;
		if (carriers && !carriers.includes(service?.CarrierReference)) continue;
		if (typeof printed === 'boolean' && Boolean(c.labelsPrinted) !== printed) continue;
		if (day && shipping.toISOString().slice(0, 10) !== day.slice(0, 10)) continue;
		found++;
		if (MARKABLE.includes(c.state)) c.state = 'Manifested';
		else failed.push(c.reference);
	}
	return jsonAnswer(200, {
		Message: `Query found ${found} consignment(s). ${found - failed.length} successfully queued to manifest. ${failed.length} failed to be added to the queue`,
		FailedConsignments: failed,
	});
}

module.exports = {
	routes: [
		...routes.map(([path, handler]) => ['PUT', path, handler]),
		...['POST', 'PUT'].map((method) => [
			method,
			'/consignments/manifestFromQuery',
			manifestFromQuery,
		]),
	],
};
