/**
 * A catalogue of bad input. Each case is either refused (a NodeOperationError naming
 * the item and the field, with no request sent) or cleaned (and what is sent is asserted).
 * The rules are written down in README "How references are read".
 */
import type { IDataObject } from 'n8n-workflow';

import { API_KEY, allocate, requestsOf, serialiseRun, useSimulator } from './setup';
import type { AllocateRun } from './setup';

const sim = useSimulator({ autoCreate: /^EC-/ });

const puts = () => requestsOf(sim);
/** Allocates the references each of these items gives in `v`. */
const allocateV = (items: Array<Record<string, unknown>>, more: Partial<AllocateRun> = {}) =>
	allocate({
		sim,
		items: items.map((json) => ({ json: json as IDataObject })),
		references: '={{ $json.v }}',
		...more,
	});
const long = 'EC-' + 'X'.repeat(9997);

// Values given to item 1 through `{{ $json.v }}`; item 0 is always good.
const refusedReferences: Array<[string, unknown, string]> = [
	['an empty string', '', 'has no consignment reference'],
	['spaces only', '   ', 'has no consignment reference'],
	['tabs and new lines only', '\t\n\r\n', 'has no consignment reference'],
	['separators only', ' , ,, ', 'has no consignment reference'],
	['null', null, 'is empty'],
	['a missing field (undefined)', undefined, 'is empty'],
	['zero', 0, 'a number (0)'],
	['a number', 42, 'a number (42)'],
	['a negative number', -7, 'a number (-7)'],
	['a fraction', 3.5, 'a number (3.5)'],
	['true', true, 'a boolean (true)'],
	['false', false, 'a boolean (false)'],
	['an empty object', {}, 'an object'],
	['an object with a reference', { ref: 'EC-1' }, 'an object'],
	['an empty list', [], 'has no consignment reference'],
	['a list of blanks', ['', '  ', '\n'], 'has no consignment reference'],
	['a nested empty list', [[]], 'a list at position 1'],
	['a nested list', ['EC-1', ['EC-2']], 'a list at position 2'],
	['null in a list', ['EC-1', null], 'null at position 2'],
	['a number in a list', ['EC-1', 5], 'a number (5) at position 2'],
	['an object in a list', [{}], 'an object at position 1'],
	['a boolean in a list', [true], 'a boolean (true) at position 1'],
	['a 10 000-character string', long, 'a reference of 10000 characters'],
	['a 101-character reference', 'EC-' + 'A'.repeat(98), 'the limit is 100'],
	['a long reference in a list', ['EC-1', long], 'a reference of 10000 characters'],
	['a NUL character', 'EC-1\u0000', 'control or invisible character'],
	['a BEL character', 'EC-\u00071', 'control or invisible character'],
	['an ESC sequence', 'EC-\u001b[31m1', 'control or invisible character'],
	['a DEL character', 'EC\u007f-1', 'control or invisible character'],
	['a C1 control (NEL)', 'EC-\u0085-1', 'control or invisible character'],
	['a zero-width space', 'EC-000\u200b-05A', 'control or invisible character'],
	['a zero-width joiner', 'EC-\u200d000', 'control or invisible character'],
	['a right-to-left override', 'EC-\u202e000', 'control or invisible character'],
	['a word joiner', 'EC-\u2060000', 'control or invisible character'],
];
const refusedCarrierServices: Array<[string, unknown, string]> = [
	['blank', '   ', 'is empty'],
	['a number', 42, 'is not text (42)'],
	['an object', { a: 1 }, 'is not text ({"a":1})'],
	['a list', ['CX_NDS'], 'is not text (["CX_NDS"])'],
	['null', null, 'is empty'],
	['missing', undefined, 'is empty'],
];
const batchSize = (shown: string) =>
	`"Batch Size" must be a whole number from 1 to 1000, not ${shown}`;
// Each option's minimum - 1 and maximum + 1 are refused in router.test.ts.
const refusedOptions: Array<[string, IDataObject, string]> = [
	['a negative batch size', { batchSize: -5 }, batchSize('-5')],
	['a huge batch size', { batchSize: 1e9 }, batchSize('1000000000')],
	['a fractional batch size', { batchSize: 2.5 }, batchSize('2.5')],
	['a batch size as text', { batchSize: '={{ "100" }}' }, batchSize('"100"')],
	[
		'a fractional retry delay',
		{ retryDelay: 0.5 },
		'"Retry Delay (Ms)" must be a whole number from 0 to 600000, not 0.5',
	],
];

describe('refused, naming item and field, before any request', () => {
	it.each(refusedReferences)('Consignment References: %s', async (_name, value, problem) => {
		const result = await allocateV([{ v: 'EC-OK-1' }, { v: value }]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^\[item 1\] "Consignment References" /);
		expect(result.error?.message).toContain(problem);
		expect(sim.requestCount).toBe(0);
	});

	it.each(refusedCarrierServices)('Carrier Service: %s', async (_name, value, problem) => {
		const result = await allocateV(
			[
				{ s: 'CX_NDS', v: 'EC-OK-1' },
				{ s: value, v: 'EC-OK-2' },
			],
			{
				carrierService: '={{ $json.s }}',
			},
		);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(/^\[item 1\] "Carrier Service" /);
		expect(result.error?.message).toContain(problem);
		expect(sim.requestCount).toBe(0);
	});

	it('Carrier Service: one the subscription does not have (checked with GET /carrierservices, no allocation sent)', async () => {
		const result = await allocateV(
			[
				{ s: 'CX_NDS', v: 'EC-OK-1' },
				{ s: 'CX_NDS_TYPO', v: 'EC-OK-2' },
			],
			{ carrierService: '={{ $json.s }}' },
		);
		expect(result.error?.message).toMatch(
			/^\[item 1\] "Carrier Service" "CX_NDS_TYPO" is not a carrier service/,
		);
		expect(puts()).toHaveLength(0);
	});

	it.each(refusedOptions)('Options: %s', async (_name, options, message) => {
		const result = await allocate({ sim, items: [{ json: { ref: 'EC-OK-1' } }], options });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe(`[item 0] ${message}`);
		expect(sim.requestCount).toBe(0);
	});
});

describe('cleaned or accepted as given', () => {
	const sent = () =>
		puts().flatMap((r) => JSON.parse(r.body ?? '{}').ConsignmentReferences as string[]);

	it.each([
		['surrounding spaces are trimmed', '  EC-C-1  ', ['EC-C-1']],
		[
			'commas, spaces, tabs and new lines all separate',
			'EC-C-1,EC-C-2 EC-C-3\tEC-C-4\r\nEC-C-5',
			['EC-C-1', 'EC-C-2', 'EC-C-3', 'EC-C-4', 'EC-C-5'],
		],
		['blanks between separators are dropped', ',,EC-C-1,, ,EC-C-2,', ['EC-C-1', 'EC-C-2']],
		['a repeated reference is sent once', 'EC-C-1, EC-C-1, EC-C-1', ['EC-C-1']],
		['a list is trimmed and its blanks dropped', [' EC-C-1 ', '', 'EC-C-2'], ['EC-C-1', 'EC-C-2']],
		[
			'non-breaking and ideographic spaces separate too',
			'EC-C-1\u00a0EC-C-2\u3000EC-C-3',
			['EC-C-1', 'EC-C-2', 'EC-C-3'],
		],
		['a byte-order mark is whitespace', '\ufeffEC-C-1', ['EC-C-1']],
		['a 100-character reference is allowed', 'EC-' + 'A'.repeat(97), ['EC-' + 'A'.repeat(97)]],
	] as Array<[string, unknown, string[]]>)('%s', async (_name, value, references) => {
		const result = await allocateV([{ v: value }]);
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual(references);
		expect(result.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual(references);
	});

	it.each(['json', 'xml'] as const)(
		'XML-special characters and quotes are sent exactly (%s body) and come back paired',
		async (bodyFormat) => {
			const references = ['EC-<1>', 'EC-&2', 'EC-]]>3', 'EC-"4"', "EC-'5'"];
			const result = await allocateV([{ v: references }], { options: { bodyFormat } });
			expect(result.error).toBeUndefined();
			expect(result.outputs[0].map((item) => item.json.ConsignmentReference)).toEqual(references);
			for (const reference of references)
				expect(sim.consignment(reference)?.state).toBe('Allocated');
			if (bodyFormat === 'xml')
				expect(puts()[0].body).toContain(
					'<string>EC-&lt;1&gt;</string><string>EC-&amp;2</string><string>EC-]]&gt;3</string>',
				);
		},
	);

	it('a Unicode look-alike is sent as given, and SortedPRO reports it not found', async () => {
		const lookAlike = '\u0415\u0421-000-05A-Z6S'; // Cyrillic Е and С
		const result = await allocateV([{ v: lookAlike }], { onError: 'continueErrorOutput' });
		expect(sent()).toEqual([lookAlike]);
		expect(result.outputs[1].map((item) => item.json.error)).toEqual([
			`Consignment ${lookAlike} was not allocated with CX_NDS: Consignment ${lookAlike} not found`,
		]);
	});

	it('__proto__ and constructor keys in input JSON are plain data and pollute nothing', async () => {
		const json = JSON.parse(
			'{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "v": "EC-C-9"}',
		) as IDataObject;
		const result = await allocateV([json]);
		expect(result.error).toBeUndefined();
		expect(result.outputs[0][0].json.ConsignmentReference).toBe('EC-C-9');
		expect(({} as IDataObject).polluted).toBeUndefined();
		expect(serialiseRun(result)).not.toContain(API_KEY);
	});
});
