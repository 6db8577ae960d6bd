/**
 * A gateway may gzip its answers (the sources do not say SortedPRO's does). n8n's HTTP helper
 * asks for gzip, and the node reads each answer as a stream: the output must be the same
 * whether the answer came compressed or not.
 */
import { captureLogs } from '../harness';

import { binaryBytes, runSortedPro } from './run';
import { allocate, refsItems, serialiseRun, useSimulator } from './setup';

captureLogs();

const sim = useSimulator({
	autoCreate: /^EC-/,
	shippingDate: '2026-11-26T17:00:00Z',
	consignments: [
		{ reference: 'EC-GZ-LABEL', state: 'Allocated', carrierServiceReference: 'CX_NDS' },
	],
});

async function bothWays<T>(run: () => Promise<T>): Promise<{ plain: T; gzipped: T }> {
	sim.reset();
	const plain = await run();
	sim.reset();
	sim.setOption('compressAnswers', 'gzip');
	const gzipped = await run();
	// Every answer of the second run was compressed: each request accepted gzip.
	expect(sim.requests.length).toBeGreaterThan(0);
	for (const request of sim.requests)
		expect(String(request.headers['accept-encoding'])).toMatch(/\bgzip\b/);
	return { plain, gzipped };
}

describe('gzipped answers', () => {
	it.each(['json', 'xml'] as const)(
		'allocation in %s: the same output items',
		async (bodyFormat) => {
			const refs = ['EC-GZ-001', 'EC-GZ-002', 'EC-GZ-003'];
			const { plain, gzipped } = await bothWays(() =>
				allocate({ sim, items: refsItems(refs), options: { bodyFormat } }),
			);
			expect(plain.error).toBeUndefined();
			expect(plain.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual(refs);
			expect(gzipped.outputs).toStrictEqual(plain.outputs);
		},
	);

	it('a label: the same file, byte for byte', async () => {
		const labelGet = {
			resource: 'label',
			operation: 'get',
			consignmentReference: '={{ $json.ref }}',
		};
		const getLabel = () => runSortedPro(sim, labelGet, refsItems(['EC-GZ-LABEL']));
		const { plain, gzipped } = await bothWays(getLabel);
		expect(plain.error).toBeUndefined();
		const [plainItem] = plain.outputs[0];
		const [gzippedItem] = gzipped.outputs[0];
		expect(gzippedItem.json).toStrictEqual(plainItem.json);
		const bytes = binaryBytes(gzippedItem.binary?.data);
		expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
		expect(bytes.equals(binaryBytes(plainItem.binary?.data))).toBe(true);
		expect(serialiseRun(gzipped)).not.toContain('H4sI'); // no gzip stream (base64 of its magic) leaks through
	});
});
