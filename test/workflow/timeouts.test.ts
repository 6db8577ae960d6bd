/**
 * The timeout of a request grows with the consignments it holds (Timeout + Timeout per Further
 * Consignment for each after the first): a server that takes its time over a large batch but
 * answers is not cut off, a silent one still is.
 */
import { allocate, refsItems, requestsOf, useSimulator } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const REFERENCES = Array.from({ length: 300 }, (_, i) => `EC-TO-${String(i).padStart(3, '0')}`);

/** One request for all 300 consignments; the server takes 5 ms for each (1.5 s in all). */
async function allocateBatch(timeoutPerConsignment: number) {
	sim.setLatency({ perConsignmentMs: 5 });
	return await allocate({
		sim,
		items: refsItems(REFERENCES),
		options: { batchSize: 300, timeout: 500, timeoutPerConsignment, retries: 0 },
		onError: 'continueErrorOutput',
	});
}

it('a slow but steady server answering a large batch is not cut off', async () => {
	// 500 ms + 299 × 10 ms = 3.49 s for an answer that takes 1.5 s
	const { outputs } = await allocateBatch(10);
	expect(outputs[1] ?? []).toEqual([]);
	expect(outputs[0].map((item) => item.json.ConsignmentReference)).toEqual(REFERENCES);
	expect(requestsOf(sim, 'PUT')).toHaveLength(1);
});

it('with no time per further consignment, Timeout alone cuts the same answer off', async () => {
	const { outputs } = await allocateBatch(0);
	expect(outputs[0] ?? []).toEqual([]);
	expect(outputs[1]).toHaveLength(REFERENCES.length);
	expect(String(outputs[1][0].json.error)).toMatch(
		/^Consignment EC-TO-000 may have been allocated with CX_NDS: .*no complete answer within 500 ms/,
	);
});

it('a silent server is still cut off, at the timeout its batch allows', async () => {
	sim.injectFaults([{ kind: 'hang' }]);
	const started = Date.now();
	const items = refsItems(REFERENCES.slice(0, 11));
	const options = { timeout: 500, timeoutPerConsignment: 100, retries: 0 };
	const { outputs } = await allocate({ sim, items, options, onError: 'continueErrorOutput' });
	// 500 ms + 10 × 100 ms
	expect(String(outputs[1][0].json.error)).toMatch(/no complete answer within 1500 ms/);
	expect(Date.now() - started).toBeLessThan(10_000);
});
