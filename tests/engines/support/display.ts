/**
 * A virtual X display for WebKitGTK, which has no headless mode: without a display, MiniBrowser
 * never starts and WebKitWebDriver's session request hangs. Xvfb picks a free display number itself
 * (-displayfd), so parallel runs and a developer's own X server are left alone.
 */
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

const START_TIMEOUT_MS = 10_000;

export interface VirtualDisplay {
  /** ":<n>", for DISPLAY. */
  readonly display: string;
  stop(): Promise<void>;
}

export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let output = '';
  xvfb.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => xvfb.once('exit', () => done()));
  const killOnExit = () => xvfb.kill('SIGKILL');
  process.once('exit', killOnExit);

  const fd = xvfb.stdio[3] as Readable;
  const number = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Xvfb did not start:\n${output}`)), START_TIMEOUT_MS);
    let text = '';
    fd.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        done(text.trim());
      }
    });
    xvfb.once('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Xvfb exited with ${code}:\n${output}`));
    });
  });

  return {
    display: `:${number}`,
    async stop() {
      process.off('exit', killOnExit);
      if (xvfb.exitCode === null && xvfb.signalCode === null) xvfb.kill('SIGTERM');
      await exited;
    },
  };
}
