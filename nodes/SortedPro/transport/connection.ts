import type { ICredentialsDecrypted, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	baseUrlProblem,
	SORTEDPRO_CREDENTIAL,
	SORTEDPRO_PRODUCTION_URL,
} from '../../../credentials/SortedProApi.credentials';

/** Where and as whom to call SortedPRO: read once per execution, not once per request. */
export interface SortedProConnection {
	baseUrl: string;
	/** Handed to n8n with each request, so n8n need not fetch and decrypt the credential again */
	credentials: ICredentialsDecrypted;
}

/** Reads the credential once and checks its base URL by the rule the credential test applies. */
export async function connect(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
): Promise<SortedProConnection> {
	const data = await ctx.getCredentials(SORTEDPRO_CREDENTIAL);
	const environment = String(data.environment ?? SORTEDPRO_PRODUCTION_URL);
	const raw = environment === 'custom' ? String(data.baseUrl ?? '').trim() : environment;
	const problem = baseUrlProblem(raw);
	if (problem) throw new NodeOperationError(ctx.getNode(), problem);
	const reference = ctx.getNode().credentials?.[SORTEDPRO_CREDENTIAL];
	return {
		baseUrl: raw.replace(/\/+$/, ''),
		credentials: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: SORTEDPRO_CREDENTIAL,
			data,
		},
	};
}
