/**
 * `npm run demo`: a consignment's whole life with the SortedPRO node, in n8n's real execution
 * engine, against the bundled SortedPRO simulator (no SortedPRO account needed): order rows →
 * Create → Allocate With Carrier Service → Get Label (PDF files) → Manifest → Tracking. One
 * order has a bad country code: it is refused before anything is sent and goes to the error
 * output; the others go on. Prints what each node outputs and writes the labels to a folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runChain, shutdownN8n } from '../harness';
import { startSimulator } from '../simulator';
import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import { CREDENTIAL_TYPE, NODE_TYPE } from '../constants';

const API_KEY = 'demo-key';
const LABEL_FOLDER = resolve(__dirname, '../../../demo-labels');

// Orders as a shop's webhook or a spreadsheet would give them.
const orders = (
	[
		['ORD-1001', 'Peter McPetersson', '13 Porter Street', 'Manchester', 'M1 5WG', 'GB', 0.5],
		['ORD-1002', 'Amélie Durand', '8 Rue de la Paix', 'Paris', '75002', 'FR', 1.2],
		['ORD-1003', 'Jo Bloggs', '1 High Street', 'Leeds', 'LS1 1AA', 'GBR', 2],
		['ORD-1004', 'Sam Smith', '2 Low Road', 'York', 'YO1 7HH', 'GB', 0.8],
	] as const
).map(([order, name, line1, town, postcode, country, kg]) => {
	return { order, name, line1, town, postcode, country, kg };
});

const create = {
	resource: 'consignment',
	operation: 'create',
	originShippingLocationReference: 'Sorted1',
	recipientName: '={{ $json.name }}',
	addressLine1: '={{ $json.line1 }}',
	town: '={{ $json.town }}',
	postcode: '={{ $json.postcode }}',
	countryCode: '={{ $json.country }}',
	customerReference: '={{ $json.order }}',
	packages: {
		package: [
			{
				description: 'Goods',
				value: 10,
				currency: 'GBP',
				weight: '={{ $json.kg }}',
				weightUnit: 'Kg',
				length: 20,
				width: 15,
				height: 10,
				dimensionUnit: 'Cm',
			},
		],
	},
};

const chain = [
	{ name: 'Create', parameters: create, onError: 'continueErrorOutput' as const },
	{
		name: 'Allocate',
		parameters: {
			resource: 'allocation',
			operation: 'allocateWithCarrierService',
			carrierService: {
				__rl: true,
				mode: 'list',
				value: 'CX_NDS',
				cachedResultName: 'Next Day Super (CX_NDS)',
			},
			consignmentReferences: '={{ $json.ConsignmentReference }}',
		},
	},
	{
		name: 'Get Label',
		parameters: {
			resource: 'label',
			operation: 'get',
			consignmentReference: '={{ $json.ConsignmentReference }}',
		},
	},
	{
		name: 'Manifest',
		parameters: {
			resource: 'manifest',
			operation: 'manifestConsignments',
			consignmentReferences: '={{ $json.ConsignmentReference }}',
		},
	},
	{
		name: 'Tracking',
		parameters: {
			resource: 'tracking',
			operation: 'get',
			consignmentReference: '={{ $json.Data }}',
		},
	},
];

const brief = (json: IDataObject, fields: string[]) =>
	JSON.stringify(Object.fromEntries(fields.map((field) => [field, json[field]])));

async function main() {
	const sim = await startSimulator({ apiKey: API_KEY });
	console.log(`SortedPRO simulator on ${sim.baseUrl}\nOrders:`);
	for (const order of orders) console.log('  ', JSON.stringify(order));
	try {
		const result = await runChain({
			nodeTypes: { [NODE_TYPE]: new SortedPro() },
			credentialTypes: [new SortedProApi()],
			credentials: {
				[CREDENTIAL_TYPE]: { apiKey: API_KEY, environment: 'custom', baseUrl: sim.baseUrl },
			},
			startName: 'Orders',
			items: orders.map((json) => ({ json })),
			chain: chain.map((node) => ({ ...node, type: NODE_TYPE })),
		});
		if (result.error) throw new Error(`The workflow failed: ${result.error.message}`);
		const main = (name: string): INodeExecutionData[] => result.outputs[name]?.[0] ?? [];

		console.log('\nCreate → success output:');
		for (const item of main('Create'))
			console.log(
				'  ',
				brief(item.json, ['ConsignmentReference', 'ConsignmentReferenceProvidedByCustomer']),
				'paired to',
				JSON.stringify(item.pairedItem),
			);
		console.log('Create → error output (refused before anything was sent):');
		for (const item of result.outputs.Create?.[1] ?? []) console.log('  ', item.json.error);

		console.log('\nAllocate → one item per Allocation Summary:');
		console.log(JSON.stringify(main('Allocate')[0]?.json, null, 2));
		for (const item of main('Allocate').slice(1))
			console.log(
				'  ',
				brief(item.json, ['ConsignmentReference', 'StatusCode', 'CarrierServiceName']),
			);

		mkdirSync(LABEL_FOLDER, { recursive: true });
		console.log(`\nGet Label → a PDF per consignment, written to ${LABEL_FOLDER}:`);
		for (const item of main('Get Label')) {
			const binary = item.binary?.data;
			if (!binary) throw new Error('a label item has no binary data');
			const file = join(
				LABEL_FOLDER,
				binary.fileName ?? `${String(item.json.ConsignmentReference)}.pdf`,
			);
			writeFileSync(file, Buffer.from(binary.data, 'base64'));
			console.log(
				'  ',
				brief(item.json, ['ConsignmentReference', 'ContentType', 'FileSize']),
				'→',
				file,
			);
		}

		console.log('\nManifest:');
		for (const item of main('Manifest'))
			console.log('  ', brief(item.json, ['ConsignmentReference', 'IsSuccess', 'Message']));
		console.log('\nTracking:');
		for (const item of main('Tracking'))
			console.log('  ', JSON.stringify(item.json).slice(0, 160), '…');

		console.log(`\nRequests sent to SortedPRO: ${sim.requestCount}`);
		const done = main('Tracking').length;
		if (done !== 3 || (result.outputs.Create?.[1] ?? []).length !== 1) {
			throw new Error(
				`The demo expected 3 consignments through their whole life and 1 refused order, got ${done}`,
			);
		}
	} finally {
		await sim.close();
		await shutdownN8n();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
