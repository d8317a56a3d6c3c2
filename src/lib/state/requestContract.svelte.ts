/** The Deploy page's request contract editor: a draft of the project's contract, suggested, validated, saved. */
import { getRequestContract, setRequestContract, suggestContractFromTraining } from '$lib/db';
import { requestContractProblem, type FieldRule, type RequestContract } from '$lib/core/serving/requestContract';
import { nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { tellEndpoint } from './endpointNotice';

const blankField = (): FieldRule => ({ name: '', required: true, charset: 'printable' });

export class RequestContractDraft {
  enabled = $state(false);
  fields = $state<FieldRule[]>([]);
  /** Whether a contract is stored, and where a suggestion came from. */
  stored = $state<RequestContract | null>(null);
  note = $state<string | null>(null);
  loaded = $state(false);

  constructor(private readonly projectId: string) {}

  get problem(): string | null {
    return this.fields.length ? requestContractProblem(this.contract) : null;
  }

  /** The draft as a contract (blank bounds left out), plain data for storing. */
  get contract(): RequestContract {
    const bound = (n: number | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);
    return {
      enabled: this.enabled,
      fields: this.fields.map((f) => {
        const [minLength, maxLength] = [bound(f.minLength), bound(f.maxLength)];
        return { name: f.name.trim(), required: f.required, charset: f.charset, ...(minLength !== undefined ? { minLength } : {}), ...(maxLength !== undefined ? { maxLength } : {}) };
      }),
    };
  }

  #show(contract: RequestContract | null): void {
    this.enabled = contract?.enabled ?? false;
    this.fields = contract ? contract.fields.map((f) => ({ ...f })) : [];
  }

  async load(): Promise<void> {
    this.stored = await getRequestContract(db, this.projectId);
    this.#show(this.stored);
    this.loaded = true;
  }

  async suggest(): Promise<void> {
    const { contract, source } = await suggestContractFromTraining(db, this.projectId);
    this.fields = contract.fields;
    this.note = `Suggested from ${source}: review, switch it on and save.`;
  }

  add(): void {
    this.fields.push(blankField());
  }

  remove(index: number): void {
    this.fields.splice(index, 1);
  }

  /** Saves the draft (or removes the contract when it has no fields) and tells the endpoint. */
  async save(): Promise<void> {
    const contract = this.fields.length ? this.contract : null;
    await setRequestContract(db, this.projectId, contract, nowMs());
    tellEndpoint(null);
    this.stored = contract;
    this.note = contract ? (contract.enabled ? 'Saved: the endpoint checks it from the next request.' : 'Saved, switched off: nothing is checked.') : 'The contract was removed.';
  }
}
