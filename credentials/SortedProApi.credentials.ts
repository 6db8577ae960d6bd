import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const SORTEDPRO_PRODUCTION_URL = 'https://api.electioapp.com';
export const SORTEDPRO_SANDBOX_URL = 'https://apisandbox.electioapp.com';

export class SortedProApi implements ICredentialType {
	name = 'sortedProApi';

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

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? String($credentials.baseUrl).replace(/\\/+$/, "") : $credentials.environment}}',
			url: '/carrierservices',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'SortedPRO rejected the API key. Check the key and that it belongs to the selected environment (Production and Sandbox keys differ).',
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
