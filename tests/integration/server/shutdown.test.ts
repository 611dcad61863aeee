import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './test-server.ts';

describe('closing the server', () => {
  it('lets a request in flight finish, then closes without waiting for its keep-alive socket', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((done) => (release = done));
    let entered: () => void = () => {};
    const handlerEntered = new Promise<void>((done) => (entered = done));
    const server = await startTestServer({
      extraRoutes: (app) =>
        app.get('/api/test-slow', async () => {
          entered();
          await released;
          return { finished: true };
        }),
    });

    const inFlight = fetch(`${server.url}/api/test-slow`);
    await handlerEntered;
    const closing = server.app.close();
    // Give close() time to shut the listener and idle sockets, then let the handler finish.
    setTimeout(release, 150);

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    // Without "Connection: close" the answered socket stays open and close() waits 72 s for it.
    const closedInTime = await Promise.race([
      closing.then(() => true),
      new Promise<boolean>((done) => setTimeout(() => done(false), 5_000)),
    ]);
    expect(closedInTime).toBe(true);
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
    await server.close();
  });

  it('does not wait for a connection that never sent a request (a spare connection browsers open)', async () => {
    const server = await startTestServer();
    const { port } = new URL(server.url);
    const spare = connect(Number(port), '127.0.0.1');
    await new Promise<void>((done) => spare.once('connect', () => done()));
    const closedInTime = await Promise.race([
      server.app.close().then(() => true),
      new Promise<boolean>((done) => setTimeout(() => done(false), 5_000)),
    ]);
    expect(closedInTime).toBe(true);
    spare.destroy();
    await server.close();
  });
});
