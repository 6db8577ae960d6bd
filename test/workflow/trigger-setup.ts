/** Shared set-up of the trigger's workflow tests: a Poller of SortedPRO Trigger against the simulator. */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { SortedProTrigger } from '../../nodes/SortedPro/SortedProTrigger.node';
import { CREDENTIAL_TYPE } from '../constants';
import { Poller } from '../harness';
import type { Simulator } from '../simulator';
import { API_KEY, credentialType, useSimulator } from './setup';

const TRIGGER_TYPE = 'n8n-nodes-sortedpro.sortedProTrigger';
const nodeTypes = { [TRIGGER_TYPE]: new SortedProTrigger() };
export const MINUTE = 60_000;

/** The emitted items as "reference state-or-type" lines. */
export const emitted = (result: INodeExecutionData[][] | null) =>
	(result?.[0] ?? []).map(
		({ json }) =>
			`${String(json.ConsignmentReference)} ${String(json.EventType ?? json.ConsignmentState)}`,
	);
export const eventQueries = (s: Simulator) =>
	s.requests.filter((r) => r.path.startsWith('/events/'));
/** The error a poll fails with (the test fails if it does not). */
export const failure = async (promise: Promise<unknown>) =>
	await promise.then(
		() => {
			throw new Error('expected the poll to fail');
		},
		(error: Error & { httpCode?: string; description?: string }) => error,
	);

/** The simulator of a test file (auto-created EC- consignments) and pollers against it. */
export function triggerKit() {
	const sim = useSimulator({ autoCreate: /^EC-/ });
	const poller = (parameters: INodeParameters) =>
		new Poller({
			nodeTypes,
			type: TRIGGER_TYPE,
			parameters,
			credentialTypes: [credentialType],
			credentials: {
				[CREDENTIAL_TYPE]: { apiKey: API_KEY, environment: 'custom', baseUrl: sim.baseUrl },
			},
		});
	return {
		sim,
		poller,
		onStates: (states: string[], options: IDataObject = {}) =>
			poller({ triggerOn: 'consignmentState', states, options } as INodeParameters),
		onEvents: (eventTypes: string[], options: IDataObject = {}) =>
			poller({ triggerOn: 'consignmentEvent', eventTypes, options } as INodeParameters),
	};
}
