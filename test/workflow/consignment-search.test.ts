/** Consignment → Search through n8n-core against the simulator: paging, Limit, filters, XML. */

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { consignmentNode } from './consignment-setup';
import { nodeType, useSimulator, pick, type OnError } from './setup';
import { CONSIGNMENT_STATES } from '../../nodes/SortedPro/actions/consignment/states';

const sim = useSimulator();

describe('Search', () => {
	beforeEach(() => {
		const states =
			'Unallocated Allocated Unallocated Manifested Unallocated Unallocated Unallocated';
		sim.addConsignments(
			states.split(' ').map((state, index) => ({ reference: `EC-000-00S-00${index}`, state })),
		);
	});
	const search = (parameters: INodeParameters, items?: INodeExecutionData[], onError?: OnError) =>
		consignmentNode(sim, 'search', parameters, items, onError);
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
		expect(pick(result.outputs[0], 'ConsignmentReference', 'State', 'pairedItem')).toEqual(
			[0, 2, 4, 5, 6].map((n) => [`EC-000-00S-00${n}`, 'Unallocated', { item: 0 }]),
		);
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
		expect(pick(limited.outputs[0], 'Reference')).toEqual([['EC-A-1'], ['EC-A-2'], ['EC-A-3']]);
		expect(gets()).toEqual([
			['/consignments/2/0', { Direction: 'Outbound' }],
			['/consignments/1/2', { Direction: 'Outbound' }],
		]);
	});

	it('one search per input item, each result paired to it; XML answers read the same', async () => {
		const items = [{ json: { state: 'Allocated' } }, { json: { state: 'Manifested' } }];
		const json = await search({ returnAll: true, filters: { state: '={{ $json.state }}' } }, items);
		expect(pick(json.outputs[0], 'Reference', 'State', 'pairedItem')).toEqual([
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
		expect(pick(result.outputs[0], 'Reference', 'pairedItem')).toEqual([
			['EC-000-00S-001', { item: 0 }],
		]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json).toMatchObject({
			state: 'Not-A-State',
			error: 'The request is invalid',
		});
	});
});
