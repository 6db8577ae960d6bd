import { captureLogs } from '../harness';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { refsItems, useSimulator, nodeRunner } from './setup';

const sim = useSimulator({
	autoCreate: /^EC-/,
	shippingDate: '2026-11-26T17:00:00Z',
	consignments: [
		{ reference: 'EC-000-0TR-ALC', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
		{ reference: 'EC-000-0TR-DLV', state: 'Delivered', carrierServiceReference: 'EDC5_DPDSS' },
	],
});
captureLogs();

const track = nodeRunner(sim, {
	resource: 'tracking',
	operation: 'get',
	consignmentReference: '={{ $json.ref }}',
});
const events = (item: INodeExecutionData) =>
	((item.json.TrackedPackages as IDataObject[])[0].Legs as IDataObject[])[0]
		.Events as IDataObject[];

describe('Tracking → Get', () => {
	it('one item per consignment with its packages, legs and events', async () => {
		const result = await track(refsItems(['EC-000-0TR-ALC', 'EC-000-0TR-DLV']));
		expect(result.error).toBeUndefined();
		const [allocated, delivered] = result.outputs[0];
		expect(allocated.json).toMatchObject({
			ConsignmentReference: 'EC-000-0TR-ALC',
			ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-000-0TR-ALC',
		});
		expect(events(allocated).map((event) => event.Code)).toEqual(['ALLOCATED']);
		expect(events(delivered).map((event) => event.Code)).toEqual(
			'ALLOCATED MANIFESTED COLLECTED IN_TRANSIT OUT_FOR_DELIVERY DELIVERED'.split(' '),
		);
		const signed = { SignedBy: 'J. SMITH', TimeStamp: '2026-11-27T17:00:00.000Z' };
		expect(events(delivered).at(-1)).toMatchObject(signed);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(sim.requests.map((r) => r.path)).toEqual([
			'/tracking/EC-000-0TR-ALC',
			'/tracking/EC-000-0TR-DLV',
		]);
	});

	it('XML gives the same items (flattened and not)', async () => {
		for (const flattened of [false, true]) {
			const json = await track(refsItems(['EC-000-0TR-DLV']), { options: { flattened } });
			const options = { flattened, bodyFormat: 'xml' };
			const xml = await track(refsItems(['EC-000-0TR-DLV']), { options });
			expect(xml.outputs).toStrictEqual(json.outputs);
		}
	});

	it('Flattened asks /tracking/flattened and lists each package’s events with their carrier service', async () => {
		const result = await track(refsItems(['EC-000-0TR-DLV']), { options: { flattened: true } });
		expect(sim.requests[0].path).toBe('/tracking/flattened/EC-000-0TR-DLV');
		const [trackedPackage] = result.outputs[0][0].json.TrackedPackages as IDataObject[];
		expect(
			(trackedPackage.Events as IDataObject[]).map((event) => event.CarrierServiceName),
		).toEqual(Array(6).fill('DPD Saturday Service'));
	});

	it.each([false, true])(
		'One Item per Event (flattened: %s): one item per event, paired to its consignment',
		async (flattened) => {
			const result = await track(refsItems(['EC-000-0TR-ALC', 'EC-000-0TR-DLV']), {
				options: { oneItemPerEvent: true, flattened },
			});
			const [main] = result.outputs;
			expect(main).toHaveLength(7);
			expect(main.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				...Array(6).fill({ item: 1 }),
			]);
			expect(main[6].json).toEqual({
				ConsignmentReference: 'EC-000-0TR-DLV',
				PackageReference: 'EP-000-0TR-DLV',
				Leg: flattened ? null : 1,
				CarrierServiceName: 'DPD Saturday Service',
				TimeStamp: '2026-11-27T17:00:00.000Z',
				Code: 'DELIVERED',
				Description: 'Delivered',
				SignedBy: 'J. SMITH',
				Location: null,
			});
		},
	);

	it('an unreadable answer is an error naming the consignment', async () => {
		sim.failNext({ status: 200, body: '[1,2]', contentType: 'application/json' });
		const result = await track(refsItems(['EC-000-0TR-ALC']));
		expect(result.error?.message).toBe(
			'The tracking of consignment EC-000-0TR-ALC could not be read: expected a JSON object, not an array',
		);
	});
});
