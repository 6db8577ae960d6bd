import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { wholeNumber } from '../../helpers/fieldValues';
import { inputError } from '../../helpers/inputErrors';
import { limitField, optionsCollection, returnAllFields } from '../common.descriptions';
import type { RunContext } from '../run';
import type { OnceOperation } from '../types';
import { getReferenceList, type ReferenceEntry, type ReferenceList } from './referenceLists';

/** What a Get Many operation of Reference Data adds to the shared shape. */
interface GetManySpec {
	option: OnceOperation['option'];
	/** Its own parameters, before Return All and Limit */
	own?: INodeProperties[];
	/** The list to read for an item (e.g. depending on Assigned Only) */
	list(this: IExecuteFunctions, itemIndex: number): ReferenceList;
	/** An output item's json from an entry; SortedPRO's entry as it is unless given */
	output?(entry: ReferenceEntry): IDataObject;
}

/**
 * A Get Many operation of Reference Data: one GET of a list of the subscription, one output
 * item per entry, in SortedPRO's order, up to Limit. It runs once per run (see OnceOperation).
 */
export function getManyOperation(spec: GetManySpec): OnceOperation {
	return {
		kind: 'once',
		option: spec.option,
		description: [...(spec.own ?? []), ...returnAllFields, optionsCollection()],
		async execute(this: IExecuteFunctions, itemIndex: number, run: RunContext) {
			const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
			const refuse = (field: string, problem: string) =>
				inputError.call(this, itemIndex, field, problem);
			const limit = returnAll
				? Infinity
				: wholeNumber(this.getNodeParameter('limit', itemIndex, 50), limitField, refuse);
			const list = spec.list.call(this, itemIndex);
			const entries = await getReferenceList.call(this, run.api, list, itemIndex);
			return entries
				.slice(0, limit)
				.map((entry) => ({ json: spec.output ? spec.output(entry) : entry.json }));
		},
	};
}
