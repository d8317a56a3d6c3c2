import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const PROBES = ['src/lib/state/lintProbe.ts', 'src/lib/db/lintProbe.ts', 'src/lib/workers/lintProbe.ts', 'src/routes/LintProbe.svelte'];
// The repository's own config — the rule as `npm run lint` runs it, with its file globs — told
// that the probe files, which are not on disk, belong to a project with the repository's settings.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: PROBES, defaultProject: 'tsconfig.json' } } } },
});

/** The messages of the table rule for `code` as if it were the file at `path` (under the repository). */
async function tableProblems(code: string, path: string): Promise<{ line: number; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(fatal.map((m) => m.message).join('\n'));
  return result.messages.filter((m) => m.ruleId === 'house/no-table-access').map(({ line, message }) => ({ line, message }));
}

const READ_A_RUN = `import type { LifecycleDatabase } from '$lib/db/database';
export const runOf = (db: LifecycleDatabase, id: string) => db.runs.get(id);
`;

describe('house/no-table-access', () => {
  it('catches a Dexie table read outside src/lib/db, and allows it inside', async () => {
    expect(await tableProblems(READ_A_RUN, 'src/lib/state/lintProbe.ts')).toEqual([
      { line: 2, message: 'Only src/lib/db touches Dexie tables: `runs` of LifecycleDatabase is for src/lib/db — call one of its repository functions instead.' },
    ]);
    expect(await tableProblems(READ_A_RUN, 'src/lib/db/lintProbe.ts')).toEqual([]);
  }, 120_000);

  it('knows the tables from the database class: any table, however reached, and Dexie’s ways to tables; data with table names is left alone', async () => {
    const code = `import type { LifecycleDatabase } from '$lib/db/database';
import type { LifecycleSummary } from '$lib/core/lifecycle/stages';
export function probe(db: LifecycleDatabase | undefined, summary: LifecycleSummary, doc: { deployments: unknown[] }) {
  const { requestLogs } = db!;
  return [db?.['modelCards'], requestLogs, db?.transaction, db?.tables, summary.runs, doc.deployments, db?.verno, db?.close()];
}
`;
    const problems = await tableProblems(code, 'src/lib/workers/lintProbe.ts');
    expect(problems.map((p) => p.message.match(/`(\w+)`/)![1])).toEqual(['requestLogs', 'modelCards', 'transaction', 'tables']);
  }, 120_000);

  it('reads Svelte components too', async () => {
    const code = `<script lang="ts">
  import type { LifecycleDatabase } from '$lib/db/database';
  let { db }: { db: LifecycleDatabase } = $props();
  const count = db.gates.count();
</script>
{#await count then n}<p>{n}</p>{/await}
`;
    expect((await tableProblems(code, 'src/routes/LintProbe.svelte')).map((p) => p.line)).toEqual([4]);
  }, 120_000);
});
