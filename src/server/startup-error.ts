/**
 * A reason the server cannot start that the person starting it can fix (a path, a variable). main
 * prints its message as one line on stderr and exits 1; anything else is a bug and keeps its stack.
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}
