/**
 * Allocate With Carrier Service, Using Default Rules, With Service Group, With Service Filters,
 * Deallocate, and Manifest → Manifest Consignments / Set Ready to Ship / Set Not Ready to Ship: batch calls with a body,
 * through n8n-core against the simulator.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { keySecrecy, refsItems, requestsOf, useSimulator, pick, type OnError } from './setup';
import { outcomeOf, runOperation, type OperationRun } from './family';
import { OPS, type ListOperation } from './operations';

const sim = useSimulator({ autoCreate: /^EC-/ });
const secrecy = keySecrecy(11);
const puts = () => requestsOf(sim);
const run = async (options: Omit<OperationRun, 'sim' | 'items'> & { refs: unknown[] }) =>
	secrecy.record(await runOperation({ sim, items: refsItems(options.refs), ...options }));

interface Case extends ListOperation {
	/** consignments it acts on are seeded in this state, and end in `ends` */
	state: string;
	ends: string;
	/** the JSON body's fields besides the references; none: the body is the list itself */
	body?: Record<string, unknown>;
	xmlRoot: string;
	/** what every successful output item holds */
	success: Record<string, unknown>;
	/** a reference this operation refuses, its reason, and the state it is seeded in */
	refused: [string, string, string?];
}

const allocated = { StatusCode: 200 };
const withMessage = (Message: unknown = expect.any(String)) => ({ IsSuccess: true, Message });
const notInState = (ref: string, verb: string, state: string) =>
	`Consignment ${ref} cannot be ${verb} because it is in state ${state}`;
const CASES: Case[] = [
	{
		...OPS.allocateWithCarrierService,
		state: 'Unallocated',
		ends: 'Allocated',
		body: { MpdCarrierServiceReference: 'CX_NDS' },
		xmlRoot: '<AllocateConsignmentsWithCarrierServiceRequest',
		success: { ...allocated, CarrierServiceReference: 'CX_NDS' },
		refused: ['XX-UNKNOWN-6', 'Consignment XX-UNKNOWN-6 not found'],
	},
	{
		...OPS.allocateUsingDefaultRules,
		state: 'Unallocated',
		ends: 'Allocated',
		body: {},
		xmlRoot: '<AllocateConsignmentsRequest',
		success: allocated,
		refused: ['EC-R-FAIL', 'Could not be booked with courier.'],
	},
	{
		...OPS.allocateWithServiceGroup,
		state: 'Unallocated',
		ends: 'Allocated',
		body: { MpdCarrierServiceGroupReference: 'valuableGoods' },
		xmlRoot: '<AllocateConsignmentsWithServiceGroupRequest',
		success: allocated,
		refused: ['EC-R-OLD', notInState('EC-R-OLD', 'allocated', 'Allocated'), 'Allocated'],
	},
	{
		...OPS.allocateWithServiceFilters,
		parameters: { serviceDirection: 'Outbound', isDropOff: 'true' },
		done: 'allocated with service filters Outbound, IsDropOff=true',
		state: 'Unallocated',
		ends: 'Allocated',
		body: { Filters: { ServiceDirection: 'Outbound', IsDropOff: true } },
		xmlRoot: '<AllocateConsignmentsWithServiceFiltersRequest',
		success: { ...allocated, CarrierServiceReference: 'MPD_RMDTPS48HNAST' },
		refused: ['EC-R-FAIL', 'Could not be booked with courier.'],
	},
	{
		...OPS.deallocate,
		state: 'Allocated',
		ends: 'Unallocated',
		xmlRoot: '<ArrayOfString',
		success: withMessage(),
		refused: ['EC-R-NEW', notInState('EC-R-NEW', 'deallocated', 'Unallocated'), 'Unallocated'],
	},
	{
		...OPS.manifestConsignments,
		state: 'Allocated',
		ends: 'Manifested',
		body: {},
		xmlRoot: '<ManifestConsignmentsRequest',
		success: withMessage(expect.stringMatching(/has been manifested successfully\.$/)),
		refused: ['EC-R-NEW', notInState('EC-R-NEW', 'manifested', 'Unallocated'), 'Unallocated'],
	},
	{
		...OPS.setReadyToShip,
		state: 'Allocated',
		ends: 'ReadyToShip',
		xmlRoot: '<ArrayOfString',
		success: withMessage('Consignment marked as Ready To Ship completed successfully'),
		refused: [
			'EC-R-NEW',
			notInState('EC-R-NEW', 'marked as Ready To Ship', 'Unallocated'),
			'Unallocated',
		],
	},
	{
		...OPS.setNotReadyToShip,
		state: 'ReadyToShip',
		ends: 'Allocated',
		xmlRoot: '<ArrayOfString',
		success: withMessage(),
		refused: [
			'EC-R-ALC',
			'Consignment EC-R-ALC is not marked as Ready To Ship (it is in state Allocated)',
			'Allocated',
		],
	},
];

describe.each(CASES)('$operation', (c) => {
	const [refused, reason, refusedState] = c.refused;
	const failure = (ref: string, why: string) => `Consignment ${ref} was not ${c.done}: ${why}`;
	const seed = (refs: string[]) => {
		sim.reset();
		sim.addConsignments(refs.map((reference) => ({ reference, state: c.state })));
		if (refusedState) sim.addConsignments([{ reference: refused, state: refusedState }]);
	};
	const go = (refs: unknown[], more: Omit<OperationRun, 'sim' | 'items' | 'operation'> = {}) =>
		run({
			operation: c.operation,
			refs,
			...more,
			parameters: { resource: c.resource, ...c.parameters, ...more.parameters },
		});
	const unconfirmed =
		c.resource === 'allocation' && c.operation !== 'deallocate'
			? 'AllocationUnconfirmed'
			: 'Unconfirmed';

	it('one output item per consignment, paired; duplicates sent once and paired to every item', async () => {
		seed(['EC-1-A', 'EC-1-B', 'EC-1-C']);
		const result = await go(['EC-1-A, EC-1-B', 'EC-1-B', ['EC-1-C', 'EC-1-A']]);
		expect(result.error).toBeUndefined();
		expect(pick(result.outputs[0], 'ConsignmentReference', 'pairedItem')).toEqual([
			['EC-1-A', [{ item: 0 }, { item: 2 }]],
			['EC-1-B', [{ item: 0 }, { item: 1 }]],
			['EC-1-C', { item: 2 }],
		]);
		for (const item of result.outputs[0]) expect(item.json).toMatchObject(c.success);
		expect(sim.consignment('EC-1-C')?.state).toBe(c.ends);
		expect(puts()).toHaveLength(1);
		expect(puts()[0].path).toBe(c.path);
		const list = ['EC-1-A', 'EC-1-B', 'EC-1-C'];
		expect(JSON.parse(puts()[0].body ?? '')).toEqual(
			c.body ? { ConsignmentReferences: list, ...c.body } : list,
		);
	});

	it('JSON and XML give identical output items; One Request per Item gives them too', async () => {
		const refs = ['EC-2-A', 'EC-2-B, EC-2-C'];
		const seeded = ['EC-2-A', 'EC-2-B', 'EC-2-C'];
		seed(seeded);
		const json = await go(refs);
		seed(seeded);
		const xml = await go(refs, { options: { bodyFormat: 'xml' } });
		expect(xml.outputs).toStrictEqual(json.outputs);
		expect(puts()[0].contentType).toMatch(/^application\/xml/);
		expect(puts()[0].accept).toMatch(/application\/xml/);
		expect(puts()[0].body).toContain(c.xmlRoot);
		expect(puts()[0].body).toContain('<string>EC-2-B</string><string>EC-2-C</string>');
		seed(seeded);
		const perItem = await go(refs, { parameters: { requestMode: 'perItem' } });
		expect(perItem.outputs).toStrictEqual(json.outputs);
		expect(puts()).toHaveLength(2);
	});

	it('partial failure: the refused consignment goes to the error output, naming it; the rest are done', async () => {
		seed(['EC-3-A']);
		const result = await go(['EC-3-A', refused], { onError: 'continueErrorOutput' });
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-3-A']);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			[failure(refused, reason), { item: 1 }],
		]);
		seed(['EC-3-A']);
		const stopped = await go(['EC-3-A', refused]);
		expect(stopped.error?.message).toBe(failure(refused, reason));
	});

	it('a missing answer is an error item naming the consignment', async () => {
		seed(['EC-4-A', 'EC-4-B']);
		sim.injectFaults([{ kind: 'fewer', which: 'last' }]);
		const result = await go(['EC-4-A', 'EC-4-B'], { onError: 'continueErrorOutput' });
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-4-A']);
		expect(result.outputs[1].map(outcomeOf)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^${failure('EC-4-B', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}SortedPRO returned no`,
				),
			),
		]);
		expect(sim.consignment('EC-4-B')?.state).toBe(c.ends);
	});

	it('a 503 is retried; after a 500 SortedPRO acted on, the resend reports them done but unconfirmed', async () => {
		seed(['EC-5-A', 'EC-5-B']);
		sim.injectFaults([{ kind: 'status', status: 503 }]);
		const retried = await go(['EC-5-A']);
		expect(retried.outputs[0].map(outcomeOf)).toEqual(['EC-5-A']);
		expect(retried.outputs[0][0].json[unconfirmed]).toBeUndefined();
		expect(puts()).toHaveLength(2);
		sim.injectFaults([{ kind: 'status', status: 500, when: 'after' }]);
		const resent = await go(['EC-5-B'], { onError: 'continueErrorOutput' });
		expect(resent.outputs[1]).toEqual([]);
		expect(resent.outputs[0].map(outcomeOf)).toEqual(['EC-5-B']);
		expect(resent.outputs[0][0].json).toMatchObject({
			[unconfirmed]: true,
			Notice: expect.stringContaining('most likely'),
		});
		expect(sim.consignment('EC-5-B')?.state).toBe(c.ends);
	});
});

describe('Allocate With Service Group: the group', () => {
	const byGroup = (items: INodeExecutionData[], serviceGroup: string, onError?: OnError) =>
		runOperation({
			sim,
			operation: 'allocateWithServiceGroup',
			items,
			parameters: { serviceGroup },
			onError,
		});
	it("groups requests by service group; an unknown group fails its consignments with SortedPRO's message", async () => {
		const groups = ['valuableGoods', 'weekend', 'valuableGoods', 'noSuchGroup'];
		const items = groups.map((group, i) => ({ json: { ref: `EC-6-${'ABCD'[i]}`, group } }));
		const result = await byGroup(items, '={{ $json.group }}', 'continueErrorOutput');
		expect(pick(result.outputs[0], 'ConsignmentReference', 'CarrierServiceReference')).toEqual([
			['EC-6-A', 'CX_NDS'],
			['EC-6-B', 'EDC5_DPDSS'],
			['EC-6-C', 'CX_NDS'],
		]);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			[
				'Consignment EC-6-D was not allocated with service group noSuchGroup: Carrier service group noSuchGroup not found (HTTP 404)',
				{ item: 3 },
			],
		]);
		expect(puts().map((r) => JSON.parse(r.body ?? '').MpdCarrierServiceGroupReference)).toEqual([
			...new Set(groups),
		]);
	});

	it('a blank group from an expression is refused before any request, naming item and field', async () => {
		const result = await byGroup(refsItems(['EC-6-E']), '={{ "" }}');
		expect(result.error?.message).toMatch(/^\[item 0\] "Service Group" is empty/);
		expect(sim.requestCount).toBe(0);
	});
});

describe('Deallocate: only Allocated, Manifested and Manifest Failed consignments', () => {
	it.each(['Allocated', 'Manifested', 'ManifestFailed'])(
		'%s becomes Unallocated',
		async (state) => {
			sim.addConsignments([{ reference: 'EC-7-A', state }]);
			const result = await runOperation({
				sim,
				operation: 'deallocate',
				items: refsItems(['EC-7-A']),
			});
			expect(result.outputs[0][0].json).toMatchObject({
				ConsignmentReference: 'EC-7-A',
				IsSuccess: true,
				Message: 'Consignment deallocation completed successfully',
			});
			expect(sim.consignment('EC-7-A')).toEqual({ reference: 'EC-7-A', state: 'Unallocated' });
		},
	);
});

describe('secrets', () => secrecy.test());
