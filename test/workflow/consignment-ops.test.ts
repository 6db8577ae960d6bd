/** Consignment → Get, Get Status and Cancel through n8n-core against the simulator. */

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { consignmentNode, createFromRow, rows } from './consignment-setup';
import { allocate, refsItems, useSimulator, pick, type OnError } from './setup';

const sim = useSimulator();

/** Creates consignments for the given orders; returns their references. */
async function created(...orders: number[]): Promise<string[]> {
	const result = await consignmentNode(sim, 'create', createFromRow(), rows(...orders));
	expect(result.error).toBeUndefined();
	return result.outputs[0].map((item) => item.json.ConsignmentReference as string);
}
const byRef = { consignmentReference: '={{ $json.ref }}' };
const cancel = (items: INodeExecutionData[], onError: OnError) =>
	consignmentNode(sim, 'cancel', { consignmentReferences: '={{ $json.ref }}' }, items, onError);

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
		expect(consignment.Addresses).toMatchObject([
			{ AddressType: 'Origin' },
			{ AddressType: 'Destination' },
		]);

		await allocate({ sim, items: refsItems([reference]) });
		const after = await consignmentNode(sim, 'get', byRef, refsItems([reference]));
		expect(after.outputs[0][0].json).toMatchObject({
			ConsignmentState: 'Allocated',
			Allocation: { MpdCarrierServiceReference: 'CX_NDS', MpdCarrierServiceName: 'Next Day Super' },
		});
		expect(sim.requests.at(-1)?.path).toBe(`/consignments/${reference}`);
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
		const xmlParameters = { ...byRef, options: { bodyFormat: 'xml' } };
		const xml = await consignmentNode(sim, 'getStatus', xmlParameters, refsItems([reference]));
		expect(sim.requests.at(-1)?.accept).toMatch(/application\/xml/);
		expect(xml.outputs).toStrictEqual(json.outputs);
	});
});

describe('Cancel', () => {
	it('refuses an item without references before sending; the others are cancelled', async () => {
		sim.addConsignments(['EC-E-1']);
		const items = refsItems(['EC-E-1', '  ']);
		const result = await cancel(items, 'continueRegularOutput');
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
		const result = await cancel(items, 'continueErrorOutput');
		const puts = sim.requests.filter((r) => r.method === 'PUT');
		expect(puts.map((r) => [r.path, JSON.parse(r.body ?? '')])).toEqual([
			[
				'/consignments/cancellist',
				[reference, 'EC-C-MAN', 'EC-C-ALL', 'EC-C-GONE', 'EC-C-UNKNOWN'],
			],
		]);
		expect(pick(result.outputs[0], 'ConsignmentReference', 'Message', 'pairedItem')).toEqual([
			[reference, 'Consignment cancellation completed successfully', { item: 0 }],
			['EC-C-ALL', 'Consignment cancellation completed successfully', { item: 2 }],
		]);
		expect(pick(result.outputs[1], 'ref', 'error')).toEqual([
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
