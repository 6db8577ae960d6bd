/**
 * Allocate Using Default Rules, Allocate With Service Group, Allocate With Service Filters,
 * Deallocate, and Manifest → Manifest Consignments / Set Ready to Ship / Set Not Ready to Ship: batch calls with a body,
 * through n8n-core against the simulator.
 */
import { keySecrecy, refsItems, requestsOf, useSimulator, pick } from './setup';
import { outcomeOf, runOperation, type OperationRun } from './family';

const sim = useSimulator({ autoCreate: /^EC-/ });
const secrecy = keySecrecy(11);
const puts = () => requestsOf(sim);
const run = async (options: Omit<OperationRun, 'sim' | 'items'> & { refs: unknown[] }) =>
	secrecy.record(await runOperation({ sim, items: refsItems(options.refs), ...options }));

interface Case {
	name: string;
	operation: string;
	path: string;
	parameters?: Record<string, string>;
	/** consignments it acts on are seeded in this state */
	state: string;
	/** the state they end in */
	done: string;
	jsonBody(refs: string[]): unknown;
	xmlRoot: string;
	/** an item's outcome is a success */
	succeeded(json: Record<string, unknown>): boolean;
	unconfirmedField: string;
	failure: (ref: string, reason: string) => string;
	/** a reference this operation refuses, and its reason */
	refused: { ref: string; state?: string; reason: string };
}

const allocationCase = (json: Record<string, unknown>) => json.StatusCode === 200;
const CASES: Case[] = [
	{
		name: 'Allocate Using Default Rules',
		operation: 'allocateUsingDefaultRules',
		path: '/allocation/allocate',
		state: 'Unallocated',
		done: 'Allocated',
		jsonBody: (refs) => ({ ConsignmentReferences: refs }),
		xmlRoot: '<AllocateConsignmentsRequest',
		succeeded: allocationCase,
		unconfirmedField: 'AllocationUnconfirmed',
		failure: (ref, reason) =>
			`Consignment ${ref} was not allocated by the default rules: ${reason}`,
		refused: { ref: 'EC-R-FAIL', reason: 'Could not be booked with courier.' },
	},
	{
		name: 'Allocate With Service Group',
		operation: 'allocateWithServiceGroup',
		path: '/allocation/allocatewithservicegroup',
		parameters: { serviceGroup: 'valuableGoods' },
		state: 'Unallocated',
		done: 'Allocated',
		jsonBody: (refs) => ({
			ConsignmentReferences: refs,
			MpdCarrierServiceGroupReference: 'valuableGoods',
		}),
		xmlRoot: '<AllocateConsignmentsWithServiceGroupRequest',
		succeeded: allocationCase,
		unconfirmedField: 'AllocationUnconfirmed',
		failure: (ref, reason) =>
			`Consignment ${ref} was not allocated with service group valuableGoods: ${reason}`,
		refused: {
			ref: 'EC-R-OLD',
			state: 'Allocated',
			reason: 'Consignment EC-R-OLD cannot be allocated because it is in state Allocated',
		},
	},
	{
		name: 'Allocate With Service Filters',
		operation: 'allocateWithServiceFilters',
		path: '/allocation/allocateConsignmentsWithServiceFilters',
		parameters: { serviceDirection: 'Outbound', isDropOff: 'true' },
		state: 'Unallocated',
		done: 'Allocated',
		jsonBody: (refs) => ({
			ConsignmentReferences: refs,
			Filters: { ServiceDirection: 'Outbound', IsDropOff: true },
		}),
		xmlRoot: '<AllocateConsignmentsWithServiceFiltersRequest',
		succeeded: (json) =>
			json.StatusCode === 200 && json.CarrierServiceReference === 'MPD_RMDTPS48HNAST',
		unconfirmedField: 'AllocationUnconfirmed',
		failure: (ref, reason) =>
			`Consignment ${ref} was not allocated with service filters Outbound, IsDropOff=true: ${reason}`,
		refused: { ref: 'EC-R-FAIL', reason: 'Could not be booked with courier.' },
	},
	{
		name: 'Deallocate',
		operation: 'deallocate',
		path: '/consignments/deallocatelist',
		state: 'Allocated',
		done: 'Unallocated',
		jsonBody: (refs) => refs,
		xmlRoot: '<ArrayOfString',
		succeeded: (json) => json.IsSuccess === true,
		unconfirmedField: 'Unconfirmed',
		failure: (ref, reason) => `Consignment ${ref} was not deallocated: ${reason}`,
		refused: {
			ref: 'EC-R-NEW',
			state: 'Unallocated',
			reason: 'Consignment EC-R-NEW cannot be deallocated because it is in state Unallocated',
		},
	},
	{
		name: 'Manifest Consignments',
		operation: 'manifestConsignments',
		path: '/consignments/manifest',
		parameters: { resource: 'manifest' },
		state: 'Allocated',
		done: 'Manifested',
		jsonBody: (refs) => ({ ConsignmentReferences: refs }),
		xmlRoot: '<ManifestConsignmentsRequest',
		succeeded: (json) =>
			json.IsSuccess === true && String(json.Message).endsWith('has been manifested successfully.'),
		unconfirmedField: 'Unconfirmed',
		failure: (ref, reason) => `Consignment ${ref} was not manifested: ${reason}`,
		refused: {
			ref: 'EC-R-NEW',
			state: 'Unallocated',
			reason: 'Consignment EC-R-NEW cannot be manifested because it is in state Unallocated',
		},
	},
	{
		name: 'Set Ready to Ship',
		operation: 'setReadyToShip',
		path: '/consignments/setreadytoship',
		parameters: { resource: 'manifest' },
		state: 'Allocated',
		done: 'ReadyToShip',
		jsonBody: (refs) => refs,
		xmlRoot: '<ArrayOfString',
		succeeded: (json) =>
			json.IsSuccess === true &&
			json.Message === 'Consignment marked as Ready To Ship completed successfully',
		unconfirmedField: 'Unconfirmed',
		failure: (ref, reason) => `Consignment ${ref} was not marked as Ready To Ship: ${reason}`,
		refused: {
			ref: 'EC-R-NEW',
			state: 'Unallocated',
			reason:
				'Consignment EC-R-NEW cannot be marked as Ready To Ship because it is in state Unallocated',
		},
	},
	{
		name: 'Set Not Ready to Ship',
		operation: 'setNotReadyToShip',
		path: '/consignments/setnotreadytoship',
		parameters: { resource: 'manifest' },
		state: 'ReadyToShip',
		done: 'Allocated',
		jsonBody: (refs) => refs,
		xmlRoot: '<ArrayOfString',
		succeeded: (json) => json.IsSuccess === true,
		unconfirmedField: 'Unconfirmed',
		failure: (ref, reason) => `Consignment ${ref} was not marked as not Ready To Ship: ${reason}`,
		refused: {
			ref: 'EC-R-ALC',
			state: 'Allocated',
			reason: 'Consignment EC-R-ALC is not marked as Ready To Ship (it is in state Allocated)',
		},
	},
];

describe.each(CASES)('$name', (c) => {
	const seed = (refs: string[]) =>
		sim.addConsignments(refs.map((reference) => ({ reference, state: c.state })));
	const base = { operation: c.operation, parameters: c.parameters };

	it('one output item per consignment, paired; duplicates sent once and paired to every item', async () => {
		seed(['EC-1-A', 'EC-1-B', 'EC-1-C']);
		const result = await run({ ...base, refs: ['EC-1-A, EC-1-B', 'EC-1-B', ['EC-1-C', 'EC-1-A']] });
		expect(result.error).toBeUndefined();
		expect(pick(result.outputs[0], 'ConsignmentReference', 'pairedItem')).toEqual([
			['EC-1-A', [{ item: 0 }, { item: 2 }]],
			['EC-1-B', [{ item: 0 }, { item: 1 }]],
			['EC-1-C', { item: 2 }],
		]);
		expect(result.outputs[0].every((item) => c.succeeded(item.json))).toBe(true);
		expect(sim.consignment('EC-1-C')?.state).toBe(c.done);
		const [request] = puts();
		expect(puts()).toHaveLength(1);
		expect(request.path).toBe(c.path);
		expect(JSON.parse(request.body ?? '')).toEqual(c.jsonBody(['EC-1-A', 'EC-1-B', 'EC-1-C']));
	});

	it('JSON and XML give identical output items; One Request per Item gives them too', async () => {
		const refs = ['EC-2-A', 'EC-2-B, EC-2-C'];
		seed(['EC-2-A', 'EC-2-B', 'EC-2-C']);
		const json = await run({ ...base, refs });
		sim.reset();
		seed(['EC-2-A', 'EC-2-B', 'EC-2-C']);
		const xml = await run({ ...base, refs, options: { bodyFormat: 'xml' } });
		expect(xml.outputs).toStrictEqual(json.outputs);
		expect(puts()[0].body).toContain(c.xmlRoot);
		expect(puts()[0].body).toContain('<string>EC-2-B</string><string>EC-2-C</string>');
		sim.reset();
		seed(['EC-2-A', 'EC-2-B', 'EC-2-C']);
		const perItem = await run({
			...base,
			refs,
			parameters: { ...c.parameters, requestMode: 'perItem' },
		});
		expect(perItem.outputs).toStrictEqual(json.outputs);
		expect(puts()).toHaveLength(2);
	});

	it('partial failure: the refused consignment goes to the error output, naming it; the rest are done', async () => {
		seed(['EC-3-A']);
		if (c.refused.state)
			sim.addConsignments([{ reference: c.refused.ref, state: c.refused.state }]);
		const result = await run({
			...base,
			refs: ['EC-3-A', c.refused.ref],
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-3-A']);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			[c.failure(c.refused.ref, c.refused.reason), { item: 1 }],
		]);
		sim.reset();
		seed(['EC-3-A']);
		if (c.refused.state)
			sim.addConsignments([{ reference: c.refused.ref, state: c.refused.state }]);
		const stopped = await run({ ...base, refs: ['EC-3-A', c.refused.ref] });
		expect(stopped.error?.message).toBe(c.failure(c.refused.ref, c.refused.reason));
	});

	it('a missing answer is an error item naming the consignment', async () => {
		seed(['EC-4-A', 'EC-4-B']);
		sim.injectFaults([{ kind: 'fewer', which: 'last' }]);
		const result = await run({
			...base,
			refs: ['EC-4-A', 'EC-4-B'],
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-4-A']);
		expect(result.outputs[1].map(outcomeOf)).toEqual([
			expect.stringMatching(
				new RegExp(
					`^${c.failure('EC-4-B', '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}SortedPRO returned no`,
				),
			),
		]);
		expect(sim.consignment('EC-4-B')?.state).toBe(c.done);
	});

	it('a 503 is retried; after a 500 SortedPRO acted on, the resend reports them done but unconfirmed', async () => {
		seed(['EC-5-A', 'EC-5-B']);
		sim.injectFaults([{ kind: 'status', status: 503 }]);
		const retried = await run({ ...base, refs: ['EC-5-A'] });
		expect(retried.outputs[0].map(outcomeOf)).toEqual(['EC-5-A']);
		expect(retried.outputs[0][0].json[c.unconfirmedField]).toBeUndefined();
		expect(puts()).toHaveLength(2);
		sim.injectFaults([{ kind: 'status', status: 500, when: 'after' }]);
		const resent = await run({ ...base, refs: ['EC-5-B'], onError: 'continueErrorOutput' });
		expect(resent.outputs[1]).toEqual([]);
		expect(resent.outputs[0].map(outcomeOf)).toEqual(['EC-5-B']);
		expect(resent.outputs[0][0].json).toMatchObject({
			[c.unconfirmedField]: true,
			Notice: expect.stringContaining('most likely'),
		});
		expect(sim.consignment('EC-5-B')?.state).toBe(c.done);
	});
});

describe('Allocate With Service Group: the group', () => {
	it("groups requests by service group; an unknown group fails its consignments with SortedPRO's message", async () => {
		const items = [
			{ json: { ref: 'EC-6-A', group: 'valuableGoods' } },
			{ json: { ref: 'EC-6-B', group: 'weekend' } },
			{ json: { ref: 'EC-6-C', group: 'valuableGoods' } },
			{ json: { ref: 'EC-6-D', group: 'noSuchGroup' } },
		];
		const result = await runOperation({
			sim,
			operation: 'allocateWithServiceGroup',
			items,
			parameters: { serviceGroup: '={{ $json.group }}' },
			onError: 'continueErrorOutput',
		});
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
			'valuableGoods',
			'weekend',
			'noSuchGroup',
		]);
	});

	it('a blank group from an expression is refused before any request, naming item and field', async () => {
		const result = await runOperation({
			sim,
			operation: 'allocateWithServiceGroup',
			items: refsItems(['EC-6-E']),
			parameters: { serviceGroup: '={{ "" }}' },
		});
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
