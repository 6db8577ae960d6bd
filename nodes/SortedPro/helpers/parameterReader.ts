import type { IExecuteFunctions, IGetNodeParameterOptions, INodeExecutionData } from 'n8n-workflow';

/** Gives a parameter's value for an item. */
type ParameterReader = ((itemIndex: number) => unknown) & { constant: boolean };

// `{{ $json.field }}` or `{{ $json["field name"] }}`, the expressions the editor writes when a
// field is dragged in, and nothing else.
const ITEM_FIELD =
	/^=\s*\{\{\s*\$json\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*(["'])([^"'\\]*)\2\s*\])\s*\}\}\s*$/;

/**
 * Reads a per-item parameter for many items without paying for n8n's expression engine where
 * it cannot change the result (about 90 µs per call, most of a 100 000-item run):
 * - a fixed value (no expression) is the same for every item: read once, for item 0;
 * - `{{ $json.field }}` is the item's own field, exactly what n8n's evaluation returns;
 * - any other expression is evaluated by n8n for each item, as usual.
 * For a resource locator the same holds for its `value`.
 */
export function parameterReader(
	ctx: IExecuteFunctions,
	name: string,
	items: INodeExecutionData[],
	options?: IGetNodeParameterOptions,
): ParameterReader {
	const raw: unknown = ctx.getNode().parameters[name];
	const value =
		raw !== null && typeof raw === 'object' && '__rl' in raw
			? (raw as { value?: unknown }).value
			: raw;
	const expression = typeof value === 'string' && value.startsWith('=');
	if (!expression) {
		const fixed: unknown = ctx.getNodeParameter(name, 0, '', options);
		return Object.assign(() => fixed, { constant: true });
	}
	const field = ITEM_FIELD.exec(value);
	if (field) {
		const key = field[1] ?? field[3];
		return Object.assign(
			(itemIndex: number) => {
				const json = items[itemIndex].json;
				return Object.hasOwn(json, key) ? json[key] : undefined;
			},
			{ constant: false },
		);
	}
	return Object.assign((itemIndex: number) => ctx.getNodeParameter(name, itemIndex, '', options), {
		constant: false,
	});
}
