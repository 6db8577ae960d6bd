import type {
	ICredentialsDecrypted,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	baseUrlProblem,
	SORTEDPRO_CREDENTIAL,
	SORTEDPRO_PRODUCTION_URL,
} from '../../../credentials/SortedProApi.credentials';

/** What calls SortedPRO: an operation's run, a list search or the trigger's poll. */
export type SortedProContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** Where and as whom to call SortedPRO: read once per execution, not once per request. */
export interface SortedProConnection {
	baseUrl: string;
	/** Handed to n8n with each request, so n8n need not fetch and decrypt the credential again */
	credentials: ICredentialsDecrypted;
	/** The API key as an answer may quote it (as sent, JSON-, XML- or URL-escaped): masked in every answer */
	secrets: string[];
}

const MASK = '***';
/**
 * Shorter keys are not masked: SortedPRO's keys are far longer, and masking a word that short
 * would garble the answers it occurs in.
 */
const MIN_SECRET_LENGTH = 8;

/** The forms the API key may take in an answer that quotes it, longest first. */
export function secretForms(apiKey: unknown): string[] {
	const key = typeof apiKey === 'string' ? apiKey : '';
	if (key.length < MIN_SECRET_LENGTH) return [];
	const xml = key
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
	const forms = new Set([key, JSON.stringify(key).slice(1, -1), xml, encodeURIComponent(key)]);
	return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every form of the connection's API key replaced by ***. */
export function maskSecrets(
	text: string,
	connection: Pick<SortedProConnection, 'secrets'>,
): string {
	let masked = text;
	for (const secret of connection.secrets) {
		if (masked.includes(secret)) masked = masked.split(secret).join(MASK);
	}
	return masked;
}

/** Reads the credential once and checks its base URL by the rule the credential test applies. */
export async function connect(ctx: SortedProContext): Promise<SortedProConnection> {
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
		secrets: secretForms(data.apiKey),
	};
}
