import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { AdaptiveLimit } from '../helpers/concurrency';
import type { RequestOptions } from '../helpers/requestOptions';
import type { SortedProConnection } from '../transport';

/** What every operation of a run shares, read once by the router. */
export interface RunContext {
	connection: SortedProConnection;
	options: RequestOptions;
	/** Shared by every request of the run */
	limit: AdaptiveLimit;
	/** 'continue': failures become error items (continueOnFail, or the node runs as an AI tool) */
	onError: 'stop' | 'continue';
}

/**
 * A call made once per input item (get, cancel one, label…). The router owns the item loop,
 * pairedItem and the continue-on-fail branch: `execute` returns the item's output items (their
 * pairedItem is set by the router) or throws.
 */
export interface PerItemOperation {
	kind: 'perItem';
	/** The entry of the Operation parameter: name, value, action, description */
	option: INodePropertyOptions & { action: string };
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
	): Promise<INodeExecutionData[]>;
}

/**
 * An operation whose references are combined across items (allocate, deallocate, manifest…):
 * `execute` returns every output item, paired, in input order (see batch/engine).
 */
export interface BatchOperation {
	kind: 'batch';
	option: INodePropertyOptions & { action: string };
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		run: RunContext,
	): Promise<INodeExecutionData[]>;
}

export type Operation = PerItemOperation | BatchOperation;

/** A resource: its value, display name and operations (in the order the editor lists them). */
export interface Resource {
	value: string;
	name: string;
	operations: Operation[];
}

/**
 * The parameters of an operation, shown only for its resource and operation (added here, so an
 * operation's file never repeats its own names); conditions of its own (e.g. Return All) stay.
 */
function scoped(resource: string, operation: string, parameter: INodeProperties): INodeProperties {
	const show = { ...parameter.displayOptions?.show, resource: [resource], operation: [operation] };
	return { ...parameter, displayOptions: { ...parameter.displayOptions, show } };
}

/** The Operation parameter of a resource, followed by its operations' parameters. */
export function resourceDescription(resource: Resource): INodeProperties[] {
	const options = resource.operations.map((operation) => operation.option);
	const firstOperation = options[0].value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
			default: firstOperation,
		},
		...resource.operations.flatMap((operation) =>
			operation.description.map((parameter) =>
				scoped(resource.value, String(operation.option.value), parameter),
			),
		),
	];
}
