/**
 * Unit tests run in plain Node, but modules are transformed as for the browser ("client"): Svelte
 * rune modules are then compiled for the DOM, so `$effect` runs in tests as it does in the app.
 * (The built-in "node" environment compiles them for server rendering, where effects never run.)
 */
import type { Environment } from 'vitest/environments';

const environment: Environment = {
  name: 'client-in-node',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
};

export default environment;
