import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../helpers/inputErrors';
import { readPathReference } from '../../helpers/pathReferences';
import { apiPath } from '../../transport';
import { httpStatusOf, keepMessage, mayHaveActed } from '../../transport/errors';
import { optionsCollection, packageReferenceField } from '../common.descriptions';
import type { PerItemOperation } from '../types';

const RESENT_NOT_FOUND =
	'SortedPRO did not find the package when the request was resent after an attempt that got no complete answer: that attempt removed it';

/**
 * DELETE /packages/{packageRef} (SortedPRO's Delete Package). Safe to resend: a resend after an
 * attempt that removed the package gets 404, which is then reported as removed.
 */
export const removePackage: PerItemOperation = {
	kind: 'perItem',
	option: {
		name: 'Remove Package',
		value: 'removePackage',
		description: 'Remove a package from a consignment that is not allocated yet',
		action: 'Remove a package from a consignment',
	},
	description: [packageReferenceField('The package to remove'), optionsCollection()],
	async execute(itemIndex, run) {
		const reference = readPathReference.call(
			this,
			itemIndex,
			'packageReference',
			'Package Reference',
		);
		try {
			await run.api.send({ method: 'DELETE', path: apiPath('packages', reference) }, itemIndex);
		} catch (caught) {
			const error = asNodeError.call(this, caught, itemIndex);
			const resentNotFound =
				error instanceof NodeApiError && httpStatusOf(error) === '404' && mayHaveActed(error);
			if (resentNotFound)
				return [{ json: { PackageReference: reference, Removed: true, Notice: RESENT_NOT_FOUND } }];
			if (!mayHaveActed(error)) throw error;
			const message = `Package ${reference} may have been removed although the request failed (${error.message}): removing it again is safe (SortedPRO then answers 404 if it is gone)`;
			throw keepMessage(error, message);
		}
		return [{ json: { PackageReference: reference, Removed: true } }];
	},
};
