/**
 * The pickers' values in a run: a value picked From List that SortedPRO no longer lists is
 * refused before sending; a workflow saved while the pickers were text fields runs unchanged.
 */
import type { INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { createFromRow, orderRow } from './consignment-setup';
import { runSortedPro, useSimulator } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });
const gets = () => sim.requests.filter((request) => request.method === 'GET');

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
