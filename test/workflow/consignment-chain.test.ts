/**
 * The chain rows → Create → Allocate With Carrier Service → Get Status in one n8n-core
 * workflow, and the shipped example webhook-order-create-allocate.json.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { consignmentNode, createFromRow, rows } from './consignment-setup';
import { runChain } from '../harness';
import { OPS, paramsOf } from './operations';
import { credentialType, credentialsFor, NODE_TYPE, nodeType, useSimulator, pick } from './setup';

const sim = useSimulator();
const getStatus = { resource: 'consignment', operation: 'getStatus' };

/** Test-only node: reads, per item, expressions that reach back through n8n's pairedItem chain. */
class PairingProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pairing Probe',
		name: 'pairingProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads the row and the created consignment each item descends from',
		defaults: { name: 'Pairing Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Order', name: 'order', type: 'string', default: '' },
			{ displayName: 'Created', name: 'created', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, index) => ({
				json: {
					...item.json,
					order: this.getNodeParameter('order', index) as string,
					created: this.getNodeParameter('created', index) as string,
				},
				pairedItem: { item: index },
			})),
		];
	}
}

describe('Workflow: rows → Create → Allocate With Carrier Service → Get Status, paired end to end', () => {
	it('each status item descends from its row, through n8n’s own pairing', async () => {
		// The rows are given out of order on purpose, and one of them is created but refused by the carrier service.
		const orders = [3003, 1001, 2002];
		const result = await runChain({
			nodeTypes: { [NODE_TYPE]: nodeType, probe: new PairingProbe() },
			credentialTypes: [credentialType],
			credentials: credentialsFor(sim),
			startName: 'Rows',
			items: rows(...orders),
			chain: [
				{
					name: 'Create',
					type: NODE_TYPE,
					parameters: { resource: 'consignment', operation: 'create', ...createFromRow() },
				},
				{
					name: 'Allocate',
					type: NODE_TYPE,
					parameters: paramsOf(OPS.allocateWithCarrierService, '={{ $json.ConsignmentReference }}'),
				},
				{
					name: 'Status',
					type: NODE_TYPE,
					parameters: { ...getStatus, consignmentReference: '={{ $json.ConsignmentReference }}' },
				},
				{
					name: 'Probe',
					type: 'probe',
					parameters: {
						order: "={{ $('Rows').item.json.order }}",
						created: "={{ $('Create').item.json.ConsignmentReference }}",
					},
				},
			],
		});
		expect(result.error).toBeUndefined();
		expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
		const probe = result.outputs.Probe[0];
		expect(pick(probe, 'order', 'created', 'ConsignmentReference', 'Status')).toEqual([
			['ORD-3003', 'EC-NEW-000-001', 'EC-NEW-000-001', 'Allocated'],
			['ORD-1001', 'EC-NEW-000-002', 'EC-NEW-000-002', 'Allocated'],
			['ORD-2002', 'EC-NEW-000-003', 'EC-NEW-000-003', 'Allocated'],
		]);
		for (const name of ['Create', 'Allocate', 'Status'])
			expect(pick(result.outputs[name][0], 'pairedItem')).toEqual(
				[0, 1, 2].map((item) => [{ item }]),
			);
		// SortedPRO agrees: each consignment carries the customer reference of the row it came from
		for (const item of probe) {
			const detail = await consignmentNode(sim, 'get', {
				consignmentReference: item.json.ConsignmentReference as string,
			});
			expect(detail.outputs[0][0].json.ConsignmentReferenceProvidedByCustomer).toBe(
				item.json.order,
			);
		}
	});
});

describe('examples/webhook-order-create-allocate.json', () => {
	it('its SortedPRO nodes, fed the orders its Code node gives, create and allocate both', async () => {
		const file = join(__dirname, '..', '..', 'examples', 'webhook-order-create-allocate.json');
		const workflow = JSON.parse(readFileSync(file, 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: INodeParameters }>;
		};
		const code = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.code');
		// The Code node stands in for a Webhook trigger; its items are plain data.
		const orders = new Function(String(code?.parameters.jsCode))() as INodeExecutionData[];
		const sortedPro = workflow.nodes.filter((node) => node.type === NODE_TYPE);
		const result = await runChain({
			nodeTypes: { [NODE_TYPE]: nodeType },
			credentialTypes: [credentialType],
			credentials: credentialsFor(sim),
			startName: 'Webhook order',
			items: orders,
			chain: sortedPro.map(({ name, parameters }) => ({ name, type: NODE_TYPE, parameters })),
		});
		expect(result.error).toBeUndefined();
		const created = result.outputs['Create consignment'][0];
		expect(pick(created, 'ConsignmentReferenceProvidedByCustomer', 'pairedItem')).toEqual([
			['WEB-5001', { item: 0 }],
			['WEB-5002', { item: 1 }],
		]);
		const posted = sim.requests
			.filter((r) => r.method === 'POST')
			.map((r) => JSON.parse(r.body ?? '') as { Addresses: IDataObject[] });
		expect(posted[1].Addresses[1]).toMatchObject({
			CompanyName: 'Durand SARL',
			AddressLine2: 'Bâtiment B',
			Country: { IsoCode: { TwoLetterCode: 'FR' } },
		});
		expect(posted[0].Addresses[1]).not.toHaveProperty('CompanyName');
		const allocated = result.outputs['Allocate with Next Day Super'][0];
		expect(
			pick(allocated, 'ConsignmentReference', 'StatusCode', 'CarrierServiceReference'),
		).toEqual(created.map((item) => [item.json.ConsignmentReference, 200, 'CX_NDS']));
		expect(pick(allocated, 'pairedItem')).toEqual(pick(created, 'pairedItem'));
		for (const item of created)
			expect(sim.consignment(item.json.ConsignmentReference as string)?.state).toBe('Allocated');
	});
});
