/**
 * Faults injected by the simulator, hostile answers, and the invariant that every
 * consignment that goes in comes out exactly once, paired to the items that supplied it.
 */
import type { Fault } from '../simulator';
import {
	allocate,
	keySecrecy,
	refsItems,
	requestsOf,
	type AllocateRun,
	useSimulator,
	pick,
} from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });
const secrecy = keySecrecy(21);
// A generous timeout: CI runs this while installing n8n; only the hang case shortens it.
const fast = { retryDelay: 0, maxRetryWait: 20, timeout: 10_000 };

async function run(options: Partial<AllocateRun> & { refs: unknown[] }) {
	const result = await allocate({
		sim,
		items: refsItems(options.refs),
		...options,
		options: { ...fast, ...options.options },
	});
	return secrecy.record(result);
}
const puts = () => requestsOf(sim);
const refsOf = (items: Array<{ json: Record<string, unknown> }>) =>
	items.map((item) => item.json.ConsignmentReference ?? item.json.error);

describe('retries', () => {
	it.each([
		['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '0' }],
		['429 without Retry-After', { kind: 'status', status: 429 }],
		['502', { kind: 'status', status: 502 }],
		['503', { kind: 'status', status: 503 }],
		['504', { kind: 'status', status: 504 }],
		['a connection dropped before processing', { kind: 'drop', when: 'before' }],
	] as Array<[string, Fault]>)(
		'%s is retried and the consignments are allocated',
		async (_name, fault) => {
			sim.injectFaults([fault, fault]);
			const result = await run({ refs: ['EC-7-A', 'EC-7-B'] });
			expect(result.error).toBeUndefined();
			expect(refsOf(result.outputs[0])).toEqual(['EC-7-A', 'EC-7-B']);
			expect(pick(result.outputs[0], 'AllocationUnconfirmed')).toEqual([[undefined], [undefined]]);
			expect(puts()).toHaveLength(3);
		},
	);

	it('a Retry-After longer than Max Retry Wait is capped', async () => {
		sim.injectFaults([{ kind: 'status', status: 429, retryAfter: '3600' }]);
		const result = await run({ refs: ['EC-7-C'], options: { maxRetryWait: 10 } });
		expect(refsOf(result.outputs[0])).toEqual(['EC-7-C']);
	});

	it.each([
		['a 500 after SortedPRO allocated', { kind: 'status', status: 500, when: 'after' }],
		['a connection dropped mid-answer', { kind: 'drop', when: 'after' }],
		['an answer that never comes (timeout)', { kind: 'hang', when: 'after' }],
		['an answer that stops half-way (timeout)', { kind: 'hang', when: 'after', bytes: 20 }],
	] as Array<[string, Fault]>)(
		'%s: the resend finds them allocated, reported as allocated-but-unconfirmed',
		async (_name, fault) => {
			sim.injectFaults([fault]);
			const timeout = fault.kind === 'hang' ? 300 : fast.timeout;
			const result = await run({
				refs: ['EC-7-D', 'EC-7-E'],
				onError: 'continueErrorOutput',
				options: { timeout },
			});
			expect(result.outputs[1]).toEqual([]);
			expect(refsOf(result.outputs[0])).toEqual(['EC-7-D', 'EC-7-E']);
			for (const item of result.outputs[0]) {
				expect(item.json).toMatchObject({ AllocationUnconfirmed: true, StatusCode: 400 });
				expect(item.json.Notice).toContain('most likely allocated by this run');
			}
			expect(sim.consignment('EC-7-D')?.state).toBe('Allocated');
			expect(puts()).toHaveLength(2);
		},
	);

	it('a consignment allocated before the run is still an error when no attempt was uncertain', async () => {
		sim.addConsignments([{ reference: 'EC-7-OLD', state: 'Allocated' }]);
		sim.injectFaults([{ kind: 'status', status: 429 }]);
		const result = await run({ refs: ['EC-7-OLD'], onError: 'continueErrorOutput' });
		expect(result.outputs[1].map((item) => item.json.error)).toEqual([
			'Consignment EC-7-OLD was not allocated with CX_NDS: Consignment EC-7-OLD cannot be allocated because it is in state Allocated',
		]);
	});

	it('when retries run out, the last error is reported with its status', async () => {
		sim.injectFaults([{ kind: 'status', status: 503, times: 4 }]);
		const result = await run({ refs: ['EC-7-F'] });
		expect(result.error?.name).toBe('NodeApiError');
		expect((result.error as { httpCode?: string }).httpCode).toBe('503');
		expect(puts()).toHaveLength(4);
	});

	it('Retries 0 sends once; each consignment of the request may have been allocated (500)', async () => {
		sim.injectFaults([{ kind: 'status', status: 500, when: 'before' }]);
		const result = await run({
			refs: ['EC-7-G', 'EC-7-H'],
			options: { retries: 0 },
			onError: 'continueErrorOutput',
		});
		expect(puts()).toHaveLength(1);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual(
			['EC-7-G', 'EC-7-H'].map((ref, item) => [
				expect.stringMatching(
					`^Consignment ${ref} may have been allocated with CX_NDS: check ${ref} in SortedPRO before sending it again \\(.*\\(HTTP 500\\)\\)$`,
				),
				{ item },
			]),
		);
	});
});

describe('odd answers', () => {
	it.each(['json', 'xml'] as const)(
		'a malformed %s answer: every consignment of the request may have been allocated, clearly',
		async (format) => {
			sim.injectFaults([{ kind: 'malformed', format }]);
			const result = await run({
				refs: ['EC-8-A', 'EC-8-B'],
				options: { bodyFormat: format },
				onError: 'continueErrorOutput',
			});
			expect(result.outputs[0]).toEqual([]);
			for (const item of result.outputs[1])
				expect(item.json.error).toMatch(
					/may have been allocated with CX_NDS: check EC-8-[AB] in SortedPRO before sending it again \(SortedPRO's answer could not be read/,
				);
			expect(result.outputs[1]).toHaveLength(2);
		},
	);

	it('summaries out of order are still paired by their detail link', async () => {
		sim.injectFaults([{ kind: 'shuffle', order: 'reverse' }]);
		const result = await run({ refs: ['EC-8-E', 'EC-8-F', 'EC-8-G'] });
		expect(pick(result.outputs[0], 'ConsignmentReference', 'pairedItem')).toEqual([
			['EC-8-E', { item: 0 }],
			['EC-8-F', { item: 1 }],
			['EC-8-G', { item: 2 }],
		]);
		for (const { json } of result.outputs[0])
			expect(json.Description).toContain(json.ConsignmentReference);
	});

	it('a summary for a reference never sent is reported, not passed off as a result', async () => {
		sim.injectFaults([{ kind: 'extra', reference: 'EC-NOT-SENT' }]);
		const result = await run({ refs: ['EC-8-H'], onError: 'continueErrorOutput' });
		expect(refsOf(result.outputs[0])).toEqual(['EC-8-H']);
		expect(result.outputs[1].map((item) => item.json.error)).toEqual([
			'SortedPRO returned an Allocation Summary for consignment EC-NOT-SENT, which was not in the request',
		]);
		sim.reset();
		sim.injectFaults([{ kind: 'extra', reference: 'EC-NOT-SENT' }]);
		expect((await run({ refs: ['EC-8-I'] })).error?.message).toContain(
			'EC-NOT-SENT, which was not in the request',
		);
	});
});

describe('hostile answers', () => {
	const answer = (body: string, contentType: string): Fault => ({
		kind: 'raw',
		status: 200,
		body,
		contentType,
		when: 'after',
	});
	const routed = (ref: string, options: AllocateRun['options']) =>
		run({ refs: [ref], options, onError: 'continueErrorOutput' });

	it('XML with a DOCTYPE and entities is not expanded', async () => {
		const xml = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "EC-EVIL"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]><ArrayOfAllocationSummary><AllocationSummary><StatusCode>200</StatusCode><Description>&y;</Description></AllocationSummary></ArrayOfAllocationSummary>`;
		sim.injectFaults([answer(xml, 'application/xml')]);
		const result = await routed('EC-9-A', { bodyFormat: 'xml' });
		expect(result.outputs[0]).toEqual([]);
		expect(JSON.stringify(result.outputs)).not.toContain('EC-EVIL');
		expect(result.outputs[1]).toHaveLength(1);
	});

	it('deeply nested XML and an oversized answer are refused with a clear error', async () => {
		const deep = `<ArrayOfAllocationSummary><AllocationSummary><X>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</X></AllocationSummary></ArrayOfAllocationSummary>`;
		sim.injectFaults([answer(deep, 'application/xml')]);
		const nested = await routed('EC-9-B', { bodyFormat: 'xml' });
		expect(nested.outputs[1][0].json.error).toContain('nested deeper than 32 levels');
		sim.injectFaults([answer(`[${' '.repeat(33 * 1024 * 1024)}]`, 'application/json')]);
		const huge = await routed('EC-9-C', { timeout: 30000 });
		expect(huge.error).toBeUndefined();
		expect(huge.outputs[1][0].json.error).toContain('larger than');
	});

	it('JSON with __proto__ keys pollutes nothing', async () => {
		const body = `[{"__proto__":{"polluted":"yes"},"StatusCode":200,"ApiLinks":[{"Rel":"detail","Href":"https://x/consignments/EC-9-D","__proto__":{"polluted":"yes"}}],"Extra":{"__proto__":{"polluted":"yes"}}}]`;
		sim.injectFaults([answer(body, 'application/json')]);
		const result = await run({ refs: ['EC-9-D'] });
		const [item] = result.outputs[0];
		expect(item.json.ConsignmentReference).toBe('EC-9-D');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect((item.json as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(item.json.Extra)).toBe(Object.prototype);
	});

	it('an HTML page from a proxy, on every attempt, is quoted by status and title', async () => {
		sim.injectFaults([{ kind: 'html', status: 502, times: 4 }]);
		const result = await run({ refs: ['EC-9-E'] });
		expect(result.error?.message).toBe(
			'Consignment EC-9-E may have been allocated with CX_NDS: check EC-9-E in SortedPRO before sending it again (SortedPRO answered HTTP 502 with an HTML page ("502 Bad Gateway"), probably from a proxy (HTTP 502))',
		);
	});
});

describe('secrets', () => secrecy.test());
