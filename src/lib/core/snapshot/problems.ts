/** A snapshot's problems are document problems (core/documents/problems.ts): a JSON Pointer and a message. */
export { escapePointer, formatProblem, pointer, preview, type DocumentProblem as SnapshotProblem } from '../documents/problems';
