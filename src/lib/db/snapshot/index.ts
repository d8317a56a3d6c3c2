/** Lifecycle snapshots: export a project as one JSON document, import one as a new project. */
export { exportSnapshot, type ExportSnapshotOptions } from './exportSnapshot';
export { importSnapshot, importedName, SnapshotImportError, type ImportSnapshotResult } from './importSnapshot';
