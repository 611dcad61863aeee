/**
 * The live channel: server-sent events from GET /api/sync/events, read through fetch so that the
 * bearer token travels in a header (EventSource cannot send one, and a token in a URL ends up in
 * logs). Open only while the app is visible and online; reconnects with backoff when it drops.
 * Each `changes` event means "something new for you": the engine then pulls.
 */
import { SCHEMA_HEADER, SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol.ts';

export interface LiveChannelOptions {
  readonly session: () => { readonly token: string } | null;
  readonly onChanges: () => void;
}

const RETRY_MIN_MS = 2000;
const RETRY_MAX_MS = 60_000;

/** Parse a chunk of an event stream; returns the events completed and what is left over. */
export function parseEvents(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length > 0 || event !== 'message') events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

export function openLiveChannel(options: LiveChannelOptions): () => void {
  let controller: AbortController | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = RETRY_MIN_MS;
  let closed = false;

  const wanted = () =>
    !closed && navigator.onLine && document.visibilityState === 'visible' && options.session() !== null;

  const disconnect = () => {
    controller?.abort();
    controller = null;
  };

  const scheduleRetry = () => {
    if (retryTimer || !wanted()) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, retryMs);
    retryMs = Math.min(RETRY_MAX_MS, retryMs * 2);
  };

  async function connect(): Promise<void> {
    const session = options.session();
    if (controller || !wanted() || !session) return;
    const current = new AbortController();
    controller = current;
    try {
      const response = await fetch('/api/sync/events', {
        headers: {
          accept: 'text/event-stream',
          authorization: `Bearer ${session.token}`,
          [SCHEMA_HEADER]: String(SYNC_SCHEMA_VERSION),
        },
        signal: current.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) throw new Error(`live channel answered ${response.status}`);
      retryMs = RETRY_MIN_MS;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseEvents(buffer + value);
        buffer = parsed.rest;
        if (parsed.events.some((e) => e.event === 'changes')) options.onChanges();
      }
    } catch (error) {
      if (current.signal.aborted) return; // We closed it ourselves.
      console.info('Live channel dropped; the app retries and still syncs on every other trigger', error);
    } finally {
      if (controller === current) controller = null;
    }
    scheduleRetry();
  }

  const update = () => {
    if (wanted()) void connect();
    else disconnect();
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  document.addEventListener('visibilitychange', update);
  update();

  return () => {
    closed = true;
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
    document.removeEventListener('visibilitychange', update);
    if (retryTimer) clearTimeout(retryTimer);
    disconnect();
  };
}
