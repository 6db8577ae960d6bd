/**
 * Runs several nodes in a row (start → node 1 → node 2 → …) in one execution of n8n-core's
 * real WorkflowExecute, so n8n itself carries pairedItem from node to node and expressions such
 * as `$('Rows').item` resolve through it, as in a real workflow.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowBase,
} from 'n8n-workflow';
import { Workflow, createDeferredPromise, createRunExecutionData, deepCopy } from 'n8n-workflow';

import { makeAdditionalData, nextExecutionId } from './engine';
import { credentialRefs } from './run-node';
import { START_NODE_TYPE, getNodeTypes, latestVersion, type NodeTypeMap } from './node-types';

export interface ChainNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface ChainResult {
	/** Each node's outputs by node name ([0] main, [1] error output) */
	outputs: Record<string, INodeExecutionData[][]>;
	error?: ExecutionError;
	/** The whole run, as n8n hands it to its workflowExecuteAfter hook */
	run: IRun;
}

export async function runChain(opts: {
	nodeTypes: NodeTypeMap;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
	startName: string;
	items: INodeExecutionData[];
	chain: ChainNode[];
}): Promise<ChainResult> {
	const nodeTypes = getNodeTypes(opts.nodeTypes);
	const start: INode = {
		id: 'start',
		name: opts.startName,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodes: INode[] = [
		start,
		...opts.chain.map((node, index) => ({
			id: `node-${index}`,
			name: node.name,
			type: node.type,
			typeVersion: latestVersion(nodeTypes.getByName(node.type)),
			position: [220 * (index + 1), 0] as [number, number],
			parameters: deepCopy(node.parameters),
			credentials: credentialRefs(opts.credentials),
			...(node.onError && { onError: node.onError }),
		})),
	];
	const connections = Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((node, index) => [
				node.name,
				{ main: [[{ node: nodes[index + 1].name, type: 'main' as const, index: 0 }]] },
			]),
	);
	const workflow = new Workflow({
		id: 'chain',
		name: 'Chain',
		nodes,
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
		nodes,
		connections,
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('trigger', executionId, workflowData);
	const after = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => after.resolve(run));
	const additionalData = makeAdditionalData({
		credentialTypes: opts.credentialTypes,
		credentials: opts.credentials,
		hooks,
		executionId,
	});
	const items = opts.items.map((item, index) => ({
		json: deepCopy(item.json),
		pairedItem: { item: index },
	}));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: start, data: { main: [items] }, source: null }] },
	});
	const [run] = await Promise.all([
		new WorkflowExecute(additionalData, 'trigger', runExecutionData).processRunExecutionData(
			workflow,
		),
		after.promise,
	]);
	const runData = run.data.resultData.runData;
	const outputs = Object.fromEntries(
		opts.chain.map((node) => [
			node.name,
			(runData[node.name]?.[0]?.data?.main ?? []).map((output) => output ?? []),
		]),
	);
	return { outputs, error: run.data.resultData.error, run };
}
