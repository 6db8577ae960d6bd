/** The memory table: where a scenario's RSS growth went (JS heap, or Buffers outside it). */
import type { MemoryPeaks } from './common';
import type { Row } from './report';
import { markdownTable } from './table';

/** The highest of each peak over the passes. */
export function highestPeaks(peaks: Array<MemoryPeaks | undefined>): MemoryPeaks | undefined {
	const known = peaks.filter((p): p is MemoryPeaks => p !== undefined);
	if (known.length === 0) return undefined;
	const highest = (key: keyof MemoryPeaks) => Math.max(...known.map((p) => p[key]));
	return {
		heapUsedMB: highest('heapUsedMB'),
		externalMB: highest('externalMB'),
		arrayBuffersMB: highest('arrayBuffersMB'),
	};
}

/** Where RSS went: the JS heap, or memory outside it (Buffers holding answers). */
export function formatMemoryTable(rows: Row[]): string {
	const header = [
		'scenario',
		'N',
		'RSS growth MB',
		'JS heap used, peak MB',
		'external, peak MB',
		'of it ArrayBuffers MB',
	];
	const cells = rows.flatMap((row) =>
		row.memoryPeaks
			? [
					[
						row.scenario,
						String(row.n),
						(row.peakRssMB - row.rssLoadedMB).toFixed(1),
						row.memoryPeaks.heapUsedMB.toFixed(1),
						row.memoryPeaks.externalMB.toFixed(1),
						row.memoryPeaks.arrayBuffersMB.toFixed(1),
					],
				]
			: [],
	);
	return markdownTable(header, cells);
}
