import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import {
	allLogs,
	captureLogs,
	loadOptionsSearch,
	runNode,
	shutdownN8n,
	testCredential,
} from './index';
import { EchoHttp, EchoHttpApi } from './fixtures/EchoHttp.node';

const GOOD_KEY = 'good-key-5f1d2c';
const TYPE = 'n8n-nodes-harness-test.echoHttp';
const nodeTypes = { [TYPE]: new EchoHttp() };
const credentialTypes = [new EchoHttpApi()];

interface Seen {
	method?: string;
	url?: string;
	apiKey?: string;
	body?: unknown;
}
const seen: Seen[] = [];
let server: Server;
let baseUrl: string;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve) => {
		let data = '';
		req.on('data', (chunk: Buffer) => (data += chunk.toString()));
		req.on('end', () => resolve(data));
	});
}

beforeAll(async () => {
	server = createServer(async (req, res) => {
		const body = await readBody(req);
		const parsed = body
			? (JSON.parse(body) as { message?: string; item?: { fail?: boolean } })
			: undefined;
		const apiKey = req.headers['x-api-key'] as string | undefined;
		seen.push({ method: req.method, url: req.url, apiKey, body: parsed });
		const send = (status: number, json: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(json));
		};
		if (apiKey !== GOOD_KEY) return send(401, { error: 'bad key' });
		const url = new URL(req.url ?? '/', 'http://x');
		if (url.pathname === '/me') return send(200, { ok: true });
		if (url.pathname === '/things') {
			const filter = url.searchParams.get('filter') ?? '';
			const things = ['alpha', 'beta', 'gamma'].filter((t) => t.includes(filter));
			return send(200, { things, next: url.searchParams.get('page') ? undefined : 'p2' });
		}
		if (url.pathname === '/echo' && parsed?.item?.fail)
			return send(400, { error: 'item rejected' });
		if (url.pathname === '/echo') return send(200, { received: parsed });
		return send(404, { error: 'not found' });
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await shutdownN8n();
});

beforeEach(() => (seen.length = 0));

const run = (opts: {
	parameters?: Record<string, string>;
	items?: IDataObject[];
	key?: string;
	node?: {
		onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
		continueOnFail?: boolean;
	};
}) =>
	runNode({
		nodeTypes,
		credentialTypes,
		node: { type: TYPE, parameters: opts.parameters ?? {}, ...opts.node },
		items: (opts.items ?? [{ name: 'a' }, { name: 'b' }, { name: 'c' }]).map((json) => ({ json })),
		credentials: { echoHttpApi: { apiKey: opts.key ?? GOOD_KEY, baseUrl } },
	});

describe('runNode', () => {
	it('passes items through the real engine with pairedItem and the auth header', async () => {
		const result = await run({});
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0].map((i) => i.json)).toEqual(
			['a', 'b', 'c'].map((name) => ({ received: { message: name, item: { name } } })),
		);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(seen.map((s) => s.apiKey)).toEqual([GOOD_KEY, GOOD_KEY, GOOD_KEY]);
		expect(result.runData['Harness Start'][0].data?.main[0]?.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.paramEvalMs).toBeGreaterThan(0);
	});

	it('fails the run with NodeApiError on an HTTP error', async () => {
		const result = await run({ key: 'wrong' });
		expect(result.outputs).toEqual([]);
		expect(result.error?.name).toBe('NodeApiError');
		expect((result.error as unknown as { httpCode?: string }).httpCode).toBe('401');
		expect(result.runData['Echo HTTP'][0].error?.name).toBe('NodeApiError');
	});

	it('returns a thrown NodeOperationError as error', async () => {
		const result = await run({ parameters: { mode: 'throw' } });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Asked to throw on item 0');
		expect(result.outputs).toEqual([]);
	});

	const items = [{ name: 'ok1' }, { name: 'bad', fail: true }, { name: 'ok2' }];

	it('continueOnFail keeps error items on the main output', async () => {
		const result = await run({ items, node: { continueOnFail: true } });
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.outputs[0]).toHaveLength(3);
		expect(result.outputs[0][1].json.error).toEqual(expect.any(String));
	});

	it('continueErrorOutput routes error items to outputs[1]', async () => {
		const result = await run({ items, node: { onError: 'continueErrorOutput' } });
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(2);
		expect(result.outputs[0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 1 });
		expect(result.outputs[1][0].json).toMatchObject({
			name: 'bad',
			fail: true,
			error: expect.any(String),
		});
	});

	it('captures n8n logs, without the API key', async () => {
		const logs = captureLogs();
		await run({ items, node: { onError: 'continueErrorOutput' } });
		await run({ parameters: { mode: 'throw' } });
		expect(logs.some((l) => l.includes('Workflow execution started'))).toBe(true);
		expect(logs.join('\n')).not.toContain(GOOD_KEY);
		expect(allLogs().length).toBeGreaterThanOrEqual(logs.length);
	});

	it('runs fast after the first execution', async () => {
		const n = 30;
		const start = Date.now();
		for (let i = 0; i < n; i++) await run({ items: [{ name: 'x' }] });
		const perRun = (Date.now() - start) / n;
		console.log(`harness: ${perRun.toFixed(1)} ms per runNode (1 item, 1 HTTP call)`);
		expect(perRun).toBeLessThan(200);
	});
});

describe('testCredential', () => {
	it('passes with a good key', async () => {
		const result = await testCredential(new EchoHttpApi(), { apiKey: GOOD_KEY, baseUrl });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(seen).toEqual([
			expect.objectContaining({ method: 'GET', url: '/me', apiKey: GOOD_KEY }),
		]);
	});

	it('fails with a bad key (401)', async () => {
		const result = await testCredential(new EchoHttpApi(), { apiKey: 'nope', baseUrl });
		expect(result.status).toBe('Error');
		// n8n 2.8's NodeApiError drops the axios `cause`, so the CLI tester reports the error message.
		expect(result.message).toBe('Authorization failed - please check your credentials');
		// n8n-core's httpRequestWithAuthentication retries once after a 401 (preAuthentication hook).
		expect(seen).toEqual([
			expect.objectContaining({ url: '/me', apiKey: 'nope' }),
			expect.objectContaining({ url: '/me', apiKey: 'nope' }),
		]);
	});
});

describe('loadOptionsSearch', () => {
	it('calls the server through the real LoadOptionsContext with the auth header', async () => {
		const result = await loadOptionsSearch({
			nodeType: nodeTypes[TYPE],
			type: TYPE,
			credentialTypes,
			credentials: { echoHttpApi: { apiKey: GOOD_KEY, baseUrl } },
			parameters: {},
			method: 'searchThings',
			filter: 'a',
		});
		expect(result).toEqual({
			results: ['alpha', 'beta', 'gamma'].map((n) => ({ name: n, value: n })),
			paginationToken: 'p2',
		});
		expect(seen).toEqual([
			expect.objectContaining({ method: 'GET', url: '/things?filter=a', apiKey: GOOD_KEY }),
		]);
	});
});
