import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { notAllocatedMessage, type Batch, type PlannedConsignment } from './allocationPlan';

// How SortedPRO words a refusal because the consignment is allocated already.
const ALREADY_ALLOCATED = /\b(already allocated|in state allocated)\b/i;

function isSuccess(summary: IDataObject): boolean {
	const status = Number(summary.StatusCode);
	return status >= 200 && status <= 299;
}

function failure(node: INode, consignment: PlannedConsignment, reason: string, description: string, httpCode?: string) {
	const message = notAllocatedMessage(consignment, reason);
	const error = new NodeApiError(node, { message } as JsonObject, {
		message,
		description,
		httpCode,
		itemIndex: consignment.itemIndexes[0],
	});
	return { allocated: false as const, reason, error };
}

/**
 * Gives every consignment of the batch its outcome from the answer's summaries (paired by
 * their ConsignmentReference, which the codec takes from the detail link): allocated,
 * refused (StatusCode not 2xx), or missing (no summary came back). After an attempt that
 * failed once SortedPRO may have acted on it, "already allocated" means allocated but
 * unconfirmed. Returns the summaries that belong to no consignment of the batch, to be
 * reported rather than passed off as results.
 */
export function applySummaries(
	node: INode,
	batch: Batch,
	summaries: IDataObject[],
	afterUncertainAttempt = false,
): IDataObject[] {
	const pending = new Map<string, PlannedConsignment>();
	for (const consignment of batch.consignments) pending.set(consignment.reference, consignment);
	const unexpected: IDataObject[] = [];
	for (const summary of summaries) {
		const reference = summary.ConsignmentReference;
		const consignment = typeof reference === 'string' ? pending.get(reference) : undefined;
		if (!consignment) {
			unexpected.push(summary);
			continue;
		}
		pending.delete(consignment.reference);
		if (isSuccess(summary)) {
			consignment.outcome = { allocated: true, summary };
			continue;
		}
		const reason = typeof summary.Description === 'string' && summary.Description ? summary.Description : 'no reason given';
		if (afterUncertainAttempt && ALREADY_ALLOCATED.test(reason)) {
			// Most likely allocated by the attempt whose answer was lost: not an error to clean up.
			consignment.outcome = { allocated: true, summary, unconfirmed: 'resent' };
			continue;
		}
		consignment.outcome = failure(
			node,
			consignment,
			reason,
			`SortedPRO answered this consignment with StatusCode ${String(summary.StatusCode)}`,
			String(summary.StatusCode),
		);
	}
	for (const consignment of pending.values()) {
		consignment.outcome = failure(
			node,
			consignment,
			'SortedPRO returned no Allocation Summary for it',
			`The request held ${batch.consignments.length} consignment(s); the answer had none for this one. Check its state in SortedPRO before trying again.`,
		);
	}
	return unexpected;
}
