import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { expect } from './fixtures';

/** A file for a file input, as `setInputFiles` takes it. */
export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** Clicks `button` and returns the download it starts. */
export async function downloadFrom(page: Page, button: string): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return download;
}

/** Saves a snapshot from the Govern stage's snapshot page; returns the file, ready to choose in a file input. */
export async function takeSnapshot(page: Page, options: { rows?: boolean; weights?: boolean } = {}): Promise<FilePayload> {
  await page.getByRole('link', { name: 'Snapshot & export' }).first().click();
  await page.getByLabel('Include raw rows').setChecked(Boolean(options.rows));
  await page.getByLabel('Include model weights').setChecked(Boolean(options.weights));
  const download = await downloadFrom(page, 'Download snapshot (.json)');
  expect(download.suggestedFilename()).toMatch(/^support-ticket-triage-snapshot-\d{4}-\d{2}-\d{2}\.json$/);
  return { name: download.suggestedFilename(), mimeType: 'application/json', buffer: await readFile(await download.path()) };
}
