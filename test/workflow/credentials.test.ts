import { testCredential } from '../harness';
import { OPS, paramsOf } from './operations';
import { API_KEY, credentialType, credentialsFor, runSortedProAt, useSimulator } from './setup';

const sim = useSimulator();

describe('credential test (n8n CredentialsTester logic through RoutingNode)', () => {
	it('passes with the right key, calling GET /carrierservices with the auth headers', async () => {
		const result = await testCredential(credentialType, credentialsFor(sim).sortedProApi);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /carrierservices']);
		expect(sim.requests[0].headers['ocp-apim-subscription-key']).toBe(API_KEY);
		expect(sim.requests[0].headers['electio-api-version']).toBe('1.1');
	});

	it('fails clearly with a bad key, without echoing it', async () => {
		const data = credentialsFor(sim, 'bad-key-123').sortedProApi;
		const result = await testCredential(credentialType, data);
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
		const result = await testCredential(credentialType, data);
		expect(result.status).toBe('Error');
		// n8n words a host that does not resolve as "incorrect host"; the field's hint says why.
		expect(result.message).toContain('incorrect host');
		expect(sim.requestCount).toBe(0);
	});

	it('a trailing slash on a custom base URL is tolerated', async () => {
		const data = { ...credentialsFor(sim).sortedProApi, baseUrl: `${sim.baseUrl}/` };
		expect((await testCredential(credentialType, data)).status).toBe('OK');
		expect(sim.requests[0].path).toBe('/carrierservices');
	});
});

describe('credential base URL rules', () => {
	it('refuses plain http to a host other than localhost, before any request', async () => {
		const parameters = paramsOf(OPS.allocateWithCarrierService, 'EC-1');
		const result = await runSortedProAt('http://sortedpro.example.com', parameters);
		expect(result.error?.message).toContain('must use https');
		expect(sim.requestCount).toBe(0);
	});
});
