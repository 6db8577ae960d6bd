import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runConcurrently, StoppedRunError } from '../../helpers/concurrency';
import { inputError } from '../../helpers/inputErrors';
import { parameterReader } from '../../helpers/parameterReader';
import { parseReferences } from '../../helpers/references';
import type { RunContext } from '../types';
import { BatchPlan, pairedItems, type Batch, type PlannedConsignment, type RequestMode } from './plan';

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
	checkGroups?(this: IExecuteFunctions, groups: string[], run: RunContext): Promise<Map<string, string>>;
	/** The problem of one item's references (e.g. unsafe in a path), if any: the item is refused before anything is sent */
	checkReferences?(references: string[]): string | undefined;
	/** One request for the batch; throws when SortedPRO refuses the request as a whole */
	send(this: IExecuteFunctions, batch: Batch, run: RunContext, itemIndex: number): Promise<BatchAnswer>;
	/** The message of an error about one consignment: it always names the consignment */
	failureMessage(consignment: PlannedConsignment, reason: string): string;
	/** Reason given when the answer holds nothing for a consignment that was sent */
	missingReason: string;
}

type Output = { order: number; item: INodeExecutionData };
type Outcome = { ok: true; json: IDataObject } | { ok: false; reason: string; error: NodeApiError | NodeOperationError };

/**
 * Runs a batch operation: reads each item's references (and group), refuses bad items before
 * anything is sent, plans de-duplicated batches, sends them (at most Parallel Requests at
 * once), pairs the answers back and reports what is missing. Every reference that goes in
 * comes out once, done or as an error, in input order; an item's refusal stands where the item
 * stands. With onError 'stop' the first failure is thrown.
 */
export async function runBatch(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext, spec: BatchSpec): Promise<INodeExecutionData[]> {
	const outputs: Output[] = [];
	const refuse = (error: NodeOperationError, itemIndex: number) => {
		if (run.onError === 'stop') throw error;
		outputs.push({ order: itemIndex, item: { json: { error: error.message }, pairedItem: { item: itemIndex } } });
	};
	const mode = this.getNodeParameter('requestMode', 0, 'combine') as RequestMode;
	const inputs = readInputs.call(this, items, spec, refuse);
	const problems = spec.checkGroups && inputs.length > 0 ? await spec.checkGroups.call(this, [...new Set(inputs.map((input) => input.group))], run) : new Map<string, string>();
	const plan = new BatchPlan(mode);
	for (const input of inputs) {
		const problem = problems.get(input.group);
		if (problem !== undefined) refuse(inputError.call(this, input.itemIndex, spec.group?.field ?? '', `"${input.group}" ${problem}`), input.itemIndex);
		else plan.add(input.itemIndex, input.group, input.references);
	}

	const batches = plan.batches(run.options.batchSize);
	const outcomes = new Map<PlannedConsignment, Outcome>();
	const unexpected: Output[] = [];
	const sendOne = async (index: number) => {
		const batch = batches[index];
		const itemIndex = batch.consignments[0].itemIndexes[0];
		let answer: BatchAnswer;
		try {
			answer = await spec.send.call(this, batch, run, itemIndex);
		} catch (caught) {
			const error = caught instanceof NodeApiError || caught instanceof NodeOperationError ? caught : new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
			if (run.onError === 'stop') throw error;
			const reason = error instanceof NodeApiError && error.httpCode ? `${error.message} (HTTP ${error.httpCode})` : error.message;
			for (const consignment of batch.consignments) outcomes.set(consignment, { ok: false, reason, error });
			return;
		}
		for (const consignment of batch.consignments) {
			const outcome = answer.outcomes.get(consignment.reference);
			outcomes.set(consignment, failureOf.call(this, spec, batch, consignment, outcome));
		}
		for (const extra of answer.unexpected) {
			const error = new NodeOperationError(this.getNode(), extra.message, { itemIndex, description: extra.description });
			if (run.onError === 'stop') throw error;
			unexpected.push({ order: itemIndex, item: { json: { error: extra.message }, pairedItem: pairedItems(batch.consignments[0]) } });
		}
		if (run.onError === 'stop') {
			// Stop at the first refused consignment, as n8n does for a failing item; earlier batches are done.
			const failed = batch.consignments.map((consignment) => outcomes.get(consignment)).find((outcome) => outcome?.ok === false);
			if (failed?.ok === false) throw failed.error;
		}
	};
	try {
		await runConcurrently(batches.length, run.options.parallelRequests, sendOne, run.onError === 'stop');
	} catch (caught) {
		throw stoppedError(caught, batches.length);
	}

	for (const consignment of plan.consignments) {
		const outcome = outcomes.get(consignment);
		if (!outcome) continue;
		const json = outcome.ok ? outcome.json : { error: spec.failureMessage(consignment, outcome.reason) };
		outputs.push({ order: consignment.itemIndexes[0], item: { json, pairedItem: pairedItems(consignment) } });
	}
	outputs.push(...unexpected);
	// Stable: consignments keep their order of first appearance within an item.
	return outputs.sort((a, b) => a.order - b.order).map((output) => output.item);
}

interface ItemInput {
	itemIndex: number;
	group: string;
	references: string[];
}

/** Each item's references and group, read at most once per item (see parameterReader). */
function readInputs(this: IExecuteFunctions, items: INodeExecutionData[], spec: BatchSpec, refuse: (error: NodeOperationError, itemIndex: number) => void): ItemInput[] {
	const inputs: ItemInput[] = [];
	const { group } = spec;
	const groupOf = group ? parameterReader(this, group.parameter, items, { extractValue: group.extractValue }) : () => '';
	const referencesOf = parameterReader(this, 'consignmentReferences', items);
	const fixedReferences = referencesOf.constant ? parseReferences(referencesOf(0)) : undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const groupValue = groupOf(itemIndex);
		const references = fixedReferences ?? parseReferences(referencesOf(itemIndex));
		if (group && (typeof groupValue !== 'string' || groupValue.trim() === '')) {
			const given = typeof groupValue === 'string' || groupValue === undefined || groupValue === null ? 'is empty' : `is not text (${JSON.stringify(groupValue)})`;
			refuse(inputError.call(this, itemIndex, group.field, `${given}: ${group.hint}`), itemIndex);
		} else if ('problem' in references) {
			refuse(inputError.call(this, itemIndex, 'Consignment References', references.problem), itemIndex);
		} else {
			const problem = spec.checkReferences?.(references.references);
			if (problem !== undefined) refuse(inputError.call(this, itemIndex, 'Consignment References', problem), itemIndex);
			else inputs.push({ itemIndex, group: group ? String(groupValue).trim() : '', references: references.references });
		}
	}
	return inputs;
}

function failureOf(this: IExecuteFunctions, spec: BatchSpec, batch: Batch, consignment: PlannedConsignment, outcome: ConsignmentOutcome | undefined): Outcome {
	if (outcome?.ok) return outcome;
	const failed: { reason: string; description: string; httpCode?: string } = outcome ?? {
		reason: spec.missingReason,
		description: `The request held ${batch.consignments.length} consignment(s); the answer had none for this one. Check its state in SortedPRO before trying again.`,
	};
	const message = spec.failureMessage(consignment, failed.reason);
	const error = new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description: failed.description,
		httpCode: failed.httpCode,
		itemIndex: consignment.itemIndexes[0],
	});
	return { ok: false, reason: failed.reason, error };
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
