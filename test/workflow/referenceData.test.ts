/**
 * Reference Data (the subscription's lists, once per run) and the pickers that read them:
 * list search per picker, values picked From List that SortedPRO no longer lists, and
 * workflows saved while the pickers were text fields.
 */
import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import type { ReferenceListAnswer } from '../simulator/types';
import { createFromRow, orderRow } from './consignment-setup';
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

type Value = NodeParameterValueType;
const fromList = (value: string): Value => ({ __rl: true, mode: 'list', value });
const byReference = (value: string): Value => ({ __rl: true, mode: 'reference', value });
const sized = (size: Value): INodeParameters => ({
	packages: { package: [{ description: 'Socks', value: 5, packageSizeReference: size }] },
});

// operation, field (as the error names it), its parameters given a value, the path it sends to
const FIELDS: Array<[string, string, (value: Value) => INodeParameters, string]> = [
	[
		'create',
		'Origin Shipping Location Reference',
		(v) => createFromRow({ originShippingLocationReference: v }),
		'/consignments',
	],
	[
		'create',
		'Destination Shipping Location Reference',
		(v) => createFromRow({ additionalFields: { destinationShippingLocationReference: v } }),
		'/consignments',
	],
	[
		'create',
		'Packages › Package 1 › Package Size Reference',
		(v) => createFromRow(sized(v)),
		'/consignments',
	],
	[
		'getForOrder',
		'Origin Shipping Location Reference',
		(v) => createFromRow({ originShippingLocationReference: v }),
		'/quotes',
	],
	[
		'allocateWithServiceGroup',
		'Service Group',
		(v) => ({ serviceGroup: v, consignmentReferences: 'EC-1' }),
		'/allocation/allocatewithservicegroup',
	],
	[
		'manifestFromQuery',
		'Shipping Locations',
		(v) => ({ shippingLocationReferences: v }),
		'/consignments/manifestFromQuery',
	],
	['manifestFromQuery', 'Carriers', (v) => ({ carriers: v }), '/consignments/manifestFromQuery'],
];
const RESOURCES: Record<string, string> = {
	create: 'consignment',
	getForOrder: 'quote',
	allocateWithServiceGroup: 'allocation',
	manifestFromQuery: 'manifest',
};
// A value each field's list holds
const KNOWN: Record<string, string> = {
	'Package Size Reference': 'SMALL_BOX',
	'Service Group': 'valuableGoods',
	Carriers: 'CARRIER_X',
};
const known = (field: string) => KNOWN[field.replace(/^.* › /, '')] ?? 'Location1';

const runField = (operation: string, parameters: INodeParameters) =>
	runSortedPro(
		sim,
		{ resource: RESOURCES[operation], operation, ...parameters },
		[{ json: orderRow(1) }],
		'continueRegularOutput',
	);
const sent = (path: string) => sim.requests.filter((r) => r.method !== 'GET' && r.path === path);

describe.each(FIELDS)('%s › %s', (operation, field, parameters, path) => {
	it('a value picked From List that SortedPRO no longer lists is refused before sending', async () => {
		const result = await runField(operation, parameters(fromList('GONE')));
		expect(result.outputs[0].map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^\\[item 0\\] "${field}" "GONE" was picked from the list, but SortedPRO no longer lists it`,
				),
			),
		]);
		expect(sent(path)).toEqual([]);
		const listed = await runField(operation, parameters(fromList(known(field))));
		expect(listed.outputs[0][0].json.error).toBeUndefined();
		expect(sent(path)).toHaveLength(1);
	});

	it('a workflow saved with a plain text value sends what By Reference sends, unchecked', async () => {
		const value = known(field);
		await runField(operation, parameters(value));
		await runField(operation, parameters(byReference(value)));
		const bodies = sent(path).map((request) => request.body);
		expect(bodies).toHaveLength(2);
		expect(bodies[0]).toContain(`"${value}"`);
		expect(bodies[1]).toEqual(bodies[0]);
		expect(gets()).toEqual([]);
	});
});

it('when the list cannot be had, a picked value is sent and a hint says it was not checked', async () => {
	sim.setOption('referenceListAnswer', 'notFound');
	const result = await runField(
		'create',
		createFromRow({ originShippingLocationReference: fromList('GONE') }),
	);
	expect(result.outputs[0][0].json.ConsignmentReference).toMatch(/^EC-/);
	expect(result.runData[result.nodeName][0].hints?.map((hint) => hint.message)).toEqual([
		expect.stringContaining('Values picked from the list of shipping locations were not checked'),
	]);
});
