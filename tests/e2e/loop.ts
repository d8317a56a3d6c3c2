import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { callEndpoint, goToStage } from './lifecycle';

/**
 * The loop back, as a person drives it: traffic from the Deploy page's generator, the Monitor's
 * views, collecting logged traffic into a dataset version. Shared by the loop journeys.
 */

export interface Replay {
  /** The "Tickets" option as the page words it ("newly generated: new product launch", "the test split of the newest data"). */
  source: string;
  count: number;
  perSecond?: number;
  /** Scenarios only. */
  changeAfter?: number;
  seed?: string;
  /** Share of answers whose true label is sent back (%), and after how many seconds. */
  feedbackPercent?: number;
  feedbackDelayS?: number;
}

/**
 * Deploy → Send traffic: replays `r` and waits until the replay says it is done (its last
 * feedback sent). Returns that message ("Sent 200 requests. Feedback: 96 sent.").
 */
export async function sendTraffic(page: Page, r: Replay): Promise<string> {
  await goToStage(page, 'Deploy');
  const form = page.getByRole('form', { name: 'Send traffic' });
  await form.getByLabel('Tickets', { exact: true }).selectOption({ label: r.source });
  await form.getByLabel('How many').fill(String(r.count));
  await form.getByLabel('Requests per second').fill(String(r.perSecond ?? 200));
  if (r.changeAfter !== undefined) await form.getByLabel('Change starts after request').fill(String(r.changeAfter));
  if (r.seed !== undefined) await form.getByLabel('Seed').fill(r.seed);
  if (r.feedbackPercent !== undefined) await form.getByLabel('True labels sent back for (%)').fill(String(r.feedbackPercent));
  if (r.feedbackDelayS !== undefined) await form.getByLabel('after (seconds)').fill(String(r.feedbackDelayS));
  await form.getByRole('button', { name: 'Start' }).click();
  const done = form.getByRole('status').filter({ hasText: new RegExp(`^Sent ${r.count} requests\\.`) });
  await expect(done).toBeVisible({ timeout: 120_000 });
  return (await done.textContent())!.trim();
}

/** Opens one of the Monitor's views through its sub-navigation. */
export async function openMonitorView(page: Page, view: 'Dashboard' | 'Drift' | 'Challenger'): Promise<void> {
  await goToStage(page, 'Monitor');
  const views = page.getByRole('navigation', { name: 'Monitor views' });
  await views.getByRole('link', { name: view }).click();
  await expect(views.getByRole('link', { name: view })).toHaveAttribute('aria-current', 'page');
}

/** Model → Retrain, through the Model views. */
export async function openRetrain(page: Page): Promise<void> {
  await goToStage(page, 'Model');
  await page.getByRole('navigation', { name: 'Model views' }).getByRole('link', { name: 'Retrain', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Retrain the champion on fresh data' })).toBeVisible();
}

/** The `<dd>` of `term` in the definition list labelled `list`. */
export function fact(page: Page, list: string, term: string | RegExp) {
  return page.getByLabel(list).getByRole('term').filter({ hasText: term }).locator('+ dd');
}

/**
 * Monitor → Dashboard (last hour) once `labelled` outcomes are counted: the accuracy where the
 * outcome is known and the share of answers decided automatically, as fractions.
 */
export async function qualityOnDashboard(page: Page, labelled: number): Promise<{ accuracy: number; automaticShare: number }> {
  await openMonitorView(page, 'Dashboard');
  const accuracy = fact(page, 'This window at a glance', 'Accuracy (where the outcome is known)');
  await expect(accuracy).toContainText(`(${labelled} labelled)`);
  const automatic = fact(page, 'Business value in this window', /^Automatic decisions \(confidence/);
  await expect(automatic).toContainText(`of ${labelled.toLocaleString('en-US')} answers`);
  const percent = (text: string | null, re: RegExp) => Number.parseFloat(re.exec(text ?? '')![1]) / 100;
  return { accuracy: percent(await accuracy.textContent(), /^([\d.]+) %/), automaticShare: percent(await automatic.textContent(), /\(([\d.]+) %\)/) };
}

export interface BusinessReading {
  caughtWrong: number;
  confirmedRight: number;
  /** In the project's unit. */
  netValuePerDay: number;
}

/** Monitor → Dashboard: the business figures of the last hour once they count `answers` served answers, as the tiles show them. */
export async function businessOnDashboard(page: Page, answers: number): Promise<BusinessReading> {
  await openMonitorView(page, 'Dashboard');
  const list = 'Business value in this window';
  await expect(fact(page, list, /^Automatic decisions \(confidence/)).toContainText(`of ${answers.toLocaleString('en-US')} answers`);
  const number = async (term: RegExp) => Number.parseFloat((await fact(page, list, term).textContent())!.replace(/,/g, ''));
  return {
    caughtWrong: await number(/^Wrong automatic decisions caught/),
    confirmedRight: await number(/^Right automatic decisions confirmed/),
    netValuePerDay: await number(/^Net value per day/),
  };
}

/** Deploy: makes `version` ("Ticket router v2") the champion and deploys it alone. */
export async function deployVersion(page: Page, version: string, reason: string): Promise<void> {
  await goToStage(page, 'Deploy');
  await page.getByLabel(`Why, for ${version}`).fill(reason);
  const row = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: new RegExp(version) });
  await row.getByRole('button', { name: 'Set' }).click();
  await expect(row).toContainText('@champion');
  const form = page.getByRole('form', { name: 'Deploy' });
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(new RegExp(`The endpoint serves ${version} \\(@champion\\)`))).toBeVisible();
}

/** The dialog that turns logged traffic into a dataset version. */
export function collectDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Make a dataset version from logged predictions' });
}

/**
 * Monitor → Dashboard → Latest predictions: opens "Make a dataset version from these…" for the
 * served answers of the last hour and waits for its preview. Returns the dialog.
 */
export async function previewCollection(page: Page) {
  await openMonitorView(page, 'Dashboard');
  await page.getByLabel('Logged', { exact: true }).selectOption({ label: 'Last hour' });
  await page.getByRole('button', { name: 'Make a dataset version from these…' }).click();
  const dialog = collectDialog(page);
  await expect(dialog).toContainText(/served answers match/, { timeout: 60_000 });
  return dialog;
}

/** Confirms the previewed collection and returns the new dataset version's number. */
export async function confirmCollection(page: Page): Promise<number> {
  const dialog = collectDialog(page);
  await dialog.getByRole('button', { name: /^Add [\d,]+ tickets? as a new version$/ }).click();
  const saved = dialog.getByRole('status').filter({ hasText: /^Saved as dataset v\d+/ });
  await expect(saved).toBeVisible({ timeout: 60_000 });
  const number = Number(/v(\d+)/.exec((await saved.textContent())!)![1]);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return number;
}

/**
 * Deploy → Request contract: suggests the contract from the served version's training data,
 * switches it on and saves it. Returns the contract's region.
 */
export async function saveSuggestedContract(page: Page, served: string) {
  await goToStage(page, 'Deploy');
  const contract = page.getByRole('region', { name: 'Request contract' });
  await contract.getByRole('button', { name: 'Suggest from the training data' }).click();
  await expect(contract.getByText(new RegExp(`Suggested from \\d+ rows: the training rows of ${served}`))).toBeVisible();
  await expect(contract.getByLabel('Field subject required')).toBeChecked();
  await contract.getByLabel('Check requests against this contract').check();
  await contract.getByRole('button', { name: 'Save contract' }).click();
  await expect(contract.getByText('Saved: the endpoint checks it from the next request.')).toBeVisible();
  return contract;
}

/** POSTs a ticket of named fields without a subject, as a client would, and checks the contract refuses it naming the field. */
export async function expectRefusedWithoutSubject(page: Page): Promise<void> {
  const refused = await callEndpoint(page, '/api/v1/predict', { method: 'POST', body: JSON.stringify({ fields: { body: 'I was charged twice for my invoice this month, please refund it' } }) });
  expect(refused.status).toBe(422);
  expect(JSON.parse(refused.body).error).toMatchObject({ code: 'contract_violation', field: 'subject' });
}
