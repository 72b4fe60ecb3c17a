/** The contract: the only part of src-main the renderer may import. No Node built-ins here. */
export * from './calls';
export * from './events';
export * from './errors';
export * from './define';
export * from './catalog';
export * from './app';
export * from './money';
export * from './settings';
export * from './customers';
export * from './copilot';
export * from './auth';
export * from './review';
export * from './hq';
