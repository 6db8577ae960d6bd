/**
 * Reference Data (the subscription's lists, once per run) and the list search of each picker
 * that reads them (pickedValues.test.ts: the pickers' values in a run).
 */
import type { INodeParameters } from 'n8n-workflow';

import type { ReferenceListAnswer } from '../simulator/types';
import {
	credentialType,
	credentialsFor,
	nodeType,
	pick,
	refsItems,
	runSortedPro,
	useSimulator,
} from './setup';
import { loadOptionsSearch } from '../harness';

const sim = useSimulator({ autoCreate: /^EC-/ });

const LOCATIONS = ['Sorted1', 'Location1', 'Location2', 'STORE_LDN'];
const CARRIERS = ['EXAMPLE_CARRIER', 'ROYAL_MAIL', 'DPD', 'CARRIER_X', 'REFUSING_CARRIER'];

// operation, its parameters, the path it reads, the references it outputs (SortedPRO's order)
const OPERATIONS: Array<[string, INodeParameters, string, string[]]> = [
	['getShippingLocations', {}, '/shippinglocations', LOCATIONS],
	[
		'getShippingLocations',
		{ assignedOnly: true },
		'/shippinglocations/assigned',
		LOCATIONS.slice(0, 2),
	],
	['getPackageSizes', {}, '/packagesizes', ['SMALL_BOX', 'MEDIUM_BOX', 'LARGE_PARCEL']],
	['getServiceGroups', {}, '/servicegroups', ['valuableGoods', 'weekend', 'refusing']],
	['getCarriers', {}, '/carriers', CARRIERS],
	[
		'getCarrierServices',
		{ returnAll: true },
		'/carrierservices',
		[
			'Example-Carrier-Service',
			'MPD_RMDTPS48HNAST',
			'EDC5_DPDSS',
			'CX_NDS',
			'REFUSE-ALL',
			'MPD_OLDECO',
		],
	],
];

const referenceData = (parameters: INodeParameters, items = refsItems([1, 2, 3], 'n')) =>
	runSortedPro(sim, { resource: 'referenceData', ...parameters }, items);
const gets = () => sim.requests.filter((request) => request.method === 'GET');

describe('Reference Data: Get Many, once per run', () => {
	describe.each([
		['documented', 'json'],
		['documented', 'xml'],
		['other', 'json'],
		['other', 'xml'],
	] as const)('%s answer, %s', (mode, bodyFormat) => {
		it.each(OPERATIONS)('%s %j reads %s', async (operation, parameters, path, references) => {
			sim.setOption('referenceListAnswer', mode);
			sim.setOption('carrierServicesAnswer', mode === 'other' ? 'array' : 'wrapper');
			const result = await referenceData({ operation, ...parameters, options: { bodyFormat } });
			expect(result.error).toBeUndefined();
			const items = result.outputs[0];
			expect(pick(items, 'Reference')).toEqual(references.map((reference) => [reference]));
			// Three input items, one request, every output item paired to item 0.
			expect(gets().map((request) => request.path)).toEqual([path]);
			expect(new Set(items.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
				new Set([JSON.stringify({ item: 0 })]),
			);
			if (operation === 'getPackageSizes')
				expect(pick(items, 'IsDefault')).toEqual([[false], [true], [false]]);
			if (operation === 'getCarrierServices')
				expect(items[1].json.Name).toBe('Tracked 48 Non Signature');
		});
	});

	it('Limit (default 50) cuts the list; an expression that differs by item runs per distinct value', async () => {
		const cut = await referenceData({ operation: 'getShippingLocations', limit: 2 });
		expect(pick(cut.outputs[0], 'Reference')).toEqual([['Sorted1'], ['Location1']]);
		sim.reset();
		const items = refsItems([1, 3, 1], 'n');
		const varied = await referenceData(
			{ operation: 'getShippingLocations', limit: '={{ $json.n }}' },
			items,
		);
		expect(pick(varied.outputs[0], 'Reference', 'pairedItem')).toEqual([
			['Sorted1', { item: 0 }],
			['Sorted1', { item: 1 }],
			['Location1', { item: 1 }],
			['Location2', { item: 1 }],
		]);
		expect(gets()).toHaveLength(2);
	});

	it.each([
		['notFound', 'This SortedPRO subscription has no shipping locations'],
		['error', 'Unable to list the shipping locations of this subscription'],
	] as const)('%s: the run fails with SortedPRO’s reason', async (mode, message) => {
		sim.setOption('referenceListAnswer', mode);
		const result = await referenceData({ operation: 'getShippingLocations' });
		expect(result.error?.message).toContain(message);
	});
});

// picker (list search method), everything it lists (labels), a filter, what the filter leaves
const PICKERS: Array<[string, string[], string, string[]]> = [
	[
		'searchShippingLocations',
		[
			'Leeds Distribution Centre (Location2)',
			'London Store (STORE_LDN)',
			'Manchester Warehouse (Location1)',
			'Sorted HQ (Sorted1)',
		],
		'WAREHOUSE',
		['Location1'],
	],
	[
		'searchPackageSizes',
		['Medium box (MEDIUM_BOX) [default]', 'Large parcel (LARGE_PARCEL)', 'Small box (SMALL_BOX)'],
		'small',
		['SMALL_BOX'],
	],
	[
		'searchServiceGroups',
		['Refusing (test) (refusing)', 'Valuable Goods (valuableGoods)', 'Weekend Delivery (weekend)'],
		'weekend',
		['weekend'],
	],
	[
		'searchCarriers',
		[
			'Carrier X (CARRIER_X)',
			'DPD (DPD)',
			'Example Carrier (EXAMPLE_CARRIER)',
			'Refusing Carrier (REFUSING_CARRIER)',
			'Royal Mail (ROYAL_MAIL)',
		],
		'royal',
		['ROYAL_MAIL'],
	],
];

const search = async (method: string, filter?: string) =>
	await loadOptionsSearch({
		nodeType,
		credentialTypes: [credentialType],
		credentials: credentialsFor(sim),
		parameters: { resource: 'consignment', operation: 'create' },
		method,
		filter,
	});

describe.each(PICKERS)('picker %s', (method, labels, filter, filtered) => {
	const what = (mode: ReferenceListAnswer) => sim.setOption('referenceListAnswer', mode);

	it('lists Name (Reference), default first; a filter narrows it', async () => {
		expect((await search(method)).results.map((result) => result.name)).toEqual(labels);
		expect((await search(method, filter)).results.map((result) => result.value)).toEqual(filtered);
		expect((await search(method, 'no such thing')).results).toEqual([]);
	});

	it('an empty list gives no results', async () => {
		what('empty');
		expect((await search(method)).results).toEqual([]);
	});

	it.each([
		[
			'notFound',
			{
				name: 'NodeOperationError',
				message: expect.stringMatching(/^This SortedPRO subscription has no /),
			},
		],
		[
			'error',
			{
				name: 'NodeApiError',
				httpCode: '400',
				message: expect.stringContaining('Unable to list the'),
			},
		],
	] as const)('%s is an error saying why', async (mode, error) => {
		what(mode);
		await expect(search(method)).rejects.toMatchObject(error);
	});
});
