/** The benchmark's targets, checked against the rows of a run. */
import { boundTargets } from './bound-report';
import { scenarioByName } from './common';
import type { Row } from './report';
import type { ColdRequire } from './static-figures';

export interface Target {
	target: string;
	measured: string;
	met: boolean | null;
}

export function checkTargets(rows: Row[], cold: ColdRequire[], largestN: number): Target[] {
	const targets: Target[] = [];
	const at = (scenario: string, n: number) =>
		rows.find((r) => r.scenario === scenario && r.n === n);
	const combine = rows.filter(
		(r) =>
			scenarioByName(r.scenario).client === 'node' && scenarioByName(r.scenario).mode === 'combine',
	);
	if (combine.length > 0) {
		const over = combine.filter((r) => r.requests > r.maxRequests);
		targets.push({
			target: 'combine mode sends ≤ ⌈N / batch size⌉ requests per carrier service',
			measured: combine
				.map((r) => `${r.scenario}@${r.n}: ${r.requests}/${r.maxRequests}`)
				.join(', '),
			met: over.length === 0,
		});
	}
	const json = at('combine-json', largestN);
	const xml = at('combine-xml', largestN);
	const pending = (what: string): Target => ({
		target: what,
		measured: `not measured at N = ${largestN}`,
		met: null,
	});
	const ratioTarget = (
		row: Row | undefined,
		what: string,
		key: 'ratio' | 'ownRatio',
		limit: number,
	): Target => {
		if (row?.[key] === undefined) return pending(what);
		const all = (key === 'ratio' ? row.ratios : row.ownRatios) ?? [];
		const range = all.length > 1 ? ` (passes: ${all.map((r) => r.toFixed(2)).join(', ')})` : '';
		return { target: what, measured: `${row[key]!.toFixed(2)}${range}`, met: row[key]! <= limit };
	};
	const atN = `N = ${largestN}`;
	// Against the bare client with the node's concurrency (4 in flight), median of the passes.
	const perItem = rows.filter((r) => r.scenario === 'peritem-json').sort((a, b) => b.n - a.n)[0];
	targets.push(
		ratioTarget(json, `combine JSON, ${atN}: node / bare(4) wall time ≤ 1.3`, 'ratio', 1.3),
		ratioTarget(perItem, `per-item JSON, N = ${perItem?.n}: node / bare(4) ≤ 1.3`, 'ratio', 1.3),
		ratioTarget(xml, `XML, ${atN}: node / bare(4) wall time ≤ 1.2`, 'ratio', 1.2),
	);
	for (const row of [json, xml]) {
		if (!row?.parameterReads) continue;
		const reads = ['carrierService', 'consignmentReferences'].map(
			(p) => [p, row.parameterReads![p] ?? 0] as const,
		);
		const perItem = reads.map(([p, count]) => `${p} ${count}`);
		const ok = reads.every(([, count]) => count <= row.n);
		targets.push({
			target: `${row.scenario}: each per-item parameter read once per item (≤ N = ${row.n})`,
			measured: perItem.join(', '),
			met: ok,
		});
	}
	for (const row of [json, xml]) {
		if (!row) continue;
		const growth = row.peakRssMB - row.rssLoadedMB;
		targets.push({
			target: `${row.scenario}, N = ${row.n}: peak RSS ≤ 150 MB`,
			measured: `${row.peakRssMB.toFixed(1)} MB (of which ${row.rssLoadedMB.toFixed(1)} MB is n8n-core + harness loaded and warmed up before the items exist; growth ${growth.toFixed(1)} MB)`,
			met: row.peakRssMB <= 150,
		});
	}
	const bareJson = at('bare-json-c4', largestN);
	if (json && bareJson) {
		const growth = json.peakRssMB - json.rssLoadedMB;
		const bareGrowth = bareJson.peakRssMB - bareJson.rssLoadedMB;
		targets.push({
			target: `JSON, N = ${largestN}: RSS growth ≤ 1.3 × the bare(4) client's growth in the same run`,
			measured: `${(growth / bareGrowth).toFixed(2)} (${growth.toFixed(1)} MB / ${bareGrowth.toFixed(1)} MB)`,
			met: growth <= 1.3 * bareGrowth,
		});
	}
	const preloaded = cold.find((c) => c.preload !== null);
	if (preloaded) {
		targets.push({
			target: 'cold require of the node ≤ 50 ms (n8n-workflow already loaded)',
			measured: `${preloaded.medianMs.toFixed(1)} ms (median of ${preloaded.runs}), xml2js loaded: ${preloaded.xml2jsLoaded ? 'yes' : 'no'}`,
			met: preloaded.medianMs <= 50,
		});
	}
	const nodeRows = rows.filter((r) => scenarioByName(r.scenario).client === 'node');
	if (nodeRows.length > 0) {
		const worst = Math.max(...nodeRows.map((r) => r.sim.busyShare));
		targets.push({
			target:
				'the simulator is not the bottleneck (its busy time is a small share of the node runs)',
			measured: `at most ${(worst * 100).toFixed(1)} % of a node run's wall time`,
			met: worst < 0.5,
		});
	}
	targets.push(...boundTargets(rows));
	return targets;
}

export function formatTargets(targets: Target[]): string {
	const mark = (met: boolean | null) => (met === null ? 'n/a ' : met ? 'MET ' : 'NOT MET');
	return targets.map((t) => `  [${mark(t.met)}] ${t.target}: ${t.measured}`).join('\n');
}
