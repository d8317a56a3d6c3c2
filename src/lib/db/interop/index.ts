/** Exports for tools beyond the browser: MLflow's file store and Prometheus text. */
export * from './mlflowExport';
export * from './monitoringExport';
