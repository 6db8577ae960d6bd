/**
 * Shared set-up for the workflow tests: the SortedPRO node run by n8n-core's real engine
 * (test/harness) against the simulator over real HTTP on 127.0.0.1.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SortedProApi } from '../../credentials/SortedProApi.credentials';
import { SortedPro } from '../../nodes/SortedPro/SortedPro.node';
import { API_KEY, CREDENTIAL_TYPE, NODE_TYPE } from '../constants';
import {
	captureLogs,
	loadOptionsSearch,
	runNode,
	shutdownN8n,
	type RunNodeResult,
} from '../harness';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator';

export { API_KEY, NODE_TYPE, TOOL_NODE_TYPE } from '../constants';
export const nodeType = new SortedPro();
export const credentialType = new SortedProApi();

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export function credentialsFor(sim: Simulator, apiKey = API_KEY) {
	return { [CREDENTIAL_TYPE]: { apiKey, environment: 'custom', baseUrl: sim.baseUrl } };
}

/** One SortedPRO node with these parameters, run by n8n-core on `items` against the simulator. */
export async function runSortedPro(
	sim: Simulator,
	parameters: INodeParameters,
	items: INodeExecutionData[],
	onError?: OnError,
	apiKey = API_KEY,
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: nodeType },
		credentialTypes: [credentialType],
		node: { type: NODE_TYPE, parameters, onError },
		items,
		credentials: credentialsFor(sim, apiKey),
	});
}

/** A runner of one SortedPRO node with these parameters, more given per run. */
export const nodeRunner =
	(sim: Simulator, fixed: INodeParameters) =>
	async (items: INodeExecutionData[], parameters: INodeParameters = {}, onError?: OnError) =>
		await runSortedPro(sim, { ...fixed, ...parameters }, items, onError);

/** The Carrier Service field's list, searched as the editor does. */
export async function searchCarrierServices(sim: Simulator, filter?: string, apiKey = API_KEY) {
	return await loadOptionsSearch({
		nodeType,
		credentialTypes: [credentialType],
		credentials: credentialsFor(sim, apiKey),
		parameters: { resource: 'allocation', operation: 'allocateWithCarrierService' },
		method: 'searchCarrierServices',
		filter,
	});
}

/** The node run against another Base URL (nothing listening there, a host that does not resolve…). */
export async function runSortedProAt(
	baseUrl: string,
	parameters: INodeParameters,
	items: INodeExecutionData[] = [{ json: {} }],
): Promise<RunNodeResult> {
	return await runNode({
		nodeTypes: { [NODE_TYPE]: nodeType },
		credentialTypes: [credentialType],
		node: { type: NODE_TYPE, parameters },
		items,
		credentials: { [CREDENTIAL_TYPE]: { apiKey: API_KEY, environment: 'custom', baseUrl } },
	});
}

/**
 * The simulator of a test file: started before its tests (with API_KEY unless given), reset
 * before each, closed after all (with n8n-core's timers). The object returned stands for it.
 */
export function useSimulator(options: Partial<SimulatorOptions> = {}): Simulator {
	let current: Simulator | undefined;
	beforeAll(async () => {
		current = await startSimulator({ apiKey: API_KEY, ...options });
	});
	beforeEach(() => current?.reset());
	afterAll(async () => {
		await current?.close();
		await shutdownN8n();
	});
	return new Proxy({} as Simulator, {
		get(_target, property) {
			if (!current) throw new Error('The simulator is used before beforeAll started it');
			const value: unknown = Reflect.get(current, property);
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(current)
				: value;
		},
	});
}

export function refsItems(refs: Array<unknown>, field = 'ref'): INodeExecutionData[] {
	return refs.map((ref) => ({ json: { [field]: ref } as IDataObject }));
}

export interface AllocateRun {
	sim: Simulator;
	items: INodeExecutionData[];
	carrierService?: string;
	references?: unknown;
	requestMode?: 'combine' | 'perItem';
	options?: IDataObject;
	onError?: OnError;
	apiKey?: string;
	parameters?: INodeParameters;
}

export async function allocate(run: AllocateRun): Promise<RunNodeResult> {
	const parameters: INodeParameters = {
		resource: 'allocation',
		operation: 'allocateWithCarrierService',
		carrierService: { __rl: true, mode: 'reference', value: run.carrierService ?? 'CX_NDS' },
		consignmentReferences: (run.references ?? '={{ $json.ref }}') as string,
		requestMode: run.requestMode ?? 'combine',
		options: (run.options ?? {}) as INodeParameters,
		...run.parameters,
	};
	return await runSortedPro(run.sim, parameters, run.items, run.onError, run.apiKey);
}

/** Everything a run produced, as one string, to search for a leaked key. */
export function serialiseRun(result: RunNodeResult): string {
	const seen = new WeakSet();
	return JSON.stringify(
		{ outputs: result.outputs, error: result.error, runData: result.runData },
		(_key, value: unknown) => {
			if (value instanceof Error) return { ...value, message: value.message, stack: value.stack };
			if (value && typeof value === 'object') {
				if (seen.has(value)) return '[circular]';
				seen.add(value);
			}
			return value;
		},
	);
}

/** The requests the simulator received with this method (PUT unless given). */
export const requestsOf = (sim: Simulator, method = 'PUT') =>
	sim.requests.filter((request) => request.method === method);

/**
 * Keeps every run `record` is given and every log line of the test file; `test()`, called
 * last in the file, adds the test that the API key is in none of them.
 */
export function keySecrecy(minRuns = 1) {
	const logs = captureLogs();
	const transcripts: string[] = [];
	return {
		record<T extends RunNodeResult>(result: T): T {
			transcripts.push(serialiseRun(result));
			return result;
		},
		test() {
			it('the API key appears in no output, error, run data or log line above', () => {
				expect(transcripts.length).toBeGreaterThanOrEqual(minRuns);
				for (const transcript of transcripts) expect(transcript).not.toContain(API_KEY);
				expect(logs.length).toBeGreaterThan(0);
				expect(logs.join('\n')).not.toContain(API_KEY);
			});
		},
	};
}

/** These json fields of each item ('pairedItem': its pairing), to compare in one assertion. */
export const pick = (items: INodeExecutionData[], ...fields: string[]) =>
	items.map((item) =>
		fields.map((field) => (field === 'pairedItem' ? item.pairedItem : item.json[field])),
	);
