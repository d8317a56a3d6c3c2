/**
 * What a page's actions report: busy while one runs, then the message it returned or the error it
 * threw, in words a person reads. State classes whose actions work this way extend it.
 */
export class ActionState {
  busy = $state(false);
  message = $state('');
  error = $state('');

  /** Runs `action`, showing its message on success and its error on failure. */
  protected async run(action: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.message = this.error = '';
    try {
      this.message = await action();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
