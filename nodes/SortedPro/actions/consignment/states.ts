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

/** The states before allocation, or after deallocating or cancelling. */
const NOT_ALLOCATED = new Set<string>([
	'Unallocated',
	'Allocating',
	'AllocationFailed',
	'Cancelling',
	'Cancelled',
]);

/** The states reached by allocating, and not left by deallocating or cancelling: the consignment is allocated. */
export const ALLOCATED_STATES: ReadonlySet<string> = new Set(
	CONSIGNMENT_STATES.filter((state) => !NOT_ALLOCATED.has(state)),
);

/** The states in which SortedPRO allows editing a consignment and adding or editing packages (Consignment States). */
export const CHANGEABLE_STATES: ReadonlySet<string> = new Set(['Unallocated', 'AllocationFailed']);
