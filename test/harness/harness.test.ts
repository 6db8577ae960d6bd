/**
 * What the harness itself adds to a run, checked with the SortedPRO node against the simulator.
 * Its other duties (pairing, error outputs, credential tests, list searches) are asserted by
 * every workflow test through it.
 */
import {
	API_KEY,
	NODE_TYPE,
	credentialType,
	credentialsFor,
	nodeType,
	refsItems,
	runSortedPro,
	useSimulator,
} from '../workflow/setup';
import { allLogs, captureLogs, runNode } from './index';

const sim = useSimulator({ autoCreate: /^EC-/ });
const parameters = {
	resource: 'allocation',
	operation: 'allocateUsingDefaultRules',
	consignmentReferences: '={{ $json.ref }}',
};

describe('runNode', () => {
	it('starts from a Harness Start node whose items are paired, and measures parameter evaluation', async () => {
		const result = await runSortedPro(sim, parameters, refsItems(['EC-H-1', 'EC-H-2']));
		expect(result.runData['Harness Start'][0].data?.main[0]?.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
		]);
		expect(result.paramEvalMs).toBeGreaterThan(0);
	});

	it('an HTTP error fails the run, with the error in the node’s run data too', async () => {
		const result = await runSortedPro(sim, parameters, refsItems(['EC-H-1']), undefined, 'wrong');
		expect(result.outputs).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect(
			Object.values(result.runData).some((runs) => runs[0].error?.name === 'NodeApiError'),
		).toBe(true);
	});

	it('the legacy continueOnFail flag keeps error items on the main output', async () => {
		const result = await runNode({
			nodeTypes: { [NODE_TYPE]: nodeType },
			credentialTypes: [credentialType],
			node: { type: NODE_TYPE, parameters, continueOnFail: true },
			items: refsItems(['EC-H-1', 7]),
			credentials: credentialsFor(sim),
		});
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0].map((i) => typeof i.json.error)).toEqual(['undefined', 'string']);
	});

	it('captures n8n logs, without the API key', async () => {
		const logs = captureLogs();
		await runSortedPro(sim, parameters, refsItems(['EC-H-1']));
		expect(logs.some((l) => l.includes('Workflow execution started'))).toBe(true);
		expect(logs.join('\n')).not.toContain(API_KEY);
		expect(allLogs().length).toBeGreaterThanOrEqual(logs.length);
	});

	it('runs fast after the first execution', async () => {
		const n = 30;
		const start = Date.now();
		for (let i = 0; i < n; i++) await runSortedPro(sim, parameters, refsItems(['EC-H-1']));
		const perRun = (Date.now() - start) / n;
		console.log(`harness: ${perRun.toFixed(1)} ms per runNode (1 item, 1 HTTP call)`);
		expect(perRun).toBeLessThan(200);
	});
});
