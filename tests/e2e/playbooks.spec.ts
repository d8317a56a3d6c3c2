import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, openSample, test } from './fixtures';
import { goToStage } from './lifecycle';

/** Opens the stage's collapsed Playbook panel and returns it. */
async function openPlaybook(page: Page, stage: 'Frame' | 'Data' | 'Deploy') {
  const panel = page.locator('details.playbook');
  await panel.getByText(`Playbook for ${stage}`).click();
  await expect(panel.getByRole('list', { name: 'What to do' })).toBeVisible();
  return panel;
}

const item = (panel: ReturnType<Page['locator']>, text: string) => panel.getByRole('listitem').filter({ hasText: text });

test('a criteria preset is applied, the Data playbook is checked from the sample, a manual item is ticked, and the rollout plan is filled, kept and downloaded', async ({ page }) => {
  await openSample(page);

  // A success-criteria preset goes through Frame's own criteria path, and an edit in the Frame
  // editor afterwards builds on it (the editor's own last save does not win over it).
  await goToStage(page, 'Frame');
  const addCriterion = async (text: string) => {
    await page.getByLabel('Add a criterion').fill(text);
    await page.getByRole('button', { name: 'Add criterion' }).click();
  };
  await addCriterion('macro-F1 on validation >= 0.5');
  await expect(page.getByLabel('Metric of criterion 4')).toHaveValue('macro_f1');
  const frame = await openPlaybook(page, 'Frame');
  await frame.locator('summary', { hasText: 'Success-criteria presets' }).click();
  await frame.getByRole('button', { name: 'Apply Reliable service' }).click();
  await expect(page.getByLabel('Metric of criterion 7')).toHaveValue('latency_p95_ms');
  await addCriterion('accuracy on train >= 0.5');
  await expect(page.getByLabel('Metric of criterion 8')).toHaveValue('accuracy');
  await expect(page.getByLabel('Metric of criterion 5')).toHaveValue('availability');

  await goToStage(page, 'Data');
  const data = await openPlaybook(page, 'Data');
  await expect(item(data, 'Import the data as a versioned dataset')).toContainText('Done');
  await expect(item(data, 'Import the data as a versioned dataset')).toContainText('1 dataset version stored. Checked by the app.');
  await expect(item(data, 'Split the newest version')).toContainText('Not yet');
  await expect(item(data, 'Keep every text in one split only')).toContainText('Split the data first.');

  // A manual item, ticked in a person's name.
  await data.getByLabel('Ticks and templates recorded as').selectOption({ label: 'Noor Haddad' });
  const before = await data.locator('summary .count').textContent();
  const leak = data.getByRole('checkbox', { name: 'Make sure no column gives the label away' });
  await leak.check();
  await expect(item(data, 'Make sure no column gives the label away')).toContainText(/Ticked by Noor Haddad, /);
  const done = Number(/^(\d+) of 7 done$/.exec(before ?? '')?.[1]);
  await expect(data.locator('summary .count')).toHaveText(`${done + 1} of 7 done`);

  // The rollout and rollback plan, prefilled from the project, saved as Noor.
  await goToStage(page, 'Deploy');
  const deploy = await openPlaybook(page, 'Deploy');
  await deploy.locator('summary', { hasText: 'Rollout and rollback plan' }).click();
  const plan = deploy.getByRole('form', { name: 'Rollout and rollback plan' });
  await expect(plan.getByLabel('What serves now (the rollback target)')).toHaveValue('Nothing is served yet.');
  await plan.getByLabel('Version to roll out').fill('Ticket router v1, the first model to meet the targets');
  await plan.getByLabel('Rollback trigger').fill('Error rate above 2 % for five minutes, or p99 latency above 200 ms');
  await plan.getByRole('button', { name: 'Save' }).click();
  await expect(plan.getByRole('status')).toHaveText('Saved.');

  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Deploy' })).toBeVisible();
  const again = await openPlaybook(page, 'Deploy');
  await expect(item(again, 'Write the rollout and rollback plan')).toContainText('Done');
  await expect(item(again, 'Write the rollout and rollback plan')).toContainText('Saved by Noor Haddad. Checked by the app.');
  await again.locator('summary', { hasText: 'Rollout and rollback plan' }).click();
  const kept = again.getByRole('form', { name: 'Rollout and rollback plan' });
  await expect(kept.getByLabel('Version to roll out')).toHaveValue('Ticket router v1, the first model to meet the targets');
  await expect(kept.getByLabel('Rollback trigger')).toHaveValue('Error rate above 2 % for five minutes, or p99 latency above 200 ms');

  const download = page.waitForEvent('download');
  await kept.getByRole('button', { name: 'Download as Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('support-ticket-triage-rollout-rollback.md');
  const markdown = await readFile(await file.path(), 'utf8');
  expect(markdown).toMatch(/^# Rollout and rollback plan: Support ticket triage\n/);
  expect(markdown).toMatch(/\nFilled in by Noor Haddad, saved .+\.\n/);
  expect(markdown).toContain('## Rollback trigger\n\n> Exactly what makes us roll back, without a meeting.\n\nError rate above 2 % for five minutes, or p99 latency above 200 ms\n');
  expect(markdown).toContain('## Version to roll out\n\n> Which registered model version, and why now?\n\nTicket router v1, the first model to meet the targets\n');

  // Govern → Playbooks & templates lists every stage's progress, the tick included.
  await again.getByRole('link', { name: 'All playbooks and templates' }).click();
  const progress = page.getByRole('table', { name: 'Progress through each stage’s playbook' });
  await expect(progress.getByRole('row', { name: /^Data / })).toContainText(`${done + 1} of 7`);
  await expect(page.getByRole('heading', { level: 3, name: 'Templates' })).toBeVisible();
});
