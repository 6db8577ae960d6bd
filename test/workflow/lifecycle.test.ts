import { captureLogs } from '../harness';

import type { INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { CARRIER_SERVICE, OPS, paramsOf } from './operations';
import { binaryBytes, runChain, START_NAME } from './run';
import { useSimulator } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });
captureLogs();

const ROWS = [
	{ row: 'r1', ref: 'EC-000-0LF-001', service: 'CX_NDS' },
	{ row: 'r2', ref: 'EC-000-0LF-002', service: 'EDC5_DPDSS' },
	{ row: 'r3', ref: 'EC-000-0LF-003', service: 'CX_NDS' },
];

const single = (pairedItem: INodeExecutionData['pairedItem']): number => {
	const paired = (Array.isArray(pairedItem) ? pairedItem : [pairedItem]) as IPairedItemData[];
	expect(paired).toHaveLength(1);
	return paired[0].item;
};

describe('A consignment’s life in one workflow: Allocate → Get Label → Manifest', () => {
	it('allocates, fetches each label as a PDF and manifests, every item paired back to its row', async () => {
		const { outputs, run } = await runChain(
			sim,
			ROWS.map((json) => ({ json })),
			[
				{
					name: 'Allocate',
					parameters: {
						...paramsOf(OPS.allocateWithCarrierService),
						carrierService: { ...CARRIER_SERVICE, value: '={{ $json.service }}' },
					},
				},
				{
					name: 'Get Label',
					parameters: {
						resource: 'label',
						operation: 'get',
						consignmentReference: '={{ $json.ConsignmentReference }}',
						// resolved by n8n through the Allocate node's pairing back to the row
						options: { binaryPropertyName: `={{ 'label_' + $('${START_NAME}').item.json.row }}` },
					},
				},
				{
					name: 'Manifest',
					parameters: paramsOf(OPS.manifestConsignments, '={{ $json.ConsignmentReference }}'),
				},
			],
		);
		expect(run.data.resultData.error).toBeUndefined();

		const labels = outputs['Get Label'];
		expect(labels.map((item) => Object.keys(item.binary ?? {}))).toEqual(
			ROWS.map(({ row }) => [`label_${row}`]),
		);
		labels.forEach((item, index) => {
			const bytes = binaryBytes(item.binary?.[`label_${ROWS[index].row}`]);
			expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
			expect(bytes.toString('latin1')).toContain(ROWS[index].ref);
		});

		// Manifest item → Get Label item → Allocate item → row, as n8n recorded the pairing
		const manifested = outputs.Manifest;
		expect(manifested.map((item) => item.json)).toMatchObject(
			ROWS.map((row) => ({ ConsignmentReference: row.ref, IsSuccess: true })),
		);
		manifested.forEach((item, index) => {
			const labelItem = labels[single(item.pairedItem)];
			const allocateItem = outputs.Allocate[single(labelItem.pairedItem)];
			const row = ROWS[single(allocateItem.pairedItem)];
			expect(row.ref).toBe(item.json.ConsignmentReference);
			expect(row).toBe(ROWS[index]);
			expect(allocateItem.json.CarrierServiceReference).toBe(row.service);
		});
		expect(ROWS.map((row) => sim.consignment(row.ref)?.state)).toEqual(Array(3).fill('Manifested'));
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /carrierservices',
			// one allocation request per carrier service
			'PUT /allocation/allocatewithcarrierservice',
			'PUT /allocation/allocatewithcarrierservice',
			...ROWS.map((row) => `GET /labels/${row.ref}/PDF`),
			'PUT /consignments/manifest',
		]);
	});
});
