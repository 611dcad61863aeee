/**
 * A reason the server or a command (create-admin, backup…) cannot do its work that the person
 * running it can fix (a path, a variable, a name). main prints its message as one line on stderr
 * and exits 1; anything else is a bug and keeps its stack.
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}
