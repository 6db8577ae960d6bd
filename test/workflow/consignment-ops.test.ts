/**
 * Consignment → Get, Get Status, Search and Cancel through n8n-core against the simulator, and
 * the chain rows → Create → Allocate With Carrier Service → Get Status in one workflow.
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
import {
	allocate,
	credentialType,
	credentialsFor,
	NODE_TYPE,
	nodeType,
	refsItems,
	useSimulator,
} from './setup';
import { CONSIGNMENT_STATES } from '../../nodes/SortedPro/actions/consignment/states';

const sim = useSimulator();

/** Creates consignments for the given orders; returns their references. */
async function created(...orders: number[]): Promise<string[]> {
	const result = await consignmentNode(sim, 'create', createFromRow(), rows(...orders));
	expect(result.error).toBeUndefined();
	return result.outputs[0].map((item) => item.json.ConsignmentReference as string);
}
const byRef = { consignmentReference: '={{ $json.ref }}' };

describe('Get', () => {
	it('gives the consignment as SortedPRO returns it; after allocation with its Allocation', async () => {
		const [reference] = await created(1001);
		const before = await consignmentNode(sim, 'get', byRef, refsItems([reference]));
		expect(before.error).toBeUndefined();
		const consignment = before.outputs[0][0].json;
		expect(consignment).toMatchObject({
			Reference: reference,
			ConsignmentState: 'Unallocated',
			ConsignmentReferenceProvidedByCustomer: 'ORD-1001',
			Allocation: null,
		});
		expect((consignment.Packages as IDataObject[])[0]).toMatchObject({
			Reference: 'EP-000-001-001',
			Description: 'Socks',
			Weight: { Value: 0.5, Unit: 'Kg' },
		});
		expect((consignment.Addresses as IDataObject[]).map((address) => address.AddressType)).toEqual([
			'Origin',
			'Destination',
		]);

		await allocate({ sim, items: refsItems([reference]) });
		const after = await consignmentNode(sim, 'get', byRef, refsItems([reference]));
		expect(after.outputs[0][0].json).toMatchObject({
			ConsignmentState: 'Allocated',
			Allocation: { MpdCarrierServiceReference: 'CX_NDS', MpdCarrierServiceName: 'Next Day Super' },
		});
		expect(sim.requests.at(-1)?.path).toBe(`/consignments/${reference}`);
	});

	it('an unknown reference is SortedPRO’s 404; with the error output it goes there with its item', async () => {
		const stop = await consignmentNode(sim, 'get', byRef, refsItems(['EC-000-000-404']));
		expect(stop.error?.message).toBe('Item EC-000-000-404 not found');
		expect(stop.error?.description).toMatch(/^HTTP 404 · Code: ItemNotFound/);
		const [reference] = await created(1);
		const routed = await consignmentNode(
			sim,
			'get',
			byRef,
			refsItems(['EC-000-000-404', reference]),
			'continueErrorOutput',
		);
		expect(routed.outputs[0].map((item) => [item.json.Reference, item.pairedItem])).toEqual([
			[reference, { item: 1 }],
		]);
		expect(routed.outputs[1].map((item) => [item.json.ref, item.json.error])).toEqual([
			['EC-000-000-404', 'Item EC-000-000-404 not found'],
		]);
	});

	it.each([
		['get', 'EC-1/../x'],
		['get', 'EC-1?a=b'],
		['get', 'EC-1, EC-2'],
		['get', ''],
		['getStatus', 'EC-1/status'],
		['getStatus', 42],
	])('%s refuses %j before sending', async (operation, reference) => {
		const result = await consignmentNode(sim, operation, byRef, refsItems([reference]));
		expect(result.error?.message).toMatch(/^\[item 0\] "Consignment Reference" /);
		expect(sim.requests).toHaveLength(0);
	});
});

describe('Get Status', () => {
	it('gives state and expected delivery date, the same in JSON and XML', async () => {
		const [reference] = await created(1001);
		const unallocated = await consignmentNode(sim, 'getStatus', byRef, refsItems([reference]));
		expect(unallocated.outputs[0][0].json).toEqual({
			ConsignmentReference: reference,
			ConsignmentReferenceForAllLegsAssignedByMpd: reference,
			Status: 'Unallocated',
			ExpectedDeliveryDate: null,
			ApiLink: { Rel: 'Link', Href: `https://api.electioapp.com/consignments/${reference}` },
		});
		await allocate({ sim, items: refsItems([reference]) });
		const json = await consignmentNode(sim, 'getStatus', byRef, refsItems([reference]));
		expect(json.outputs[0][0].json).toMatchObject({
			Status: 'Allocated',
			ExpectedDeliveryDate: '2026-12-02T00:00:00.000Z',
		});
		const xml = await consignmentNode(
			sim,
			'getStatus',
			{ ...byRef, options: { bodyFormat: 'xml' } },
			refsItems([reference]),
		);
		expect(sim.requests.at(-1)?.accept).toMatch(/application\/xml/);
		expect(xml.outputs).toStrictEqual(json.outputs);
	});

	it('404 with Continue becomes an error item paired to its input', async () => {
		const result = await consignmentNode(
			sim,
			'getStatus',
			byRef,
			refsItems(['EC-NOPE']),
			'continueRegularOutput',
		);
		expect(result.outputs[0]).toEqual([
			{ json: { error: 'Item EC-NOPE not found' }, pairedItem: { item: 0 } },
		]);
	});
});

describe('Search', () => {
	beforeEach(() => {
		const states = [
			'Unallocated',
			'Allocated',
			'Unallocated',
			'Manifested',
			'Unallocated',
			'Unallocated',
			'Unallocated',
		];
		sim.addConsignments(
			states.map((state, index) => ({ reference: `EC-000-00S-00${index}`, state })),
		);
	});
	const search = (
		parameters: INodeParameters,
		items?: INodeExecutionData[],
		onError?: 'continueErrorOutput',
	) => consignmentNode(sim, 'search', parameters, items, onError);
	const gets = () => sim.requests.filter((r) => r.method === 'GET').map((r) => [r.path, r.query]);

	it('offers the API’s state names, and Return All follows the pages until done', async () => {
		const description = nodeType.description.properties.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.operation?.includes('search'),
		);
		const state = (
			description?.options as Array<{ name: string; options?: Array<{ value: string }> }>
		).find((o) => o.name === 'state');
		expect(state?.options?.map((o) => o.value)).toEqual([...CONSIGNMENT_STATES]);

		const result = await search({
			returnAll: true,
			filters: { state: 'Unallocated' },
			options: { pageSize: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual([
			'EC-000-00S-000',
			'EC-000-00S-002',
			'EC-000-00S-004',
			'EC-000-00S-005',
			'EC-000-00S-006',
		]);
		expect(
			result.outputs[0].every(
				(item) =>
					item.json.State === 'Unallocated' && (item.pairedItem as { item: number }).item === 0,
			),
		).toBe(true);
		expect(gets()).toEqual([
			['/consignments/2/0', { State: 'Unallocated' }],
			['/consignments/2/2', { State: 'Unallocated' }],
			['/consignments/2/4', { State: 'Unallocated' }],
		]);
	});

	it('Limit stops early and asks for no more than it needs; other filters are sent as given', async () => {
		const result = await search({
			returnAll: false,
			limit: 3,
			filters: {
				direction: 'Outbound',
				other: { filter: [{ name: 'ConsignmentReferenceProvidedByCustomer', value: '' }] },
			},
			options: { pageSize: 2 },
		});
		expect(result.outputs[0]).toHaveLength(0);
		sim.reset();
		sim.addConsignments(['EC-A-1', 'EC-A-2', 'EC-A-3', 'EC-A-4']);
		const limited = await search({
			returnAll: false,
			limit: 3,
			filters: { direction: 'Outbound' },
			options: { pageSize: 2 },
		});
		expect(limited.outputs[0].map((item) => item.json.Reference)).toEqual([
			'EC-A-1',
			'EC-A-2',
			'EC-A-3',
		]);
		expect(gets()).toEqual([
			['/consignments/2/0', { Direction: 'Outbound' }],
			['/consignments/1/2', { Direction: 'Outbound' }],
		]);
	});

	it('one search per input item, each result paired to it; XML answers read the same', async () => {
		const items = [{ json: { state: 'Allocated' } }, { json: { state: 'Manifested' } }];
		const json = await search({ returnAll: true, filters: { state: '={{ $json.state }}' } }, items);
		expect(
			json.outputs[0].map((item) => [item.json.Reference, item.json.State, item.pairedItem]),
		).toEqual([
			['EC-000-00S-001', 'Allocated', { item: 0 }],
			['EC-000-00S-003', 'Manifested', { item: 1 }],
		]);
		const xml = await search(
			{ returnAll: true, filters: { state: '={{ $json.state }}' }, options: { bodyFormat: 'xml' } },
			items,
		);
		expect(xml.outputs).toStrictEqual(json.outputs);
	});

	it('refuses a filter name that is not a property name, before sending', async () => {
		const result = await search({
			returnAll: true,
			filters: { other: { filter: [{ name: 'State&x=1', value: 'a' }] } },
		});
		expect(result.error?.message).toMatch(
			/^\[item 0\] "Filters › Other Filters › Property" "State&x=1" is not a property name/,
		);
		expect(sim.requests).toHaveLength(0);
	});

	it('SortedPRO refusing a search goes to the error output with the item that asked', async () => {
		const items = [{ json: { state: 'Allocated' } }, { json: { state: 'Not-A-State' } }];
		const result = await search(
			{ returnAll: true, filters: { state: '={{ $json.state }}' } },
			items,
			'continueErrorOutput',
		);
		expect(result.outputs[0].map((item) => [item.json.Reference, item.pairedItem])).toEqual([
			['EC-000-00S-001', { item: 0 }],
		]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json).toMatchObject({
			state: 'Not-A-State',
			error: 'The request is invalid',
		});
	});
});

describe('Cancel', () => {
	it('refuses an item without references before sending; the others are cancelled', async () => {
		sim.addConsignments(['EC-E-1']);
		const items = refsItems(['EC-E-1', '  ']);
		const result = await consignmentNode(
			sim,
			'cancel',
			{ consignmentReferences: '={{ $json.ref }}' },
			items,
			'continueRegularOutput',
		);
		expect(
			result.outputs[0].map((item) => item.json.ConsignmentReference ?? item.json.error),
		).toEqual([
			'EC-E-1',
			'[item 1] "Consignment References" has no consignment reference (it is empty or blank)',
		]);
		expect(sim.requests.map((r) => JSON.parse(r.body ?? ''))).toEqual([['EC-E-1']]);
	});

	it('cancels every item’s consignments in one request with a bare list; refuses Manifested and Cancelled ones', async () => {
		sim.addConsignments([
			{ reference: 'EC-C-MAN', state: 'Manifested' },
			{ reference: 'EC-C-GONE', state: 'Cancelled' },
			{ reference: 'EC-C-ALL', state: 'Allocated' },
		]);
		const [reference] = await created(1);
		const items = refsItems([reference, 'EC-C-MAN', 'EC-C-ALL', 'EC-C-GONE', 'EC-C-UNKNOWN']);
		const result = await consignmentNode(
			sim,
			'cancel',
			{ consignmentReferences: '={{ $json.ref }}' },
			items,
			'continueErrorOutput',
		);
		const puts = sim.requests.filter((r) => r.method === 'PUT');
		expect(puts.map((r) => [r.path, JSON.parse(r.body ?? '')])).toEqual([
			[
				'/consignments/cancellist',
				[reference, 'EC-C-MAN', 'EC-C-ALL', 'EC-C-GONE', 'EC-C-UNKNOWN'],
			],
		]);
		expect(
			result.outputs[0].map((item) => [
				item.json.ConsignmentReference,
				item.json.Message,
				item.pairedItem,
			]),
		).toEqual([
			[reference, 'Consignment cancellation completed successfully', { item: 0 }],
			['EC-C-ALL', 'Consignment cancellation completed successfully', { item: 2 }],
		]);
		expect(result.outputs[1].map((item) => [item.json.ref, item.json.error])).toEqual([
			[
				'EC-C-MAN',
				'Consignment EC-C-MAN was not cancelled: Consignment EC-C-MAN cannot be cancelled because it is in state Manifested',
			],
			[
				'EC-C-GONE',
				'Consignment EC-C-GONE was not cancelled: Consignment EC-C-GONE is already cancelled',
			],
			[
				'EC-C-UNKNOWN',
				'Consignment EC-C-UNKNOWN was not cancelled: Consignment EC-C-UNKNOWN not found',
			],
		]);
		expect(sim.consignment(reference)?.state).toBe('Cancelled');
		expect(sim.consignment('EC-C-MAN')?.state).toBe('Manifested');
	});

	it('stops at the first refused consignment by default; XML sends an ArrayOfString', async () => {
		sim.addConsignments([{ reference: 'EC-D-MAN', state: 'Manifested' }, 'EC-D-OK']);
		const result = await consignmentNode(sim, 'cancel', {
			consignmentReferences: 'EC-D-OK EC-D-MAN',
			options: { bodyFormat: 'xml' },
		});
		expect(result.error?.message).toBe(
			'Consignment EC-D-MAN was not cancelled: Consignment EC-D-MAN cannot be cancelled because it is in state Manifested',
		);
		expect(sim.requests[0].body).toContain('<ArrayOfString');
		expect(sim.consignment('EC-D-OK')?.state).toBe('Cancelled');
	});
});

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
					parameters: {
						resource: 'allocation',
						operation: 'allocateWithCarrierService',
						carrierService: { __rl: true, mode: 'reference', value: 'CX_NDS' },
						consignmentReferences: '={{ $json.ConsignmentReference }}',
						requestMode: 'combine',
						options: {},
					},
				},
				{
					name: 'Status',
					type: NODE_TYPE,
					parameters: {
						resource: 'consignment',
						operation: 'getStatus',
						consignmentReference: '={{ $json.ConsignmentReference }}',
					},
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
		expect(
			probe.map((item) => [
				item.json.order,
				item.json.created,
				item.json.ConsignmentReference,
				item.json.Status,
			]),
		).toEqual([
			['ORD-3003', 'EC-NEW-000-001', 'EC-NEW-000-001', 'Allocated'],
			['ORD-1001', 'EC-NEW-000-002', 'EC-NEW-000-002', 'Allocated'],
			['ORD-2002', 'EC-NEW-000-003', 'EC-NEW-000-003', 'Allocated'],
		]);
		for (const name of ['Create', 'Allocate', 'Status']) {
			expect(result.outputs[name][0].map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
		}
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
			chain: sortedPro.map((node) => ({
				name: node.name,
				type: NODE_TYPE,
				parameters: node.parameters,
			})),
		});
		expect(result.error).toBeUndefined();
		const created = result.outputs['Create consignment'][0];
		expect(
			created.map((item) => [item.json.ConsignmentReferenceProvidedByCustomer, item.pairedItem]),
		).toEqual([
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
			allocated.map((item) => [
				item.json.ConsignmentReference,
				item.json.StatusCode,
				item.json.CarrierServiceReference,
				item.pairedItem,
			]),
		).toEqual(
			created.map((item, index) => [
				item.json.ConsignmentReference,
				200,
				'CX_NDS',
				{ item: index },
			]),
		);
		for (const item of created)
			expect(sim.consignment(item.json.ConsignmentReference as string)?.state).toBe('Allocated');
	});
});
