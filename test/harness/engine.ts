/** Shared plumbing: additionalData for n8n-core contexts and getNodeParameter instrumentation. */
import { performance } from 'node:perf_hooks';

import { ExecuteContext } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type {
	ICredentialType,
	INodeParameters,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { type CredentialsByType, credentialsHelper } from './credentials-helper';

let executionCounter = 0;
export function nextExecutionId(): string {
	executionCounter += 1;
	return `harness-${executionCounter}`;
}

/**
 * The plain-object additionalData n8n-core needs (the CLI builds it with
 * WorkflowExecuteAdditionalData.getBase). The credential data is attached to this object.
 */
export function makeAdditionalData(opts: {
	credentialTypes: ICredentialType[];
	credentials: CredentialsByType;
	hooks?: ExecutionLifecycleHooks;
	executionId?: string;
	currentNodeParameters?: INodeParameters;
}): IWorkflowExecuteAdditionalData {
	credentialsHelper.registerTypes(opts.credentialTypes);
	const base = 'http://localhost:5678';
	const additionalData = {
		credentialsHelper,
		hooks: opts.hooks,
		executionId: opts.executionId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: opts.currentNodeParameters,
		variables: {},
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		userId: 'harness-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	credentialsHelper.setRunCredentials(additionalData, opts.credentials);
	return additionalData;
}

// ---- getNodeParameter timing -------------------------------------------------------------
// Every execute/load-options context inherits NodeExecutionContext.prototype._getNodeParameter
// (ExecuteContext.getNodeParameter and the single-item variants delegate to it). Wrap it once
// and attribute the time to the run through the context's additionalData.

const paramEvalMs = new WeakMap<object, number>();
let instrumented = false;

type ParamFn = (this: { additionalData: object }, ...args: unknown[]) => unknown;
function instrumentGetNodeParameter(): void {
	let proto: Record<string, unknown> | null = ExecuteContext.prototype as unknown as Record<
		string,
		unknown
	>;
	while (proto && !Object.prototype.hasOwnProperty.call(proto, '_getNodeParameter')) {
		proto = Object.getPrototypeOf(proto) as Record<string, unknown> | null;
	}
	if (!proto) return; // n8n-core internals changed: timing is simply unavailable
	const original = proto._getNodeParameter as ParamFn & { harnessWrapped?: boolean };
	if (original.harnessWrapped) return;
	const wrapped: ParamFn & { harnessWrapped?: boolean } = function (this, ...args) {
		const start = performance.now();
		try {
			return original.apply(this, args);
		} finally {
			const key = this.additionalData;
			if (key) paramEvalMs.set(key, (paramEvalMs.get(key) ?? 0) + performance.now() - start);
		}
	};
	wrapped.harnessWrapped = true;
	proto._getNodeParameter = wrapped;
	instrumented = true;
}
instrumentGetNodeParameter();

/** Milliseconds spent in n8n's getNodeParameter for contexts built on this additionalData. */
export function getParamEvalMs(additionalData: object): number | undefined {
	return instrumented ? (paramEvalMs.get(additionalData) ?? 0) : undefined;
}
