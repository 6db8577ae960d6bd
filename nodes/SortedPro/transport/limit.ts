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
