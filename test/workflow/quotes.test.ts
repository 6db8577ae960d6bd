import { captureLogs } from '../harness';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { OPS, paramsOf } from './operations';
import { runSortedPro } from './run';
import { refsItems, useSimulator, nodeRunner, pick } from './setup';

const sim = useSimulator({
	autoCreate: /^EC-/,
	consignments: [
		{ reference: 'EC-000-0QU-ALC', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
	],
});
captureLogs();

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const quotes = nodeRunner(sim, {
	resource: 'quote',
	operation: 'getForConsignment',
	consignmentReference: '={{ $json.ref }}',
});
const gross = (item: INodeExecutionData) => (item.json.Price as IDataObject).Gross as number;

describe('Quote → Get for Consignment', () => {
	it('one item per quote, cheapest first, each with a QuoteReference SortedPRO issued for that consignment', async () => {
		const result = await quotes(refsItems(['EC-000-0QU-001', 'EC-000-0QU-002']));
		expect(result.error).toBeUndefined();
		const [main] = result.outputs;
		// five enabled default services (the disabled one and REFUSE-ALL give none)
		const first = main.filter((item) => item.json.ConsignmentReference === 'EC-000-0QU-001');
		expect(first).toHaveLength(4);
		expect(main).toHaveLength(8);
		expect(main.map((item) => item.pairedItem)).toEqual(
			[0, 0, 0, 0, 1, 1, 1, 1].map((item) => ({ item })),
		);
		for (const ref of ['EC-000-0QU-001', 'EC-000-0QU-002']) {
			const own = main.filter((item) => item.json.ConsignmentReference === ref);
			const prices = own.map(gross);
			expect(prices).toEqual([...prices].sort((a, b) => a - b));
			expect(own.map((item) => item.json.QuoteReference)).toEqual(
				sim.quotesFor(ref).map((quote) => quote.QuoteReference),
			);
			own.forEach((item) => expect(item.json.QuoteReference).toMatch(GUID));
			expect(own[0].json.QuoteRequestReference).toMatch(GUID);
		}
		expect(Object.keys(main[0].json).slice(0, 3)).toEqual([
			'ConsignmentReference',
			'QuoteReference',
			'MpdCarrierServiceReference',
		]);
		expect(sim.requests.map((r) => r.path)).toEqual([
			'/quotes/consignment/EC-000-0QU-001',
			'/quotes/consignment/EC-000-0QU-002',
		]);
	});

	it('XML gives the same items', async () => {
		const json = await quotes(refsItems(['EC-000-0QU-001']));
		const xml = await quotes(refsItems(['EC-000-0QU-001']), { options: { bodyFormat: 'xml' } });
		expect(xml.outputs).toStrictEqual(json.outputs);
	});

	it('quotes SortedPRO lists in another order come out cheapest first; unpriced ones last', async () => {
		const quote = (QuoteReference: string, Gross?: number) => ({
			QuoteReference,
			MpdCarrierServiceReference: `S-${QuoteReference}`,
			Price: Gross === undefined ? null : { Gross },
		});
		sim.failNext({
			status: 200,
			body: {
				QuoteRequestReference: 'r',
				Quotes: [quote('a', 9.5), quote('b'), quote('c', 3.25), quote('d', 9.5)],
				Message: null,
			},
		});
		const result = await quotes(refsItems(['EC-000-0QU-001']));
		expect(result.outputs[0].map((item) => item.json.QuoteReference)).toEqual(['c', 'a', 'd', 'b']);
	});

	it('no quotes (every service refuses it) is an error naming the consignment with SortedPRO’s message', async () => {
		const result = await quotes(refsItems(['EC-000-0QU-FAIL']));
		expect(result.error?.message).toBe(
			'SortedPRO has no quotes for consignment EC-000-0QU-FAIL: No carrier services are available for this consignment',
		);
	});
});

describe('Quote → Allocate With Quote', () => {
	it("a QuoteReference from Get for Consignment allocates with that quote's service", async () => {
		const got = await quotes(refsItems(['EC-000-0QU-003']));
		const dearest = got.outputs[0][got.outputs[0].length - 1].json;
		const parameters = {
			...paramsOf(OPS.allocateWithQuote, '={{ $json.ConsignmentReference }}'),
			quoteReference: '={{ $json.QuoteReference }}',
		};
		const allocated = await runSortedPro(sim, parameters, [{ json: dearest }]);
		expect(allocated.error).toBeUndefined();
		expect(pick(allocated.outputs[0], 'ConsignmentReference', 'CarrierServiceReference')).toEqual([
			['EC-000-0QU-003', dearest.MpdCarrierServiceReference],
		]);
		expect(sim.consignment('EC-000-0QU-003')?.carrierServiceReference).toBe(
			dearest.MpdCarrierServiceReference,
		);
	});
});
