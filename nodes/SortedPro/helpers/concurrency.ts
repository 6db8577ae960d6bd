import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * How many requests are in flight. The limit starts at the Parallel Requests option, halves
 * (down to 1) each time SortedPRO answers 429 or 503, and grows back by one after as many
 * answered requests in a row as the current limit, never above the option. The HTTP attempts
 * of all tasks of a run share one AdaptiveLimit.
 */
export class AdaptiveLimit {
	private limit: number;

	private inFlight = 0;

	private successes = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(readonly max: number) {
		this.limit = max;
	}

	get current(): number {
		return this.limit;
	}

	async acquire(): Promise<void> {
		if (this.inFlight < this.limit) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((resolve) => this.waiting.push(resolve));
	}

	/** `throttled`: the answer was 429 or 503; `answered`: any other answer; `failed`: none came. */
	release(outcome: 'answered' | 'throttled' | 'failed'): void {
		if (outcome === 'throttled') {
			this.limit = Math.max(1, Math.floor(this.limit / 2));
			this.successes = 0;
		} else if (outcome === 'answered' && this.limit < this.max && ++this.successes >= this.limit) {
			this.limit++;
			this.successes = 0;
		}
		this.inFlight--;
		while (this.inFlight < this.limit && this.waiting.length > 0) {
			this.inFlight++;
			this.waiting.shift()?.();
		}
	}
}

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
export class StoppedRunError {
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
