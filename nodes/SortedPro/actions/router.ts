import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { AdaptiveLimit, runConcurrently, stoppedError } from '../helpers/concurrency';
import { asNodeError } from '../helpers/inputErrors';
import { readRequestOptions } from '../helpers/requestOptions';
import { connect } from '../transport';
import { allocation } from './allocation';
import { consignment } from './consignment';
import { label } from './label';
import { manifest } from './manifest';
import { quote } from './quote';
import { tracking } from './tracking';
import { resourceDescription, type Operation, type Resource, type RunContext } from './types';

/** Every resource of the node, in the order the editor lists them. */
const resources: Resource[] = [allocation, consignment, label, manifest, quote, tracking];
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

/**
 * Runs the chosen operation. Owns what every operation shares: the request options, the
 * connection, the in-flight limit and the failure policy, read once; and for per-item
 * operations the item loop, pairedItem and the one continue-on-fail branch. Run as an AI
 * Agent's tool, a failure becomes the tool's answer, so the model learns why.
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
	const run: RunContext = {
		connection: await connect(this),
		options,
		limit: new AdaptiveLimit(options.parallelRequests),
		onError: this.continueOnFail() || asTool ? 'continue' : 'stop',
	};
	if (operation.kind === 'batch') return [await operation.execute.call(this, items, run)];

	const perItem = async (itemIndex: number): Promise<INodeExecutionData[]> => {
		try {
			const output = await operation.execute.call(this, itemIndex, run);
			return output.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			if (run.onError === 'stop') throw error;
			return [{ json: { error: error.message }, pairedItem: { item: itemIndex } }];
		}
	};
	try {
		return [
			(
				await runConcurrently(
					items.length,
					options.parallelRequests,
					perItem,
					run.onError === 'stop',
				)
			).flat(),
		];
	} catch (caught) {
		throw stoppedError(caught, items.length);
	}
}
