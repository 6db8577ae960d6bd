import { captureLogs } from '../harness';

import { nodeRunner, pick, refsItems, useSimulator } from './setup';

captureLogs();

const MANIFESTABLE = [
	{ reference: 'EC-000-0MA-001', state: 'Allocated' },
	{ reference: 'EC-000-0MA-002', state: 'ReadyToShip' },
	{ reference: 'EC-000-0MA-003', state: 'Manifest Failed' },
];
const sim = useSimulator({
	autoCreate: /^EC-/,
	consignments: [
		...MANIFESTABLE.map((c) => ({ ...c, carrierServiceReference: 'CX_NDS' })),
		{ reference: 'EC-000-0MA-DON', state: 'Manifested' },
	],
});
const REFS = MANIFESTABLE.map((c) => c.reference);

const manifest = nodeRunner(sim, {
	resource: 'manifest',
	operation: 'manifestConsignments',
	consignmentReferences: '={{ $json.ref }}',
});
const puts = () =>
	sim.requests.filter((r) => r.method === 'PUT' && r.path === '/consignments/manifest');

describe('Manifest → Manifest Consignments', () => {
	it('manifests Allocated, ReadyToShip and ManifestFailed consignments in one request, one item each, paired', async () => {
		const result = await manifest(refsItems(REFS));
		expect(result.error).toBeUndefined();
		const [main] = result.outputs;
		expect(pick(main, 'ConsignmentReference', 'pairedItem')).toEqual(
			REFS.map((r, item) => [r, { item }]),
		);
		expect(main[0].json).toMatchObject({
			IsSuccess: true,
			Message: `Consignment ${REFS[0]} has been manifested successfully.`,
			Data: REFS[0],
		});
		expect(REFS.map((ref) => sim.consignment(ref)?.state)).toEqual(Array(3).fill('Manifested'));
		expect(puts()).toHaveLength(1);
		expect(JSON.parse(puts()[0].body ?? '')).toEqual({ ConsignmentReferences: REFS });
	});

	it('a consignment manifested already is refused, naming it; the others are manifested', async () => {
		const result = await manifest(
			refsItems([REFS[0], 'EC-000-0MA-DON']),
			{},
			'continueErrorOutput',
		);
		expect(result.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual([REFS[0]]);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			[
				'Consignment EC-000-0MA-DON was not manifested: Consignment EC-000-0MA-DON cannot be manifested because it is in state Manifested',
				{ item: 1 },
			],
		]);
	});

	it('a 404 for the whole request is an error for each of its consignments, with SortedPRO’s message', async () => {
		const notFound = { Code: 'ItemNotFound', Message: 'Item EC-000-0MA-001 not found' };
		sim.failNext({ status: 404, body: { ...notFound, CorrelationId: 'c0' } });
		const result = await manifest(refsItems(REFS.slice(0, 2)), {}, 'continueRegularOutput');
		expect(result.outputs[0].map((item) => item.json.error)).toEqual(
			REFS.slice(0, 2).map(
				(ref) => `Consignment ${ref} was not manifested: Item EC-000-0MA-001 not found (HTTP 404)`,
			),
		);
		expect(REFS.slice(0, 2).map((ref) => sim.consignment(ref)?.state)).toEqual([
			'Allocated',
			'ReadyToShip',
		]);
		sim.failNext({ status: 404, body: { ...notFound, CorrelationId: 'c1' } });
		const stopped = await manifest(refsItems(REFS.slice(0, 1)));
		expect(stopped.error).toMatchObject({ httpCode: '404', message: notFound.Message });
	});
	it('after a 500 SortedPRO acted on, a resend answered "in state Manifested" is a success marked Unconfirmed', async () => {
		sim.injectFaults([{ kind: 'status', status: 500, path: '/consignments/manifest' }]);
		const result = await manifest(refsItems(REFS.slice(0, 2)), { options: { retryDelay: 0 } });
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(2);
		expect(puts().map((r) => r.status)).toEqual([500, 200]);
		expect(pick(result.outputs[0], 'ConsignmentReference', 'IsSuccess', 'Unconfirmed')).toEqual(
			REFS.slice(0, 2).map((ref) => [ref, false, true]),
		);
		expect(String(result.outputs[0][0].json.Notice)).toContain(
			'most likely manifested by this run',
		);
	});
});
