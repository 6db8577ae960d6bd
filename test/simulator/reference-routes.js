'use strict';
/** The reference lists: GET /shippinglocations[/assigned], /packagesizes, /servicegroups, /carriers. */
const {
	DEFAULT_PACKAGE_SIZES,
	DEFAULT_SHIPPING_LOCATIONS,
	SERVICE_GROUP_NAMES,
} = require('./defaults');
const { ApiError } = require('./errors');
const { answer } = require('./http-answers');

/** @typedef {import('./http-answers').RequestInfo} RequestInfo */

/**
 * A reference list: by default as SortedPRO's SDK types it, a bare list (XML `ArrayOf<item>`).
 * Option referenceListAnswer plays the others: 'other' (the list wrapped as
 * `{<item>s: […]}`), 'empty', 'notFound' (404 ApiError), 'error' (400 ApiError). `shapes`
 * gives a list its own documented and other answers.
 * @typedef {(ctx: any, xml: boolean, empty: boolean) => any} Shape
 * @param {string} what @param {string} item @param {(ctx: any) => any[]} entries
 * @param {{ documented: Shape, other: Shape }} [shapes]
 */
const referenceList =
	(what, item, entries, shapes) =>
	async (/** @type {any} */ ctx, /** @type {RequestInfo} */ _req, /** @type {boolean} */ xml) => {
		const mode = ctx.options.referenceListAnswer;
		if (mode === 'notFound') throw new ApiError(404, 'NotFound', `No ${what} found`);
		if (mode === 'error')
			throw new ApiError(400, 'RequestRejected', `Unable to list the ${what} of this subscription`);
		const empty = mode === 'empty';
		if (shapes) return (mode === 'other' ? shapes.other : shapes.documented)(ctx, xml, empty);
		const list = empty ? [] : entries(ctx);
		if (mode === 'other') return answer(200, { [`${item}s`]: list }, xml, `${item}sResponse`);
		return answer(200, list, xml, `ArrayOf${item}`, item);
	};

/** @param {boolean} assignedOnly */
const shippingLocations = (assignedOnly) => () =>
	DEFAULT_SHIPPING_LOCATIONS.filter((l) => !assignedOnly || l.assigned).map(
		({ assigned, ...location }) => location,
	);

const referenceRoutes = [
	['/shippinglocations', shippingLocations(false), 'shipping locations', 'ShippingLocation'],
	[
		'/shippinglocations/assigned',
		shippingLocations(true),
		'shipping locations',
		'ShippingLocation',
	],
	['/packagesizes', () => DEFAULT_PACKAGE_SIZES, 'package sizes', 'PackageSize'],
	[
		'/servicegroups',
		(/** @type {any} */ ctx) =>
			Object.entries(ctx.store.serviceGroups).map(([Reference, refs]) => ({
				Reference,
				Name: SERVICE_GROUP_NAMES[Reference] ?? Reference,
				IsEnabled: true,
				MpdCarrierServiceProfiles: refs.map((/** @type {string} */ r) => ({ Reference: r })),
			})),
		'service groups',
		'MpdCarrierServiceGroup',
	],
].map(([path, entries, what, item]) => [
	path,
	referenceList(
		/** @type {string} */ (what),
		/** @type {string} */ (item),
		/** @type {any} */ (entries),
	),
]);

/**
 * GET /carriers: SortedPRO's SDK answers it with the carrier services' wrapper, as
 * /carrierservices; 'other' is the SDK's /carriers/getcarriers list `[{Reference, Name}]`.
 */
const carriers = referenceList('carriers', 'Carrier', () => [], {
	documented: (ctx, xml, empty) =>
		answer(
			200,
			{
				Success: true,
				ErrorMessage: null,
				MpdCarrierServices: empty ? [] : ctx.store.publicServices(),
			},
			xml,
			'SubscriptionMpdCarrierServiceResponse',
		),
	other: (ctx, xml, empty) =>
		answer(200, empty ? [] : ctx.store.publicCarriers(), xml, 'ArrayOfCarrier', 'Carrier'),
});

module.exports = {
	routes: [...referenceRoutes, ['/carriers', carriers]].map(([path, handler]) => [
		'GET',
		path,
		handler,
	]),
};
