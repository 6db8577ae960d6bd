import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runConcurrently, stoppedError } from '../../helpers/concurrency';
import { asNodeError } from '../../helpers/inputErrors';
import { httpStatusOf, keepMessage, mayHaveActed } from '../../transport/errors';
import type { RunContext } from '../run';
import { Failure, inInputOrder, type Extra, type Outcome } from './output';
import { pairedItems, type Batch, type PlannedConsignment } from './plan';
import { planBatches } from './planBatches';
import type { AfterSuccess, BatchAnswer, BatchSpec, ConsignmentFailure } from './types';

/**
 * Runs a batch operation: reads each item's references (and group), refuses bad items before
 * anything is sent, plans de-duplicated batches, sends them (at most Parallel Requests at
 * once), pairs the answers back and reports what is missing. Every reference that goes in
 * comes out once, done or as an error, in input order; an item's refusal stands where the item
 * stands. With onError 'stop' the first failure is thrown. The spec's step after success (e.g.
 * a label fetch) runs on each consignment of a batch done, once its answer is in.
 */
export async function runBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunContext,
	spec: BatchSpec,
): Promise<INodeExecutionData[]> {
	const refusals: Extra[] = [];
	const refuse = (error: NodeOperationError, itemIndex: number) => {
		if (run.onError === 'stop') throw error;
		refusals.push({
			order: itemIndex,
			item: { json: { error: error.message }, pairedItem: { item: itemIndex } },
		});
	};
	const afterSuccess = spec.afterSuccess?.call(this, run);
	const { consignments, batches } = await planBatches.call(this, items, run, spec, refuse);
	// By the consignment's position in the plan.
	const outcomes = new Array<Outcome | undefined>(consignments.length);
	const binaries = afterSuccess && new Array<IBinaryKeyData | undefined>(consignments.length);
	const unexpected: Extra[] = [];
	const sendOne = async (index: number) => {
		const batch = batches[index];
		const itemIndex = batch.consignments[0].itemIndex;
		let answer: BatchAnswer;
		try {
			answer = await spec.send.call(this, batch, run, itemIndex);
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			const status = error instanceof NodeApiError ? httpStatusOf(error) : undefined;
			const reason = status ? `${error.message} (HTTP ${status})` : error.message;
			const failure = new Failure(reason, error, mayHaveActed(error));
			if (run.onError === 'stop') {
				// SortedPRO's own message stands, unless SortedPRO may have acted (then the message says
				// so) or the request was for one consignment (then the message names it).
				if (failure.uncertain || spec.oneConsignmentPerRequest)
					throw requestFailure(spec, batch, failure);
				throw error;
			}
			for (const consignment of batch.consignments) outcomes[consignment.position] = failure;
			return;
		}
		let firstFailure: Failure | undefined;
		for (const consignment of batch.consignments) {
			const outcome = answer.outcomes.get(consignment.reference);
			if (outcome?.ok) outcomes[consignment.position] = outcome.json;
			else {
				const failure = failureOf.call(this, spec, batch, consignment, outcome);
				outcomes[consignment.position] = failure;
				firstFailure ??= failure;
			}
		}
		for (const extra of answer.unexpected) {
			const error = keepMessage(
				new NodeOperationError(this.getNode(), extra.message, {
					itemIndex,
					description: extra.description,
				}),
				extra.message,
			);
			if (run.onError === 'stop') throw error;
			unexpected.push({
				order: itemIndex,
				item: { json: { error: extra.message }, pairedItem: pairedItems(batch.consignments[0]) },
			});
		}
		// Stop at the first refused consignment, as n8n does for a failing item; earlier batches are done.
		if (run.onError === 'stop' && firstFailure) throw firstFailure.error;
		if (afterSuccess && binaries) await enrich(afterSuccess, batch, run, outcomes, binaries);
	};
	try {
		await runConcurrently(
			batches.length,
			run.options.parallelRequests,
			sendOne,
			run.onError === 'stop',
		);
	} catch (caught) {
		throw stoppedError(caught, batches.length);
	}
	return inInputOrder(consignments, outcomes, refusals, unexpected, spec, binaries);
}

/** The step after success on each consignment of the batch done (at most Parallel Requests at once). */
async function enrich(
	afterSuccess: AfterSuccess,
	batch: Batch,
	run: RunContext,
	outcomes: Array<Outcome | undefined>,
	binaries: Array<IBinaryKeyData | undefined>,
): Promise<void> {
	const done = batch.consignments.filter(
		(consignment) => !(outcomes[consignment.position] instanceof Failure),
	);
	const step = async (index: number) => {
		const { position } = done[index];
		const enriched = await afterSuccess(done[index], outcomes[position] as IDataObject);
		outcomes[position] = enriched.json;
		binaries[position] = enriched.binary;
	};
	await runConcurrently(done.length, run.options.parallelRequests, step, false);
}

function failureOf(
	this: IExecuteFunctions,
	spec: BatchSpec,
	batch: Batch,
	consignment: PlannedConsignment,
	outcome: ConsignmentFailure | undefined,
): Failure {
	const failed: ConsignmentFailure = outcome ?? {
		ok: false,
		reason: spec.missingReason,
		description: `The request held ${batch.consignments.length} consignment(s); the answer had none for this one. Check its state in SortedPRO before trying again.`,
	};
	const uncertain = failed.uncertain === true;
	const message = uncertain
		? spec.uncertainMessage(consignment, failed.reason)
		: spec.failureMessage(consignment, failed.reason);
	const error = new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description: failed.description,
		httpCode: failed.httpCode,
		itemIndex: consignment.itemIndex,
	});
	return new Failure(failed.reason, keepMessage(error, message), uncertain);
}

/**
 * The error a run stops with when a request failed as a whole: worded for its first
 * consignment, the description naming the others the same holds for.
 */
function requestFailure(
	spec: BatchSpec,
	batch: Batch,
	failure: Failure,
): NodeApiError | NodeOperationError {
	const { error } = failure;
	const [first, ...others] = batch.consignments;
	if (others.length > 0) {
		const named = others.slice(0, 10).map((consignment) => consignment.reference);
		const more = others.length > named.length ? `, and ${others.length - named.length} more` : '';
		const also = `The same holds for the other consignments of the request: ${named.join(', ')}${more}`;
		error.description = [error.description, also].filter(Boolean).join(' · ');
	}
	return keepMessage(error, failure.message(spec, first));
}
