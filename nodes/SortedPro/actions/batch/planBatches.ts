import type { IExecuteFunctions, INodeExecutionData, NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../helpers/inputErrors';
import { parameterReader } from '../../helpers/parameterReader';
import { parseReferences, plainReference } from '../../helpers/references';
import { unicodeProblem } from '../../helpers/unicode';
import { pathSegmentProblem } from '../../helpers/pathReferences';
import type { RunContext } from '../run';
import { GroupProblem } from './group';
import { BatchPlan, type Batch, type PlannedConsignment, type RequestMode } from './plan';
import type { BatchSpec } from './types';

/**
 * Reads the items, refuses the bad ones and plans the batches. Only the consignments and the
 * batches outlive it: the per-item lists and the plan's maps are garbage once the requests start.
 */
export async function planBatches(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunContext,
	spec: BatchSpec,
	refuse: (error: NodeOperationError, itemIndex: number) => void,
): Promise<{ consignments: PlannedConsignment[]; batches: Batch[] }> {
	const mode = this.getNodeParameter('requestMode', 0, 'combine') as RequestMode;
	const inputs = readInputs.call(this, items, spec, refuse);
	const problems =
		spec.checkGroups && inputs.itemIndexes.length > 0
			? await spec.checkGroups.call(this, [...new Set(inputs.groups)], run)
			: undefined;
	const plan = new BatchPlan(mode);
	for (let index = 0; index < inputs.itemIndexes.length; index++) {
		const itemIndex = inputs.itemIndexes[index];
		const group = inputs.groups[index];
		const problem = problems?.get(group);
		if (problem !== undefined)
			refuse(
				inputError.call(this, itemIndex, spec.group?.field ?? '', `"${group}" ${problem}`),
				itemIndex,
			);
		else plan.add(itemIndex, group, inputs.references[index]);
	}
	const batchSize = spec.oneConsignmentPerRequest ? 1 : run.options.batchSize;
	return { consignments: plan.consignments, batches: plan.batches(batchSize) };
}

/** The items not refused, as parallel lists (no object per item). */
interface ItemInputs {
	itemIndexes: number[];
	groups: string[];
	/** One reference as text, or the list of an item's distinct references */
	references: Array<string | string[]>;
}

/** Each item's references and group, read at most once per item (see parameterReader). */
function readInputs(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: BatchSpec,
	refuse: (error: NodeOperationError, itemIndex: number) => void,
): ItemInputs {
	const inputs: ItemInputs = { itemIndexes: [], groups: [], references: [] };
	const { group } = spec;
	const groupOf = !group
		? () => ''
		: 'read' in group
			? group.read.call(this, items)
			: parameterReader(this, group.parameter, items, { extractValue: group.extractValue });
	const referencesOf = parameterReader(this, 'consignmentReferences', items);
	const fixedReferences = referencesOf.constant ? parseReferences(referencesOf(0)) : undefined;
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const groupValue = groupOf(itemIndex);
		// One plain reference (the usual cell) is kept as the text itself: no list or result object per item.
		const value = fixedReferences ? undefined : referencesOf(itemIndex);
		const plain = fixedReferences ? undefined : plainReference(value);
		const parsed = plain === undefined ? (fixedReferences ?? parseReferences(value)) : undefined;
		// The group goes into the body or the path as the references do.
		const groupTextProblem =
			typeof groupValue === 'string' ? unicodeProblem(groupValue) : undefined;
		if (groupValue instanceof GroupProblem) {
			refuse(inputError.call(this, itemIndex, groupValue.field, groupValue.problem), itemIndex);
		} else if (group && (typeof groupValue !== 'string' || groupValue.trim() === '')) {
			const given =
				typeof groupValue === 'string' || groupValue === undefined || groupValue === null
					? 'is empty'
					: `is not text (${JSON.stringify(groupValue)})`;
			refuse(inputError.call(this, itemIndex, group.field, `${given}: ${group.hint}`), itemIndex);
		} else if (group && groupTextProblem !== undefined) {
			refuse(inputError.call(this, itemIndex, group.field, groupTextProblem), itemIndex);
		} else if (parsed && 'problem' in parsed) {
			refuse(inputError.call(this, itemIndex, 'Consignment References', parsed.problem), itemIndex);
		} else {
			const references = parsed ? parsed.references : (plain as string);
			const list = typeof references === 'string' ? [references] : references;
			const problem = spec.checkReferences?.(list) ?? pathProblem(spec, list);
			if (problem !== undefined)
				refuse(inputError.call(this, itemIndex, 'Consignment References', problem), itemIndex);
			else {
				inputs.itemIndexes.push(itemIndex);
				inputs.groups.push(group ? String(groupValue).trim() : '');
				inputs.references.push(references);
			}
		}
	}
	return inputs;
}

/** With one consignment per request, the first reference that cannot be a path segment. */
function pathProblem(spec: BatchSpec, references: string[]): string | undefined {
	if (!spec.oneConsignmentPerRequest) return undefined;
	for (const reference of references) {
		const problem = pathSegmentProblem(reference);
		if (problem !== undefined) return problem;
	}
	return undefined;
}
