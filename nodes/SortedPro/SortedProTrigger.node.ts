import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SORTEDPRO_CREDENTIAL } from '../../credentials/SortedProApi.credentials';
import { triggerProperties } from './trigger/description';
import { pollEvents } from './trigger/poll';

export class SortedProTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO Trigger',
		name: 'sortedProTrigger',
		icon: { light: 'file:../../icons/sortedpro.svg', dark: 'file:../../icons/sortedpro.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["triggerOn"] === "consignmentEvent" ? $parameter["eventTypes"].join(", ") : $parameter["states"].join(", ")}}',
		description:
			"Starts the workflow when a SortedPRO consignment reaches a state (e.g. Delivered, Delivery Failed) or has an event (e.g. Labels Printed), polling SortedPRO's Events API",
		defaults: { name: 'SortedPRO Trigger' },
		polling: true,
		// A trigger cannot be called as an AI tool: newer n8n lint forbids `true` here, while
		// node-cli 0.19's lint asks that every node class say it.
		usableAsTool: undefined,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SORTEDPRO_CREDENTIAL, required: true }],
		properties: triggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollEvents.call(this);
	}
}
