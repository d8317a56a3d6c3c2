import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { goToStage } from './lifecycle';

/** Changes one stored audit entry straight in IndexedDB, behind the app's back; returns its chain position. */
export function tamperWithEntry(page: Page, action: string, detail: RegExp): Promise<number> {
  return page.evaluate(
    ({ action, source }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('lifecycle-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const idb = open.result;
          const tx = idb.transaction('auditLog', 'readwrite');
          const store = tx.objectStore('auditLog');
          const all = store.getAll();
          all.onsuccess = () => {
            const entry = (all.result as { action: string; detail: string; seq: number }[]).find((e) => e.action === action && new RegExp(source).test(e.detail));
            if (!entry) return reject(new Error(`No ${action} entry matches ${source}`));
            store.put({ ...entry, detail: `${entry.detail} (edited)` });
            tx.oncomplete = () => {
              idb.close();
              resolve(entry.seq);
            };
          };
        };
      }),
    { action, source: detail.source },
  );
}

/**
 * Govern → Audit after a deployment with a 50 % canary of v2 and a rollback: the trail verifies,
 * says what was served during the canary, filters, and names an entry edited in IndexedDB.
 */
export async function checkAuditTrail(page: Page): Promise<void> {
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Audit trail' }).click();
  await expect(page).toHaveURL(/#\/p\/[^/]+\/govern\/audit$/);
  const verify = page.getByRole('button', { name: 'Verify the trail' });
  const verdict = page.getByTestId('audit-verdict');
  await verify.click();
  await expect(verdict).toHaveText(/^All \d+ entries verify \(head [0-9a-f]{12}\)\.$/);

  // What was served while the canary ran (the moment of its deployment), and under which approvals.
  const entries = page.getByRole('table', { name: 'Audit trail entries' });
  await entries.getByRole('row', { name: /Deployed Ticket router version 1 with version 2 as canary/ }).getByRole('button', { name: /^What was served at entry #\d+$/ }).click();
  const answer = page.getByTestId('served-at-answer');
  await expect(answer).toContainText(/the endpoint served Ticket router v1, with Ticket router v2 as canary on 50 % of requests — since the deployment by .+ \(entry #\d+\)\./);
  // Judged under the policy the trail names for that moment (none, unless the project published one).
  await expect(answer).toContainText(/No governance policy had been published then: nothing was gated\.|Under governance policy v\d+ “.+” \(hash [0-9a-f]{12}\)\./);
  // A moment typed before anything was deployed.
  await page.getByLabel('Moment (your local time)').fill('2020-01-01T12:00:00');
  await expect(answer).toHaveText(/^Nothing was deployed at /);
  // The rollback is one entry of its kind.
  await page.getByLabel('Action', { exact: true }).selectOption('deploy.rollback');
  await expect(entries.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  const seq = await tamperWithEntry(page, 'deploy', / as canary/);
  await verify.click();
  await expect(verdict).toHaveText(new RegExp(`^Entry #${seq} \\(.+, deploy\\) was changed after it was written: its hash does not match\\.$`));
}
