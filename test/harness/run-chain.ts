/**
 * Runs several nodes in a row (start → node 1 → node 2 → …) in one execution of n8n-core's
 * real WorkflowExecute, so n8n itself carries pairedItem from node to node and expressions such
 * as `$('Rows').item` resolve through it, as in a real workflow.
 */
import type {
	ExecutionError,
	ICredentialDataDecryptedObject,
	ICredentialType,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
} from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { executeWorkflow } from './execute-workflow';
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
	const { run, thrown } = await executeWorkflow({
		nodeTypes,
		nodes,
		connections,
		credentialTypes: opts.credentialTypes,
		credentials: opts.credentials,
		items: opts.items,
	});
	if (!run) throw thrown;
	const runData = run.data.resultData.runData;
	const outputs = Object.fromEntries(
		opts.chain.map((node) => [
			node.name,
			(runData[node.name]?.[0]?.data?.main ?? []).map((output) => output ?? []),
		]),
	);
	return { outputs, error: run.data.resultData.error, run };
}
