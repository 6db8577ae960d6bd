/** The memory table: where a scenario's RSS growth went (JS heap, or Buffers outside it). */
import type { MemoryPeaks } from './common';
import type { Row } from './report';
import { columnTable, markdownTable } from './table';

const KEYS = ['heapUsedMB', 'externalMB', 'arrayBuffersMB'] as const;

/** The highest of each peak over the passes. */
export function highestPeaks(peaks: Array<MemoryPeaks | undefined>): MemoryPeaks | undefined {
	const known = peaks.filter((p): p is MemoryPeaks => p !== undefined);
	if (known.length === 0) return undefined;
	const highest = (key: keyof MemoryPeaks) => Math.max(...known.map((p) => p[key]));
	const [heapUsedMB, externalMB, arrayBuffersMB] = KEYS.map(highest);
	return { heapUsedMB, externalMB, arrayBuffersMB };
}

/** Where RSS went: the JS heap, or memory outside it (Buffers holding answers). */
export function formatMemoryTable(rows: Row[]): string {
	const peak = (key: keyof MemoryPeaks) => (r: Row) => r.memoryPeaks![key].toFixed(1);
	return markdownTable(
		columnTable(
			[
				['scenario', (r) => r.scenario],
				['N', (r) => String(r.n)],
				['RSS growth MB', (r) => (r.peakRssMB - r.rssLoadedMB).toFixed(1)],
				['JS heap used, peak MB', peak('heapUsedMB')],
				['external, peak MB', peak('externalMB')],
				['of it ArrayBuffers MB', peak('arrayBuffersMB')],
			],
			rows.filter((r) => r.memoryPeaks),
		),
	);
}
