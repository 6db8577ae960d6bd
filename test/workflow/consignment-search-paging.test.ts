/**
 * Consignment → Search against a server whose paging cannot be trusted: pages that repeat,
 * pages that are always full, a Count that lies. Each consignment comes out once, paging
 * stops when a page brings nothing new, and Max Pages bounds the rest, failing loudly.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { consignmentNode } from './consignment-setup';
import { nodeType, useSimulator } from './setup';

const sim = useSimulator();
const TWENTY = Array.from({ length: 20 }, (_, i) => `EC-000-0PG-${String(i).padStart(3, '0')}`);

const search = (parameters: INodeParameters, items?: INodeExecutionData[]) =>
	consignmentNode(sim, 'search', parameters, items, 'continueErrorOutput');
const pages = () => sim.requests.filter((r) => r.method === 'GET').map((r) => r.path);
const references = (items: INodeExecutionData[]) => items.map((item) => item.json.Reference);

describe('Search: paging a server that cannot be trusted', () => {
	beforeEach(() => sim.addConsignments(TWENTY));

	it('pages repeating A, B, A, B: each consignment once, and paging stops at the first page that brings nothing new', async () => {
		sim.setOption('searchPages', 'repeat');
		const result = await search({ returnAll: true, options: { pageSize: 5 } });
		expect(result.outputs[1]).toEqual([]);
		expect(references(result.outputs[0])).toEqual(TWENTY.slice(0, 10));
		expect(pages()).toEqual(['/consignments/5/0', '/consignments/5/5', '/consignments/5/10']);
	});

	it('a page that partly repeats the last one: only its new consignments are output, and paging goes on', async () => {
		// Page size 7 against pages of 0–6, 7–13, then 0–6 again from skip 14 (repeat: 14 mod 14).
		sim.setOption('searchPages', 'repeat');
		const result = await search({ returnAll: false, limit: 12, options: { pageSize: 7 } });
		expect(references(result.outputs[0])).toEqual(TWENTY.slice(0, 12));
		expect(new Set(references(result.outputs[0])).size).toBe(12);
	});

	it('always-full pages of new consignments: Return All stops at Max Pages and fails, saying what it got and how to get more', async () => {
		sim.setOption('searchPages', 'endless');
		const result = await search({ returnAll: true, options: { pageSize: 10, maxPages: 3 } }, [
			{ json: { ask: 1 } },
		]);
		expect(pages()).toEqual(['/consignments/10/0', '/consignments/10/10', '/consignments/10/20']);
		expect(result.outputs[0]).toEqual([]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 0 });
		expect(result.outputs[1][0].json.error).toBe(
			'Search stopped after Max Pages (3 pages, 30 consignments) although SortedPRO may have more: raise Options › Max Pages or Page Size, or narrow the Filters',
		);
	});

	it('Max Pages defaults to 100 pages, and bounds Limit too', async () => {
		const option = nodeType.description.properties
			.find((p) => p.name === 'options' && p.displayOptions?.show?.operation?.includes('search'))
			?.options?.find((o) => o.name === 'maxPages');
		expect(option).toMatchObject({ default: 100, type: 'number' });
		sim.setOption('searchPages', 'endless');
		const all = await search({ returnAll: true, options: { pageSize: 1 } });
		expect(pages()).toHaveLength(100);
		expect(all.outputs[1][0].json.error).toMatch(
			/^Search stopped after Max Pages \(100 pages, 100 consignments\)/,
		);

		sim.reset();
		sim.setOption('searchPages', 'endless');
		const limited = await search({
			returnAll: false,
			limit: 50,
			options: { pageSize: 10, maxPages: 2 },
		});
		expect(pages()).toHaveLength(2);
		expect(limited.outputs[1][0].json.error).toMatch(
			/^Search stopped after Max Pages \(2 pages, 20 consignments\)/,
		);
	});

	it('reaching Limit within Max Pages is no failure', async () => {
		sim.setOption('searchPages', 'endless');
		const result = await search({
			returnAll: false,
			limit: 25,
			options: { pageSize: 10, maxPages: 3 },
		});
		expect(result.outputs[1]).toEqual([]);
		expect(result.outputs[0]).toHaveLength(25);
		expect(pages()).toEqual(['/consignments/10/0', '/consignments/10/10', '/consignments/5/20']);
	});

	it.each([0, 7, 1_000_000])(
		'a Count of %i that lies changes nothing: paging follows the pages',
		async (count) => {
			sim.setOption('searchCount', count);
			const result = await search({ returnAll: true, options: { pageSize: 8 } });
			expect(result.outputs[1]).toEqual([]);
			expect(references(result.outputs[0])).toEqual(TWENTY);
			expect(pages()).toEqual(['/consignments/8/0', '/consignments/8/8', '/consignments/8/16']);
		},
	);

	it('refuses a Max Pages that is not a whole number of 1 or more, before sending', async () => {
		const result = await search({ returnAll: true, options: { maxPages: 0 } });
		expect(result.outputs[1][0].json.error).toBe(
			'[item 0] "Max Pages" must be a whole number from 1 to 10000, not 0',
		);
		expect(sim.requests).toHaveLength(0);
	});
});
