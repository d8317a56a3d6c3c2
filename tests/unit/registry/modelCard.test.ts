import { describe, expect, it } from 'vitest';
import { inlineText, lineText, markdownTable, paragraphs } from '../../../src/lib/core/registry/markdownText';
import { modelCardMarkdown, type ModelCardInput } from '../../../src/lib/core/registry/modelCard';
import { modelCardHtml } from '../../../src/lib/core/registry/modelCardHtml';
import { EMPTY_MODEL_CARD_EDITS } from '../../../src/lib/core/registry/modelCardEdits';
import { modelVersionData, type ModelVersionFacts } from '../../../src/lib/core/registry/modelVersionDocument';
import { resolveTfidfOptions } from '../../../src/lib/core/text/tfidfOptions';
import { classes, criteria, evaluation } from './fixtures';

const facts: ModelVersionFacts = {
  name: 'ticket-router',
  version: 3,
  description: 'Routes incoming support tickets to a queue.',
  family: 'softmax-regression',
  tags: { team: 'support' },
  aliases: ['champion'],
  classes,
  owner: 'Ada',
  createdAt: '2026-04-01T12:34:56.000Z',
  appVersion: '0.1.0',
  lineage: { projectId: 'p-1', runId: 'run-7', runNumber: 7, datasetVersionId: 'dv-2', datasetVersionNumber: 2 },
  params: { optimizer: 'adam', learningRate: 0.05, epochs: 50, l2: 1e-5 },
  seed: 'registry-seed',
  backend: 'cpu',
  trainExamples: 840,
  canvas: { valueProposition: 'Agents get tickets in the right queue.', predictionTask: 'Ticket text to one of three queues.' },
  evaluation,
  criteria,
};

const vectorizer = { options: resolveTfidfOptions({ minDf: 2, sublinearTf: true }), vocabularySize: 1234 };

function card(overrides: Partial<ModelVersionFacts> = {}, extra: Partial<ModelCardInput> = {}): string {
  return modelCardMarkdown({ data: modelVersionData({ ...facts, ...overrides }), vectorizer, layers: ['output: Dense, 3 units, softmax'], ...extra });
}

const SECTIONS = [
  '# Model card: ticket-router, version 3',
  '## Model details',
  '## Intended use',
  '### Value proposition',
  '### Prediction task',
  '### Decisions',
  '### Input and output',
  '## Parameters',
  '### Model architecture',
  '### Training',
  '### Vectorizer (TF-IDF)',
  '### Data',
  '## Quantitative analysis',
  '### Headline metrics',
  '### Baseline',
  '### Per class (test split)',
  '### Per slice (test split)',
  '### Latency',
  '## Success criteria',
  '## Considerations',
  '### Users',
  '### Use cases',
  '### Limitations',
  '### Trade-offs',
  '### Ethical considerations',
];

const headings = (markdown: string) => markdown.split('\n').filter((l) => /^#{1,6}\s/.test(l));

/** Cells of a table row: split on pipes not escaped by a backslash. */
const cellCount = (row: string) => row.trim().replace(/\\\\/g, '').split(/(?<!\\)\|/).length - 2;

/** Every table: its rows have as many cells as its header. */
function tables(markdown: string): string[][] {
  const found: string[][] = [];
  let current: string[] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      (current ??= []).push(line);
    } else if (current) {
      found.push(current);
      current = null;
    }
  }
  if (current) found.push(current);
  return found;
}

describe('modelCardMarkdown', () => {
  it('has every Model Card Toolkit section, in order', () => {
    expect(headings(card())).toEqual(SECTIONS);
  });

  it('states the facts: details, intended use, parameters, metrics, criteria, limitations', () => {
    const md = card();
    expect(md).toContain('- **Family:** Logistic regression (softmax) (softmax-regression)');
    expect(md).toContain('- **Owner / contact:** Ada');
    expect(md).toContain('- **Lineage:** project p-1; run #7 (run-7); dataset v2 (dv-2)');
    expect(md).toContain('Agents get tickets in the right queue.');
    expect(md).toContain('_Not written yet: fill the ML Canvas box "Decisions" in the Frame stage._');
    expect(md).toContain('| Learning rate (learningRate) | 0.05 |');
    expect(md).toContain('| Vocabulary size | 1234 |');
    expect(md).toContain('Seed: registry-seed');
    expect(md).toContain('| Accuracy | 93.7 % | 91.5 % |');
    expect(md).toContain('Lift of the model on test: +53.7 pp accuracy');
    expect(md).toContain('| Billing | 90.0 % | 88.0 % | 89.0 % | 20 |');
    expect(md).toContain('| tier = enterprise | 0 | — | — |');
    expect(md).toContain('| 1.3 ms | 2.5 ms | 3.8 ms | 1.4 ms | 300 | 5210 texts/s | cpu |');
    expect(md).toContain('3 of 3 criteria pass, 0 fail, 0 not measured.');
    expect(md).toContain('| Accuracy on test \\>= 0.9 | 0.9365 | +0.0365 | PASS |');
    expect(md).toContain('| p99 latency on production \\<= 200 ms (single prediction through /api/v1/predict) | 3.8 ms | +196.3 ms | PASS |');
    expect(md).toContain('- Trained on 840 examples of dataset v2');
    expect(md).toContain('Its weakest slice on test is channel = chat (accuracy 85.7 % on 14 examples).');
    expect(md).toContain('**Who is affected**');
    for (const table of tables(md)) {
      const width = cellCount(table[0]);
      expect(table.every((row) => cellCount(row) === width)).toBe(true);
    }
  });

  it('says what is missing instead of leaving gaps', () => {
    const md = modelCardMarkdown({
      data: modelVersionData({ ...facts, evaluation: null, criteria: [], owner: '', description: '', trainExamples: null, canvas: undefined }),
      vectorizer: null,
    });
    expect(md).toContain("_No evaluation was stored with this version's run._");
    expect(md).toContain('_No success criteria were set.');
    expect(md).toContain('- **Owner / contact:** not recorded');
    expect(md).toContain('- Trained on the training split of dataset v2');
    expect(md).not.toContain('### Model architecture');
    expect(md).toContain('## Considerations');
  });

  it('takes what the owner wrote over the generated text, and keeps it text', () => {
    const plain = card();
    expect(plain).toContain('- **License:** not stated');
    expect(plain).toContain('_Not written yet: say who uses the predictions');
    expect(plain).toContain('Ticket text to one of three queues. It is not meant for texts unlike its training data');
    expect(plain).toContain('Accuracy 93.7 % against macro-F1 0.917 on test');
    const edits = {
      overview: 'Sorts tickets.', owners: 'Support analytics team', license: 'Internal use only', references: 'https://wiki/triage\nrunbook.md',
      users: 'Tier-1 agents.', useCases: 'Queue routing; not for refunds.', limitations: 'No French tickets yet.', tradeoffs: 'We accept slower review for safety.',
      ethicalConsiderations: '# Reviewed <b>2026-11-01</b>',
    };
    const md = card({}, { edits });
    expect(md).toContain('Sorts tickets.');
    expect(md).not.toContain('Routes incoming support tickets to a queue.');
    expect(md).toContain('- **Owner / contact:** Support analytics team');
    expect(md).toContain('- **License:** Internal use only');
    expect(md).toContain('- **References:** https://wiki/triage; runbook.md');
    expect(md).toContain('### Users\n\nTier-1 agents.');
    expect(md).toContain('### Use cases\n\nQueue routing; not for refunds.');
    expect(md).toContain('No French tickets yet.');
    expect(md).toContain('- Trained on 840 examples');
    expect(md).toContain('### Trade-offs\n\nWe accept slower review for safety.');
    expect(md).toContain('\\# Reviewed \\<b\\>2026-11-01\\</b\\>');
    expect(md).not.toContain('**Who is affected**');
    expect(headings(md)).toEqual(SECTIONS);
  });

  it('keeps hostile text from data as text: no new headings, columns, HTML or links', () => {
    const hostile = '| # <script>alert(1)</script>\n# Injected heading\n\n| a | b |\n|---|---|\n<img src=x onerror=alert(1)> [click](http://evil) ![i](x) &lt; `code` *em* ~~s~~ $x$';
    const md = card({
      name: '# Evil | name',
      description: `${hostile}\n\n- list\n1. ordered\n=====\n    indented\n\`\`\`\nfence`,
      tags: { 'team|x': hostile, 'ok': 'fine' },
      aliases: ['champ|ion'],
      owner: '<b>Ada</b>\n## Owner heading',
      canvas: { valueProposition: hostile, predictionTask: hostile, decisions: '> quoted\n---' },
      params: { 'evil|param': 'x | y\n# z', epochs: 3 },
      seed: '\u202Eevil\u0007',
      classes: ['Bill|ing', '<b>Tech</b>', '# General\n'],
      evaluation: {
        ...evaluation,
        test: { ...evaluation.test, perSlice: [{ sliceId: 'x', name: hostile, n: 3, accuracy: 0.5, macroF1: 0.5 }] },
        baseline: { ...evaluation.baseline, label: hostile, warning: hostile },
      },
    });
    const ours = SECTIONS.map((h) => (h.startsWith('# Model card') ? '# Model card: \\# Evil \\| name, version 3' : h));
    expect(headings(md)).toEqual(ours);
    expect(md).not.toMatch(/(^|[^\\])</m);
    expect(md).not.toMatch(/(^|[^\\])\[/m);
    expect(md).not.toMatch(/(^|[^\\])`/m);
    expect(md).not.toMatch(/(^|[^\\])&/m);
    expect(md).not.toMatch(/^ {4}/m);
    expect(md).not.toMatch(/^(- list|1\. ordered|=+$|---$|> )/m);
    expect(md).not.toContain('\u202E');
    expect(md).not.toContain('\u0007');
    for (const table of tables(md)) {
      const width = cellCount(table[0]);
      expect(table.every((row) => cellCount(row) === width), table.join('\n')).toBe(true);
    }
    expect(md).toContain('(in this order): Bill\\|ing, \\<b\\>Tech\\</b\\>, \\# General.');
    expect(md).toContain('team\\|x = \\| \\# \\<script\\>alert(1)\\</script\\> \\# Injected heading');
  });
});

describe('markdownText', () => {
  it('escapes inline syntax and collapses line breaks', () => {
    expect(inlineText(' a | b\n# c *d* _e_ [f](g) <h> &amp; `i` ~j~ $k$ \\ ')).toBe(
      'a \\| b \\# c \\*d\\* \\_e\\_ \\[f\\](g) \\<h\\> \\&amp; \\`i\\` \\~j\\~ \\$k\\$ \\\\',
    );
    expect(inlineText('a\u2028b\r\nc\u202Ed')).toBe('a b cd');
  });

  it('escapes what only matters at the start of a line', () => {
    expect(lineText('- item')).toBe('\\- item');
    expect(lineText('+ item')).toBe('\\+ item');
    expect(lineText('=== ')).toBe('\\===');
    expect(lineText('12. item')).toBe('12\\. item');
    expect(lineText('3) item')).toBe('3\\) item');
    expect(lineText('v1.2 - fine')).toBe('v1.2 - fine');
    expect(paragraphs('one\ntwo\n\n  - three\n\n\n')).toBe('one two\n\n\\- three');
  });

  it('builds tables with escaped cells and padded rows', () => {
    expect(markdownTable(['A', 'B|C'], [['1'], ['x|y', '2']], ['left', 'right'])).toBe(
      ['| A | B\\|C |', '| --- | ---: |', '| 1 |  |', '| x\\|y | 2 |'].join('\n'),
    );
  });
});

describe('modelCardHtml', () => {
  it('renders the card as a standalone page with its headings and tables', () => {
    const html = modelCardHtml(card(), 'Model card: ticket-router v3');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Model card: ticket-router v3</title>');
    expect(html).toContain('<h2>Model details</h2>');
    expect(html).toContain('<h3>Ethical considerations</h3>');
    expect(html).toMatch(/<table>\s*<thead>/);
    expect(html).toContain('<strong>Owner / contact:</strong> Ada');
  });

  it('never turns text from data into markup', () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1))';
    const html = modelCardHtml(card({ name: hostile, description: hostile, owner: hostile }, { edits: { ...EMPTY_MODEL_CARD_EDITS, users: hostile, references: hostile } }), hostile);
    expect(html).not.toMatch(/<script|<img|<a /i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // A raw HTML block slipped into the Markdown itself is written out as text too.
    expect(modelCardHtml('<div onclick="x()">hi</div>\n', 't')).toContain('&lt;div onclick=&quot;x()&quot;&gt;hi&lt;/div&gt;');
  });
});
