import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asText, locatorValue, type Refuse } from '../../helpers/fieldValues';
import { inputError } from '../../helpers/inputErrors';
import type { RunContext } from '../run';
import { getReferenceList, type ReferenceEntry, type ReferenceList } from './referenceLists';

/** A value an item picked From List, for the field named `field`. */
export interface Picked {
	field: string;
	value: string;
	list: ReferenceList;
}

type Known = Map<string, ReferenceEntry> | undefined;
// Each list is asked for once per run, whatever the number of items and fields that picked from it.
const listsOfRun = new WeakMap<RunContext, Map<string, Promise<Known>>>();

/**
 * The list as SortedPRO gives it now, asked once per run. When it cannot be had (404, Success
 * false, no answer) nothing is refused: undefined, and the run carries a hint saying why.
 */
async function knownEntries(
	this: IExecuteFunctions,
	run: RunContext,
	list: ReferenceList,
): Promise<Known> {
	let lists = listsOfRun.get(run);
	if (!lists) {
		lists = new Map();
		listsOfRun.set(run, lists);
	}
	const key = list.path.join('/');
	let entries = lists.get(key);
	if (!entries) {
		entries = getReferenceList.call(this, run.api, list).then(
			(found) => new Map(found.map((entry) => [entry.reference, entry])),
			(error: Error) => {
				this.addExecutionHints?.({
					message: `Values picked from the list of ${list.what} were not checked: ${error.message}`,
					type: 'warning',
					location: 'outputPane',
				});
				return undefined;
			},
		);
		lists.set(key, entries);
	}
	return await entries;
}

/** Why a picked reference cannot be used, or undefined when SortedPRO still lists it enabled. */
function problemOf(known: Map<string, ReferenceEntry>, value: string, what: string) {
	const entry = known.get(value);
	if (!entry)
		return `"${value}" was picked from the list, but SortedPRO no longer lists it among the ${what} of this subscription (pick it again)`;
	if (entry.disabled)
		return `"${value}" is disabled on this SortedPRO subscription (pick an enabled one from the list)`;
	return undefined;
}

/** Refuses, naming the item and the field, a value picked From List that SortedPRO no longer lists. */
export async function checkPicked(
	this: IExecuteFunctions,
	run: RunContext,
	itemIndex: number,
	picked: Picked[],
): Promise<void> {
	for (const { field, value, list } of picked) {
		const known = await knownEntries.call(this, run, list);
		const problem = known && problemOf(known, value, list.what);
		if (problem !== undefined) throw inputError.call(this, itemIndex, field, problem);
	}
}

/**
 * The check of a batch operation's group picked From List (see BatchSpec.checkGroups): the
 * group → problem of each group SortedPRO no longer lists. Only for a field saved in From List
 * mode; a reference given By Reference is SortedPRO's to judge.
 */
export const checkPickedGroups = (parameter: string, list: ReferenceList) =>
	async function (
		this: IExecuteFunctions,
		groups: string[],
		run: RunContext,
	): Promise<Map<string, string>> {
		const problems = new Map<string, string>();
		const saved = this.getNode().parameters[parameter] as { mode?: unknown } | undefined;
		if (saved?.mode !== 'list') return problems;
		const known = await knownEntries.call(this, run, list);
		for (const group of groups) {
			const problem = known && problemOf(known, group, list.what);
			if (problem !== undefined) problems.set(group, problem.replace(`"${group}" `, ''));
		}
		return problems;
	};

/** A picker: a resource locator whose From List mode searches `searchListMethod`. */
export function pickerField(
	field: Pick<INodeProperties, 'displayName' | 'name' | 'description'> & Partial<INodeProperties>,
	searchListMethod: string,
	placeholder: string,
	referenceHint = 'By Reference',
): INodeProperties {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...field,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{ displayName: referenceHint, name: 'reference', type: 'string', placeholder },
		],
	};
}

/**
 * The text of a picker field's saved value (From List, By Reference, or the plain text of a
 * workflow saved before the field was a picker); a value From List is noted in `picked`.
 */
export function pickerText(
	raw: unknown,
	field: string,
	list: ReferenceList,
	refuse: Refuse,
	picked: Picked[],
): string {
	const { value, fromList } = locatorValue(raw);
	const text = asText(value, field, refuse);
	if (fromList && text !== '') picked.push({ field, value: text, list });
	return text;
}
