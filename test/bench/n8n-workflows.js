'use strict';
/**
 * The workflows of `npm run bench:n8n` (n8n-http-request.js): the same 10 000 references from a
 * Code node, allocated by the SortedPRO node or by n8n's HTTP Request node as a user builds it.
 */

const SERVICE = 'CX_NDS';
const NODE_CREDENTIAL = { id: 'bench-sortedpro', name: 'SortedPRO (bench)' };
const HEADER_CREDENTIAL = { id: 'bench-header-auth', name: 'SortedPRO key header (bench)' };

/** The node's credential and the HTTP Request node's Header Auth, both with the same key. */
function credentials(apiKey, baseUrl) {
	return [
		{
			...NODE_CREDENTIAL,
			type: 'sortedProApi',
			data: { apiKey, environment: 'custom', baseUrl },
		},
		{
			...HEADER_CREDENTIAL,
			type: 'httpHeaderAuth',
			data: { name: 'ocp-apim-subscription-key', value: apiKey },
		},
	];
}

/** Code node source: the references EC-000-000-001 …, one per item or `batch` per item. */
function referencesCode(n, batch) {
	const ref = `const ref = (i) => 'EC-' + String(i).padStart(9, '0').replace(/(\\d{3})(?=\\d)/g, '$1-');`;
	const refs = `const refs = Array.from({ length: ${n} }, (_, i) => ref(i + 1));`;
	const out = batch
		? `const out = [];\nfor (let i = 0; i < refs.length; i += ${batch}) out.push({ json: { refs: refs.slice(i, i + ${batch}) } });\nreturn out;`
		: 'return refs.map((consignment) => ({ json: { consignment } }));';
	return `${ref}\n${refs}\n${out}`;
}

function workflow(id, name, code, allocator) {
	const trigger = 'Start';
	const source = 'References';
	return {
		id,
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: trigger,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-2`,
				name: source,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: code },
			},
			{ id: `${id}-3`, position: [440, 0], ...allocator },
		],
		connections: {
			[trigger]: { main: [[{ node: source, type: 'main', index: 0 }]] },
			[source]: { main: [[{ node: allocator.name, type: 'main', index: 0 }]] },
		},
	};
}

/** The SortedPRO node: Combine Items, batch 100, Parallel Requests 8. */
function sortedProNode(packageName, batch) {
	return {
		name: 'Allocate (SortedPRO node)',
		type: `${packageName}.sortedPro`,
		typeVersion: 1,
		parameters: {
			resource: 'allocation',
			operation: 'allocateWithCarrierService',
			carrierService: { __rl: true, mode: 'reference', value: SERVICE },
			consignmentReferences: '={{ $json.consignment }}',
			requestMode: 'combine',
			options: { batchSize: batch, parallelRequests: 8 },
		},
		credentials: { sortedProApi: NODE_CREDENTIAL },
	};
}

/** n8n's HTTP Request node: PUT, JSON body, Header Auth + the API version header, Batching. */
function httpRequestNode(baseUrl, batchInterval) {
	return {
		name: 'Allocate (HTTP Request node)',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'PUT',
			url: `${baseUrl}/allocation/allocatewithcarrierservice`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'electio-api-version', value: '1.1' }] },
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ MpdCarrierServiceReference: '${SERVICE}', ConsignmentReferences: $json.refs }) }}`,
			options: { batching: { batch: { batchSize: 8, batchInterval } } },
		},
		credentials: { httpHeaderAuth: HEADER_CREDENTIAL },
	};
}

/**
 * The scenarios, the node first. The HTTP Request node's Batching waits `batchInterval` ms
 * before every 8th request but never for answers; 0 disables the wait, so all 100 requests go
 * out at once. Keeping 8 in flight therefore needs an interval longer than one answer (0.6 s):
 * 700 ms is what a user who knows the API's pace would set.
 */
function scenarios({ packageName, baseUrl, n, batch }) {
	const node = sortedProNode(packageName, batch);
	return [
		{
			label: 'SortedPRO node, Parallel Requests 8',
			node: node.name,
			workflow: workflow('BenchN8nNode01', 'bench: node', referencesCode(n, 0), node),
		},
		...[0, 700].map((interval) => {
			const http = httpRequestNode(baseUrl, interval);
			return {
				label: `HTTP Request node, Batching 8 / ${interval} ms`,
				node: http.name,
				workflow: workflow(
					`BenchN8nHttp${interval}`,
					`bench: HTTP Request, interval ${interval}`,
					referencesCode(n, batch),
					http,
				),
			};
		}),
	];
}

module.exports = { credentials, scenarios };
