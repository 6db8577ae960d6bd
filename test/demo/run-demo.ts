/**
 * `npm run demo`: the SortedPRO node in n8n's real execution engine against the bundled
 * SortedPRO simulator (no SortedPRO account needed). Prints the output items.
 */
import { runNode, shutdownN8n } from '../harness';
import { startSimulator } from '../simulator';
import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';

const API_KEY = 'demo-key';

async function main() {
	const sim = await startSimulator({
		apiKey: API_KEY,
		consignments: [
			'EC-000-05A-Z6S',
			'EC-000-083-45D',
			'EC-000-A04-0DV',
			{ reference: 'EC-000-0AA-DON', state: 'Allocated' },
		],
	});
	// Rows as a spreadsheet or webhook would give them: one reference, several, a duplicate, a bad one.
	const rows = [
		{ order: 1001, consignment: 'EC-000-05A-Z6S' },
		{ order: 1002, consignment: 'EC-000-083-45D, EC-000-A04-0DV' },
		{ order: 1003, consignment: 'EC-000-05A-Z6S' },
		{ order: 1004, consignment: 'EC-000-0AA-DON' },
	];
	console.log(`SortedPRO simulator on ${sim.baseUrl}\nInput items:`);
	for (const row of rows) console.log('  ', JSON.stringify(row));
	try {
		const result = await runNode({
			nodeTypes: { 'n8n-nodes-sortedpro.sortedPro': new SortedPro() },
			credentialTypes: [new SortedProApi()],
			node: {
				type: 'n8n-nodes-sortedpro.sortedPro',
				parameters: {
					resource: 'allocation',
					operation: 'allocateWithCarrierService',
					carrierService: {
						__rl: true,
						mode: 'list',
						value: 'CX_NDS',
						cachedResultName: 'Next Day Super (CX_NDS)',
					},
					consignmentReferences: '={{ $json.consignment }}',
				},
				onError: 'continueErrorOutput',
			},
			items: rows.map((json) => ({ json })),
			credentials: {
				sortedProApi: { apiKey: API_KEY, environment: 'custom', baseUrl: sim.baseUrl },
			},
		});
		if (result.error) throw new Error(`The node failed: ${result.error.message}`);
		const [allocated, failed = []] = result.outputs;
		console.log(`\nRequests sent to SortedPRO: ${sim.requestCount}`);
		console.log(`\nSuccess output (${allocated.length} items, one per Allocation Summary):`);
		for (const item of allocated)
			console.log(JSON.stringify({ json: item.json, pairedItem: item.pairedItem }, null, 2));
		console.log(`\nError output (${failed.length} items):`);
		for (const item of failed)
			console.log(JSON.stringify({ json: item.json, pairedItem: item.pairedItem }, null, 2));
		if (allocated.length !== 3 || failed.length !== 1)
			throw new Error('The demo expected 3 allocated and 1 failed consignment');
	} finally {
		await sim.close();
		await shutdownN8n();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
