import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Runs `task` for 0…count-1 with at most `parallel` running, and returns the results in
 * index order, whatever order they complete in. With `stopOnError`, no task starts after the
 * first one fails; those running finish, and the first failure (by index) is thrown with the
 * number of tasks that completed.
 */
export async function runConcurrently<T>(
	count: number,
	parallel: number,
	task: (index: number) => Promise<T>,
	stopOnError: boolean,
): Promise<T[]> {
	const results = new Array<T>(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	let next = 0;
	let completed = 0;
	const worker = async () => {
		while (next < count && !(stopOnError && failures.length > 0)) {
			const index = next++;
			try {
				results[index] = await task(index);
				completed++;
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
	if (failures.length > 0) {
		failures.sort((a, b) => a.index - b.index);
		throw new StoppedRunError(failures[0].error, completed, count);
	}
	return results;
}

/** The failure that stopped a run, with how far the run got. */
class StoppedRunError {
	constructor(
		readonly error: unknown,
		readonly completed: number,
		readonly total: number,
	) {}
}

/** The error that stopped a run of several requests, saying how far it got. */
export function stoppedError(caught: unknown, total: number): unknown {
	if (!(caught instanceof StoppedRunError)) return caught;
	const { error, completed } = caught;
	if (total > 1 && (error instanceof NodeApiError || error instanceof NodeOperationError)) {
		const progress = `Stopped at this failure: ${completed} of ${total} requests had completed (what they did in SortedPRO stands); no request was started after it`;
		error.description = [error.description, progress].filter(Boolean).join(' · ');
	}
	return error;
}
