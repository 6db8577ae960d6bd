/**
 * Runs of the SortedPRO node for the Label, Manifest, Tracking and Quote tests: one node
 * (runSortedPro), or a straight chain of SortedPRO nodes in one n8n-core workflow
 * (runChain), so pairedItem and `$('…').item` are resolved by n8n itself across nodes.
 */
// The harness first: it sets the environment n8n-core reads when it loads.
import { runChain as runWorkflowChain } from '../harness';

import type { IBinaryData, INodeExecutionData, INodeParameters, IRun } from 'n8n-workflow';

import type { Simulator } from '../simulator';
import { NODE_TYPE, credentialType, credentialsFor, nodeType } from './setup';

export { runSortedPro } from './setup';

/** The bytes of a binary property as n8n-core's in-memory mode keeps them (base64 in `data`). */
export function binaryBytes(binary: IBinaryData | undefined): Buffer {
	if (!binary) throw new Error('no binary data');
	if (binary.id)
		throw new Error(`binary data stored by reference (${binary.id}), expected in memory`);
	return Buffer.from(binary.data, 'base64');
}

export const START_NAME = 'Spreadsheet Rows';

/** Start → nodes[0] → nodes[1] → …, all SortedPRO nodes; each node's main output by name. */
export async function runChain(
	sim: Simulator,
	items: INodeExecutionData[],
	nodes: Array<{ name: string; parameters: INodeParameters }>,
): Promise<{ outputs: Record<string, INodeExecutionData[]>; run: IRun }> {
	const result = await runWorkflowChain({
		nodeTypes: { [NODE_TYPE]: nodeType },
		credentialTypes: [credentialType],
		credentials: credentialsFor(sim),
		startName: START_NAME,
		items,
		chain: nodes.map((node) => ({ ...node, type: NODE_TYPE })),
	});
	const outputs = Object.fromEntries(
		Object.entries(result.outputs).map(([name, [main = []]]) => [name, main]),
	);
	return { outputs, run: result.run };
}
