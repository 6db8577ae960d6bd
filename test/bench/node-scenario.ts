/**
 * The node, driven through n8n-core's real WorkflowExecute by the test harness, with the
 * parameters a user would set: Carrier Service "By Reference" = {{ $json.service }},
 * Consignment References = {{ $json.ref }}.
 */
import { allLogs, runNode } from '../harness'; // first: sets n8n's environment before n8n-core loads

import { performance } from 'node:perf_hooks';

import { ExecuteContext } from 'n8n-core';
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import {
	API_KEY,
	type BenchItem,
	type ChildResult,
	type ScenarioSpec,
	makeItems,
	measuredRun,
} from './common';

const nodeTypes = { 'n8n-nodes-sortedpro.sortedPro': new SortedPro() };
const credentialTypes = [new SortedProApi()];
/** The node's "On Error" setting: n8n's default (Stop Workflow) unless BENCH_ON_ERROR says otherwise. */
const ON_ERROR = process.env.BENCH_ON_ERROR as
	'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput' | undefined;

/** Counts getNodeParameter calls by parameter name (on top of the harness' timing wrapper). */
function countParameterReads(): { reads: Record<string, number>; reset(): void } {
	const state = { reads: {} as Record<string, number>, reset: () => (state.reads = {}) };
	let proto: Record<string, unknown> | null = ExecuteContext.prototype as unknown as Record<
		string,
		unknown
	>;
	while (proto && !Object.prototype.hasOwnProperty.call(proto, '_getNodeParameter'))
		proto = Object.getPrototypeOf(proto);
	if (!proto) return state;
	const original = proto._getNodeParameter as (...args: unknown[]) => unknown;
	proto._getNodeParameter = function (this: unknown, ...args: unknown[]) {
		const name = String(args[0]);
		state.reads[name] = (state.reads[name] ?? 0) + 1;
		return original.apply(this, args);
	};
	return state;
}

function parameters(spec: ScenarioSpec): INodeParameters {
	return {
		resource: 'allocation',
		operation: 'allocateWithCarrierService',
		carrierService: { __rl: true, mode: 'reference', value: '={{ $json.service }}' },
		consignmentReferences: '={{ $json.ref }}',
		requestMode: spec.mode,
		options: {
			...(spec.format === 'xml' && { bodyFormat: 'xml' }),
			// Parallel Requests (1–20): requests in flight at most.
			...(spec.concurrency !== undefined && { parallelRequests: spec.concurrency }),
		},
	};
}

// The generated objects are the items' json (no copy of our own: the harness and n8n-core copy the items as they do).
const asInput = (items: BenchItem[]): INodeExecutionData[] =>
	items.map((json) => ({ json: json as unknown as INodeExecutionData['json'] }));

async function run(spec: ScenarioSpec, items: INodeExecutionData[], baseUrl: string) {
	return await runNode({
		nodeTypes,
		credentialTypes,
		node: {
			type: 'n8n-nodes-sortedpro.sortedPro',
			parameters: parameters(spec),
			...(ON_ERROR && { onError: ON_ERROR }),
		},
		items,
		credentials: { sortedProApi: { apiKey: API_KEY, environment: 'custom', baseUrl } },
	});
}

export async function runNodeScenario(
	spec: ScenarioSpec,
	n: number,
	baseUrl: string,
): Promise<ChildResult> {
	const reads = countParameterReads();
	let items: INodeExecutionData[] = [];
	let logsBefore = 0;
	const [result, figures] = await measuredRun(
		spec,
		n,
		baseUrl,
		// Warm-up: a small run (loads axios, the expression engine, warms the JIT).
		async () => {
			const warm = await run(spec, asInput(makeItems(30, 'EC-WARM')), baseUrl);
			if (warm.error) throw new Error(`warm-up run failed: ${warm.error.message}`);
		},
		(raw) => {
			items = asInput(raw);
			reads.reset();
			logsBefore = allLogs().length;
			return () => run(spec, items, baseUrl);
		},
	);
	if (result.error) throw new Error(`the node failed: ${result.error.message}`);
	const [allocated = [], failed = []] = result.outputs;
	// What the harness itself does to the items before n8n sees them (a copy of each item): part of wallMs.
	const copyStarted = performance.now();
	items.map((item, index) => ({
		...item,
		json: deepCopy(item.json),
		pairedItem: item.pairedItem ?? { item: index },
	}));
	const harnessCopyMs = performance.now() - copyStarted;
	return {
		...figures,
		paramEvalMs: result.paramEvalMs,
		executionTimeMs: result.runData[result.nodeName]?.[0]?.executionTime,
		harnessDurationMs: result.durationMs,
		harnessCopyMs,
		parameterReads: reads.reads,
		logLines: allLogs().length - logsBefore,
		outputItems: allocated.length + failed.length,
		allocated: allocated.filter((item) => item.json.error === undefined).length,
		failed: failed.length + allocated.filter((item) => item.json.error !== undefined).length,
	};
}
