/** Where backups are kept: a flat folder of named text files (OPFS in the app, a Map in tests). */
export interface BackupFiles {
  /** The file's text, or null when there is no such file. */
  read(name: string): Promise<string | null>;
  /** Replaces the whole file; throws when it could not be written whole (e.g. the disk is full). */
  write(name: string, text: string): Promise<void>;
  /** Removes the file if it exists. */
  remove(name: string): Promise<void>;
}
