import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { BatchSpec } from './batch/types';
import type { RunContext } from './run';

/** What every operation declares: its entry in the Operation parameter and its parameters. */
interface OperationEntry {
	/** The entry of the Operation parameter: name, value, action, description */
	option: INodePropertyOptions & { action: string };
	description: INodeProperties[];
}

/**
 * Calls made once per input item (create, search, manifest by query…). The router owns the
 * item loop, pairedItem and the continue-on-fail branch: `execute` returns the item's output
 * items (their pairedItem is set by the router) or throws.
 */
export interface PerItemOperation extends OperationEntry {
	kind: 'perItem';
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
	): Promise<INodeExecutionData[]>;
}

/**
 * A call about the one consignment an item names (get, label, tracking…): as per item, and the
 * router first reads the item's Consignment Reference, checked as a path segment, and makes any
 * error from SortedPRO name it.
 */
export interface PerConsignmentOperation extends OperationEntry {
	kind: 'perConsignment';
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
		reference: string,
	): Promise<INodeExecutionData[]>;
}

/**
 * References combined across items (allocate, deallocate, manifest…): the batch engine reads,
 * plans, sends and pairs them by the operation's `batch` spec (see batch/engine).
 */
export interface BatchOperation extends OperationEntry {
	kind: 'batch';
	batch: BatchSpec;
}

/**
 * A read whose answer does not depend on the input item (the lists of Reference Data): run
 * once per distinct request, not once per item. The router reads the operation's parameters
 * for each item; items asking the same (always so without expressions) share one call, and
 * its output items pair to the first of them, as n8n's own Execute Once pairs to item 0.
 */
export interface OnceOperation extends OperationEntry {
	kind: 'once';
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
	): Promise<INodeExecutionData[]>;
}

export type Operation = PerItemOperation | PerConsignmentOperation | BatchOperation | OnceOperation;

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
