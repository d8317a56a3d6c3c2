import { describe, expect, it } from 'vitest';
import {
  AUDIT_GENESIS, canonicalAuditEntry, chainEntries, sha256Hex, verifyChain, type ChainedAuditEntry,
} from '$lib/core/governance/auditChain';

const first = { projectId: 'p-1', at: '2026-01-05T09:00:00.000Z', actor: 'Ana', action: 'project.create', detail: 'Created “Support triage”', refs: {} };
const second = { projectId: 'p-1', at: '2026-01-07T09:00:00.000Z', actor: 'Bo', action: 'model.run', detail: 'Run 1', refs: { runId: 'run-1', datasetVersionId: 'dv-1' } };

/** A chain of `n` entries of one project. */
async function chainOf(n: number): Promise<ChainedAuditEntry[]> {
  const entries = Array.from({ length: n }, (_, i) => ({ ...second, at: `2026-02-01T10:00:${String(i).padStart(2, '0')}.000Z`, detail: `Step ${i + 1}` }));
  return (await chainEntries(null, entries, sha256Hex)).map((e, i) => ({ ...e, id: 100 + i }));
}

describe('the audit hash chain', () => {
  it('hashes the sorted-key JSON of each entry after its predecessor’s hash (vector from Python’s hashlib)', async () => {
    // python3 -c "import json,hashlib; e={...}; c=json.dumps(e,sort_keys=True,separators=(',',':'),ensure_ascii=False);
    //   print(hashlib.sha256(('0'*64+c).encode()).hexdigest())", then the same with the first hash as prefix.
    const [a, b] = await chainEntries(null, [first, second], sha256Hex);
    expect(canonicalAuditEntry(a)).toBe('{"action":"project.create","actor":"Ana","at":"2026-01-05T09:00:00.000Z","detail":"Created “Support triage”","projectId":"p-1","refs":{},"seq":1}');
    expect(canonicalAuditEntry(b)).toBe('{"action":"model.run","actor":"Bo","at":"2026-01-07T09:00:00.000Z","detail":"Run 1","projectId":"p-1","refs":{"datasetVersionId":"dv-1","runId":"run-1"},"seq":2}');
    expect(a).toMatchObject({ seq: 1, prevHash: AUDIT_GENESIS, hash: '1a17f65f20ecaf619d5f2d843a1928834ba76b463f4dacb23cd5e1398d598cce' });
    expect(b).toMatchObject({ seq: 2, prevHash: a.hash, hash: 'c53f7862e54c8d2910cdc4b217e7421b206c87a5c342f7651d0778a52b526ad9' });
  });

  it('continues a chain from its head', async () => {
    const [a] = await chainEntries(null, [first], sha256Hex);
    const [b] = await chainEntries({ seq: a.seq, hash: a.hash }, [second], sha256Hex);
    expect(b.hash).toBe('c53f7862e54c8d2910cdc4b217e7421b206c87a5c342f7651d0778a52b526ad9');
  });

  it('verifies an intact chain and reports its head', async () => {
    const chain = await chainOf(5);
    expect(await verifyChain(chain, sha256Hex)).toEqual({ ok: true, count: 5, head: chain[4].hash });
    expect(await verifyChain([], sha256Hex)).toEqual({ ok: true, count: 0, head: AUDIT_GENESIS });
  });

  it.each([0, 2, 4])('reports an entry edited at index %i as edited, at that entry', async (k) => {
    const chain = await chainOf(5);
    chain[k] = { ...chain[k], detail: `${chain[k].detail} (changed)` };
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: false, index: k, reason: 'edited', entry: { id: 100 + k } });
  });

  it('reports every changed field, refs included, and a changed time or actor', async () => {
    for (const change of [{ at: '2026-03-01T00:00:00.000Z' }, { actor: 'Eve' }, { action: 'deploy' }, { refs: { runId: 'run-2', datasetVersionId: 'dv-1' } }, { projectId: 'p-2' }, { seq: 9 }]) {
      const chain = await chainOf(3);
      chain[1] = { ...chain[1], ...change };
      expect(await verifyChain(chain, sha256Hex), JSON.stringify(change)).toMatchObject({ ok: false, index: 1, reason: 'edited' });
    }
  });

  it('reports the entry after a removed one as unlinked', async () => {
    const chain = await chainOf(5);
    chain.splice(2, 1);
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: false, index: 2, reason: 'unlinked', entry: { id: 103 } });
    // The first entry removed: the new first one does not start at the genesis.
    expect(await verifyChain((await chainOf(3)).slice(1), sha256Hex)).toMatchObject({ ok: false, index: 0, reason: 'unlinked' });
  });

  it('reports reordered entries and an inserted entry at the first that does not link', async () => {
    const chain = await chainOf(4);
    expect(await verifyChain([chain[0], chain[2], chain[1], chain[3]], sha256Hex)).toMatchObject({ ok: false, index: 1, reason: 'unlinked' });
    const [forged] = await chainEntries({ seq: 2, hash: chain[1].hash }, [first], sha256Hex);
    expect(await verifyChain([chain[0], chain[1], forged, chain[2], chain[3]], sha256Hex)).toMatchObject({ ok: false, index: 3, reason: 'unlinked' });
  });

  it('reports an entry rewritten with a recomputed hash at the entry after it', async () => {
    const chain = await chainOf(4);
    const [rewritten] = await chainEntries({ seq: 1, hash: chain[0].hash }, [{ ...chain[1], detail: 'Nothing happened' }], sha256Hex);
    expect(await verifyChain([chain[0], rewritten, chain[2], chain[3]], sha256Hex)).toMatchObject({ ok: false, index: 2, reason: 'unlinked' });
  });
});
