import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runConcurrently, StoppedRunError } from '../../helpers/concurrency';
import { inputError } from '../../helpers/inputErrors';
import { parameterReader } from '../../helpers/parameterReader';
import { parseReferences, plainReference } from '../../helpers/references';
import type { RunContext } from '../types';
import {
	BatchPlan,
	pairedItems,
	type Batch,
	type PlannedConsignment,
	type RequestMode,
} from './plan';

/** What SortedPRO's answer says of one consignment of a batch. */
export type ConsignmentOutcome =
	| { ok: true; json: IDataObject }
	| { ok: false; reason: string; description: string; httpCode?: string };

export interface BatchAnswer {
	/** By reference; a reference of the batch with no outcome is reported as missing */
	outcomes: Map<string, ConsignmentOutcome>;
	/** Answers about consignments that were not in the request: reported, never passed off as results */
	unexpected: Array<{ message: string; description: string }>;
}

/** What a batch operation adds to the shared engine. */
export interface BatchSpec {
	/** A per-item parameter the requests are grouped by (e.g. the carrier service) */
	group?: { parameter: string; field: string; extractValue?: boolean; hint: string };
	/** Problems of groups found before anything is sent (group → problem); their items are refused */
	checkGroups?(
		this: IExecuteFunctions,
		groups: string[],
		run: RunContext,
	): Promise<Map<string, string>>;
	/** The problem of one item's references (e.g. unsafe in a path), if any: the item is refused before anything is sent */
	checkReferences?(references: string[]): string | undefined;
	/** One request for the batch; throws when SortedPRO refuses the request as a whole */
	send(
		this: IExecuteFunctions,
		batch: Batch,
		run: RunContext,
		itemIndex: number,
	): Promise<BatchAnswer>;
	/** The message of an error about one consignment: it always names the consignment */
	failureMessage(consignment: PlannedConsignment, reason: string): string;
	/** Reason given when the answer holds nothing for a consignment that was sent */
	missingReason: string;
}

/** An output that is not a consignment's (a refused item, an unexpected answer) and the item it stands at. */
type Extra = { order: number; item: INodeExecutionData };
/** A consignment that failed; one that is done is kept as its output json alone. */
class Failure {
	constructor(
		readonly reason: string,
		readonly error: NodeApiError | NodeOperationError,
	) {}
}
type Outcome = IDataObject | Failure;

/**
 * Runs a batch operation: reads each item's references (and group), refuses bad items before
 * anything is sent, plans de-duplicated batches, sends them (at most Parallel Requests at
 * once), pairs the answers back and reports what is missing. Every reference that goes in
 * comes out once, done or as an error, in input order; an item's refusal stands where the item
 * stands. With onError 'stop' the first failure is thrown.
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
	const { consignments, batches } = await planBatches.call(this, items, run, spec, refuse);
	// By the consignment's position in the plan.
	const outcomes = new Array<Outcome | undefined>(consignments.length);
	const unexpected: Extra[] = [];
	const sendOne = async (index: number) => {
		const batch = batches[index];
		const itemIndex = batch.consignments[0].itemIndex;
		let answer: BatchAnswer;
		try {
			answer = await spec.send.call(this, batch, run, itemIndex);
		} catch (caught) {
			const error =
				caught instanceof NodeApiError || caught instanceof NodeOperationError
					? caught
					: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (run.onError === 'stop') throw error;
			const reason =
				error instanceof NodeApiError && error.httpCode
					? `${error.message} (HTTP ${error.httpCode})`
					: error.message;
			const failure = new Failure(reason, error);
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
			const error = new NodeOperationError(this.getNode(), extra.message, {
				itemIndex,
				description: extra.description,
			});
			if (run.onError === 'stop') throw error;
			unexpected.push({
				order: itemIndex,
				item: { json: { error: extra.message }, pairedItem: pairedItems(batch.consignments[0]) },
			});
		}
		// Stop at the first refused consignment, as n8n does for a failing item; earlier batches are done.
		if (run.onError === 'stop' && firstFailure) throw firstFailure.error;
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
	return inInputOrder(consignments, outcomes, refusals, unexpected, spec);
}

/**
 * Reads the items, refuses the bad ones and plans the batches. Only the consignments and the
 * batches outlive it: the per-item lists and the plan's maps are garbage once the requests start.
 */
async function planBatches(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunContext,
	spec: BatchSpec,
	refuse: (error: NodeOperationError, itemIndex: number) => void,
): Promise<{ consignments: PlannedConsignment[]; batches: Batch[] }> {
	const mode = this.getNodeParameter('requestMode', 0, 'combine') as RequestMode;
	const inputs = readInputs.call(this, items, spec, refuse);
	const problems =
		spec.checkGroups && inputs.itemIndexes.length > 0
			? await spec.checkGroups.call(this, [...new Set(inputs.groups)], run)
			: undefined;
	const plan = new BatchPlan(mode);
	for (let index = 0; index < inputs.itemIndexes.length; index++) {
		const itemIndex = inputs.itemIndexes[index];
		const group = inputs.groups[index];
		const problem = problems?.get(group);
		if (problem !== undefined)
			refuse(
				inputError.call(this, itemIndex, spec.group?.field ?? '', `"${group}" ${problem}`),
				itemIndex,
			);
		else plan.add(itemIndex, group, inputs.references[index]);
	}
	return { consignments: plan.consignments, batches: plan.batches(run.options.batchSize) };
}

/**
 * The output in input order. The consignments are in order of first appearance (by item, then
 * within an item); refusals and unexpected answers (few) are merged in where their item stands.
 * A refused item has no consignment, and an unexpected answer comes after the consignments of
 * its batch's first item.
 */
function inInputOrder(
	consignments: PlannedConsignment[],
	outcomes: Array<Outcome | undefined>,
	refusals: Extra[],
	unexpected: Extra[],
	spec: BatchSpec,
): INodeExecutionData[] {
	// Stable: refusals in item order, then unexpected answers in the order they came.
	const extras =
		unexpected.length === 0
			? refusals
			: [...refusals, ...unexpected].sort((a, b) => a.order - b.order);
	const output: INodeExecutionData[] = [];
	let next = 0;
	for (const consignment of consignments) {
		const outcome = outcomes[consignment.position];
		if (!outcome) continue;
		while (next < extras.length && extras[next].order < consignment.itemIndex)
			output.push(extras[next++].item);
		const json =
			outcome instanceof Failure
				? { error: spec.failureMessage(consignment, outcome.reason) }
				: outcome;
		output.push({ json, pairedItem: pairedItems(consignment) });
	}
	while (next < extras.length) output.push(extras[next++].item);
	return output;
}

/** The items not refused, as parallel lists (no object per item). */
interface ItemInputs {
	itemIndexes: number[];
	groups: string[];
	/** One reference as text, or the list of an item's distinct references */
	references: Array<string | string[]>;
}

/** Each item's references and group, read at most once per item (see parameterReader). */
function readInputs(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: BatchSpec,
	refuse: (error: NodeOperationError, itemIndex: number) => void,
): ItemInputs {
	const inputs: ItemInputs = { itemIndexes: [], groups: [], references: [] };
	const { group } = spec;
	const groupOf = group
		? parameterReader(this, group.parameter, items, { extractValue: group.extractValue })
		: () => '';
	const referencesOf = parameterReader(this, 'consignmentReferences', items);
	const fixedReferences = referencesOf.constant ? parseReferences(referencesOf(0)) : undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const groupValue = groupOf(itemIndex);
		// One plain reference (the usual cell) is kept as the text itself: no list or result object per item.
		const value = fixedReferences ? undefined : referencesOf(itemIndex);
		const plain = fixedReferences ? undefined : plainReference(value);
		const parsed = plain === undefined ? (fixedReferences ?? parseReferences(value)) : undefined;
		if (group && (typeof groupValue !== 'string' || groupValue.trim() === '')) {
			const given =
				typeof groupValue === 'string' || groupValue === undefined || groupValue === null
					? 'is empty'
					: `is not text (${JSON.stringify(groupValue)})`;
			refuse(inputError.call(this, itemIndex, group.field, `${given}: ${group.hint}`), itemIndex);
		} else if (parsed && 'problem' in parsed) {
			refuse(inputError.call(this, itemIndex, 'Consignment References', parsed.problem), itemIndex);
		} else {
			const references = parsed ? parsed.references : (plain as string);
			const problem = spec.checkReferences?.(
				typeof references === 'string' ? [references] : references,
			);
			if (problem !== undefined)
				refuse(inputError.call(this, itemIndex, 'Consignment References', problem), itemIndex);
			else {
				inputs.itemIndexes.push(itemIndex);
				inputs.groups.push(group ? String(groupValue).trim() : '');
				inputs.references.push(references);
			}
		}
	}
	return inputs;
}

function failureOf(
	this: IExecuteFunctions,
	spec: BatchSpec,
	batch: Batch,
	consignment: PlannedConsignment,
	outcome: Exclude<ConsignmentOutcome, { ok: true }> | undefined,
): Failure {
	const failed: { reason: string; description: string; httpCode?: string } = outcome ?? {
		reason: spec.missingReason,
		description: `The request held ${batch.consignments.length} consignment(s); the answer had none for this one. Check its state in SortedPRO before trying again.`,
	};
	const message = spec.failureMessage(consignment, failed.reason);
	const error = new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description: failed.description,
		httpCode: failed.httpCode,
		itemIndex: consignment.itemIndex,
	});
	return new Failure(failed.reason, error);
}

/** The error that stopped a run of several requests, saying how far it got. */
export function stoppedError(caught: unknown, total: number): unknown {
	if (!(caught instanceof StoppedRunError)) return caught;
	const { error, completed } = caught;
	if (total > 1 && (error instanceof NodeApiError || error instanceof NodeOperationError)) {
		const progress = `Stopped at this failure: ${completed} of ${total} requests had completed (what they did in SortedPRO stands); no request was started after it`;
		error.description = [error.description, progress].filter(Boolean).join(' · ');
	}
	return error;
}
