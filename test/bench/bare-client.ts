/**
 * The floor: Node's own fetch (undici) sending exactly the batches the node sends, with the
 * same headers, one request at a time, parsing every answer (JSON.parse, or xml2js with the
 * options the node's codec uses) and keeping the parsed summaries (the node has to keep them
 * for its output). No n8n in this process. The `-newconn` variant opens a new connection for
 * every request, as n8n-core's HTTP helper does, to show what that costs. With a concurrency
 * above 1 (server-bound scenarios) that many requests are in flight; a 429 is sent again after
 * its Retry-After.
 */
import http from 'node:http';

import type * as Xml2js from 'xml2js';

import { encodeAllocateWithCarrierService as encodeAllocateRequest } from '../../nodes/SortedPro/actions/allocation/allocateWithCarrierService.operation';
import {
	ALLOCATE_PATH,
	API_KEY,
	BATCH_SIZE,
	type BenchItem,
	type ChildResult,
	type ScenarioSpec,
	makeItems,
	measuredRun,
} from './common';

interface Batch {
	service: string;
	refs: string[];
}

/** Same grouping as the node: per carrier service in order of first appearance, each reference once, cut in batches. */
function batches(items: BenchItem[], perItem: boolean): Batch[] {
	if (perItem) return items.map((item) => ({ service: item.service, refs: [item.ref] }));
	const groups = new Map<string, { seen: Set<string>; refs: string[] }>();
	for (const { ref, service } of items) {
		let group = groups.get(service);
		if (!group) groups.set(service, (group = { seen: new Set(), refs: [] }));
		if (group.seen.has(ref)) continue;
		group.seen.add(ref);
		group.refs.push(ref);
	}
	const result: Batch[] = [];
	for (const [service, { refs }] of groups) {
		for (let start = 0; start < refs.length; start += BATCH_SIZE)
			result.push({ service, refs: refs.slice(start, start + BATCH_SIZE) });
	}
	return result;
}

const XML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&apos;',
};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);

/** The node's XML request body (as xml2js' Builder writes it), by string concatenation. */
function xmlBody(service: string, refs: string[]): string {
	let strings = '';
	for (const ref of refs) strings += `<string>${escapeXml(ref)}</string>`;
	return (
		'<?xml version="1.0" encoding="utf-8"?>' +
		'<AllocateConsignmentsWithCarrierServiceRequest xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
		'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
		'xmlns="http://electioapp.com/schemas/v1.1/MPD.Electio.SDK.DataTypes.Consignments">' +
		`<ConsignmentReferences>${strings}</ConsignmentReferences>` +
		`<MpdCarrierServiceReference>${escapeXml(service)}</MpdCarrierServiceReference>` +
		'</AllocateConsignmentsWithCarrierServiceRequest>'
	);
}

type Summary = { StatusCode?: unknown };
type Answer = { status: number; text: string; retryAfter?: string };

/** How long a 429's Retry-After asks to wait (seconds or an HTTP date); 1 s when absent. */
export function retryAfterMs(value: string | undefined): number {
	if (value === undefined) return 1000;
	if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
	const date = Date.parse(value);
	return Number.isNaN(date) ? 1000 : Math.max(0, date - Date.now());
}
const MAX_429_PER_REQUEST = 20;

/**
 * One request with node:http and a new connection (agent: false), as n8n-core's HTTP helper
 * does (it builds a new http.Agent, without keep-alive, for every request).
 */
function requestNewConnection(
	url: string,
	headers: Record<string, string>,
	body: string,
): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			url,
			{
				method: 'PUT',
				agent: false,
				headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					const retryAfter = res.headers['retry-after'];
					resolve({
						status: res.statusCode ?? 0,
						text: Buffer.concat(chunks).toString('utf8'),
						retryAfter,
					});
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

export class BareClient {
	private xml?: typeof Xml2js;

	/** The parsed answers, kept as the node keeps them for its output items. */
	readonly summaries: Summary[] = [];

	constructor(
		private readonly baseUrl: string,
		private readonly format: 'json' | 'xml',
		/** 'fetch': Node's fetch (undici, keep-alive); 'new-connection': node:http, one connection per request */
		private readonly transport: 'fetch' | 'new-connection' = 'fetch',
	) {}

	/** 429 answers received (each waited for, then sent again) */
	rateLimitedSeen = 0;

	private async send(headers: Record<string, string>, body: string): Promise<Answer> {
		if (this.transport === 'new-connection')
			return await requestNewConnection(this.baseUrl + ALLOCATE_PATH, headers, body);
		const response = await fetch(this.baseUrl + ALLOCATE_PATH, { method: 'PUT', headers, body });
		return {
			status: response.status,
			text: await response.text(),
			retryAfter: response.headers.get('retry-after') ?? undefined,
		};
	}

	/** One batch: sent again after Retry-After on 429 (at most MAX_429_PER_REQUEST times). */
	private async sendBatch(headers: Record<string, string>, body: string): Promise<Answer> {
		for (let attempt = 0; ; attempt++) {
			const answer = await this.send(headers, body);
			if (answer.status !== 429 || attempt >= MAX_429_PER_REQUEST) return answer;
			this.rateLimitedSeen++;
			await new Promise((done) => setTimeout(done, retryAfterMs(answer.retryAfter)));
		}
	}

	private async body(service: string, refs: string[]): Promise<string> {
		return this.format === 'json'
			? JSON.stringify({ MpdCarrierServiceReference: service, ConsignmentReferences: refs })
			: xmlBody(service, refs);
	}

	/** The summaries of one answer, parsed. */
	private async parse(text: string): Promise<Summary[]> {
		if (this.format === 'json') return JSON.parse(text) as Summary[];
		this.xml ??= await import('xml2js');
		const { Parser, processors } = this.xml;
		const parsed = (await new Parser({
			explicitArray: true,
			ignoreAttrs: true,
			tagNameProcessors: [processors.stripPrefix],
		}).parseStringPromise(text)) as {
			ArrayOfAllocationSummary?: { AllocationSummary?: Summary[] } | string;
		};
		const root = parsed.ArrayOfAllocationSummary;
		return (typeof root === 'object' ? (root.AllocationSummary ?? []) : []).map((s) => ({
			...s,
			StatusCode: (s.StatusCode as unknown[] | undefined)?.[0],
		}));
	}

	/** Sends every batch, `concurrency` at a time (1: in turn); returns how many consignments were allocated / refused. */
	async run(
		items: BenchItem[],
		perItem: boolean,
		concurrency = 1,
	): Promise<{ allocated: number; failed: number }> {
		const mediaType = this.format === 'json' ? 'application/json' : 'application/xml';
		const headers = {
			'ocp-apim-subscription-key': API_KEY,
			'electio-api-version': '1.1',
			Accept: mediaType,
			'Content-Type': `${mediaType}; charset=utf-8`,
		};
		let allocated = 0;
		let failed = 0;
		const queue = batches(items, perItem);
		let next = 0;
		const worker = async () => {
			while (next < queue.length) {
				const { service, refs } = queue[next++];
				const { status, text } = await this.sendBatch(headers, await this.body(service, refs));
				if (status !== 200) throw new Error(`HTTP ${status}: ${text.slice(0, 300)}`);
				const summaries = await this.parse(text);
				if (summaries.length !== refs.length)
					throw new Error(`${summaries.length} summaries for ${refs.length} references`);
				for (const summary of summaries) {
					if (Number(summary.StatusCode) === 200) allocated++;
					else failed++;
					this.summaries.push(summary);
				}
			}
		};
		await Promise.all(
			Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker),
		);
		return { allocated, failed };
	}

	/** Whether this client's bodies are byte-identical to the node codec's (including characters to escape). */
	async bodiesMatchNode(): Promise<boolean> {
		const samples: Array<[string, string[]]> = [
			['CX_NDS', ['EC-000-000-001', 'EC-000-000-002']],
			['A&B<C>"D\'', ['EC-<&>"\'-1', 'EC-ü-2']],
		];
		for (const [service, refs] of samples) {
			if (
				(await this.body(service, refs)) !==
				(await encodeAllocateRequest(this.format, service, refs))
			)
				return false;
		}
		return true;
	}
}

export async function runBare(
	spec: ScenarioSpec,
	n: number,
	baseUrl: string,
): Promise<ChildResult> {
	const perItem = spec.mode === 'perItem';
	const transport = spec.name.endsWith('-newconn') ? 'new-connection' : 'fetch';
	const bodiesMatchNode = await new BareClient(baseUrl, spec.format).bodiesMatchNode();
	const client = new BareClient(baseUrl, spec.format, transport);
	const [{ allocated, failed }, figures] = await measuredRun(
		spec,
		n,
		baseUrl,
		// Warm-up (loads undici / xml2js, opens the connection, warms the JIT).
		() => new BareClient(baseUrl, spec.format, transport).run(makeItems(30, 'EC-WARM'), perItem),
		(items) => () => client.run(items, perItem, spec.concurrency ?? 1),
	);
	return {
		...figures,
		outputItems: allocated + failed,
		allocated,
		failed,
		bodiesMatchNode,
		rateLimitedSeen: client.rateLimitedSeen,
	};
}
