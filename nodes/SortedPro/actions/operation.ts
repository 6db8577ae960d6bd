import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** What every operation file exports as `execute`. */
export type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[][]>;
