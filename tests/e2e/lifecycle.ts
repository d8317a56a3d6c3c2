import type { Page } from '@playwright/test';
import { expect, openHome } from './fixtures';
import { actAs, waiveGate } from './governGates';

/** Goes to a lifecycle stage through the strip, as a person would. */
export async function goToStage(page: Page, title: 'Frame' | 'Data' | 'Model' | 'Deploy' | 'Monitor' | 'Govern'): Promise<void> {
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: new RegExp(title) }).click();
}

/** Trains the logistic regression on the Model page and registers the run as the next Ticket router version (with tags, if given). */
export async function trainAndRegister(page: Page, runNumber: number, epochs: string, tags?: string): Promise<void> {
  await goToStage(page, 'Model');
  await page.getByLabel('Optimizer').selectOption('adam'); // epochs belong to the mini-batch optimizers
  await page.getByLabel('Epochs').fill(epochs);
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  const report = page.getByRole('article', { name: new RegExp(`Run ${runNumber}: logistic regression`) });
  await expect(report).toBeVisible({ timeout: 180_000 });
  if (tags) await report.getByLabel('Tags').fill(tags);
  await report.getByRole('button', { name: `Register run ${runNumber}` }).click();
  await expect(report.getByText(new RegExp(`Registered as Ticket router version ${runNumber}`))).toBeVisible();
}

/** fetch from the page, as a learner would from the console. */
export function callEndpoint(page: Page, path: string, init?: { method: string; body: string }) {
  return page.evaluate(
    async ({ path, init }) => {
      await navigator.serviceWorker.ready;
      const r = await fetch(path, init ? { ...init, headers: { 'content-type': 'application/json' } } : undefined);
      return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
    },
    { path, init },
  );
}

/** The sample's Standard gates, and the person whose role decides each. */
const SAMPLE_DECIDERS = { 'Data Ethics Review': 'Noor Haddad', 'Performance SLA': 'Sam Okafor' } as const;

/**
 * The sample is governed (Standard policy): a journey that is not about governance gets through a
 * gate with a waiver, as the person whose role decides it, until far enough ahead that the test
 * stays valid. `objectLabel` as Govern → Gates names it ("dataset v2", "Ticket router v1").
 */
export async function waiveSampleGate(page: Page, gate: keyof typeof SAMPLE_DECIDERS, objectLabel: string, reason: string): Promise<void> {
  const decider = SAMPLE_DECIDERS[gate];
  await actAs(page, decider);
  await waiveGate(page, gate, objectLabel, { reason, owner: decider, expires: '2099-12-31' });
}

/** On the open sample: splits the newest version (→ dataset v2). */
export async function splitSample(page: Page): Promise<void> {
  await goToStage(page, 'Data');
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();
}

/**
 * On the open sample: split, train run 1 (3 epochs), register it, make it champion and deploy it.
 * The sample is governed; the journeys using this are about what is deployed, not how it was
 * allowed, so both gates on the way are waived.
 */
export async function deploySampleModel(page: Page): Promise<void> {
  await splitSample(page);
  await waiveSampleGate(page, 'Data Ethics Review', 'dataset v2', 'set-up of a journey that is not about governance');
  await trainAndRegister(page, 1, '3');
  await waiveSampleGate(page, 'Performance SLA', 'Ticket router v1', 'set-up of a journey that is not about governance');
  await goToStage(page, 'Deploy');
  await page.getByLabel('Why, for Ticket router v1').fill('baseline');
  const row = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v1/ });
  await row.getByRole('button', { name: 'Set' }).click();
  await expect(row).toContainText('@champion');
  await page.getByLabel('Reason').first().fill('meets the criteria');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();
}

/** Creates an empty project from the home page and opens its Data stage. */
export async function newProject(page: Page, name: string): Promise<void> {
  await openHome(page);
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Data' })).toBeVisible();
}

/** Imports a CSV file on the Data stage with the guessed column roles. */
export async function importCsv(page: Page, name: string, csv: string | Buffer): Promise<void> {
  await page.getByLabel('Choose a CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the data' }).click();
  await page.getByRole('button', { name: 'Import as a new version' }).click();
  await expect(page.getByText(/^Imported version v\d+/)).toBeVisible({ timeout: 60_000 });
}
