'use strict';
/**
 * Default data of the simulator: carrier services, and the states a consignment can have.
 */

/** @typedef {import('./types').CarrierServiceConfig} CarrierServiceConfig */

/** Refusal reason: the only failure text in SortedPRO's own examples (FailedAllocation.Message). */
const DEFAULT_REFUSE_REASON = 'Could not be booked with courier.';

/** References ending in FAIL are refused by every default service (mixed batches in one request). */
const REFUSE_FAIL_SUFFIX = /FAIL$/i;

/** @type {CarrierServiceConfig[]} */
const DEFAULT_CARRIER_SERVICES = [
	{
		Reference: 'Example-Carrier-Service',
		Name: 'Example Service',
		CarrierReference: 'EXAMPLE_CARRIER',
		CarrierName: 'Example Carrier',
		refuses: REFUSE_FAIL_SUFFIX,
	},
	{
		Reference: 'MPD_RMDTPS48HNAST',
		// SortedPRO's own examples carry a trailing space in Name.
		Name: 'Tracked 48 Non Signature ',
		CarrierReference: 'ROYAL_MAIL',
		CarrierName: 'Royal Mail',
		IsDropOff: true,
		refuses: REFUSE_FAIL_SUFFIX,
	},
	{
		Reference: 'EDC5_DPDSS',
		Name: 'Saturday Service',
		CarrierReference: 'DPD',
		CarrierName: 'DPD',
		IsPickUp: true,
		refuses: REFUSE_FAIL_SUFFIX,
	},
	{
		Reference: 'CX_NDS',
		Name: 'Next Day Super',
		CarrierReference: 'CARRIER_X',
		CarrierName: 'Carrier X',
		refuses: REFUSE_FAIL_SUFFIX,
	},
	{
		Reference: 'REFUSE-ALL',
		Name: 'Refuses Everything',
		CarrierReference: 'REFUSING_CARRIER',
		CarrierName: 'Refusing Carrier',
		refuses: /[\s\S]*/,
	},
	{
		Reference: 'MPD_OLDECO',
		Name: 'Retired Economy',
		CarrierReference: 'ROYAL_MAIL',
		CarrierName: 'Royal Mail',
		Status: 2,
		refuses: REFUSE_FAIL_SUFFIX,
	},
];

/**
 * Carrier service groups (SortedPRO's UI: "Service Group Code" → its services, cheapest first).
 * @type {Record<string, string[]>}
 */
const DEFAULT_SERVICE_GROUPS = {
	valuableGoods: ['CX_NDS', 'MPD_RMDTPS48HNAST'],
	weekend: ['EDC5_DPDSS'],
	refusing: ['REFUSE-ALL'],
};

/** Display names of the service groups (MpdCarrierServiceGroup.Name), by code. */
const SERVICE_GROUP_NAMES = /** @type {Record<string, string>} */ ({
	valuableGoods: 'Valuable Goods',
	weekend: 'Weekend Delivery',
	refusing: 'Refusing (test)',
});

/**
 * Shipping locations as GET /shippinglocations lists them (the SDK's ShippingLocation: an
 * Address with Id, Reference, Name, ShippingLocationType…); `assigned`: linked to the key's
 * user (GET /shippinglocations/assigned), config only. Sorted1 is the docs' own example.
 */
const DEFAULT_SHIPPING_LOCATIONS = [
	['Sorted1', 'Sorted HQ', 'Office', '13 Porter Street', 'Manchester', 'M1 5WG', true],
	[
		'Location1',
		'Manchester Warehouse',
		'Warehouse',
		'1 Trafford Park Road',
		'Manchester',
		'M17 1AA',
		true,
	],
	[
		'Location2',
		'Leeds Distribution Centre',
		'DistributionCentre',
		'2 Ring Road',
		'Leeds',
		'LS11 0AA',
		false,
	],
	['STORE_LDN', 'London Store', 'Store', '50 Oxford Street', 'London', 'W1D 1BS', false],
].map(([Reference, Name, ShippingLocationType, AddressLine1, Town, Postcode, assigned], index) => ({
	Id: index + 1,
	Reference,
	Name,
	ShippingLocationType,
	DefaultLocationForReturns: index === 0,
	AddressLine1,
	Town,
	Postcode,
	Country: { Name: 'Great Britain', IsoCode: { TwoLetterCode: 'GB' } },
	assigned,
}));

/** Package sizes as GET /packagesizes lists them (the SDK's PackageSize: cm and kg); one IsDefault. */
const DEFAULT_PACKAGE_SIZES = [
	['SMALL_BOX', 'Small box', 20, 15, 10, 1, false],
	['MEDIUM_BOX', 'Medium box', 40, 30, 20, 5, true],
	['LARGE_PARCEL', 'Large parcel', 80, 60, 40, 20, false],
].map(([Reference, Description, Length, Width, Height, Weight, IsDefault]) => ({
	Reference,
	Description,
	Length,
	Width,
	Height,
	Weight,
	IsDefault,
}));

/** CustomerSubscriptionStatus of a MpdCarrierService (v1 data types). */
const SERVICE_STATUS = { available: 0, requested: 1, disabled: 2, enabled: 3 };

/** Consignment states as the API names them (ConsignmentState enum member names). */
const STATES = {
	unallocated: 'Unallocated',
	allocating: 'Allocating',
	allocationFailed: 'AllocationFailed',
	allocated: 'Allocated',
	manifesting: 'Manifesting',
	manifested: 'Manifested',
	manifestFailed: 'ManifestFailed',
	readyToShip: 'ReadyToShip',
	cancelled: 'Cancelled',
};

/** The help pages' display names, where they differ from the enum names (option stateNames: 'display'). */
const DISPLAY_STATE_NAMES = {
	AllocationFailed: 'Allocation Failed',
	ManifestFailed: 'Manifest Failed',
	ReadyToShip: 'Ready To Ship',
};

/** States from which a consignment may be allocated. */
const ALLOCATABLE_STATES = new Set([STATES.unallocated, STATES.allocationFailed]);

/** States from which a consignment may be deallocated (it becomes Unallocated). */
const DEALLOCATABLE_STATES = new Set([STATES.allocated, STATES.manifested, STATES.manifestFailed]);

/** Base of the links in summaries: production's host, as the real API answers. */
const DEFAULT_LINK_BASE_URL = 'https://api.electioapp.com';

module.exports = {
	DEFAULT_CARRIER_SERVICES,
	DEFAULT_SERVICE_GROUPS,
	SERVICE_GROUP_NAMES,
	DEFAULT_SHIPPING_LOCATIONS,
	DEFAULT_PACKAGE_SIZES,
	DEFAULT_REFUSE_REASON,
	SERVICE_STATUS,
	STATES,
	DISPLAY_STATE_NAMES,
	ALLOCATABLE_STATES,
	DEALLOCATABLE_STATES,
	DEFAULT_LINK_BASE_URL,
};
