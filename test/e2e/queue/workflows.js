'use strict';
/**
 * Workflows of the queue-mode e2e run, published before `n8n start`:
 *  - ALLOCATE: Webhook (POST, answer from "Respond to Webhook") → SortedPRO Allocate With
 *    Carrier Service (Combine Items) → Respond to Webhook (all incoming items);
 *  - ALLOCATE_RERUN: the same with Options → If Already Allocated = Report as Allocated;
 *  - LABEL / LABEL_LAST_NODE: Webhook (POST) → SortedPRO Allocate → SortedPRO Label → Get (the
 *    PDF as binary `data`), answered with the file by Respond to Webhook or by the Webhook itself
 *    ("last node"): binary made on a worker, kept in the binary data store and sent to the
 *    caller by the main.
 */
const CREDENTIAL = {
	id: 'sortedpro-queue-credential',
	name: 'SortedPRO account',
	type: 'sortedProApi',
};
const NODE_TYPE = 'n8n-nodes-sortedpro.sortedPro';

function credentialFor(apiKey, baseUrl) {
	return { ...CREDENTIAL, data: { apiKey, environment: 'custom', baseUrl } };
}

function allocateNode(name, position) {
	return {
		id: `5e7a0c1e-0000-4000-8000-00000000000${position[0] / 220}`,
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		position,
		parameters: {
			resource: 'allocation',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'reference', value: '={{ $json.body.carrierService }}' },
			consignmentReferences: '={{ $json.body.references }}',
			requestMode: 'combine',
			options: { batchSize: 100 },
		},
		credentials: { sortedProApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
	};
}

function webhookNode(id, webhookId, path, extra) {
	return {
		id,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId,
		parameters: { httpMethod: 'POST', path, options: {}, ...extra },
	};
}

const main = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });

const ALLOCATE = {
	id: 'SortedProQueueAlloc',
	name: 'SortedPRO queue: allocate from a webhook',
	nodes: [
		webhookNode(
			'5e7a0c1e-0000-4000-8000-000000000100',
			'0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e0001',
			'sortedpro-queue-allocate',
			{
				responseMode: 'responseNode',
			},
		),
		allocateNode('Allocate', [220, 0]),
		{
			id: '5e7a0c1e-0000-4000-8000-000000000101',
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [440, 0],
			parameters: { respondWith: 'allIncomingItems', options: {} },
		},
	],
	connections: { Webhook: main('Allocate'), Allocate: main('Respond to Webhook') },
	settings: { executionOrder: 'v1' },
};

/** The allocations made with "If Already Allocated: Report as Allocated" (for a re-run). */
const ALLOCATE_RERUN = {
	...ALLOCATE,
	id: 'SortedProQueueRerun',
	name: 'SortedPRO queue: allocate again, already allocated reported as allocated',
	nodes: ALLOCATE.nodes.map((n) => {
		if (n.name === 'Webhook')
			return webhookNode(
				'5e7a0c1e-0000-4000-8000-000000000400',
				'0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e0004',
				'sortedpro-queue-rerun',
				{ responseMode: 'responseNode' },
			);
		if (n.name === 'Allocate') {
			const options = { ...n.parameters.options, ifAlreadyAllocated: 'allocated' };
			return {
				...n,
				id: '5e7a0c1e-0000-4000-8000-000000000401',
				parameters: { ...n.parameters, options },
			};
		}
		return { ...n, id: '5e7a0c1e-0000-4000-8000-000000000402' };
	}),
};

/** SortedPRO Label → Get: the PDF label of the consignment just allocated, as binary `data`. */
const labelGet = {
	id: '5e7a0c1e-0000-4000-8000-000000000201',
	name: 'Label',
	type: NODE_TYPE,
	typeVersion: 1,
	position: [440, 0],
	parameters: {
		resource: 'label',
		operation: 'get',
		consignmentReference: '={{ $json.ConsignmentReference }}',
		options: {},
	},
	credentials: { sortedProApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
};

/** Answer = Respond to Webhook with the label (relayed from the worker to the main). */
const LABEL = {
	id: 'SortedProQueueLabel',
	name: 'SortedPRO queue: allocate, then the label (Respond to Webhook)',
	nodes: [
		webhookNode(
			'5e7a0c1e-0000-4000-8000-000000000200',
			'0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e0002',
			'sortedpro-queue-label',
			{ responseMode: 'responseNode' },
		),
		allocateNode('Allocate', [220, 0]),
		labelGet,
		{
			id: '5e7a0c1e-0000-4000-8000-000000000202',
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [660, 0],
			parameters: { respondWith: 'binary', responseDataSource: 'automatically', options: {} },
		},
	],
	connections: {
		Webhook: main('Allocate'),
		Allocate: main('Label'),
		Label: main('Respond to Webhook'),
	},
	settings: { executionOrder: 'v1' },
};

/**
 * Answer = the last node's first binary (Webhook option "When Last Node Finishes"): the main
 * reads the label the worker stored from the binary data store.
 */
const LABEL_LAST_NODE = {
	id: 'SortedProQueueLabelLast',
	name: 'SortedPRO queue: allocate, then the label (last node)',
	nodes: [
		webhookNode(
			'5e7a0c1e-0000-4000-8000-000000000300',
			'0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e0003',
			'sortedpro-queue-label-last',
			{
				responseMode: 'lastNode',
				responseData: 'firstEntryBinary',
				responseBinaryPropertyName: 'data',
			},
		),
		allocateNode('Allocate', [220, 0]),
		{ ...labelGet, id: '5e7a0c1e-0000-4000-8000-000000000301' },
	],
	connections: { Webhook: main('Allocate'), Allocate: main('Label') },
	settings: { executionOrder: 'v1' },
};

/** The production webhook path of a workflow (POST /webhook/<path> on the main). */
function webhookPath(workflow) {
	return workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
}

module.exports = {
	CREDENTIAL,
	credentialFor,
	webhookPath,
	ALLOCATE,
	ALLOCATE_RERUN,
	LABEL,
	LABEL_LAST_NODE,
};
