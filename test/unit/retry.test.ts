import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../nodes/SortedPro/transport';
import { timeoutFor } from '../../nodes/SortedPro/transport/retry';

describe('retryDelayMs', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

	it('doubles from the base delay and stops at the cap', () => {
		expect([0, 1, 2, 3, 4].map((attempt) => retryDelayMs(policy, attempt))).toEqual([
			100, 200, 400, 800, 1000,
		]);
	});

	it('honours Retry-After in seconds or as an HTTP date, capped', () => {
		expect(retryDelayMs(policy, 0, '0')).toBe(0);
		expect(retryDelayMs(policy, 0, '0.5')).toBe(500);
		expect(retryDelayMs(policy, 0, '120')).toBe(1000);
		const soon = new Date(Date.now() + 600_000).toUTCString();
		expect(retryDelayMs(policy, 0, soon)).toBe(1000);
		expect(retryDelayMs(policy, 3, new Date(Date.now() - 5000).toUTCString())).toBe(0);
	});

	it('ignores an unreadable Retry-After and uses the backoff', () => {
		expect(retryDelayMs(policy, 1, 'soon')).toBe(200);
		expect(retryDelayMs(policy, 1, ['', 'x'])).toBe(200);
	});
});

describe('timeoutFor', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, timeoutMs: 60_000, timeoutPerConsignmentMs: 1000 };
	it.each([
		[1, 60_000],
		[2, 61_000],
		[100, 159_000],
		[1000, 1_059_000],
		[5000, 30 * 60_000],
	])('%i consignment(s): %i ms, never above 30 minutes', (consignments, expected) => {
		expect(timeoutFor(policy, consignments)).toBe(expected);
	});
	it('without time per consignment, Timeout alone', () => {
		expect(timeoutFor({ ...policy, timeoutPerConsignmentMs: 0 }, 500)).toBe(60_000);
		expect(timeoutFor({ ...policy, timeoutPerConsignmentMs: undefined }, 500)).toBe(60_000);
	});
});
