import { loadOptionsSearch, testCredential } from '../harness';
import {
	API_KEY,
	NODE_TYPE,
	credentialType,
	credentialsFor,
	nodeType,
	useSimulator,
} from './setup';

const sim = useSimulator();

const nodeTypes = { [NODE_TYPE]: nodeType };

describe('credential test (n8n CredentialsTester logic through RoutingNode)', () => {
	it('passes with the right key, calling GET /carrierservices with the auth headers', async () => {
		const result = await testCredential(
			credentialType,
			credentialsFor(sim).sortedProApi,
			nodeTypes,
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /carrierservices']);
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(API_KEY);
		expect(sim.requests[0].headers['electio-api-version']).toBe('1.1');
	});

	it('fails clearly with a bad key, without echoing it', async () => {
		const result = await testCredential(
			credentialType,
			credentialsFor(sim, 'bad-key-123').sortedProApi,
			nodeTypes,
		);
		expect(result.status).toBe('Error');
		// n8n 2.8 reports every 401 this way: its NodeApiError drops the cause the credential's
		// responseCode rules are matched against (they apply in n8n versions that keep it).
		expect(result.message).toBe('Authorization failed - please check your credentials');
		expect(result.message).not.toContain('bad-key-123');
	});

	it('a plain-http base URL that every execution refuses fails the test too, without a request', async () => {
		const data = {
			...credentialsFor(sim).sortedProApi,
			baseUrl: 'http://sortedpro-proxy.example.com',
		};
		const result = await testCredential(credentialType, data, nodeTypes);
		expect(result.status).toBe('Error');
		// n8n words a host that does not resolve as "incorrect host"; the field's hint says why.
		expect(result.message).toContain('incorrect host');
		expect(sim.requestCount).toBe(0);
	});

	it('a trailing slash on a custom base URL is tolerated', async () => {
		const data = { ...credentialsFor(sim).sortedProApi, baseUrl: `${sim.baseUrl}/` };
		expect((await testCredential(credentialType, data, nodeTypes)).status).toBe('OK');
		expect(sim.requests[0].path).toBe('/carrierservices');
	});
});

describe('carrier service list search', () => {
	const search = async (filter?: string, apiKey = API_KEY) =>
		await loadOptionsSearch({
			nodeType,
			credentialTypes: [credentialType],
			credentials: credentialsFor(sim, apiKey),
			parameters: { resource: 'allocation', operation: 'allocateWithCarrierService' },
			method: 'searchCarrierServices',
			filter,
		});

	it('lists every carrier service of the subscription by name and reference', async () => {
		const { results } = await search();
		const expected = sim
			.carrierServices()
			.map((service) => service.Reference)
			.sort();
		expect(results.map((result) => result.value).sort()).toEqual(expected);
		expect(results.find((result) => result.value === 'CX_NDS')?.name).toBe(
			'Next Day Super (CX_NDS)',
		);
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(API_KEY);
	});

	it('filters by name or reference, case-insensitively', async () => {
		expect((await search('next day')).results.map((result) => result.value)).toEqual(['CX_NDS']);
		expect((await search('dpdss')).results.map((result) => result.value)).toEqual(['EDC5_DPDSS']);
		expect((await search('no such thing')).results).toEqual([]);
	});

	it('uses CarrierServiceName when the list has no Name field', async () => {
		sim.setOption('carrierServiceNameField', 'CarrierServiceName');
		const { results } = await search('CX_NDS');
		expect(results).toEqual([{ name: 'Next Day Super (CX_NDS)', value: 'CX_NDS' }]);
	});

	it('a bad key gives a NodeApiError with the gateway message', async () => {
		await expect(search(undefined, 'bad')).rejects.toMatchObject({
			name: 'NodeApiError',
			message: expect.stringContaining('Access denied'),
			httpCode: '401',
		});
	});
});

describe('credential base URL rules', () => {
	it('refuses plain http to a host other than localhost, before any request', async () => {
		const { runNode } = await import('../harness');
		const result = await runNode({
			nodeTypes,
			credentialTypes: [credentialType],
			node: {
				type: 'n8n-nodes-sortedpro.sortedPro',
				parameters: {
					resource: 'allocation',
					operation: 'allocateWithCarrierService',
					carrierService: { __rl: true, mode: 'reference', value: 'CX_NDS' },
					consignmentReferences: 'EC-1',
				},
			},
			items: [{ json: {} }],
			credentials: {
				sortedProApi: {
					apiKey: API_KEY,
					environment: 'custom',
					baseUrl: 'http://sortedpro.example.com',
				},
			},
		});
		expect(result.error?.message).toContain('must use https');
		expect(sim.requestCount).toBe(0);
	});
});
