/**
 * Quote → Get for Order: POST /quotes with the order mapped as for Consignment → Create; one
 * item per quote, cheapest first, nothing created; bad order fields refused before sending.
 */
import { captureLogs } from '../harness';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { createFromRow, orderRow, rows } from './consignment-setup';
import { API_KEY, serialiseRun, useSimulator, nodeRunner } from './setup';

const sim = useSimulator();
captureLogs();

const quotesForOrder = nodeRunner(sim, {
	resource: 'quote',
	operation: 'getForOrder',
	...createFromRow(),
});
const posts = () => sim.requests.filter((request) => request.method === 'POST');
const gross = (item: INodeExecutionData) => (item.json.Price as IDataObject).Gross as number;

describe('Quote → Get for Order', () => {
	it('one item per quote, cheapest first, paired to its order; the body is Create’s; nothing is created', async () => {
		const result = await quotesForOrder(rows(1001, 1002));
		expect(result.error).toBeUndefined();
		const [main] = result.outputs;
		for (const [index, order] of ['ORD-1001', 'ORD-1002'].entries()) {
			const own = main.filter((item) => item.json.ConsignmentReferenceProvidedByCustomer === order);
			// four enabled default services take an order (the disabled one and REFUSE-ALL give none)
			expect(own).toHaveLength(4);
			expect(own.map((item) => item.pairedItem)).toEqual(Array(4).fill({ item: index }));
			const prices = own.map(gross);
			expect(prices).toEqual([...prices].sort((a, b) => a - b));
			expect(Object.keys(own[0].json)[0]).toBe('ConsignmentReferenceProvidedByCustomer');
			expect(own[0].json).toMatchObject({
				QuoteReference: expect.stringMatching(/^[0-9a-f-]{36}$/),
				MpdCarrierServiceReference: expect.any(String),
				QuoteRequestReference: expect.stringMatching(/^[0-9a-f-]{36}$/),
			});
		}
		expect(posts().map((request) => request.path)).toEqual(['/quotes', '/quotes']);
		const body = JSON.parse(posts()[0].body ?? '') as IDataObject;
		expect(body).toMatchObject({
			ConsignmentReferenceProvidedByCustomer: expect.stringMatching(/^ORD-100[12]$/),
			Packages: [expect.objectContaining({ Description: 'Socks' })],
		});
		expect(sim.consignmentStates()).toEqual({});
	});

	it('an order no carrier service takes is an error naming the order, with SortedPRO’s message', async () => {
		const items = [{ json: orderRow(1003, { order: 'ORD-1003-FAIL' }) }];
		const result = await quotesForOrder(items, {}, 'continueErrorOutput');
		expect(result.outputs[1].map((item) => item.json.error)).toEqual([
			'SortedPRO has no quotes for order ORD-1003-FAIL: No carrier services are available for this consignment',
		]);
	});

	it('a bad order field is refused before any request, naming item and field', async () => {
		const result = await quotesForOrder([{ json: orderRow(1004, { country: 'GBR' }) }]);
		expect(result.error?.message).toMatch(/^\[item 0\] "Country Code"/);
		expect(posts()).toHaveLength(0);
	});

	it('a 500 is asked again (nothing is created by a quote) and the API key appears nowhere', async () => {
		sim.injectFaults([{ kind: 'status', status: 500, path: '/quotes' }]);
		const result = await quotesForOrder(rows(1005), { options: { retryDelay: 0 } });
		expect(result.error).toBeUndefined();
		expect(result.outputs[0]).toHaveLength(4);
		expect(posts()).toHaveLength(2);
		expect(serialiseRun(result)).not.toContain(API_KEY);
	});
});
