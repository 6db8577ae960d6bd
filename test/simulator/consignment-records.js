'use strict';
/**
 * Consignments created through POST /consignments: checking the request, the record kept in
 * the store, and the shapes GET answers with (Consignment, ConsignmentSummary, status), as
 * SortedPRO's "Getting Consignment Data" and "Creating New Consignments" pages show them.
 */
const { detail, validationFailed } = require('./errors');

/** @typedef {Record<string, any>} Json */

const isObject = (/** @type {unknown} */ v) =>
	v !== null && typeof v === 'object' && !Array.isArray(v);
const isNumber = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v);
const text = (/** @type {unknown} */ v) => (typeof v === 'string' ? v.trim() : '');

/**
 * The problems of a package. @param {Json} pkg @param {string} at
 * @param {(code: string, target: string, message: string) => void} add
 */
function checkPackage(pkg, at, add) {
	if (!isObject(pkg)) return add('InvalidType', at, 'A package must be an object');
	if (text(pkg.Description) === '')
		add('Required', `${at}.Description`, 'The Description field is required');
	if (!isObject(pkg.Value) || !isNumber(pkg.Value.Amount))
		add('Required', `${at}.Value`, 'The Value field is required');
	else if (pkg.Value.Amount < 0)
		add('OutOfRange', `${at}.Value.Amount`, 'Value.Amount must not be negative');
	if (text(pkg.PackageSizeReference) !== '') return;
	if (!isObject(pkg.Weight) || !isNumber(pkg.Weight.Value))
		add('Required', `${at}.Weight`, 'The Weight field is required');
	else if (pkg.Weight.Value <= 0)
		add('OutOfRange', `${at}.Weight.Value`, 'Weight.Value must be greater than 0');
	if (!isObject(pkg.Dimensions))
		return add('Required', `${at}.Dimensions`, 'The Dimensions field is required');
	for (const side of ['Width', 'Length', 'Height']) {
		if (!isNumber(pkg.Dimensions[side]) || pkg.Dimensions[side] <= 0)
			add('OutOfRange', `${at}.Dimensions.${side}`, `Dimensions.${side} must be greater than 0`);
	}
}

/**
 * A CreateConsignmentRequest, checked as the SDK's data contract states: Packages and Addresses
 * required; an Origin and a Destination; one of them with a ShippingLocationReference; a
 * package needs Description and Value, and Weight and Dimensions unless PackageSizeReference.
 * @param {unknown} body @returns {Json}
 */
function validateCreateBody(body) {
	if (!isObject(body)) {
		const msg = 'The request body must be a CreateConsignmentRequest object';
		throw validationFailed([detail('Required', 'request', msg)]);
	}
	const b = /** @type {Json} */ (body);
	/** @type {import('./errors').ApiErrorDetail[]} */
	const details = [];
	const add = (
		/** @type {string} */ code,
		/** @type {string} */ target,
		/** @type {string} */ msg,
	) => void details.push(detail(code, target, msg));
	if (!Array.isArray(b.Packages) || b.Packages.length === 0)
		add('Required', 'Packages', 'At least one package is required');
	else
		b.Packages.forEach((/** @type {Json} */ p, /** @type {number} */ i) =>
			checkPackage(p, `Packages[${i}]`, add),
		);
	const addresses = Array.isArray(b.Addresses) ? b.Addresses.filter(isObject) : [];
	const origin = addresses.find((a) => a.AddressType === 'Origin');
	const destination = addresses.find((a) => a.AddressType === 'Destination');
	const located = (/** @type {Json | undefined} */ a) => text(a?.ShippingLocationReference) !== '';
	if (!origin || !destination)
		add(
			'Required',
			'Addresses',
			'Addresses must include origin and destination addresses as a minimum',
		);
	else if (!located(origin) && !located(destination))
		add(
			'Required',
			'Addresses',
			'The origin or the destination address must include a valid ShippingLocationReference',
		);
	if (destination && !located(destination)) {
		const code = destination.Country?.IsoCode?.TwoLetterCode;
		const at = 'Addresses[Destination]';
		if (typeof code !== 'string' || !/^[A-Za-z]{2}$/.test(code))
			add(
				'Invalid',
				`${at}.Country.IsoCode.TwoLetterCode`,
				'The destination country must be an ISO two-letter code',
			);
		if (text(destination.AddressLine1) === '')
			add('Required', `${at}.AddressLine1`, 'The AddressLine1 field is required');
	}
	if (details.length) throw validationFailed(details);
	return b;
}

/** The record kept for a created consignment (reference added by the store). @param {Json} body @param {Date} now */
function recordFromBody(body, now) {
	return {
		state: 'Unallocated',
		dateCreated: now.toISOString(),
		customerReference:
			typeof body.ConsignmentReferenceProvidedByCustomer === 'string'
				? body.ConsignmentReferenceProvidedByCustomer
				: '',
		shippingDate: body.ShippingDate ?? null,
		direction: body.Direction ?? 'Outbound',
		tags: Array.isArray(body.Tags) ? body.Tags : [],
		addresses: body.Addresses,
		packages: body.Packages,
	};
}

/** @param {string} base @param {string} ref */
const link = (base, ref, rel = 'Link') => ({
	Rel: rel,
	Href: `${base}/consignments/${encodeURIComponent(ref)}`,
});

/** @param {any} store @param {Json} c */
function allocationOf(store, c) {
	if (!c.carrierServiceReference) return null;
	const svc = store.service(c.carrierServiceReference);
	return {
		CarrierServiceGroupReference: null,
		MpdCarrierServiceGroupName: null,
		MpdCarrierServiceReference: c.carrierServiceReference,
		MpdCarrierServiceName: svc?.Name ?? null,
		AllocationDate: c.allocationDate ?? null,
		Price: null,
	};
}

/** @param {Json} c */
function failedAllocationOf(c) {
	if (c.state !== 'AllocationFailed') return null;
	return {
		CarrierServiceGroupReference: null,
		MpdCarrierServiceGroupName: null,
		MpdCarrierServiceReference: null,
		MpdCarrierServiceName: null,
		AttemptedAllocationDate: null,
		Message: c.failedAllocationMessage ?? null,
	};
}

/** Package references EP-… derived from the consignment's, unless a package keeps its own. @param {Json} c */
function packagesOf(c) {
	return (c.packages ?? []).map((/** @type {Json} */ p, /** @type {number} */ i) => ({
		ConsignmentLegs: [],
		Reference: p.Reference ?? `EP-${c.reference.slice(-7)}-${String(i + 1).padStart(3, '0')}`,
		PackageReferenceProvidedByCustomer: '',
		Weight: p.Weight ?? null,
		Dimensions: p.Dimensions ?? null,
		Description: p.Description ?? null,
		Value: p.Value ?? null,
		PackageSizeReference: p.PackageSizeReference ?? null,
	}));
}

/** GET /consignments/{ref}: SortedPRO's Consignment. @param {any} ctx @param {Json} c */
function consignmentDetail(ctx, c) {
	return {
		ConsignmentLegs: c.trackingReference
			? [
					{
						Leg: 1,
						TrackingReferences: [c.trackingReference],
						CarrierReference: null,
						CarrierName: null,
					},
				]
			: [],
		MetaData: [],
		Allocation: allocationOf(ctx.store, c),
		FailedAllocation: failedAllocationOf(c),
		Source: 'Api',
		LabelCount: c.trackingReference ? (c.packages ?? []).length || 1 : 0,
		LabelsPrinted: false,
		DateLabelsWereFirstPrinted: null,
		IsLate: false,
		Direction: c.direction ?? 'Outbound',
		Tags: c.tags ?? [],
		Reference: c.reference,
		ConsignmentState: c.state,
		DateCreated: c.dateCreated ?? null,
		ShippingDate: c.shippingDate ?? null,
		ConsignmentReferenceProvidedByCustomer: c.customerReference ?? '',
		Addresses: c.addresses ?? [],
		Packages: packagesOf(c),
	};
}

/** One entry of a search answer. @param {any} ctx @param {Json} c */
function consignmentSummary(ctx, c) {
	const destination =
		(c.addresses ?? []).find((/** @type {Json} */ a) => a.AddressType === 'Destination') ?? {};
	const allocation = allocationOf(ctx.store, c);
	return {
		Source: 'Api',
		MpdCarrierServiceName: allocation?.MpdCarrierServiceName ?? null,
		DestinationAddressLine1: destination.AddressLine1 ?? null,
		DestinationAddressTown: destination.Town ?? null,
		DestinationAddressPostcode: destination.Postcode ?? null,
		DestinationAddressCountry: destination.Country?.IsoCode?.TwoLetterCode ?? null,
		LabelsPrinted: false,
		FailedAllocationMessage:
			c.state === 'AllocationFailed' ? (c.failedAllocationMessage ?? null) : null,
		IsLate: false,
		ApiLink: link(ctx.options.linkBaseUrl, c.reference, 'detail'),
		Reference: c.reference,
		ConsignmentReferenceProvidedByCustomer: c.customerReference ?? '',
		DateCreated: c.dateCreated ?? null,
		State: c.state,
		ShippingDate: c.shippingDate ?? null,
		MpdCarrierServiceReference: allocation?.MpdCarrierServiceReference ?? null,
	};
}

/** GET /consignments/{ref}/status. @param {any} ctx @param {Json} c */
function consignmentStatus(ctx, c) {
	const shipping = c.shippingDate ? Date.parse(c.shippingDate) : NaN;
	const expected =
		c.carrierServiceReference && !Number.isNaN(shipping)
			? new Date(shipping + 86_400_000).toISOString()
			: null;
	return {
		ConsignmentReferenceForAllLegsAssignedByMpd: c.reference,
		Status: c.state,
		ExpectedDeliveryDate: expected,
		ApiLink: link(ctx.options.linkBaseUrl, c.reference),
	};
}

module.exports = {
	checkPackage,
	packagesOf,
	validateCreateBody,
	recordFromBody,
	consignmentDetail,
	consignmentSummary,
	consignmentStatus,
	link,
};
