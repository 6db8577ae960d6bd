'use strict';
/**
 * Workflows of the queue-mode e2e run, published before `n8n start`:
 *  - ALLOCATE: Webhook (POST, answer from "Respond to Webhook") → SortedPRO Allocate With
 *    Carrier Service (Combine Items) → Respond to Webhook (all incoming items);
 *  - BINARY / BINARY_RESPOND: Webhook (POST) → SortedPRO Allocate → Convert to File (all items
 *    to one JSON file), answered with the file by the Webhook itself ("last node") or by
 *    Respond to Webhook: binary made on a worker, kept in the binary data store and sent to
 *    the caller by the main.
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

const convertToFile = {
	id: '5e7a0c1e-0000-4000-8000-000000000201',
	name: 'Convert to File',
	type: 'n8n-nodes-base.convertToFile',
	typeVersion: 1.1,
	position: [440, 0],
	parameters: {
		operation: 'toJson',
		mode: 'once',
		binaryPropertyName: 'data',
		options: { fileName: 'allocations.json', format: true },
	},
};

/** Answer = the last node's first binary (Webhook option "When Last Node Finishes"). */
const BINARY = {
	id: 'SortedProQueueBinary',
	name: 'SortedPRO queue: allocations as a file (last node)',
	nodes: [
		webhookNode(
			'5e7a0c1e-0000-4000-8000-000000000200',
			'0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e0002',
			'sortedpro-queue-file',
			{
				responseMode: 'lastNode',
				responseData: 'firstEntryBinary',
				responseBinaryPropertyName: 'data',
			},
		),
		allocateNode('Allocate', [220, 0]),
		convertToFile,
	],
	connections: { Webhook: main('Allocate'), Allocate: main('Convert to File') },
	settings: { executionOrder: 'v1' },
};

/** Answer = Respond to Webhook with the binary (relayed from the worker through Redis). */
const BINARY_RESPOND = {
	id: 'SortedProQueueBinaryRespond',
	name: 'SortedPRO queue: allocations as a file (Respond to Webhook)',
	nodes: [
		webhookNode(
			'5e7a0c1e-0000-4000-8000-000000000300',
			'0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e0003',
			'sortedpro-queue-file-respond',
			{
				responseMode: 'responseNode',
			},
		),
		allocateNode('Allocate', [220, 0]),
		convertToFile,
		{
			id: '5e7a0c1e-0000-4000-8000-000000000301',
			name: 'Respond to Webhook',
			type: 'n8n-nodes-base.respondToWebhook',
			typeVersion: 1.1,
			position: [660, 0],
			parameters: { respondWith: 'binary', responseDataSource: 'automatically', options: {} },
		},
	],
	connections: {
		Webhook: main('Allocate'),
		Allocate: main('Convert to File'),
		'Convert to File': main('Respond to Webhook'),
	},
	settings: { executionOrder: 'v1' },
};

/** The production webhook path of a workflow (POST /webhook/<path> on the main). */
function webhookPath(workflow) {
	return workflow.nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
}

module.exports = { CREDENTIAL, credentialFor, webhookPath, ALLOCATE, BINARY, BINARY_RESPOND };
