/**
 * endpoint.roundtrip.p50_ms / p99_ms — fetch('/api/v1/predict') from a page → service worker →
 * model → JSON answer, in Chromium against the built app. The model is made the way a learner
 * makes it: split the sample data, train the baseline, register it, deploy it (through the UI).
 */
import { defineBenchmark } from '../types';
import { summarize } from '../stats';
import { READY_SCRIPT } from './appReady';

const REQUESTS = 500;

export default defineBenchmark({
  id: 'endpoint.roundtrip.p50_ms',
  figures: ['endpoint.roundtrip.p99_ms'],
  where: 'browser',
  description: 'fetch → service worker → model → response for single tickets, after deploying the trained sample baseline',
  async run(ctx) {
    const browser = await ctx.browser();
    const context = await browser.newContext();
    try {
      await context.addInitScript({ content: READY_SCRIPT });
      const page = await context.newPage();
      await page.goto(await ctx.appUrl());
      await page.evaluate(() => (window as unknown as { __appReady: Promise<number> }).__appReady);
      await page.getByRole('link', { name: 'Support ticket triage' }).click();
      const strip = page.getByRole('navigation', { name: 'Lifecycle stages' });
      await strip.getByRole('link', { name: /Data/ }).click();
      await page.getByRole('button', { name: 'Split the newest version' }).click();
      await page.getByText(/split stratified: train/).waitFor();
      await strip.getByRole('link', { name: /Model/ }).click();
      await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
      await page.getByRole('button', { name: 'Register run 1' }).click({ timeout: 180_000 });
      await strip.getByRole('link', { name: /Deploy/ }).click();
      await page.getByRole('button', { name: 'Deploy', exact: true }).click();
      await page.getByText(/The endpoint serves/).waitFor();
      ctx.log('endpoint: sample baseline deployed; timing requests');
      const samples = (await page.evaluate(async (n) => {
        await navigator.serviceWorker.ready;
        const texts = ['My invoice shows a double charge', 'The app crashes when I open settings', 'Do you offer a discount for nonprofits?'];
        const times: number[] = [];
        for (let i = 0; i < n + 20; i++) {
          const t0 = performance.now();
          const r = await fetch('/api/v1/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: texts[i % 3] }) });
          await r.json();
          if (i >= 20) times.push(performance.now() - t0);
        }
        return times;
      }, REQUESTS)) as number[];
      const s = summarize(samples);
      const env = { requests: REQUESTS, warmup: 20, model: 'sample baseline (logistic regression), pure-JS inference in the service worker', stats: s };
      return [
        { id: 'endpoint.roundtrip.p50_ms', value: s.p50, unit: 'ms', better: 'lower', env },
        { id: 'endpoint.roundtrip.p99_ms', value: s.p99, unit: 'ms', better: 'lower', env },
      ];
    } finally {
      await context.close();
    }
  },
});
