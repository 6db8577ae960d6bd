/**
 * Property test (fast-check): random inputs, random mixes of injected faults. Every
 * (carrier service, reference) that goes in comes out exactly once, as a summary or as an
 * error item naming it, paired to exactly the input items that supplied it; a summary for a
 * reference never sent is reported, never passed off as a result.
 */
import fc from 'fast-check';
import type { INodeExecutionData, IPairedItemData } from 'n8n-workflow';

import { shutdownN8n } from '../harness';
import { startSimulator, type Fault, type Simulator } from '../simulator';
import { API_KEY, allocate, serialiseRun } from './setup';

const RUNS = Number(process.env.INVARIANT_RUNS ?? 1000);
const SERVICES = ['CX_NDS', 'EDC5_DPDSS'];
const POOL = [...Array.from({ length: 14 }, (_, i) => `EC-P-${i}`), 'EC-P-FAIL', 'XX-UNKNOWN-1', 'XX-UNKNOWN-2'];

let sim: Simulator;
const totals = { runs: 0, requests: 0, faults: 0, consignmentsIn: 0, consignmentsOut: 0, allocated: 0, unconfirmed: 0, failed: 0, unexpectedReported: 0 };
const faultKinds: Record<string, number> = {};

beforeAll(async () => {
	sim = await startSimulator({ apiKey: API_KEY, autoCreate: /^EC-/ });
});
afterAll(async () => {
	console.log(`invariant: ${JSON.stringify(totals)} faults by kind ${JSON.stringify(faultKinds)}`);
	await sim?.close();
	await shutdownN8n();
});

const when = fc.constantFrom<'before' | 'after'>('before', 'after');
const faultArb: fc.Arbitrary<Fault | null> = fc.oneof(
	{ weight: 6, arbitrary: fc.constant(null) },
	{ weight: 4, arbitrary: fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom(429, 500, 502, 503, 504), when }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), status: fc.constant(429), retryAfter: fc.constant('0'), when: fc.constant('before' as const) }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const), when }) },
	{ weight: 1, arbitrary: fc.constant<Fault>({ kind: 'hang', when: 'after' }) },
	{ weight: 1, arbitrary: fc.record({ kind: fc.constant('malformed' as const), format: fc.constantFrom<'json' | 'xml'>('json', 'xml') }) },
	{ weight: 2, arbitrary: fc.record({ kind: fc.constant('fewer' as const), drop: fc.integer({ min: 1, max: 3 }), which: fc.constantFrom<'first' | 'last'>('first', 'last') }) },
	{ weight: 2, arbitrary: fc.constant<Fault>({ kind: 'shuffle', order: 'reverse' }) },
	{ weight: 2, arbitrary: fc.constant<Fault>({ kind: 'extra' }) },
	{ weight: 1, arbitrary: fc.constant<Fault>({ kind: 'html', status: 502 }) },
);
const itemArb = fc.record({
	service: fc.constantFrom(...SERVICES),
	refs: fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }),
	asList: fc.boolean(),
});
const scenarioArb = fc.record({
	items: fc.array(itemArb, { minLength: 1, maxLength: 10 }),
	mode: fc.constantFrom<'combine' | 'perItem'>('combine', 'perItem'),
	batchSize: fc.integer({ min: 1, max: 4 }),
	format: fc.constantFrom<'json' | 'xml'>('json', 'xml'),
	retries: fc.integer({ min: 0, max: 3 }),
	faults: fc.array(faultArb, { maxLength: 10 }),
});

const pairedIndexes = (item: INodeExecutionData) =>
	([] as IPairedItemData[]).concat(item.pairedItem as IPairedItemData | IPairedItemData[]).map((p) => p.item).sort((a, b) => a - b);
const NOT_ALLOCATED = /^Consignment (\S+) was not allocated with (\S+): /;
const UNEXPECTED = /^SortedPRO returned an Allocation Summary for consignment (\S+), which was not in the request$/;

it(`every consignment in comes out exactly once, paired to its items (${RUNS} random fault mixes)`, async () => {
	await fc.assert(
		fc.asyncProperty(scenarioArb, async (scenario) => {
			sim.reset();
			sim.setFaultPlan((index) => scenario.faults[index] ?? undefined);
			const result = await allocate({
				sim,
				items: scenario.items.map((item) => ({ json: { service: item.service, refs: item.asList ? item.refs : item.refs.join(', ') } })),
				carrierService: '={{ $json.service }}',
				references: '={{ $json.refs }}',
				requestMode: scenario.mode,
				options: { batchSize: scenario.batchSize, bodyFormat: scenario.format, retries: scenario.retries, retryDelay: 0, maxRetryWait: 0, timeout: 150 },
				onError: 'continueErrorOutput',
			});
			expect(result.error).toBeUndefined();
			expect(serialiseRun(result)).not.toContain(API_KEY);

			const expected = new Map<string, number[]>();
			scenario.items.forEach((item, index) => {
				for (const ref of item.refs) expected.set(`${item.service} ${ref}`, [...(expected.get(`${item.service} ${ref}`) ?? []), index]);
			});
			const seen = new Set<string>();
			for (const item of [...result.outputs[0], ...(result.outputs[1] ?? [])]) {
				const paired = pairedIndexes(item);
				const error = item.json.error as string | undefined;
				let key: string;
				if (error === undefined) {
					key = `${scenario.items[paired[0]].service} ${String(item.json.ConsignmentReference)}`;
					totals.allocated++;
					if (item.json.AllocationUnconfirmed) totals.unconfirmed++;
				} else if (NOT_ALLOCATED.test(error)) {
					const [, ref, service] = NOT_ALLOCATED.exec(error)!;
					key = `${service} ${ref}`;
					totals.failed++;
				} else {
					const unexpected = UNEXPECTED.exec(error);
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

			const stats = sim.stats();
			totals.runs++;
			totals.requests += stats.requests;
			totals.faults += stats.faultsAppliedTotal;
			for (const [kind, count] of Object.entries(stats.faultsApplied)) faultKinds[kind] = (faultKinds[kind] ?? 0) + (count ?? 0);
			totals.consignmentsIn += expected.size;
			totals.consignmentsOut += seen.size;
		}),
		{ numRuns: RUNS, seed: Number(process.env.INVARIANT_SEED ?? 20261125) },
	);
	expect(totals.faults).toBeGreaterThan(RUNS);
	expect(totals.consignmentsOut).toBe(totals.consignmentsIn);
}, 600_000);
