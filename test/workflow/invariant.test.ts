/**
 * Property test (fast-check): random batch operations, random inputs, random mixes of injected
 * faults. Every (group, reference) that goes in (group: the carrier service, service group,
 * service direction or quote the operation groups by; none for the others) comes out exactly once, as a result or as
 * an error item naming it, paired to exactly the input items that supplied it, even when the
 * answer repeats its entry (as it was or contradicting it); an answer for a reference never
 * sent is reported, never passed off as a result. With Get Labels (allocate operations, label
 * requests faulted too), a label is asked for and carried only by consignments that come out
 * allocated, and each of those carries its label or a labelError.
 */
import fc from 'fast-check';
import type { INodeExecutionData, INodeParameters, IPairedItemData } from 'n8n-workflow';

import { shutdownN8n } from '../harness';
import { startSimulator, type Fault, type Simulator } from '../simulator';
import { runOperation } from './family';
import { OPS } from './operations';
import { API_KEY, serialiseRun } from './setup';

const RUNS = Number(process.env.INVARIANT_RUNS ?? 1000);
const POOL = [
	...Array.from({ length: 14 }, (_, i) => `EC-P-${i}`),
	'EC-P-FAIL',
	'XX-UNKNOWN-1',
	'XX-UNKNOWN-2',
];
// Seeded Allocated before a Deallocate or Set Ready to Ship run, so it has successes as well as refusals.
const ALLOCATED = POOL.filter((_, i) => i % 2 === 0 && i < 14);

/**
 * An operation, its error naming a consignment (`done` as the error says it, `(\S+)` standing
 * for the group), and the parameter it groups by with its values (none: it does not group).
 */
function under(operation: string, done: string, parameter?: string, values = '') {
	const { resource } = OPS[operation];
	const summaries = resource === 'allocation' && operation !== 'deallocate';
	const group = (value: string) =>
		parameter === 'carrierService' ? { __rl: true, mode: 'reference', value } : value;
	return {
		operation,
		resource,
		groups: values ? values.split(' ') : [],
		groupParameter: (value: string): INodeParameters =>
			parameter ? { [parameter]: group(value) } : {},
		// the allocate operations: Get Labels may be on
		labels: summaries,
		// one reference per item: the quote belongs to one consignment
		oneReference: operation === 'allocateWithQuote',
		// some of the pool is seeded Allocated first, so the run has successes as well as refusals
		seedAllocated: !summaries,
		failure: new RegExp(`^Consignment (\\S+) (?:was not|may have been) ${done}: `),
		unexpected: new RegExp(
			`^SortedPRO returned ${summaries ? 'an Allocation Summary' : 'a result'} for consignment (\\S+), which was not in the request$`,
		),
	};
}
const QUOTES = '0000000a-1111-4222-8333-444455556666 00000003-1111-4222-8333-444455556666';
const OPERATIONS = [
	under(
		'allocateWithCarrierService',
		'allocated with (\\S+)',
		'carrierService',
		'CX_NDS EDC5_DPDSS',
	),
	under('allocateUsingDefaultRules', 'allocated by the default rules'),
	under(
		'allocateWithServiceGroup',
		'allocated with service group (\\S+)',
		'serviceGroup',
		'valuableGoods weekend',
	),
	// No default service is Inbound: those consignments all fail, as SortedPRO's refusals.
	under(
		'allocateWithServiceFilters',
		'allocated with service filters (\\w+)',
		'serviceDirection',
		'Outbound Inbound',
	),
	under('allocateWithCheapestQuote', 'allocated with the cheapest quote'),
	under('allocateWithQuote', 'allocated with quote (\\S+)', 'quoteReference', QUOTES),
	under('deallocate', 'deallocated'),
	under('setReadyToShip', 'marked as Ready To Ship'),
];

let sim: Simulator;
const totals = {
	runs: 0,
	requests: 0,
	faults: 0,
	consignmentsIn: 0,
	consignmentsOut: 0,
	allocated: 0,
	unconfirmed: 0,
	failed: 0,
	unexpectedReported: 0,
	labelled: 0,
	labelErrors: 0,
};
const faultKinds: Record<string, number> = {};
const byOperation: Record<string, number> = {};

beforeAll(async () => {
	sim = await startSimulator({ apiKey: API_KEY, autoCreate: /^EC-/ });
});
afterAll(async () => {
	console.log(
		`invariant: ${JSON.stringify(totals)} faults by kind ${JSON.stringify(faultKinds)} runs by operation ${JSON.stringify(byOperation)}`,
	);
	await sim?.close();
	await shutdownN8n();
});

const when = fc.constantFrom<'before' | 'after'>('before', 'after');
const faultArb: fc.Arbitrary<Fault | null> = fc.oneof(
	{ weight: 6, arbitrary: fc.constant(null) },
	{
		weight: 4,
		arbitrary: fc.record({
			kind: fc.constant('status' as const),
			status: fc.constantFrom(429, 500, 502, 503, 504),
			when,
		}),
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('status' as const),
			status: fc.constant(429),
			retryAfter: fc.constant('0'),
			when: fc.constant('before' as const),
		}),
	},
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), when }) },
	{ weight: 1, arbitrary: fc.constant<Fault>({ kind: 'hang', when: 'after' }) },
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('malformed' as const),
			format: fc.constantFrom<'json' | 'xml'>('json', 'xml'),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('fewer' as const),
			drop: fc.integer({ min: 1, max: 3 }),
			which: fc.constantFrom<'first' | 'last'>('first', 'last'),
		}),
	},
	{ weight: 2, arbitrary: fc.constant<Fault>({ kind: 'shuffle', order: 'reverse' }) },
	{ weight: 2, arbitrary: fc.constant<Fault>({ kind: 'extra' }) },
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('duplicate' as const),
			entry: fc.integer({ min: -2, max: 1 }),
			conflicting: fc.boolean(),
		}),
	},
	{ weight: 1, arbitrary: fc.constant<Fault>({ kind: 'html', status: 502 }) },
);
const itemArb = fc.record({
	group: fc.nat(1),
	refs: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }),
	asList: fc.boolean(),
});
const scenarioArb = fc.record({
	// The carrier-service operation keeps half the runs; the others share the rest.
	operation: fc.oneof(fc.constant(OPERATIONS[0]), fc.constantFrom(...OPERATIONS.slice(1))),
	items: fc.array(itemArb, { minLength: 1, maxLength: 10 }),
	mode: fc.constantFrom<'combine' | 'perItem'>('combine', 'perItem'),
	batchSize: fc.integer({ min: 1, max: 4 }),
	format: fc.constantFrom<'json' | 'xml'>('json', 'xml'),
	retries: fc.integer({ min: 0, max: 3 }),
	faults: fc.array(faultArb, { maxLength: 10 }),
	getLabels: fc.boolean(),
	labelFaults: fc.array(
		fc.constantFrom<Fault>(
			{ kind: 'status', status: 404 },
			{ kind: 'status', status: 500 },
			{ kind: 'drop', when: 'before' },
		),
		{ maxLength: 3 },
	),
});

const pairedIndexes = (item: INodeExecutionData) =>
	([] as IPairedItemData[])
		.concat(item.pairedItem as IPairedItemData | IPairedItemData[])
		.map((p) => p.item)
		.sort((a, b) => a - b);
it(`every consignment in comes out exactly once, paired to its items (${RUNS} random fault mixes)`, async () => {
	await fc.assert(
		fc.asyncProperty(scenarioArb, async (scenario) => {
			const op = scenario.operation;
			const items = scenario.items.map((item) => ({
				group: op.groups.length > 0 ? op.groups[item.group] : '',
				refs: op.oneReference ? item.refs.slice(0, 1) : item.refs,
				asList: item.asList,
			}));
			sim.reset();
			if (op.seedAllocated)
				sim.addConsignments(ALLOCATED.map((reference) => ({ reference, state: 'Allocated' })));
			sim.setFaultPlan((index) => scenario.faults[index] ?? undefined);
			const labels = op.labels && scenario.getLabels;
			if (labels)
				sim.injectFaults(scenario.labelFaults.map((f) => ({ ...f, path: /^\/labels\// })));
			const result = await runOperation({
				sim,
				operation: op.operation,
				items: items.map((item) => ({
					json: { group: item.group, refs: item.asList ? item.refs : item.refs.join(', ') },
				})),
				references: '={{ $json.refs }}',
				parameters: {
					resource: op.resource,
					requestMode: scenario.mode,
					...op.groupParameter('={{ $json.group }}'),
				},
				options: {
					batchSize: scenario.batchSize,
					bodyFormat: scenario.format,
					retries: scenario.retries,
					retryDelay: 0,
					maxRetryWait: 0,
					timeout: 150,
					getLabels: labels,
				},
				onError: 'continueErrorOutput',
			});
			expect(result.error).toBeUndefined();
			expect(serialiseRun(result)).not.toContain(API_KEY);

			const expected = new Map<string, number[]>();
			items.forEach((item, index) => {
				for (const ref of item.refs)
					expected.set(`${item.group} ${ref}`, [
						...(expected.get(`${item.group} ${ref}`) ?? []),
						index,
					]);
			});
			const seen = new Set<string>();
			const allocated = new Set<string>();
			for (const item of [...result.outputs[0], ...(result.outputs[1] ?? [])]) {
				const paired = pairedIndexes(item);
				const error = item.json.error as string | undefined;
				let key: string;
				const label = item.binary?.data;
				if (error === undefined) {
					key = `${items[paired[0]].group} ${String(item.json.ConsignmentReference)}`;
					allocated.add(String(item.json.ConsignmentReference));
					// With Get Labels: its label or why not, never both; without: neither.
					expect([label !== undefined, 'labelError' in item.json]).toEqual(
						labels ? [!item.json.labelError, !label] : [false, false],
					);
					if (label) expect(label.fileName).toBe(`${String(item.json.ConsignmentReference)}.pdf`);
					totals.labelled += label ? 1 : 0;
					totals.labelErrors += item.json.labelError ? 1 : 0;
					totals.allocated++;
					if (item.json.AllocationUnconfirmed || item.json.Unconfirmed) totals.unconfirmed++;
				} else if (op.failure.test(error)) {
					expect(label).toBeUndefined();
					const [, ref, group = ''] = op.failure.exec(error)!;
					key = `${group} ${ref}`;
					totals.failed++;
				} else {
					const unexpected = op.unexpected.exec(error);
					expect(unexpected).not.toBeNull();
					expect(POOL).not.toContain(unexpected![1]);
					totals.unexpectedReported++;
					continue;
				}
				expect(expected.has(key)).toBe(true);
				expect(seen.has(key)).toBe(false);
				seen.add(key);
				expect(paired).toEqual(expected.get(key));
			}
			expect(seen.size).toBe(expected.size);
			// Labels are asked for only for the consignments that came out allocated.
			for (const { method, path } of sim.requests)
				if (method === 'GET' && path.startsWith('/labels/'))
					expect(allocated.has(path.split('/')[2])).toBe(true);
			byOperation[op.operation] = (byOperation[op.operation] ?? 0) + 1;

			const stats = sim.stats();
			totals.runs++;
			totals.requests += stats.requests;
			totals.faults += stats.faultsAppliedTotal;
			for (const [kind, count] of Object.entries(stats.faultsApplied))
				faultKinds[kind] = (faultKinds[kind] ?? 0) + (count ?? 0);
			totals.consignmentsIn += expected.size;
			totals.consignmentsOut += seen.size;
		}),
		{ numRuns: RUNS, seed: Number(process.env.INVARIANT_SEED ?? 20261125) },
	);
	expect(totals.faults).toBeGreaterThan(RUNS);
	expect(totals.consignmentsOut).toBe(totals.consignmentsIn);
	for (const op of OPERATIONS) expect(byOperation[op.operation]).toBeGreaterThan(RUNS / 20);
	expect(totals.labelled).toBeGreaterThan(RUNS / 10);
	expect(totals.labelErrors).toBeGreaterThan(RUNS / 100);
}, 600_000);
