import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { pathSegmentProblem } from '../../helpers/pathReferences';
import { runBatch, type BatchSpec } from '../batch/engine';
import type { RunContext } from '../types';

/** The problem of an item's references when each one goes into a path: the first unsafe one. */
export function pathReferencesProblem(references: string[]): string | undefined {
	for (const reference of references) {
		const problem = pathSegmentProblem(reference);
		if (problem !== undefined) return problem;
	}
	return undefined;
}

/**
 * Runs a call SortedPRO takes for one consignment at a time (the consignment is in the path,
 * there is no body) on the batch engine: references from a list, a string or an expression,
 * de-duplicated and paired to every item that supplied them, one request per consignment
 * (Parallel Requests at once), a missing answer reported. References that cannot be a path
 * segment are refused before anything is sent.
 */
export async function runPerConsignment(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunContext,
	spec: BatchSpec,
): Promise<INodeExecutionData[]> {
	const oneEach: RunContext = { ...run, options: { ...run.options, batchSize: 1 } };
	const checkReferences = (references: string[]) =>
		spec.checkReferences?.(references) ?? pathReferencesProblem(references);
	return await runBatch.call(this, items, oneEach, {
		...spec,
		checkReferences,
		oneConsignmentPerRequest: true,
	});
}
