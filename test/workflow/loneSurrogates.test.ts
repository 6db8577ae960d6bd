/**
 * Text that is not valid Unicode (a lone UTF-16 surrogate, e.g. "EC-\uD800") is refused before
 * anything is sent, by every operation, naming the item and the field: in a path it would
 * throw "URI malformed", in a JSON body it would go as an unpaired escape, in XML as U+FFFD.
 */
import { orderRow } from './consignment-setup';
import { runSortedPro, useSimulator } from './setup';
import { OPS, paramsOf } from './operations';
import { operations } from './unicode-cases';

const sim = useSimulator({ autoCreate: /^EC-/ });

const escaped = (text: string) =>
	text.replace(/[\ud800-\udfff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16)}`);

describe('a lone surrogate is refused before anything is sent', () => {
	it.each(operations.map(([what, parameters, field]) => [what, field, parameters] as const))(
		'%s: "%s" named',
		async (_what, field, parameters) => {
			const result = await runSortedPro(sim, parameters, [
				{ json: { ...orderRow(1001), bad: 'EC-\uD800' } },
			]);
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(
				new RegExp(`^\\[item 0\\] "${field.replace(/[()]/g, '\\$&')}" `),
			);
			expect(result.error?.message).toMatch(
				/is not valid Unicode text: it holds a lone surrogate \(\\u(d800|dc00) at character \d+\)$/,
			);
			// The message is valid text itself: the surrogate is shown escaped.
			expect(result.error?.message).toBe(escaped(result.error?.message ?? ''));
			expect(sim.requests).toHaveLength(0);
		},
	);

	it.each([
		[
			'a high surrogate at the end',
			'EC-000-\uD800',
			'contains "EC-000-\\ud800", which is not valid Unicode text: it holds a lone surrogate (\\ud800 at character 8)',
		],
		[
			'a low surrogate alone',
			'EC-\uDC00-000',
			'contains "EC-\\udc00-000", which is not valid Unicode text: it holds a lone surrogate (\\udc00 at character 4)',
		],
		[
			'a pair in the wrong order',
			'EC-\uDE00\uD83D',
			'contains "EC-\\ude00\\ud83d", which is not valid Unicode text: it holds a lone surrogate (\\ude00 at character 4)',
		],
		[
			'a high surrogate before another character',
			'EC-\uD83D-1',
			'contains "EC-\\ud83d-1", which is not valid Unicode text: it holds a lone surrogate (\\ud83d at character 4)',
		],
	])('%s, in a path or in a body, with good items going on', async (_what, bad, problem) => {
		for (const parameters of [
			{ resource: 'consignment', operation: 'get' },
			paramsOf(OPS.allocateWithCarrierService),
		]) {
			sim.reset();
			const result = await runSortedPro(
				sim,
				{
					...parameters,
					consignmentReference: '={{ $json.ref }}',
					consignmentReferences: '={{ $json.ref }}',
				},
				[{ json: { ref: 'EC-GOOD-1' } }, { json: { ref: bad } }],
				'continueErrorOutput',
			);
			expect(
				result.outputs[0].map((item) => item.json.ConsignmentReference ?? item.json.Reference),
			).toEqual(['EC-GOOD-1']);
			expect(result.outputs[1]).toHaveLength(1);
			expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
			expect(result.outputs[1][0].json.error).toContain(problem);
			expect(JSON.stringify(sim.requests.map((r) => [r.path, r.body]))).not.toMatch(
				/\\u[dD][89a-fA-F]|%ED|\uFFFD/,
			);
		}
	});

	it('a valid pair (an emoji) is valid Unicode and is sent as given', async () => {
		const result = await runSortedPro(
			sim,
			{ resource: 'consignment', operation: 'get', consignmentReference: '={{ $json.ref }}' },
			[{ json: { ref: 'EC-\uD83D\uDE00' } }],
			'continueErrorOutput',
		);
		expect(result.outputs[0].map((item) => item.json.Reference)).toEqual(['EC-\uD83D\uDE00']);
		expect(sim.requests.map((r) => decodeURIComponent(r.path))).toEqual([
			'/consignments/EC-\uD83D\uDE00',
		]);
	});
});
