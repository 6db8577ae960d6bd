import type { IDataObject, IPairedItemData, NodeApiError, NodeOperationError } from 'n8n-workflow';

export type RequestMode = 'combine' | 'perItem';

export type Outcome =
	/**
	 * `unconfirmed`: 'resent' when a retry found it already allocated after an attempt SortedPRO
	 * may have acted on; 'accepted' when SortedPRO answered 202 with no summary
	 */
	| { allocated: true; summary: IDataObject; unconfirmed?: 'resent' | 'accepted' }
	/** `reason` goes into the consignment's error item; `error` is what the node throws for it */
	| { allocated: false; reason: string; error: NodeApiError | NodeOperationError };

/** One consignment to allocate with one carrier service, and every input item that asked for it. */
export interface PlannedConsignment {
	reference: string;
	carrierService: string;
	itemIndexes: number[];
	outcome?: Outcome;
}

export interface Batch {
	carrierService: string;
	consignments: PlannedConsignment[];
}

/**
 * Collects the consignments of all input items, each (carrier service, reference) once, in
 * order of first appearance, and cuts them into requests. In combine mode a request holds
 * references of many items with one carrier service; per item, only the item's own new ones.
 * The output is the same in both modes: only the number of requests differs.
 */
export class AllocationPlan {
	readonly consignments: PlannedConsignment[] = [];

	/** carrier service → reference → consignment */
	private readonly byService = new Map<string, Map<string, PlannedConsignment>>();

	private readonly groups = new Map<string, Batch>();

	constructor(private readonly mode: RequestMode) {}

	add(itemIndex: number, carrierService: string, references: string[]): void {
		const groupKey = this.mode === 'combine' ? carrierService : String(itemIndex);
		let byReference = this.byService.get(carrierService);
		if (!byReference) {
			byReference = new Map();
			this.byService.set(carrierService, byReference);
		}
		for (const reference of references) {
			const known = byReference.get(reference);
			if (known) {
				// references are unique within an item, so only a different item can add itself here
				known.itemIndexes.push(itemIndex);
				continue;
			}
			const consignment: PlannedConsignment = { reference, carrierService, itemIndexes: [itemIndex] };
			byReference.set(reference, consignment);
			this.consignments.push(consignment);
			let group = this.groups.get(groupKey);
			if (!group) {
				group = { carrierService, consignments: [] };
				this.groups.set(groupKey, group);
			}
			group.consignments.push(consignment);
		}
	}

	*batches(batchSize: number): Generator<Batch> {
		for (const group of this.groups.values()) {
			for (let start = 0; start < group.consignments.length; start += batchSize) {
				yield {
					carrierService: group.carrierService,
					consignments: group.consignments.slice(start, start + batchSize),
				};
			}
		}
	}
}

/** The message of every error about one consignment, so an error item always names it. */
export function notAllocatedMessage(consignment: PlannedConsignment, reason: string): string {
	return `Consignment ${consignment.reference} was not allocated with ${consignment.carrierService}: ${reason}`;
}

export function pairedItems(consignment: PlannedConsignment): IPairedItemData | IPairedItemData[] {
	const { itemIndexes } = consignment;
	return itemIndexes.length === 1 ? { item: itemIndexes[0] } : itemIndexes.map((item) => ({ item }));
}
