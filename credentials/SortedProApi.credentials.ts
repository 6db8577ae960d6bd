import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const SORTEDPRO_CREDENTIAL = 'sortedProApi';
export const SORTEDPRO_PRODUCTION_URL = 'https://api.electioapp.com';
const SORTEDPRO_SANDBOX_URL = 'https://apisandbox.electioapp.com';

/**
 * The base-URL rule: https, or plain http only to this machine (a local proxy or test server).
 * One pattern, used by the node for every request and by the credential test below.
 */
const ALLOWED_BASE_URL =
	/^(https:\/\/[^/?#\s]+|http:\/\/(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?)(\/[^?#\s]*)?$/i;
/** Where the credential test is sent when the rule fails: a reserved name that never resolves. */
const REFUSED_BASE_URL = 'https://base-url-must-use-https.invalid';

/** Why a base URL is refused, or undefined when it may be used. */
export function baseUrlProblem(url: string): string | undefined {
	if (ALLOWED_BASE_URL.test(url)) return undefined;
	let valid = true;
	try {
		new URL(url);
	} catch {
		valid = false;
	}
	return valid
		? `The credential's Base URL must use https (plain http is only allowed for localhost): ${url}`
		: `The credential's Base URL "${url}" is not a valid URL`;
}

export class SortedProApi implements ICredentialType {
	name = SORTEDPRO_CREDENTIAL;

	displayName = 'SortedPRO API';

	icon: Icon = { light: 'file:../icons/sortedpro.svg', dark: 'file:../icons/sortedpro.dark.svg' };

	documentationUrl = 'https://docs.electioapp.com/#/api/Authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your SortedPRO subscription key (SortedPRO UI: Settings > API Keys). Sandbox and Production have different keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: SORTEDPRO_PRODUCTION_URL },
				{ name: 'Sandbox', value: SORTEDPRO_SANDBOX_URL },
				{ name: 'Custom Base URL', value: 'custom' },
			],
			default: SORTEDPRO_PRODUCTION_URL,
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://sortedpro-proxy.example.com',
			hint: 'Must use https, unless it points at localhost (for a local proxy or test server)',
			description: 'Base URL of a proxy or gateway in front of SortedPRO, without a trailing path',
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
	];

	// Generic auth lets n8n add the key itself; the key never passes through the node's code.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'ocp-apim-subscription-key': '={{$credentials.apiKey}}',
				'electio-api-version': '1.1',
			},
		},
	};

	// The test applies baseUrlProblem's rule too: a refused base URL is sent to a name that
	// cannot resolve, so the test fails instead of passing for a URL every execution refuses.
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment !== "custom" ? $credentials.environment : ${ALLOWED_BASE_URL.toString()}.test(String($credentials.baseUrl).trim()) ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : "${REFUSED_BASE_URL}" }}`,
			url: '/carrierservices',
			method: 'GET',
			// n8n-core keeps every header but Authorization on a redirect: the key must not follow one.
			disableFollowRedirect: true,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SortedPRO rejected the API key. Check the key and that it belongs to the selected environment (Production and Sandbox keys differ).',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API key is valid but not allowed to list carrier services.',
				},
			},
		],
	};
}
