import { parseReferences, plainReference } from '../../nodes/SortedPro/helpers/references';
import { unicodeProblem, unicodeProblemInJson } from '../../nodes/SortedPro/helpers/unicode';

describe('text that is not valid Unicode (a lone surrogate)', () => {
	it.each([
		[
			'EC-\uD800',
			'"EC-\\ud800" is not valid Unicode text: it holds a lone surrogate (\\ud800 at character 4)',
		],
		[
			'\uDC00EC',
			'"\\udc00EC" is not valid Unicode text: it holds a lone surrogate (\\udc00 at character 1)',
		],
		[
			'EC-\uDE00\uD83D',
			'"EC-\\ude00\\ud83d" is not valid Unicode text: it holds a lone surrogate (\\ude00 at character 4)',
		],
		[
			`${'x'.repeat(70)}\uD800`,
			`"${'x'.repeat(60)}…" is not valid Unicode text: it holds a lone surrogate (\\ud800 at character 71)`,
		],
	])('%j: %s', (text, problem) => {
		expect(unicodeProblem(text)).toBe(problem);
	});

	it.each(['EC-000-05A-Z6S', 'EC-\uD83D\uDE00', '', 'Zürich 東京'])('%j is valid', (text) => {
		expect(unicodeProblem(text)).toBeUndefined();
	});

	it('a reference holding one never passes as a plain reference and is refused by parseReferences', () => {
		expect(plainReference('EC-\uD800')).toBeUndefined();
		expect(parseReferences(['EC-1', 'EC-2 EC-\uDBFF'])).toEqual({
			problem:
				'contains "EC-\\udbff", which is not valid Unicode text: it holds a lone surrogate (\\udbff at character 4)',
		});
		expect(parseReferences('EC-\uD83D\uDE00')).toEqual({ references: ['EC-\uD83D\uDE00'] });
	});

	it('in JSON: the first one is found with where it is, in values and property names', () => {
		expect(
			unicodeProblemInJson({ Packages: [{ Description: 'ok' }, { Description: 'a\uD800' }] }),
		).toBe(
			'at Packages[1].Description: "a\\ud800" is not valid Unicode text: it holds a lone surrogate (\\ud800 at character 2)',
		);
		expect(unicodeProblemInJson({ MetaData: [{ '\uDC00': 1 }] })).toBe(
			'at MetaData[0]: the property name "\\udc00" is not valid Unicode text: it holds a lone surrogate (\\udc00 at character 1)',
		);
		expect(unicodeProblemInJson({ a: [1, null, true, { b: 'EC-\uD83D\uDE00' }] })).toBeUndefined();
	});
});
