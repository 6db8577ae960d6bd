/**
 * Text that is not valid Unicode: a UTF-16 surrogate without its pair (e.g. "EC-\uD800", from
 * a cut emoji or a broken import) is no character. encodeURIComponent throws on it ("URI
 * malformed"), JSON.stringify sends it as an unpaired \ud800 escape and UTF-8 (XML bodies)
 * turns it into U+FFFD, so SortedPRO would get something else than the input, or nothing.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
const SHOWN = 60;

const escaped = (unit: string) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The text as a message quotes it (`shown`, its lone surrogates escaped so that the message is
 * valid text) and where its first lone surrogate is (`detail`); undefined when it is valid.
 */
export function loneSurrogate(text: string): { shown: string; detail: string } | undefined {
	const match = LONE_SURROGATE.exec(text);
	if (match === null) return undefined;
	const cut = text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
	return {
		shown: `"${cut.replace(LONE_SURROGATES, escaped)}"`,
		detail: `it holds a lone surrogate (${escaped(match[0])} at character ${match.index + 1})`,
	};
}

/** Why `text` cannot be sent (it holds a lone surrogate), or undefined when it is valid Unicode. */
export function unicodeProblem(text: string): string | undefined {
	const lone = loneSurrogate(text);
	return lone && `${lone.shown} is not valid Unicode text: ${lone.detail}`;
}

/**
 * The first text of a JSON value (property names included) that is not valid Unicode, with
 * where it is (e.g. `at Packages[0].Description: "…" holds …`), or undefined when all is valid.
 */
export function unicodeProblemInJson(value: unknown, at = ''): string | undefined {
	const where = at === '' ? '' : `at ${at}: `;
	if (typeof value === 'string') {
		const problem = unicodeProblem(value);
		return problem === undefined ? undefined : `${where}${problem}`;
	}
	if (value === null || typeof value !== 'object') return undefined;
	if (Array.isArray(value)) {
		for (const [index, element] of value.entries()) {
			const problem = unicodeProblemInJson(element, `${at}[${index}]`);
			if (problem !== undefined) return problem;
		}
		return undefined;
	}
	for (const [key, element] of Object.entries(value)) {
		const keyProblem = unicodeProblem(key);
		if (keyProblem !== undefined) return `${where}the property name ${keyProblem}`;
		const problem = unicodeProblemInJson(element, at === '' ? key : `${at}.${key}`);
		if (problem !== undefined) return problem;
	}
	return undefined;
}
