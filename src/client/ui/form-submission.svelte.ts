/**
 * Sending a form: busy while it runs, the errors it ended with (per field and one line), and focus on
 * that line when it fails, so a screen reader reads it at once. What was typed stays in the form.
 */
import { tick } from 'svelte';
import { NO_ERRORS, type SaveErrors } from './field-errors.ts';

export class FormSubmission {
  #busy = $state(false);
  #errors = $state<SaveErrors>(NO_ERRORS);
  readonly #errorId: string;
  readonly #describe: (error: unknown) => SaveErrors;

  /**
   * @param errorId the id of the element that shows `errors.general` (it needs tabindex="-1")
   * @param describe turns a failure into translated messages
   */
  constructor(errorId: string, describe: (error: unknown) => SaveErrors) {
    this.#errorId = errorId;
    this.#describe = describe;
  }

  get busy(): boolean {
    return this.#busy;
  }

  get errors(): SaveErrors {
    return this.#errors;
  }

  /** Run `work`; true when it succeeded. */
  async run(work: () => Promise<void>): Promise<boolean> {
    this.#busy = true;
    try {
      await work();
      this.#errors = NO_ERRORS;
      return true;
    } catch (error) {
      this.#errors = this.#describe(error);
      await tick();
      document.getElementById(this.#errorId)?.focus();
      return false;
    } finally {
      this.#busy = false;
    }
  }
}
