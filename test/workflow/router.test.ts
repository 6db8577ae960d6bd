/**
 * What the router owns for every operation: output in input order, the shared options (their
 * limits as the editor states them), requests in parallel adapting to 429, stop-on-error, and
 * failures handed to an AI Agent when the node runs as its tool.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { requestOptions, batchSizeOption } from '../../nodes/SortedPro/actions/common.descriptions';
import { runNode } from '../harness';
import { OPS, paramsOf } from './operations';
import {
	allocate,
	credentialsFor,
	credentialType,
	nodeType,
	pick,
	refsItems,
	useSimulator,
} from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const refs = (n: number, prefix: string) =>
	Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
const puts = () => sim.requests.filter((request) => request.method === 'PUT');

describe('output order', () => {
	it("a refused item's error stands where the item stands, between the results of the items around it", async () => {
		const items = refsItems(['EC-1', 42, 'EC-3, EC-4', '', 'EC-1']);
		const result = await allocate({ sim, items, onError: 'continueRegularOutput' });
		expect(
			result.outputs[0].map((item) => [
				item.json.ConsignmentReference ?? String(item.json.error).slice(0, 8),
				item.pairedItem,
			]),
		).toEqual([
			['EC-1', [{ item: 0 }, { item: 4 }]],
			['[item 1]', { item: 1 }],
			['EC-3', { item: 2 }],
			['EC-4', { item: 2 }],
			['[item 3]', { item: 3 }],
		]);
	});
});

describe('shared options: the run accepts exactly what the editor offers', () => {
	const numeric = [...requestOptions, batchSizeOption].filter((option) => option.type === 'number');
	const withOptions = (options: IDataObject) =>
		allocate({ sim, items: refsItems(['EC-OK']), options });

	it.each(numeric.map((option): [string, INodeProperties] => [option.displayName, option]))(
		'%s',
		async (_name, option) => {
			const { minValue, maxValue } = option.typeOptions as { minValue: number; maxValue: number };
			// The limits must exist for the run to check them.
			expect(Number.isInteger(minValue) && Number.isInteger(maxValue)).toBe(true);
			for (const accepted of [minValue, maxValue, option.default as number]) {
				const retries = option.name === 'retries' ? accepted : 0;
				const result = await withOptions({ [option.name]: accepted, retries });
				expect(result.error?.message ?? '').not.toContain(`"${option.displayName}"`);
			}
			for (const refused of [minValue - 1, maxValue + 1]) {
				const result = await withOptions({ [option.name]: refused });
				expect(result.error?.message).toBe(
					`[item 0] "${option.displayName}" must be a whole number from ${minValue} to ${maxValue}, not ${refused}`,
				);
			}
		},
	);
});

describe('Parallel Requests', () => {
	it('keeps that many requests in flight, and the output is the same as one at a time', async () => {
		sim.setLatency({ perRequestMs: 60 });
		const items = refsItems(refs(24, 'EC-P'));
		const parallel = await allocate({ sim, items, options: { batchSize: 2, parallelRequests: 6 } });
		expect(puts()).toHaveLength(12);
		expect(sim.stats().latency.peakConcurrent).toBe(6);
		const sequentialSim = sim.stats().consignmentsAllocated;
		sim.reset();
		sim.setLatency({ perRequestMs: 5 });
		const sequential = await allocate({
			sim,
			items,
			options: { batchSize: 2, parallelRequests: 1 },
		});
		expect(sim.stats().latency.peakConcurrent).toBe(1);
		// Tracking numbers depend on the order requests reached SortedPRO: compare the rest.
		const shape = ({ outputs }: typeof parallel) =>
			pick(outputs[0], 'ConsignmentReference', 'StatusCode', 'pairedItem');
		expect(shape(parallel)).toEqual(shape(sequential));
		expect(sequentialSim).toBe(24);
	});

	it('adapts to a server that takes fewer: halves on 429, converges, nothing lost, 429s bounded', async () => {
		sim.setLatency({ perRequestMs: 40, concurrentRequestLimit: 3, retryAfterSeconds: 0 });
		const requests = 30;
		const parallelRequests = 12;
		const result = await allocate({
			sim,
			items: refsItems(refs(requests, 'EC-T')),
			options: { batchSize: 1, parallelRequests, retries: 10, retryDelay: 0, maxRetryWait: 10 },
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual(
			refs(requests, 'EC-T'),
		);
		const { latency, consignmentsAllocated } = sim.stats();
		expect(consignmentsAllocated).toBe(requests);
		// The bound the README states: at most Parallel Requests 429s while the limit comes
		// down, then at most one per two answered requests as it probes upwards.
		expect(latency.rateLimited).toBeGreaterThan(0);
		expect(latency.rateLimited).toBeLessThanOrEqual(parallelRequests + Math.ceil(requests / 2));
		expect(latency.peakConcurrent).toBe(3);
	});

	it('stop on error: no request starts after the first failure; the error says how far the run got', async () => {
		sim.setLatency({ perRequestMs: 30 });
		const references = refs(20, 'EC-S');
		references[4] = 'EC-S-FAIL';
		const result = await allocate({
			sim,
			items: refsItems(references),
			options: { batchSize: 2, parallelRequests: 2 },
		});
		expect(result.error?.message).toBe(
			'Consignment EC-S-FAIL was not allocated with CX_NDS: Could not be booked with courier.',
		);
		expect(result.error?.description).toMatch(
			/Stopped at this failure: \d+ of 10 requests had completed/,
		);
		// batch 2 held the failure; at most the one other request in flight then was still answered
		expect(puts().length).toBeLessThanOrEqual(4);
	});
});

describe('as an AI Agent tool', () => {
	const toolType = 'n8n-nodes-sortedpro.sortedProTool';
	const run = async (type: string) =>
		await runNode({
			nodeTypes: { [toolType]: nodeType, 'n8n-nodes-sortedpro.sortedPro': nodeType },
			credentialTypes: [credentialType],
			node: { type, parameters: paramsOf(OPS.allocateWithCarrierService, 'EC-TOOL-FAIL') },
			items: [{ json: {} }],
			credentials: credentialsFor(sim),
		});

	const error =
		'Consignment EC-TOOL-FAIL was not allocated with CX_NDS: Could not be booked with courier.';

	it("a failure is the tool's answer, so the model learns why", async () => {
		const result = await run(toolType);
		expect(result.error).toBeUndefined();
		expect(result.outputs[0].map((item) => item.json)).toEqual([{ error }]);
	});

	it('outside tool use, the same failure stops the workflow as usual', async () => {
		expect((await run('n8n-nodes-sortedpro.sortedPro')).error?.message).toBe(error);
	});
});
