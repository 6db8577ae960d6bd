import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * SortedPRO's ConsignmentState enum, by the member names the API sends and accepts
 * (`"ConsignmentState": "Unallocated"`, `?State=Allocated`), in the enum's order.
 */
export const CONSIGNMENT_STATES = [
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Allocated',
	'Manifesting',
	'Manifested',
	'ManifestFailed',
	'Dispatched',
	'AtDropOffPoint',
	'Collected',
	'CollectionFailed',
	'InTransit',
	'Delayed',
	'OutForDelivery',
	'DeliveryFailed',
	'DeliveryFailedCardLeft',
	'Delivered',
	'PartiallyDelivered',
	'AtCollectionPoint',
	'ReturnToSender',
	'ActionRequired',
	'Missing',
	'Lost',
	'Damaged',
	'Cancelling',
	'Cancelled',
	'InTransitWaiting',
	'HeldByCarrier',
	'ExchangeFailed',
	'AtCustoms',
	'CarrierUnableToCollect',
	'DeliveredDamaged',
	'ReadyToShip',
] as const;

/** The states as editor options: the API's name is both the label and the value sent. */
export const stateOptions: INodePropertyOptions[] = CONSIGNMENT_STATES.map((state) => ({
	name: state,
	value: state,
}));
