import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { SORTEDPRO_CREDENTIAL } from '../../credentials/SortedProApi.credentials';
import { resourceProperties, router } from './actions/router';
import { listSearch } from './methods';

export class SortedPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SortedPRO',
		name: 'sortedPro',
		icon: { light: 'file:../../icons/sortedpro.svg', dark: 'file:../../icons/sortedpro.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Ship with SortedPRO (formerly Electio): create, update and cancel consignments, allocate them to a carrier service (by service, service group, default rules or quote) with their labels, get labels and customs documents as files, manifest, track, get quotes and reference data, deallocate. Consignment references look like EC-000-05A-Z6S; carrier service references like MPD_RMDTPS48HNAST.',
		defaults: { name: 'SortedPRO' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: SORTEDPRO_CREDENTIAL, required: true }],
		properties: resourceProperties,
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
