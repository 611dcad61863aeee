import { createInterface } from 'node:readline';
import { StartupError } from '../startup-error.ts';

/**
 * A password from standard input, so it stays out of the shell history and `ps`: typed at a
 * terminal (not echoed), or the first line of a pipe (`printf '%s\n' "$PW" | npm run admin -- …`).
 */
export async function readPassword(prompt: string): Promise<string> {
  return process.stdin.isTTY ? readHidden(prompt) : readFirstLine();
}

function readFirstLine(): Promise<string> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let answered = false;
    lines.once('line', (line) => {
      answered = true;
      lines.close();
      done(line);
    });
    lines.once('close', () => {
      if (!answered)
        fail(new StartupError('Delaktig needs a password: give --password, or one line on standard input.'));
    });
  });
}

function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((done, fail) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) fail(error);
      else done(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new StartupError('Cancelled.'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
