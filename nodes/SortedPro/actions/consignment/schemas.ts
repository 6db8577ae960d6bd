import type { IDataObject } from 'n8n-workflow';

import type { Schema } from '../../transport/codec';
import { API_LINK, lastPathSegment, STRING_LIST } from '../answers';

/**
 * The shapes of SortedPRO's consignment answers (GET /consignments/{ref}, …/status, the
 * search, POST /consignments), as far as the node relies on them: lists stay lists and
 * numbers numbers in JSON and XML alike; every other field is passed on as SortedPRO sends it.
 */

const MONEY: Schema = { Amount: 'number', Currency: { Name: 'string', IsoCode: 'string' } };
const WEIGHT: Schema = { Value: 'number', Unit: 'string' };

export const PACKAGE: Schema = {
	Reference: 'string',
	Weight: WEIGHT,
	Dimensions: { Unit: 'string', Width: 'number', Length: 'number', Height: 'number' },
	Description: 'string',
	Value: MONEY,
	PackageSizeReference: 'string',
};

/** `Consignment` (GET /consignments/{ref}); Allocation and FailedAllocation (objects or null) pass as they come. */
export const CONSIGNMENT: Schema = {
	Reference: 'string',
	ConsignmentState: 'string',
	ConsignmentReferenceProvidedByCustomer: 'string',
	Packages: { list: PACKAGE, item: 'Package' },
	Addresses: { list: {}, item: 'Address' },
	ConsignmentLegs: { list: {}, item: 'ConsignmentLeg' },
	Tags: STRING_LIST,
	LabelCount: 'number',
	LabelsPrinted: 'boolean',
	IsLate: 'boolean',
};

/** `ConsignmentStatusResponse` (GET /consignments/{ref}/status). */
export const CONSIGNMENT_STATUS: Schema = {
	ConsignmentReferenceForAllLegsAssignedByMpd: 'string',
	Status: 'string',
	ExpectedDeliveryDate: 'string',
	ApiLink: API_LINK,
};

/** One entry of a search answer's `ConsignmentSummaries`, its fields in the order of SortedPRO's example. */
const CONSIGNMENT_SUMMARY: Schema = {
	Source: 'string',
	MpdCarrierServiceName: 'string',
	MpdCarrierServiceGroupName: 'string',
	MpdCarrierServiceGroupReference: 'string',
	DestinationAddressLine1: 'string',
	DestinationAddressTown: 'string',
	DestinationAddressPostcode: 'string',
	DestinationAddressCountry: 'string',
	DestinationShippingLocationReference: 'string',
	RequestedDeliveryDate: 'string',
	RequestedDeliveryDateIsToBeExactlyOnTheDateSpecified: 'boolean',
	LabelsPrinted: 'boolean',
	DateLabelsWereFirstPrinted: 'string',
	EstimatedDeliveryDate: 'string',
	ShippingTerms: 'string',
	FailedAllocationAttemptedAllocationDate: 'string',
	FailedAllocationMessage: 'string',
	FailedAllocationMpdCarrierServiceReference: 'string',
	FailedAllocationMpdCarrierServiceGroupName: 'string',
	FailedAllocationMpdCarrierServiceGroupReference: 'string',
	FailedAllocationMpdCarrierServiceName: 'string',
	IsLate: 'boolean',
	DeliveryDate: 'string',
	CollectionDate: 'string',
	AttemptedDeliveryDate: 'string',
	Value: MONEY,
	Weight: WEIGHT,
	ApiLink: API_LINK,
	FailedManifestMessage: 'string',
	FailedManifestTimeStamp: 'string',
	Reference: 'string',
	ConsignmentReferenceProvidedByCustomer: 'string',
	DateCreated: 'string',
	State: 'string',
	ShippingDate: 'string',
	MpdCarrierReference: 'string',
	MpdCarrierServiceReference: 'string',
	AllocationDate: 'string',
	ShippedDate: 'string',
};

/** `{Count, ConsignmentSummaries}` (GET /consignments/{take}/{skip}). */
export const SEARCH_RESULT: Schema = {
	Count: 'number',
	ConsignmentSummaries: { list: CONSIGNMENT_SUMMARY, item: 'ConsignmentSummary' },
};

/** The consignment reference a Create answer's links point to (`…/consignments/EC-…`). */
export function referenceFromLinks(links: IDataObject[]): string | undefined {
	for (const link of links) {
		const href = link?.Href;
		if (typeof href !== 'string') continue;
		if (/\/consignments\/[^/?#]+\/?(?:[?#].*)?$/i.test(href)) return lastPathSegment(href);
	}
	return undefined;
}
