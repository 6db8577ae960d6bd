/**
 * runNode: one node, fed by a start node, executed by n8n-core's real WorkflowExecute
 * (mode 'trigger'), the way n8n's own NodeTestHarness (packages/core/nodes-testing) does it.
 */
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IRunData,
	IVersionedNodeType,
} from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { getParamEvalMs } from './engine';
import { executeWorkflow } from './execute-workflow';
import { START_NODE_TYPE, defaultNodeName, getNodeTypes, latestVersion } from './node-types';

export interface RunNodeOptions {
	/** Node types by type name, e.g. { 'n8n-nodes-sortedpro.sortedPro': new SortedPro() }. Reuse the same object across runs. */
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: ICredentialType[];
	node: {
		type: string;
		typeVersion?: number;
		/** Defaults to the node type's defaults.name (as the editor names a new node). */
		name?: string;
		parameters: INodeParameters;
		/** Defaults to one entry per key of `credentials`: { [type]: { id: `${type}-id`, name: type } }. */
		credentials?: INodeCredentials;
		onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
		continueOnFail?: boolean;
	};
	/** Output of the start node = input of the node. pairedItem {item: i} is added when missing. */
	items: INodeExecutionData[];
	/** Credential data by credential type name. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export interface RunNodeResult {
	/** The node's outputs: [0] main, [1] error output with onError 'continueErrorOutput'. */
	outputs: INodeExecutionData[][];
	/** The node's error as n8n recorded it (run.data.resultData.error), when the run failed. */
	error?: ExecutionError;
	runData: IRunData;
	/** The full IRun handed to the workflowExecuteAfter hook. */
	run?: IRun;
	/** Name the node had in the workflow (key into runData). */
	nodeName: string;
	/** Time spent in n8n's getNodeParameter for this run (ms). */
	paramEvalMs?: number;
	/** Wall time of the execution (ms). */
	durationMs: number;
}

const START_NODE_NAME = 'Harness Start';

export function credentialRefs(credentials: Record<string, unknown>): INodeCredentials {
	return Object.fromEntries(
		Object.keys(credentials).map((type) => [type, { id: `${type}-id`, name: type }]),
	);
}

export async function runNode(opts: RunNodeOptions): Promise<RunNodeResult> {
	const started = Date.now();
	const nodeTypes = getNodeTypes(opts.nodeTypes);
	const nodeType = nodeTypes.getByName(opts.node.type);
	const typeVersion = opts.node.typeVersion ?? latestVersion(nodeType);
	const nodeName = opts.node.name ?? defaultNodeName(nodeType, typeVersion);

	const startNode: INode = {
		id: 'harness-start',
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'harness-node',
		name: nodeName,
		type: opts.node.type,
		typeVersion,
		position: [200, 0],
		parameters: deepCopy(opts.node.parameters),
		credentials: opts.node.credentials ?? credentialRefs(opts.credentials),
		...(opts.node.onError !== undefined && { onError: opts.node.onError }),
		...(opts.node.continueOnFail !== undefined && { continueOnFail: opts.node.continueOnFail }),
	};
	const connections = {
		[START_NODE_NAME]: { main: [[{ node: nodeName, type: 'main' as const, index: 0 }]] },
	};
	const { run, thrown, additionalData } = await executeWorkflow({
		nodeTypes,
		nodes: [startNode, node],
		connections,
		credentialTypes: opts.credentialTypes,
		credentials: opts.credentials,
		items: opts.items,
	});

	const runData = run?.data.resultData.runData ?? {};
	const task = runData[nodeName]?.[0];
	const outputs = (task?.data?.main ?? []).map((output) => output ?? []);
	return {
		outputs,
		error: run?.data.resultData.error ?? task?.error ?? thrown,
		runData,
		run,
		nodeName,
		paramEvalMs: getParamEvalMs(additionalData),
		durationMs: Date.now() - started,
	};
}
