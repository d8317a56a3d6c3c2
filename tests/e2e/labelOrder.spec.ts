import { test, expect } from './fixtures';
import { goToStage, newProject } from './lifecycle';

const CLEAN = [
  ['Billing', ['refund my invoice charge', 'invoice charged twice refund', 'billing charge on my card', 'refund the payment invoice', 'wrong invoice amount charged', 'card charged refund please']],
  ['Technical Issue', ['the app crashes on start', 'login error crash', 'app error when saving', 'crash after the update error', 'the app freezes with an error', 'sync error and crash']],
  ['General Inquiry', ['what are your opening hours', 'where is your office', 'do you have a student plan', 'opening hours on sunday', 'how do I contact sales', 'which plans do you offer']],
] as const;

/**
 * Rows collected from production as the contract says (core/loop/productionRows.ts: `source`,
 * `predicted_label`), imported from a file since collection is another item: four feedback rows
 * (two of them mislabelled), three unlabelled, one labelled in the app; and clean imported rows.
 */
const CSV =
  'id,text,category,source,predicted_label\n' +
  CLEAN.flatMap(([label, texts]) => texts.map((t, i) => `${label[0]}${i},${t},${label},,`)).join('\n') + '\n' +
  'f1,refund for the double charge on my invoice,Billing,feedback,Billing\n' +
  'f2,please refund the invoice charge,Technical Issue,feedback,Billing\n' +
  'f3,the app crashes with an error,Technical Issue,feedback,Technical Issue\n' +
  'f4,app crash error on the login screen,General Inquiry,feedback,Technical Issue\n' +
  'u1,my invoice shows a refund charge,,unlabelled,Billing\n' +
  'u2,what are your opening hours today,,unlabelled,General Inquiry\n' +
  'u3,the app error again after login,,unlabelled,Technical Issue\n' +
  'a1,question about opening hours on sunday,General Inquiry,labelled in app,General Inquiry\n';

const margin = async (text: Promise<string>) => Number(/margin (\d\.\d\d)/.exec(await text)![1]);

test('the labelling queue orders by the model’s uncertainty and by its disagreement with feedback, and label quality reports agreement', async ({ page }) => {
  test.setTimeout(150_000);
  await newProject(page, 'Loop labels');
  await page.getByLabel('Choose a CSV file').setInputFiles({ name: 'collected.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await page.getByLabel('Role of column category').selectOption('label');
  await page.getByLabel('Role of column source').selectOption('meta:category');
  await page.getByLabel('Role of column predicted_label').selectOption('meta:category');
  await page.getByRole('button', { name: 'Check the data' }).click();
  await page.getByRole('button', { name: 'Import as a new version' }).click();
  await expect(page.getByText(/^Imported version v1: 26 rows kept/)).toBeVisible();
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();

  await goToStage(page, 'Model');
  await page.getByLabel('Optimizer').selectOption('adam'); // epochs belong to the mini-batch optimizers
  await page.getByLabel('Epochs').fill('30');
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  await expect(page.getByRole('article', { name: /Run 1: logistic regression/ })).toBeVisible({ timeout: 120_000 });

  await goToStage(page, 'Data');
  await page.getByRole('navigation', { name: 'Data views' }).getByRole('link', { name: 'Label' }).click();
  const queue = page.getByRole('region', { name: 'Labelling queue' });
  await expect(queue).toContainText('Suggestions from run 1 (the newest run; nothing is registered yet). They never choose a label for you.');
  await page.getByLabel('Queue order').selectOption('uncertain');
  const row = queue.getByRole('article');
  await expect(row).toContainText('The model suggests');
  await expect(queue).toContainText('3 unlabelled rows left');
  // Lowest margin first: each next row is at least as sure as the one before. The suggestion picks nothing.
  // The keys work straight after choosing the order, with the menu still focused.
  await page.getByLabel('Queue order').focus();
  const first = await margin(row.innerText());
  await page.keyboard.press('1');
  await expect(queue).toContainText('2 unlabelled rows left');
  const second = await margin(row.innerText());
  expect(second).toBeGreaterThanOrEqual(first);
  await page.keyboard.press('s');
  expect(await margin(row.innerText())).toBeGreaterThanOrEqual(second);

  // Feedback rows the model labels otherwise, to re-check: keep the label with K.
  await page.getByLabel('Queue order').selectOption('disagreement');
  await expect(row).toContainText('Label from feedback:');
  const text = await row.innerText();
  const given = /Label from feedback: (.+?)\./.exec(text)![1];
  const suggested = /The model suggests (.+?) \(/.exec(text)![1];
  expect(suggested).not.toBe(given);
  const screens = process.env.SCREENS_DIR;
  if (screens) await queue.screenshot({ path: `${screens}/label-queue-disagreement.png` });
  const left = Number(/(\d+) rows? left to re-check/.exec(await queue.innerText())![1]);
  const key = /Row (\w+)/.exec(text)![1];
  await page.keyboard.press('k');
  if (left > 1) await expect(queue).toContainText(`${left - 1} ${left - 1 === 1 ? 'row' : 'rows'} left to re-check`);
  else await expect(queue).toContainText('No feedback label left that the model disagrees with.');

  await page.getByRole('button', { name: `History of row ${key}` }).click();
  await expect(page.getByRole('list', { name: `Label history of row ${key}` })).toContainText(`kept ${given} after a re-check`);

  await page.getByRole('navigation', { name: 'Data views' }).getByRole('link', { name: 'Checks' }).click();
  const agreement = page.getByRole('table', { name: 'Agreement' });
  // Feedback B T T G against the model's B B T T: sklearn's cohen_kappa_score gives 0.2.
  await expect(agreement.getByRole('row', { name: /^Feedback and model/ })).toHaveText(/Feedback and model\s*4\s*50 %\s*0\.20\s*slight agreement \(few rows: read with care\)/);
  await expect(agreement.getByRole('row', { name: /^Feedback and labelled in the app/ })).toContainText('1100 %');
  if (screens) await page.getByRole('region', { name: 'Agreement' }).screenshot({ path: `${screens}/label-agreement.png` });
});
