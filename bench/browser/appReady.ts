/**
 * Node-side helpers for the app-load benchmarks: an init script that records, in the page's
 * own clock (`performance.now()`, zero at navigation start), the first moment the home page is
 * interactive — the "Support ticket triage" project link is visible and the "Project name"
 * input is enabled — and a function that loads a page and returns that moment.
 */
import type { Page } from '@playwright/test';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';

export const PROJECT_LINK_TEXT = SAMPLE_PROJECT.name;
export const NAME_INPUT_LABEL = 'Project name';

/**
 * Plain JavaScript, passed as a string so no transpiler helper leaks into the page. A
 * MutationObserver checks the condition after every DOM change, so the time is exact to the
 * change that made the page ready (not to a polling interval). The result is a promise,
 * `window.__appReady`, because the app's CSP (no 'unsafe-eval') breaks Playwright's
 * `waitForFunction` polling; awaiting a promise through `page.evaluate` needs no eval later.
 */
export const READY_SCRIPT = `(() => {
  const LINK = ${JSON.stringify(PROJECT_LINK_TEXT)};
  const LABEL = ${JSON.stringify(NAME_INPUT_LABEL)};
  const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
  const visible = (el) => el.getClientRects().length > 0 &&
    (typeof el.checkVisibility !== 'function' || el.checkVisibility({ visibilityProperty: true }));
  const ready = () => {
    let link = null;
    for (const a of document.querySelectorAll('a')) if (norm(a.textContent) === LINK && visible(a)) { link = a; break; }
    if (!link) return false;
    for (const label of document.querySelectorAll('label')) {
      if (norm(label.textContent) !== LABEL) continue;
      const input = label.control;
      if (input && !input.matches(':disabled') && visible(input)) return true;
    }
    return false;
  };
  let resolve;
  window.__appReadyAt = undefined;
  window.__appReady = new Promise((r) => { resolve = r; });
  const observer = new MutationObserver(() => {
    if (window.__appReadyAt === undefined && ready()) {
      window.__appReadyAt = performance.now();
      observer.disconnect();
      resolve(window.__appReadyAt);
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

/**
 * Navigates (or reloads) and returns the page-clock time at which the home page became
 * interactive, after double-checking the condition with Playwright's own locators.
 */
export async function loadUntilReady(page: Page, navigate: () => Promise<unknown>, timeoutMs = 120_000): Promise<number> {
  await navigate();
  const ready = page.evaluate('window.__appReady') as Promise<number>;
  ready.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`home page not interactive after ${timeoutMs} ms`)), timeoutMs);
  });
  const readyAt = await Promise.race([ready, timeout]).finally(() => clearTimeout(timer));
  if (typeof readyAt !== 'number') throw new Error(`page reported ready at ${String(readyAt)}`);
  await page.getByRole('link', { name: PROJECT_LINK_TEXT, exact: true }).first().waitFor({ state: 'visible', timeout: 5_000 });
  if (!(await page.getByLabel(NAME_INPUT_LABEL, { exact: true }).isEnabled({ timeout: 5_000 }))) {
    throw new Error(`"${NAME_INPUT_LABEL}" input is not enabled after the page reported ready`);
  }
  return readyAt;
}
