import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/inputErrors';
import { apiPath } from '../../transport';
import { keepMessage, mayHaveActed } from '../../transport/errors';
import { readObject } from '../answers';
import { consignmentDescription } from '../common.descriptions';
import type { PerConsignmentOperation } from '../types';
import { getConsignment } from './get.operation';
import { CONSIGNMENT } from './schemas';
import { CHANGEABLE_STATES } from './states';
import { checkPicked } from '../referenceData/picked';
import { readChanges, updateFieldsParameter, updateRequest } from './updateBody';

/**
 * PUT /consignments/ replaces the whole consignment ("ensure you pass the entire consignment as
 * you would like it to be"): the consignment is read, the item's changes applied, the whole
 * sent back, then read again for the output. The PUT is safe to resend (the same whole
 * consignment again); the read-modify-write is not atomic: a change made elsewhere between the
 * read and the PUT is overwritten (docs/consignment.md).
 */
export const update: PerConsignmentOperation = {
	kind: 'perConsignment',
	option: {
		name: 'Update',
		value: 'update',
		description:
			'Change fields of a consignment that is not allocated yet; every other field, packages included, is kept',
		action: 'Update a consignment',
	},
	description: consignmentDescription([updateFieldsParameter]),
	async execute(itemIndex, run, reference) {
		const changes = readChanges.call(this, itemIndex);
		await checkPicked.call(this, run, itemIndex, changes.picked);
		// Read in JSON whatever Body Format says: it is sent back as read, numbers as numbers.
		const { value: consignment } = await run.api.read(
			{ method: 'GET', path: apiPath('consignments', reference), format: 'json' },
			readObject(CONSIGNMENT, 'Consignment'),
			itemIndex,
			(error) =>
				`SortedPRO's answer for consignment ${reference} could not be read: ${error.message}`,
		);
		const state = consignment.ConsignmentState;
		if (typeof state === 'string' && !CHANGEABLE_STATES.has(state)) {
			throw new NodeOperationError(
				this.getNode(),
				`[item ${itemIndex}] Consignment ${reference} is ${state}: SortedPRO allows changes only while a consignment is Unallocated or AllocationFailed`,
				{
					itemIndex,
					description: `Nothing was sent to change it. Deallocate it first (Allocation → Deallocate) if it is allocated and not yet manifested.`,
				},
			);
		}
		const body = JSON.stringify(updateRequest(consignment, reference, changes));
		const put = {
			method: 'PUT' as const,
			path: `${apiPath('consignments')}/`,
			format: 'json' as const,
			body,
		};
		try {
			await run.api.send(put, itemIndex);
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			if (!mayHaveActed(error)) throw error;
			const message = `Consignment ${reference} may have been updated although the request failed (${error.message}): updating it again is safe, it sends the whole consignment again`;
			throw keepMessage(error, message);
		}
		let updated: IDataObject;
		try {
			updated = await getConsignment(run, itemIndex, reference);
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			const message = `Consignment ${reference} was updated, but reading it back failed: ${error.message}`;
			throw keepMessage(error, message);
		}
		return [{ json: updated }];
	},
};
