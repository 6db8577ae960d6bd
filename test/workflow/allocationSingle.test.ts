/**
 * Allocate With Cheapest Quote and Allocate With Quote: one consignment per request (the
 * consignment, and the quote, in the path), through n8n-core against the simulator.
 */
import { keySecrecy, refsItems, requestsOf, useSimulator, pick } from './setup';
import { outcomeOf, runOperation, type OperationRun } from './family';

const sim = useSimulator({ autoCreate: /^EC-/ });
const secrecy = keySecrecy(11);
const puts = () => requestsOf(sim);
const paths = () => puts().map((r) => r.path);
const run = async (options: Omit<OperationRun, 'sim'>) =>
	secrecy.record(await runOperation({ sim, ...options }));
const cheapest = (refs: unknown[], more: Partial<OperationRun> = {}) =>
	run({ operation: 'allocateWithCheapestQuote', items: refsItems(refs), ...more });
/** Items of { ref, quote }; the quote is read from each item. */
const withQuote = (pairs: Array<[unknown, string]>, more: Partial<OperationRun> = {}) =>
	run({
		operation: 'allocateWithQuote',
		items: pairs.map(([ref, quote]) => ({ json: { ref, quote } as never })),
		parameters: { quoteReference: '={{ $json.quote }}' },
		...more,
	});
const GUID_A = '0000000a-1111-4222-8333-444455556666';

describe('Allocate With Cheapest Quote', () => {
	it('one request per consignment, no body; duplicates sent once and paired to every item; outputs in input order', async () => {
		const result = await cheapest(['EC-1-A, EC-1-B', 'EC-1-B', ['EC-1-C', 'EC-1-A']], {
			options: { parallelRequests: 3 },
		});
		expect(result.error).toBeUndefined();
		expect(pick(result.outputs[0], 'ConsignmentReference', 'pairedItem', 'StatusCode')).toEqual([
			['EC-1-A', [{ item: 0 }, { item: 2 }], 200],
			['EC-1-B', [{ item: 0 }, { item: 1 }], 200],
			['EC-1-C', { item: 2 }, 200],
		]);
		expect(paths().sort()).toEqual(
			['A', 'B', 'C'].map((x) => `/allocation/EC-1-${x}/allocatewithcheapestquote`),
		);
		expect(puts().every((r) => r.body === '' && r.contentType === undefined)).toBe(true);
		expect(sim.consignment('EC-1-C')).toMatchObject({
			state: 'Allocated',
			carrierServiceReference: 'Example-Carrier-Service',
		});
	});

	it('JSON and XML answers give identical output items (Allocate With Quote too)', async () => {
		const json = await cheapest(['EC-2-A', 'EC-2-B']);
		sim.reset();
		const xml = await cheapest(['EC-2-A', 'EC-2-B'], { options: { bodyFormat: 'xml' } });
		expect(xml.outputs).toStrictEqual(json.outputs);
		expect(puts()[0].accept).toMatch(/application\/xml/);
		sim.reset();
		const jsonQuote = await withQuote([['EC-7-A', GUID_A]]);
		sim.reset();
		const xmlQuote = await withQuote([['EC-7-A', GUID_A]], { options: { bodyFormat: 'xml' } });
		expect(xmlQuote.outputs).toStrictEqual(jsonQuote.outputs);
	});

	it.each([['EC-3/../x'], ['EC-3?a=1'], ['EC-3#x'], ['EC-3%2F'], ['..']])(
		'"%s" is refused before any request, naming item and field',
		async (bad) => {
			const result = await cheapest(['EC-3-A', bad]);
			expect(result.error?.message).toMatch(
				/^\[item 1\] "Consignment References" ".*" contains a character that cannot be part of a SortedPRO path/,
			);
			expect(sim.requestCount).toBe(0);
			sim.reset();
			const continued = await cheapest(['EC-3-A', bad], { onError: 'continueErrorOutput' });
			expect(continued.outputs[0].map(outcomeOf)).toEqual(['EC-3-A']);
			expect(continued.outputs[1].map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
			expect(puts()).toHaveLength(1);
		},
	);

	it('partial failure: a consignment already allocated goes to the error output, naming it', async () => {
		sim.addConsignments([{ reference: 'EC-4-OLD', state: 'Allocated' }]);
		const result = await cheapest(['EC-4-A', 'EC-4-OLD', 'EC-4-FAIL'], {
			onError: 'continueErrorOutput',
		});
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-4-A']);
		const notCheapest = 'was not allocated with the cheapest quote';
		const old = `Consignment EC-4-OLD ${notCheapest}: Consignment EC-4-OLD cannot be allocated because it is in state Allocated`;
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			[old, { item: 1 }],
			[`Consignment EC-4-FAIL ${notCheapest}: Could not be booked with courier.`, { item: 2 }],
		]);
		expect(sim.consignment('EC-4-FAIL')?.state).toBe('AllocationFailed');
		const stopped = await cheapest(['EC-4-OLD']);
		expect(stopped.error?.message).toBe(old);
	});

	it('a missing Allocation Summary is an error naming the consignment', async () => {
		sim.injectFaults([{ kind: 'fewer' }]);
		const missing = await cheapest(['EC-5-B'], { onError: 'continueErrorOutput' });
		expect(missing.outputs[1].map(outcomeOf)).toEqual([
			'Consignment EC-5-B was not allocated with the cheapest quote: SortedPRO returned no Allocation Summary for it',
		]);
	});
});

describe('one consignment per call: the answer shapes SortedPRO documents', () => {
	const FIELDS = ['StatusCode', 'CarrierServiceReference'];
	const summary = {
		StatusCode: 200,
		Description: 'Consignment EC-11-A has been successfully allocated',
		CarrierServiceReference: 'CX_NDS',
		ConsignmentLegs: [],
	};
	it("one Allocation Summary (not a list), as the help pages show it, is read; one without links is that consignment's", async () => {
		sim.failNext({ status: 200, body: summary });
		const result = await cheapest(['EC-11-A']);
		expect(result.error).toBeUndefined();
		expect(pick(result.outputs[0], 'ConsignmentReference', ...FIELDS, 'ApiLinks')).toEqual([
			['EC-11-A', 200, 'CX_NDS', null],
		]);
	});

	it('the same in XML: a root AllocationSummary', async () => {
		const xml =
			'<?xml version="1.0" encoding="utf-8"?><AllocationSummary xmlns="http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.Consignments"><StatusCode>200</StatusCode><CarrierServiceReference>CX_NDS</CarrierServiceReference></AllocationSummary>';
		sim.failNext({ status: 200, body: xml, contentType: 'application/xml; charset=utf-8' });
		const result = await withQuote([['EC-11-B', GUID_A]], { options: { bodyFormat: 'xml' } });
		expect(pick(result.outputs[0], 'ConsignmentReference', ...FIELDS)).toEqual([
			['EC-11-B', 200, 'CX_NDS'],
		]);
	});
});

describe('Allocate With Quote', () => {
	it('allocates with the quoted service; path holds consignment and quote; the same pair from two items is sent once', async () => {
		const quote = sim.issueQuote('EC-6-A', 'EDC5_DPDSS');
		const result = await withQuote([
			['EC-6-A', quote],
			['EC-6-A', quote],
			['EC-6-B', GUID_A],
		]);
		expect(result.error).toBeUndefined();
		expect(
			pick(result.outputs[0], 'ConsignmentReference', 'CarrierServiceReference', 'pairedItem'),
		).toEqual([
			['EC-6-A', 'EDC5_DPDSS', [{ item: 0 }, { item: 1 }]],
			['EC-6-B', 'Example-Carrier-Service', { item: 2 }],
		]);
		expect(paths()).toEqual([
			`/allocation/EC-6-A/allocatewithquote/${quote}`,
			`/allocation/EC-6-B/allocatewithquote/${GUID_A}`,
		]);
	});

	it.each([
		[
			'a quote reference that is not a GUID',
			[['EC-8-A', 'cheapest']],
			/^\[item 0\] "Quote Reference" "cheapest" is not a quote reference: SortedPRO quote references are GUIDs/,
		],
		[
			'two consignments in one item',
			[['EC-8-A, EC-8-B', GUID_A]],
			/^\[item 0\] "Consignment References" holds 2 references; a quote is for one consignment/,
		],
		[
			'a consignment unsafe in a path',
			[['EC-8/A', GUID_A]],
			/^\[item 0\] "Consignment References" "EC-8\/A" contains a character/,
		],
	] as Array<[string, Array<[string, string]>, RegExp]>)(
		'%s is refused before any request, naming item and field',
		async (_name, pairs, message) => {
			const result = await withQuote(pairs);
			expect(result.error?.message).toMatch(message);
			expect(sim.requestCount).toBe(0);
		},
	);

	it('partial failure: a quote issued for another consignment goes to the error output; error output pairs it', async () => {
		const quote = sim.issueQuote('EC-9-OTHER', 'CX_NDS');
		const result = await withQuote(
			[
				['EC-9-A', GUID_A],
				['EC-9-B', quote],
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(result.outputs[0].map(outcomeOf)).toEqual(['EC-9-A']);
		expect(pick(result.outputs[1], 'error', 'pairedItem')).toEqual([
			[
				`Consignment EC-9-B was not allocated with quote ${quote}: Quote ${quote} is not a quote for consignment EC-9-B`,
				{ item: 1 },
			],
		]);
		expect(sim.consignment('EC-9-B')?.state).toBe('Unallocated');
	});

	it('a 502 is retried', async () => {
		sim.injectFaults([{ kind: 'status', status: 502 }]);
		const retried = await withQuote([['EC-10-A', GUID_A]]);
		expect(pick(retried.outputs[0], 'ConsignmentReference', 'StatusCode')).toEqual([
			['EC-10-A', 200],
		]);
		expect(puts()).toHaveLength(2);
	});
});

describe('secrets', () => secrecy.test());
