import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';
import { goToStage } from './lifecycle';

/**
 * Govern → Documents, as a person uses it. Documents are named as the list names them
 * ("Datasheet", "Technical documentation (Annex IV outline)"), subjects as the page labels them
 * ("dataset v1", "Ticket router v1", the project's name).
 */

/** Opens Govern → Documents through the sub-navigation. */
export async function openDocuments(page: Page): Promise<void> {
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Documents', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Documents' })).toBeVisible();
}

/** Chooses who document actions are recorded as (on the open Documents view). */
export async function actAsOnDocuments(page: Page, name: string): Promise<void> {
  const select = page.getByLabel('Acting as');
  const option = select.getByRole('option', { name: new RegExp(`^${name} \\(`) });
  await select.selectOption({ label: (await option.textContent())!.trim() });
}

/** The opened document: the article titled "<document>: <subject>". */
export function openedDocument(page: Page): Locator {
  return page.getByRole('article', { name: /.+: .+/ });
}

/** From the list, generates (or opens) `document` about `subject`, and waits for it to open. */
export async function generateDocument(page: Page, document: string, subject: string): Promise<Locator> {
  const list = page.getByRole('button', { name: '← All documents' });
  if (await list.isVisible()) await list.click();
  const form = page.getByRole('form', { name: 'Generate a document' });
  await form.getByLabel('Document').selectOption({ label: document });
  await form.getByLabel('About').selectOption({ label: subject });
  await form.getByRole('button', { name: 'Generate or open' }).click();
  const doc = page.getByRole('article', { name: `${document}: ${subject}` });
  await expect(doc.getByTestId('doc-status')).toBeVisible();
  return doc;
}

/** The text box of a section (its title as shown) in the opened document. */
export function sectionText(doc: Locator, title: string): Locator {
  return doc.getByRole('textbox', { name: new RegExp(`^${title}: Your (text|note)$`) });
}

/** Types each section's text (section titles as shown) into the opened document. */
export async function fillSections(doc: Locator, texts: Record<string, string>): Promise<void> {
  for (const [title, text] of Object.entries(texts)) await sectionText(doc, title).fill(text);
}

/** Saves, then waits until the status line confirms it. */
export async function saveDocument(doc: Locator): Promise<void> {
  await doc.getByRole('button', { name: /^Save (draft|as new draft v\d+)$/ }).click();
  await expect(doc.getByRole('status').filter({ hasText: /^Saved v\d+\.$|your edit is the new draft v\d+\.$/ })).toBeVisible();
}

/** Takes a status action ("Submit for review", "Approve", …) and waits for the new status. */
export async function documentAction(doc: Locator, action: 'Submit for review' | 'Approve' | 'Return to Draft' | 'Archive', expected: string): Promise<void> {
  await doc.getByRole('button', { name: action, exact: true }).click();
  await expect(doc.getByTestId('doc-status')).toHaveText(expected);
}

/** Downloads the shown version as `format` and returns the file's name and text. */
export async function downloadDocument(page: Page, doc: Locator, format: 'Markdown' | 'HTML'): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), doc.getByRole('button', { name: `Download ${format}` }).click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

/**
 * From the list, generates `document` about `subject`, writes `texts` as `writer`, submits it and
 * has `approver` approve it; returns the approved document, still open.
 */
export async function writeAndApprove(page: Page, document: string, subject: string, texts: Record<string, string>, people: { writer: string; approver: string }): Promise<Locator> {
  await actAsOnDocuments(page, people.writer);
  const doc = await generateDocument(page, document, subject);
  await fillSections(doc, texts);
  await saveDocument(doc);
  await documentAction(doc, 'Submit for review', 'In review');
  await actAsOnDocuments(page, people.approver);
  await documentAction(doc, 'Approve', 'Approved');
  return doc;
}
