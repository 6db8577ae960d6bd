/** Columns padded to their widest cell (also valid Markdown). */
export function markdownTable(header: string[], rows: string[][]): string {
	const lines = [header, header.map(() => '---'), ...rows];
	const widths = header.map((_, c) => Math.max(...lines.map((cells) => cells[c].length)));
	return lines
		.map(
			(cells) =>
				`| ${cells.map((cell, c) => (cells[c] === '---' ? '-'.repeat(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`,
		)
		.join('\n');
}
