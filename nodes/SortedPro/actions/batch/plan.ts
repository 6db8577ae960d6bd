import type { IPairedItemData } from 'n8n-workflow';

export type RequestMode = 'combine' | 'perItem';

/** One consignment to send once in a group (e.g. with one carrier service), and every input item that asked for it. */
export interface PlannedConsignment {
	reference: string;
	/** What the requests of a group share, e.g. the carrier service; '' when the operation has none */
	group: string;
	/** The first input item that asked for it */
	itemIndex: number;
	/** Later input items that asked for it too (most consignments have none) */
	laterItemIndexes?: number[];
	/** Its position in the plan's `consignments` */
	position: number;
}

export interface Batch {
	group: string;
	consignments: PlannedConsignment[];
}

/**
 * Collects the consignments of all input items, each (group, reference) once, in order of
 * first appearance, and cuts them into requests. In combine mode a request holds references
 * of many items with one group; per item, only the item's own new ones. The output is the
 * same in both modes: only the number of requests differs.
 */
export class BatchPlan {
	readonly consignments: PlannedConsignment[] = [];

	/** group → reference → consignment */
	private readonly byGroup = new Map<string, Map<string, PlannedConsignment>>();

	private readonly requests = new Map<string, Batch>();

	constructor(private readonly mode: RequestMode) {}

	/** An item's references: one as text (the usual case, no list needed) or a list of distinct ones. */
	add(itemIndex: number, group: string, references: string | readonly string[]): void {
		const requestKey = this.mode === 'combine' ? group : String(itemIndex);
		let byReference = this.byGroup.get(group);
		if (!byReference) {
			byReference = new Map();
			this.byGroup.set(group, byReference);
		}
		if (typeof references === 'string')
			this.addOne(itemIndex, group, requestKey, byReference, references);
		else
			for (const reference of references)
				this.addOne(itemIndex, group, requestKey, byReference, reference);
	}

	private addOne(
		itemIndex: number,
		group: string,
		requestKey: string,
		byReference: Map<string, PlannedConsignment>,
		reference: string,
	): void {
		const known = byReference.get(reference);
		if (known) {
			// references are unique within an item, so only a different item can add itself here
			(known.laterItemIndexes ??= []).push(itemIndex);
			return;
		}
		const consignment: PlannedConsignment = {
			reference,
			group,
			itemIndex,
			laterItemIndexes: undefined,
			position: this.consignments.length,
		};
		byReference.set(reference, consignment);
		this.consignments.push(consignment);
		let request = this.requests.get(requestKey);
		if (!request) {
			request = { group, consignments: [] };
			this.requests.set(requestKey, request);
		}
		request.consignments.push(consignment);
	}

	batches(batchSize: number): Batch[] {
		const batches: Batch[] = [];
		for (const request of this.requests.values()) {
			if (request.consignments.length <= batchSize) {
				batches.push(request);
				continue;
			}
			for (let start = 0; start < request.consignments.length; start += batchSize) {
				batches.push({
					group: request.group,
					consignments: request.consignments.slice(start, start + batchSize),
				});
			}
		}
		return batches;
	}
}

export function pairedItems(consignment: PlannedConsignment): IPairedItemData | IPairedItemData[] {
	const { itemIndex, laterItemIndexes } = consignment;
	if (!laterItemIndexes) return { item: itemIndex };
	return [itemIndex, ...laterItemIndexes].map((item) => ({ item }));
}
