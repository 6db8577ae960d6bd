import type { IDataObject } from 'n8n-workflow';

import type { BatchAnswer, ConsignmentOutcome } from './types';

/** How the entries of one kind of answer (Allocation Summaries, WithMessage results) are read. */
interface EntryReader {
	/** The outcome of an entry for a consignment of the request (it may add fields to the entry) */
	outcome(entry: IDataObject, reference: string): ConsignmentOutcome;
	/** What an entry says, for a message: `allocated: …`, `failed with StatusCode 400: …` */
	says(entry: IDataObject): string;
	/** The report of an entry for a consignment not in the request ('unknown': it names none) */
	unexpected(reference: string): { message: string; description: string };
}

const quoted = (texts: string[]) => texts.map((text) => `"${text}"`);

/** The reason of a consignment the answer gave different entries for. */
function conflictReason(said: string[]): string {
	const distinct = quoted([...new Set(said)]);
	const what =
		distinct.length === 1
			? `${said.length} different results, each ${distinct[0]},`
			: distinct.length === 2
				? `both ${distinct[0]} and ${distinct[1]}`
				: `${distinct.slice(0, -1).join(', ')} and ${distinct[distinct.length - 1]}`;
	return `SortedPRO answered ${what} for it`;
}

/**
 * Pairs an answer's entries with the references sent, by each entry's ConsignmentReference, so
 * that each consignment has one outcome. An entry repeated as it was is read once. Entries that
 * differ about one consignment are neither taken: the consignment gets one uncertain failure
 * saying what each said. An entry for a consignment not in the request is reported (once per
 * consignment), never taken as a result; a consignment with no entry is left for the engine.
 */
export function pairEntries(
	references: string[],
	entries: IDataObject[],
	reader: EntryReader,
): BatchAnswer {
	const sent = new Set(references);
	const answer: BatchAnswer = { outcomes: new Map(), unexpected: [] };
	const referenceOf = (entry: IDataObject) =>
		typeof entry.ConsignmentReference === 'string' ? entry.ConsignmentReference : undefined;
	// Answers rarely repeat a consignment: only the repeated ones are compared (as JSON, read
	// before outcome() adds to an entry), so the usual answer costs one pass and no copies.
	const counts = new Map<string, number>();
	for (const entry of entries) {
		const reference = referenceOf(entry);
		if (reference !== undefined) counts.set(reference, (counts.get(reference) ?? 0) + 1);
	}
	// By repeated reference: each different entry and what it says.
	const seen = new Map<string, Map<string, string>>();
	const reported = new Set<string>();
	for (const entry of entries) {
		const reference = referenceOf(entry);
		if (reference === undefined || !sent.has(reference)) {
			const key = reference ?? JSON.stringify(entry);
			if (!reported.has(key)) answer.unexpected.push(reader.unexpected(reference ?? 'unknown'));
			reported.add(key);
			continue;
		}
		if (counts.get(reference) === 1) {
			answer.outcomes.set(reference, reader.outcome(entry, reference));
			continue;
		}
		const text = JSON.stringify(entry);
		const earlier = seen.get(reference);
		if (earlier?.has(text)) continue;
		if (earlier) {
			earlier.set(text, reader.says(entry));
			continue;
		}
		seen.set(reference, new Map([[text, reader.says(entry)]]));
		answer.outcomes.set(reference, reader.outcome(entry, reference));
	}
	for (const [reference, different] of seen) {
		if (different.size < 2) continue;
		answer.outcomes.set(reference, {
			ok: false,
			uncertain: true,
			reason: conflictReason([...different.values()]),
			description: `The answer held ${different.size} different results for consignment ${reference}: none is taken as its outcome.`,
		});
	}
	return answer;
}
