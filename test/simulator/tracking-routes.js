'use strict';
/**
 * GET /tracking/{ref} (packages → legs → events) and GET /tracking/flattened/{ref} (packages
 * → events naming their carrier service). Events follow the consignment's state: allocated,
 * then manifested, then the carrier's scans. A consignment never allocated (or cancelled) has
 * no tracking: 404 `TrackingNotFound`. XML root and entry names are guesses.
 */
const { ApiError } = require('./errors');
const { answer, itemNotFound } = require('./http-answers');
const { NO_LABEL_STATES } = require('./label-routes');
const { toXmlDocument } = require('./xml');

const HOUR = 3600 * 1000;
/** Events after allocation, by the state that shows them (in order). */
const LATER_EVENTS = [
	{
		states: [
			'Manifesting',
			'Manifested',
			'Dispatched',
			'Collected',
			'InTransit',
			'OutForDelivery',
			'Delivered',
		],
		code: 'MANIFESTED',
		description: 'Consignment manifested with the carrier',
		at: 0,
	},
	{
		states: ['Collected', 'InTransit', 'OutForDelivery', 'Delivered'],
		code: 'COLLECTED',
		description: 'Collected by the carrier',
		at: 2,
	},
	{
		states: ['InTransit', 'OutForDelivery', 'Delivered'],
		code: 'IN_TRANSIT',
		description: 'In transit',
		at: 8,
		location: 'Hub',
	},
	{
		states: ['OutForDelivery', 'Delivered'],
		code: 'OUT_FOR_DELIVERY',
		description: 'Out for delivery',
		at: 20,
	},
	{
		states: ['Delivered'],
		code: 'DELIVERED',
		description: 'Delivered',
		at: 24,
		signedBy: 'J. SMITH',
	},
];

/** The tracking events of a consignment (chronological). @param {any} ctx @param {any} c @param {string} serviceName */
function eventsOf(ctx, c, serviceName) {
	const shipping = ctx.options.shippingDate.getTime();
	const event = (
		/** @type {number} */ hours,
		/** @type {string} */ code,
		/** @type {string} */ description,
		/** @type {string | null} */ location = null,
		/** @type {string | null} */ signedBy = null,
	) => ({
		TimeStamp: new Date(shipping + hours * HOUR).toISOString(),
		Code: code,
		Description: description,
		SignedBy: signedBy,
		Location: location,
	});
	const events = [
		event(
			-8,
			'ALLOCATED',
			`Allocated to ${serviceName}${c.trackingReference ? `, tracking ${c.trackingReference}` : ''}`,
		),
	];
	for (const later of LATER_EVENTS) {
		if (later.states.includes(c.state))
			events.push(
				event(
					later.at,
					later.code,
					later.description,
					later.location ?? null,
					later.signedBy ?? null,
				),
			);
	}
	return events;
}

/** @param {boolean} flattened */
function handler(flattened) {
	/** @param {any} ctx @param {import('./http-answers').RequestInfo} req @param {boolean} xml */
	return async (ctx, req, xml) => {
		const { ref } = req.params;
		const c = ctx.store.lookup(ref);
		if (!c) throw itemNotFound(ref);
		if (NO_LABEL_STATES.has(c.state))
			throw new ApiError(
				404,
				'TrackingNotFound',
				`No tracking found for consignment ${ref}: it is in state ${c.state}`,
			);
		const service = c.carrierServiceReference
			? ctx.store.service(c.carrierServiceReference)
			: undefined;
		const serviceName = service
			? `${service.CarrierName} ${String(service.Name).trim()}`
			: 'Carrier';
		const events = eventsOf(ctx, c, serviceName);
		const packageRef = ref.replace(/^EC-/, 'EP-');
		const trackedPackage = flattened
			? {
					PackageReferenceForAllLegsAssignedByMpd: packageRef,
					Events: events.map((e) => ({ ...e, CarrierServiceName: serviceName })),
				}
			: {
					PackageReferenceForAllLegsAssignedByMpd: packageRef,
					Legs: [{ CarrierServiceName: serviceName, Events: events }],
				};
		const body = {
			ConsignmentReferenceForAllLegsAssignedByMpd: ref,
			TrackedPackages: [trackedPackage],
		};
		return answer(200, body, xml, (b) =>
			toXmlDocument(flattened ? 'FlattenedTrackingResponse' : 'TrackingResponse', null, b),
		);
	};
}

const routes = [
	{
		method: 'GET',
		path: '/tracking/flattened/{ref}',
		handler: handler(true),
		actsOnConsignments: true,
	},
	{ method: 'GET', path: '/tracking/{ref}', handler: handler(false), actsOnConsignments: true },
];

module.exports = { routes };
