import { getManyOperation } from './getMany';
import { packageSizes } from './referenceLists';

/** GET /packagesizes: each with IsDefault, true for the subscription's default size. */
export const getPackageSizes = getManyOperation({
	option: {
		name: 'Get Many Package Sizes',
		value: 'getPackageSizes',
		description: 'Get the package sizes set up in SortedPRO, the default one marked IsDefault',
		action: 'Get many package sizes',
	},
	list: () => packageSizes,
	output: (entry) => ({ ...entry.json, IsDefault: entry.isDefault === true }),
});
