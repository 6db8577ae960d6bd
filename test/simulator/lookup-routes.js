'use strict';
/** GET /carrierservices, labels and tracking. */
const { ApiError, detail, validationFailed } = require('./errors');
const { answer, consignmentOf, itemNotFound } = require('./http-answers');
const { renderLabel } = require('./label-files');
const { packagesOf } = require('./consignment-records');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

/**
 * GET /carrierservices. By default SortedPRO's documented answer, the
 * SubscriptionMpdCarrierServiceResponse wrapper; option carrierServicesAnswer plays the others:
 * 'array' (a bare list), 'failure' (HTTP 200 with Success false), 'notFound' (404, no services).
 * @param {any} ctx @param {RequestInfo} _req @param {boolean} xml
 */
async function carrierServices(ctx, _req, xml) {
	const mode = ctx.options.carrierServicesAnswer;
	if (mode === 'notFound') {
		const msg = 'No carrier services found for this subscription';
		throw new ApiError(404, 'CarrierServicesNotFound', msg);
	}
	const failure = mode === 'failure';
	const list = failure ? [] : ctx.store.publicServices(ctx.options.carrierServiceNameField);
	if (mode === 'array') return answer(200, list, xml, 'ArrayOfCarrierService', 'CarrierService');
	const body = {
		Success: !failure,
		ErrorMessage: failure ? 'Unable to retrieve the carrier services of this subscription' : null,
		MpdCarrierServices: list,
	};
	return answer(200, body, xml, 'SubscriptionMpdCarrierServiceResponse');
}

/** States in which a consignment has no label nor tracking (never allocated, or no longer). */
const NO_LABEL_STATES = [
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Cancelling',
	'Cancelled',
];
const FORMATS = ['PDF', 'PNG', 'ZPL', 'ZPLII'];
const LABELS_NS = 'http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.LabelGeneration';

/** @param {string} target @param {string} message */
const invalid = (target, message) => validationFailed([detail('InvalidValue', target, message)]);

/**
 * GET /labels[/package]/{ref}[/{packageRef}]/{format}[/{resolution}]: SortedPRO's
 * GetLabelsResponse `{ File: base64, ContentType }`, one file for the consignment or one
 * package (404 "Item X not found" for a package it does not have). Labels exist once a
 * consignment is allocated; before, "PRO returns an error" (here 400 ConsignmentNotAllocated).
 * Option labelContentType: 'send' (the format's type), 'omit' (ContentType null in JSON,
 * absent in XML), or any other text sent as the ContentType, as a hostile server may.
 * @param {any} ctx @param {RequestInfo} req @param {boolean} xml
 */
async function getLabel(ctx, req, xml) {
	const { ref, format: given, resolution, packageRef } = req.params;
	const format = given.toUpperCase();
	if (!FORMATS.includes(format))
		throw invalid(
			'labelFormat',
			`Label format '${given}' is not supported. Use one of ${FORMATS.join(', ')}`,
		);
	const dpi = resolution === undefined ? undefined : Number(resolution);
	if (dpi !== undefined && (!/^\d+$/.test(resolution) || dpi < 1))
		throw invalid('resolution', `Resolution '${resolution}' is not a number of dots per inch`);
	// SortedPRO's SDK: "The 'Get Consignment Labels' endpoint does not support PNG labels".
	if (dpi !== undefined && format === 'PNG')
		throw invalid('format', "The 'Get Consignment Labels' endpoint does not support PNG labels");
	const c = consignmentOf(ctx, ref);
	if (NO_LABEL_STATES.includes(c.state)) {
		const msg = `Labels for consignment ${ref} are not available because it is in state ${c.state}`;
		throw new ApiError(400, 'ConsignmentNotAllocated', msg);
	}
	if (
		packageRef !== undefined &&
		!packagesOf(c).some((/** @type {any} */ p) => p.Reference === packageRef)
	)
		throw itemNotFound(packageRef);
	const service = c.carrierServiceReference && ctx.store.service(c.carrierServiceReference);
	const labelled = packageRef === undefined ? ref : `${ref} ${packageRef}`;
	const label = renderLabel(format, labelled, service ? service.CarrierName : 'Carrier', dpi);
	if (!c.labelsPrinted) ctx.store.events.add({ reference: ref, type: 'LabelsPrinted' });
	c.labelsPrinted = true;
	const option = ctx.options.labelContentType;
	const body = {
		File: label.data.toString('base64'),
		ContentType: option === 'send' ? label.contentType : option === 'omit' ? null : option,
	};
	const a = answer(200, body, xml, 'GetLabelsResponse');
	if (!xml) return a;
	const ns = `<GetLabelsResponse xmlns="${LABELS_NS}" `;
	return { ...a, body: String(a.body).replace('<GetLabelsResponse ', ns) };
}

const HOUR = 3600 * 1000;
/** Events after allocation: [code, description, hours after shipping, first state that shows it, extra]. */
const LATER_EVENTS = /** @type {const} */ ([
	['MANIFESTED', 'Consignment manifested with the carrier', 0, 'Manifesting', {}],
	['COLLECTED', 'Collected by the carrier', 2, 'Collected', {}],
	['IN_TRANSIT', 'In transit', 8, 'InTransit', { Location: 'Hub' }],
	['OUT_FOR_DELIVERY', 'Out for delivery', 20, 'OutForDelivery', {}],
	['DELIVERED', 'Delivered', 24, 'Delivered', { SignedBy: 'J. SMITH' }],
]);
/** States after allocation, in order: a state shows the events of the states up to it. */
const LATER_STATES = [
	...['Manifesting', 'Manifested', 'Dispatched', 'Collected', 'InTransit', 'OutForDelivery'],
	'Delivered',
];

/**
 * GET /tracking/{ref} (packages → legs → events) and GET /tracking/flattened/{ref} (packages →
 * events naming their carrier service). Events follow the state: allocated, manifested, then
 * the carrier's scans, timed from shippingDate. Never allocated (or cancelled): 404
 * TrackingNotFound. XML root and entry names are guesses.
 * @param {boolean} flattened
 */
const tracking = (flattened) =>
	async function (
		/** @type {any} */ ctx,
		/** @type {RequestInfo} */ req,
		/** @type {boolean} */ xml,
	) {
		const { ref } = req.params;
		const c = consignmentOf(ctx, ref);
		if (NO_LABEL_STATES.includes(c.state)) {
			const msg = `No tracking found for consignment ${ref}: it is in state ${c.state}`;
			throw new ApiError(404, 'TrackingNotFound', msg);
		}
		const service = c.carrierServiceReference && ctx.store.service(c.carrierServiceReference);
		const serviceName = service
			? `${service.CarrierName} ${String(service.Name).trim()}`
			: 'Carrier';
		const shipping = ctx.options.shippingDate.getTime();
		const event = (
			/** @type {number} */ hours,
			/** @type {string} */ code,
			/** @type {string} */ description,
			/** @type {any} */ more = {},
		) => ({
			TimeStamp: new Date(shipping + hours * HOUR).toISOString(),
			Code: code,
			Description: description,
			SignedBy: more.SignedBy ?? null,
			Location: more.Location ?? null,
		});
		const tracked = c.trackingReference ? `, tracking ${c.trackingReference}` : '';
		const reached = LATER_STATES.indexOf(c.state);
		const events = [
			event(-8, 'ALLOCATED', `Allocated to ${serviceName}${tracked}`),
			...LATER_EVENTS.filter((e) => reached >= 0 && LATER_STATES.indexOf(e[3]) <= reached).map(
				([code, description, hours, , more]) => event(hours, code, description, more),
			),
		];
		const pkg = { PackageReferenceForAllLegsAssignedByMpd: ref.replace(/^EC-/, 'EP-') };
		const trackedPackage = flattened
			? { ...pkg, Events: events.map((e) => ({ ...e, CarrierServiceName: serviceName })) }
			: { ...pkg, Legs: [{ CarrierServiceName: serviceName, Events: events }] };
		const body = {
			ConsignmentReferenceForAllLegsAssignedByMpd: ref,
			TrackedPackages: [trackedPackage],
		};
		return answer(200, body, xml, flattened ? 'FlattenedTrackingResponse' : 'TrackingResponse');
	};

const routes = [
	['/carrierservices', carrierServices],
	// Before /labels/{ref}/{format}/{resolution}, which would match them too.
	['/labels/package/{ref}/{packageRef}/{format}', getLabel],
	['/labels/package/{ref}/{packageRef}/{format}/{resolution}', getLabel],
	['/labels/{ref}/{format}', getLabel],
	['/labels/{ref}/{format}/{resolution}', getLabel],
	['/tracking/flattened/{ref}', tracking(true)],
	['/tracking/{ref}', tracking(false)],
];

module.exports = {
	routes: routes.map(([path, handler]) => ['GET', path, handler]),
	NO_LABEL_STATES,
};
