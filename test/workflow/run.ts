/**
 * Runs of the SortedPRO node for the Label, Manifest, Tracking and Quote tests: one node
 * (runSortedPro), or a straight chain of SortedPRO nodes in one n8n-core workflow
 * (runChain), so pairedItem and `$('…').item` are resolved by n8n itself across nodes.
 */
// The harness first: it sets the environment n8n-core reads when it loads.
import { runNode, type RunNodeResult } from '../harness';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IBinaryData,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow, createDeferredPromise, createRunExecutionData } from 'n8n-workflow';
import { makeAdditionalData, nextExecutionId } from '../harness/engine';
import { START_NODE_TYPE, getNodeTypes } from '../harness/node-types';
import type { Simulator } from '../simulator';
import { NODE_TYPE, credentialType, credentialsFor, nodeType, type OnError } from './setup';

export async function runSortedPro(
	sim: Simulator,
	parameters: INodeParameters,
	items: INodeExecutionData[],
	onError?: OnError,
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: nodeType },
		credentialTypes: [credentialType],
		node: { type: NODE_TYPE, parameters, onError },
		items,
		credentials: credentialsFor(sim),
	});
}

/** The bytes of a binary property as n8n-core's in-memory mode keeps them (base64 in `data`). */
export function binaryBytes(binary: IBinaryData | undefined): Buffer {
	if (!binary) throw new Error('no binary data');
	if (binary.id)
		throw new Error(`binary data stored by reference (${binary.id}), expected in memory`);
	return Buffer.from(binary.data, 'base64');
}

export const START_NAME = 'Spreadsheet Rows';

export interface ChainResult {
	/** main output of each node, by node name */
	outputs: Record<string, INodeExecutionData[]>;
	run: IRun;
}

/** Start → nodes[0] → nodes[1] → …, all SortedPRO nodes, executed by WorkflowExecute. */
export async function runChain(
	sim: Simulator,
	items: INodeExecutionData[],
	nodes: Array<{ name: string; parameters: INodeParameters }>,
): Promise<ChainResult> {
	const nodeTypes = getNodeTypes({ [NODE_TYPE]: nodeType });
	const start: INode = {
		id: 'start',
		name: START_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const credentials = credentialsFor(sim);
	const chain: INode[] = nodes.map((node, index) => ({
		id: `node-${index}`,
		name: node.name,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [200 * (index + 1), 0],
		parameters: node.parameters,
		credentials: { sortedProApi: { id: 'sortedProApi-id', name: 'sortedProApi' } },
	}));
	const all = [start, ...chain];
	const connections = Object.fromEntries(
		all
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: all[index + 1].name, type: 'main' as const, index: 0 }]] },
			]),
	);
	const workflow = new Workflow({
		id: 'chain',
		name: 'Chain',
		nodes: all,
		connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const executionId = nextExecutionId();
	const workflowData = {
		id: 'chain',
		name: 'Chain',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: all,
		connections,
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('trigger', executionId, workflowData);
	const done = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => done.resolve(run));
	const additionalData = makeAdditionalData({
		credentialTypes: [credentialType],
		credentials,
		hooks,
		executionId,
	});
	const startItems = items.map((item, index) => ({ ...item, pairedItem: { item: index } }));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: start, data: { main: [startItems] }, source: null }],
		},
	});
	const [run] = await Promise.all([
		new WorkflowExecute(additionalData, 'trigger', runExecutionData).processRunExecutionData(
			workflow,
		),
		done.promise,
	]);
	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const node of chain)
		outputs[node.name] = run.data.resultData.runData[node.name]?.[0]?.data?.main?.[0] ?? [];
	return { outputs, run };
}
