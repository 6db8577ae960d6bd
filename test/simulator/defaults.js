'use strict';
/**
 * Default data of the simulator: carrier services, and the states a consignment can have.
 */

/**
 * @typedef {object} CarrierServiceConfig
 * @property {string} Reference the MpdCarrierServiceReference to allocate with
 * @property {string} Name display name of the service, e.g. "Next Day Super"
 * @property {string} CarrierReference e.g. "CARRIER_X"
 * @property {string} CarrierName e.g. "Carrier X"
 * @property {RegExp | ((reference: string) => boolean | string)} [refuses] consignments this
 *   service refuses (they go to "Allocation Failed"); a function may return the reason text
 * @property {string} [refuseReason] reason used in the summary's Description when refused
 */

/** Default refusal reason. */
const DEFAULT_REFUSE_REASON = 'the consignment does not meet the requirements of the carrier service';

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
		Name: 'Tracked 48 Non Signature',
		CarrierReference: 'ROYAL_MAIL',
		CarrierName: 'Royal Mail',
		refuses: REFUSE_FAIL_SUFFIX,
	},
	{
		Reference: 'EDC5_DPDSS',
		Name: 'Saturday Service',
		CarrierReference: 'DPD',
		CarrierName: 'DPD',
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
		refuseReason: 'no consignment can be allocated to this carrier service',
	},
];

const STATES = {
	unallocated: 'Unallocated',
	allocationFailed: 'Allocation Failed',
	allocated: 'Allocated',
	manifested: 'Manifested',
	cancelled: 'Cancelled',
};

/** States from which a consignment may be allocated. */
const ALLOCATABLE_STATES = new Set([STATES.unallocated, STATES.allocationFailed]);

/** Base of the links in summaries: production's host, as the real API answers. */
const DEFAULT_LINK_BASE_URL = 'https://api.electioapp.com';

module.exports = {
	DEFAULT_CARRIER_SERVICES,
	DEFAULT_REFUSE_REASON,
	STATES,
	ALLOCATABLE_STATES,
	DEFAULT_LINK_BASE_URL,
};
