/** The database's public surface: the UI, workers and tests import from here. */
export { LifecycleDatabase, openDatabase, DATABASE_NAME } from './database';
export { connect, type ConnectionEvents } from './connection';
export { observe } from './observe';
export * from './records';
export * from './projects';
export * from './canvas';
export * from './datasets';
export * from './audit';
export * from './settings';
export * from './summary';
export * from './storage';
export * from './sampleProject';
export { CURRENT_SCHEMA_VERSION } from './schema';
export * from './slices';
export * from './runs';
export * from './registry';
export * from './deployments';
export * from './monitoring';
