import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runConcurrently, stoppedError } from '../helpers/concurrency';
import { asNodeError } from '../helpers/inputErrors';
import { readConsignmentReference } from '../helpers/pathReferences';
import { AdaptiveLimit, SortedProClient } from '../transport';
import { keepMessage } from '../transport/errors';
import { allocation } from './allocation';
import { runBatch } from './batch/engine';
import { consignment } from './consignment';
import { customsDocument } from './customsDocument';
import { label } from './label';
import { manifest } from './manifest';
import { quote } from './quote';
import { referenceData } from './referenceData';
import { readRequestOptions } from './requestOptions';
import type { RunContext } from './run';
import { tracking } from './tracking';
import {
	resourceDescription,
	type Operation,
	type PerConsignmentOperation,
	type Resource,
} from './types';

/** Every resource of the node, in the order the editor lists them. */
const resources: Resource[] = [
	allocation,
	consignment,
	customsDocument,
	label,
	manifest,
	quote,
	referenceData,
	tracking,
];
const firstResource = resources[0].value;

export const resourceProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({ name: resource.name, value: resource.value })),
		default: firstResource,
	},
	...resources.flatMap(resourceDescription),
];

function findOperation(resourceValue: string, operationValue: string): Operation | undefined {
	const resource = resources.find((candidate) => candidate.value === resourceValue);
	return resource?.operations.find((operation) => operation.option.value === operationValue);
}

/** "get the label of consignment EC-…" from the action "Get the label of a consignment". */
function what(action: string, reference: string): string {
	const subject = `consignment ${reference}`;
	const phrase = action.charAt(0).toLowerCase() + action.slice(1);
	return phrase.includes('a consignment')
		? phrase.replace('a consignment', subject)
		: `${phrase} (${subject})`;
}

/** One item of a per-consignment operation: an error from SortedPRO is made to name the consignment. */
async function runForConsignment(
	this: IExecuteFunctions,
	operation: PerConsignmentOperation,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const reference = readConsignmentReference.call(this, itemIndex);
	try {
		return await operation.execute.call(this, itemIndex, run, reference);
	} catch (caught) {
		const error = asNodeError.call(this, caught, itemIndex);
		// SortedPRO's answers (a timeout, a 500) need not name the consignment: the message does.
		if (error instanceof NodeApiError && !error.message.includes(reference))
			keepMessage(error, `Could not ${what(operation.option.action, reference)}: ${error.message}`);
		throw error;
	}
}

/**
 * The items a once-operation runs for: the first item of each distinct request. Without an
 * expression among its parameters (Options aside: they are read from item 0) that is item 0
 * alone; otherwise each item's parameters are read and compared. An item whose expression
 * fails runs on its own, so its error is reported against it.
 */
function distinctRequests(this: IExecuteFunctions, operation: Operation, count: number): number[] {
	const names = operation.description
		.map((parameter) => parameter.name)
		.filter((name) => name !== 'options');
	const saved = this.getNode().parameters;
	const varies = names.some((name) => JSON.stringify(saved[name] ?? null).includes('"='));
	if (!varies) return count > 0 ? [0] : [];
	const seen = new Set<string>();
	const indexes: number[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let key: string;
		try {
			key = JSON.stringify(names.map((name) => this.getNodeParameter(name, itemIndex, null)));
		} catch {
			key = `failed ${itemIndex}`;
		}
		if (seen.has(key)) continue;
		seen.add(key);
		indexes.push(itemIndex);
	}
	return indexes;
}

/**
 * Runs the chosen operation. Owns what every operation shares: the request options, the
 * client (connection, body format, retry policy, in-flight limit) and the failure policy, read
 * once; batch operations go to the batch engine; for the others, the item loop, pairedItem and
 * the one continue-on-fail branch. Run as an AI Agent's tool, a failure becomes the tool's
 * answer, so the model learns why.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationValue = this.getNodeParameter('operation', 0) as string;
	const operation = findOperation(resource, operationValue);
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationValue}" of resource "${resource}" is not supported`,
		);
	}
	const items = this.getInputData();
	const options = readRequestOptions.call(this);
	const asTool = this.getNode().type.endsWith('Tool');
	const limit = new AdaptiveLimit(options.parallelRequests);
	const run: RunContext = {
		api: await SortedProClient.open(this, {
			format: options.format,
			policy: options.policy,
			limit,
		}),
		options,
		onError: this.continueOnFail() || asTool ? 'continue' : 'stop',
	};
	if (operation.kind === 'batch') return [await runBatch.call(this, items, run, operation.batch)];

	const perItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const output =
				operation.kind === 'perConsignment'
					? await runForConsignment.call(this, operation, itemIndex, run)
					: await operation.execute.call(this, itemIndex, run);
			return output.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			if (run.onError === 'stop') throw error;
			return [{ json: { error: error.message }, pairedItem: { item: itemIndex } }];
		}
	};
	const indexes =
		operation.kind === 'once' ? distinctRequests.call(this, operation, items.length) : undefined;
	try {
		return [
			(
				await runConcurrently(
					indexes?.length ?? items.length,
					options.parallelRequests,
					indexes ? async (index) => await perItem(indexes[index]) : perItem,
					run.onError === 'stop',
				)
			).flat(),
		];
	} catch (caught) {
		throw stoppedError(caught, indexes?.length ?? items.length);
	}
}
