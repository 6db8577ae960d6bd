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

/** Node ids 5e7a0c1e-0000-4000-8000-<n, 12 digits>. */
const uid = (n) => `5e7a0c1e-0000-4000-8000-${String(n).padStart(12, '0')}`;
const credentials = { sortedProApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } };

function allocateNode(name, position) {
	return {
		id: uid(position[0] / 220),
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
		credentials,
	};
}

/** Webhook (POST) number k: node id …k00, webhookId …000k. */
function webhookNode(k, path, extra = { responseMode: 'responseNode' }) {
	return {
		id: uid(k * 100),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `0d1f5a52-3c1e-4a8e-9b1e-5e7a0c1e000${k}`,
		parameters: { httpMethod: 'POST', path, options: {}, ...extra },
	};
}

function respondNode(n, x, parameters) {
	const type = 'n8n-nodes-base.respondToWebhook';
	return {
		id: uid(n),
		name: 'Respond to Webhook',
		type,
		typeVersion: 1.1,
		position: [x, 0],
		parameters,
	};
}

const main = (node) => ({ main: [[{ node, type: 'main', index: 0 }]] });
const workflow = (id, name, nodes, connections) => {
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' } };
};

const ALLOCATE = workflow(
	'SortedProQueueAlloc',
	'SortedPRO queue: allocate from a webhook',
	[
		webhookNode(1, 'sortedpro-queue-allocate'),
		allocateNode('Allocate', [220, 0]),
		respondNode(101, 440, { respondWith: 'allIncomingItems', options: {} }),
	],
	{ Webhook: main('Allocate'), Allocate: main('Respond to Webhook') },
);

/** The allocations made with "If Already Allocated: Report as Allocated" (for a re-run). */
const ALLOCATE_RERUN = {
	...ALLOCATE,
	id: 'SortedProQueueRerun',
	name: 'SortedPRO queue: allocate again, already allocated reported as allocated',
	nodes: ALLOCATE.nodes.map((n) => {
		if (n.name === 'Webhook') return webhookNode(4, 'sortedpro-queue-rerun');
		if (n.name !== 'Allocate') return { ...n, id: uid(402) };
		const options = { ...n.parameters.options, ifAlreadyAllocated: 'allocated' };
		return { ...n, id: uid(401), parameters: { ...n.parameters, options } };
	}),
};

/** SortedPRO Label → Get: the PDF label of the consignment just allocated, as binary `data`. */
const labelGet = {
	id: uid(201),
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
	credentials,
};

/** Answer = Respond to Webhook with the label (relayed from the worker to the main). */
const LABEL = workflow(
	'SortedProQueueLabel',
	'SortedPRO queue: allocate, then the label (Respond to Webhook)',
	[
		webhookNode(2, 'sortedpro-queue-label'),
		allocateNode('Allocate', [220, 0]),
		labelGet,
		respondNode(202, 660, {
			respondWith: 'binary',
			responseDataSource: 'automatically',
			options: {},
		}),
	],
	{ Webhook: main('Allocate'), Allocate: main('Label'), Label: main('Respond to Webhook') },
);

/**
 * Answer = the last node's first binary (Webhook option "When Last Node Finishes"): the main
 * reads the label the worker stored from the binary data store.
 */
const LABEL_LAST_NODE = workflow(
	'SortedProQueueLabelLast',
	'SortedPRO queue: allocate, then the label (last node)',
	[
		webhookNode(3, 'sortedpro-queue-label-last', {
			responseMode: 'lastNode',
			responseData: 'firstEntryBinary',
			responseBinaryPropertyName: 'data',
		}),
		allocateNode('Allocate', [220, 0]),
		{ ...labelGet, id: uid(301) },
	],
	{ Webhook: main('Allocate'), Allocate: main('Label') },
);

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
