/** Header and cells from [header, cell of a row] pairs. */
export function columnTable<R>(
	columns: Array<[string, (row: R) => string]>,
	rows: R[],
): [string[], string[][]] {
	return [columns.map(([h]) => h), rows.map((row) => columns.map(([, cell]) => cell(row)))];
}

/** Columns padded to their widest cell (also valid Markdown). */
export function markdownTable([header, rows]: [string[], string[][]]): string {
	const lines = [header, header.map(() => '---'), ...rows];
	const widths = header.map((_, c) => Math.max(...lines.map((cells) => cells[c].length)));
	return lines
		.map(
			(cells) =>
				`| ${cells.map((cell, c) => (cells[c] === '---' ? '-'.repeat(widths[c]) : cell.padEnd(widths[c]))).join(' | ')} |`,
		)
		.join('\n');
}
