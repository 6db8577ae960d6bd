/**
 * A polling trigger's poll() with `this` = n8n-core's own PollContext, as n8n's
 * ActiveWorkflowManager builds it: one context per activation, reused by every poll of it, the
 * workflow's static data kept between polls. Static data is "saved" when n8n saves it: after
 * the activation's first poll and whenever a poll emits; `restart()` goes on from what was saved.
 */
import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { deepCopy, Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './engine';
import { defaultNodeName, getNodeTypes, latestVersion } from './node-types';
import { credentialRefs } from './run-node';

export interface PollerOptions {
	nodeTypes: Record<string, INodeType>;
	type: string;
	parameters: INodeParameters;
	credentialTypes: ICredentialType[];
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export class Poller {
	/** The static data as n8n last saved it (survives restart()). */
	saved: IDataObject = {};

	private workflow?: Workflow;

	private context?: PollContext;

	private polls = 0;

	constructor(private readonly opts: PollerOptions) {}

	private build(mode: WorkflowExecuteMode, activation: WorkflowActivateMode) {
		const { nodeTypes, type, parameters } = this.opts;
		const nodeType = nodeTypes[type];
		const node: INode = {
			id: 'trigger-1',
			name: defaultNodeName(nodeType, latestVersion(nodeType)),
			type,
			typeVersion: latestVersion(nodeType),
			position: [0, 0],
			parameters,
			credentials: credentialRefs(this.opts.credentials),
		};
		const workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [node],
			connections: {},
			active: mode !== 'manual',
			nodeTypes: getNodeTypes(nodeTypes),
			staticData: deepCopy(this.saved),
		});
		const additionalData = makeAdditionalData({
			credentialTypes: this.opts.credentialTypes,
			credentials: this.opts.credentials,
		});
		const context = new PollContext(
			workflow,
			workflow.nodes[node.name],
			additionalData,
			mode,
			activation,
		);
		return { workflow, context, nodeType };
	}

	/** Activates the workflow (or reactivates it after a restart: 'init'); the next poll is its first. */
	activate(activation: WorkflowActivateMode = 'activate'): this {
		const { workflow, context } = this.build('trigger', activation);
		this.workflow = workflow;
		this.context = context;
		this.polls = 0;
		return this;
	}

	/** One scheduled poll of the active workflow. */
	async poll(): Promise<INodeExecutionData[][] | null> {
		if (!this.workflow || !this.context) throw new Error('Poller: activate() first');
		const nodeType = this.opts.nodeTypes[this.opts.type];
		const result = await (nodeType.poll as NonNullable<INodeType['poll']>).call(this.context);
		this.polls++;
		if (result !== null || this.polls === 1) this.saved = deepCopy(this.workflow.staticData);
		return result;
	}

	/** n8n stopped and started again: the workflow reactivated from the saved static data. */
	restart(): this {
		return this.activate('init');
	}

	/** Fetch Test Event in the editor: a fresh context in manual mode. */
	async fetchTestEvent(): Promise<INodeExecutionData[][] | null> {
		const { context, nodeType } = this.build('manual', 'manual');
		return await (nodeType.poll as NonNullable<INodeType['poll']>).call(context);
	}

	/** The static data the node holds now (in memory, saved or not). */
	get staticData(): IDataObject {
		return deepCopy((this.workflow?.staticData ?? this.saved) as IDataObject);
	}
}
