/**
 * Executes a workflow with n8n-core's real WorkflowExecute (mode 'trigger'), fed the given
 * items at its first node, the way n8n's own NodeTestHarness (packages/core/nodes-testing) does.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ExecutionError,
	ICredentialType,
	IConnections,
	INode,
	INodeExecutionData,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow, createDeferredPromise, createRunExecutionData, deepCopy } from 'n8n-workflow';

import type { CredentialsByType } from './credentials-helper';
import { makeAdditionalData, nextExecutionId } from './engine';

export interface ExecuteWorkflowOptions {
	nodeTypes: INodeTypes;
	/** The first node is where the items enter */
	nodes: INode[];
	connections: IConnections;
	credentialTypes: ICredentialType[];
	credentials: CredentialsByType;
	/** pairedItem {item: i} is added when missing */
	items: INodeExecutionData[];
}

export interface ExecutedWorkflow {
	/** The IRun handed to the workflowExecuteAfter hook */
	run?: IRun;
	/** What processRunExecutionData threw before any hook ran (e.g. a missing required parameter) */
	thrown?: ExecutionError;
	additionalData: IWorkflowExecuteAdditionalData;
}

export async function executeWorkflow(opts: ExecuteWorkflowOptions): Promise<ExecutedWorkflow> {
	const { nodes, connections } = opts;
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes,
		connections,
		active: false,
		nodeTypes: opts.nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const executionId = nextExecutionId();
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
	} as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('trigger', executionId, workflowData);
	const afterHook = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => afterHook.resolve(fullRunData));
	const additionalData = makeAdditionalData({
		credentialTypes: opts.credentialTypes,
		credentials: opts.credentials,
		hooks,
		executionId,
	});
	const items = opts.items.map((item, index) => ({
		...item,
		json: deepCopy(item.json),
		pairedItem: item.pairedItem ?? { item: index },
	}));
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: nodes[0], data: { main: [items] }, source: null }],
		},
	});
	try {
		const workflowExecute = new WorkflowExecute(additionalData, 'trigger', runExecutionData);
		// processRunExecutionData throws synchronously on workflow issues; then no hook runs.
		const [run] = await Promise.all([
			workflowExecute.processRunExecutionData(workflow),
			afterHook.promise,
		]);
		return { run, additionalData };
	} catch (error) {
		return { thrown: error as ExecutionError, additionalData };
	}
}
