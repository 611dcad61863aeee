/**
 * Counts what crosses the wire of one HTTP server on loopback, measured at the server's sockets so
 * that Delaktig and the PouchDB reference are counted the same way whatever client library they use:
 * requests, HTTP bytes in each direction (status lines, headers, chunk framing and bodies; not TCP/IP
 * overhead) and body bytes alone, as sent (after any compression the server applies).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface Traffic {
  readonly requests: number;
  /** HTTP bytes client → server, and server → client. */
  readonly wireUp: number;
  readonly wireDown: number;
  /** Body bytes alone, each way. */
  readonly bodyUp: number;
  readonly bodyDown: number;
}

export const totalWire = (t: Traffic): number => t.wireUp + t.wireDown;

export function minus(a: Traffic, b: Traffic): Traffic {
  return {
    requests: a.requests - b.requests,
    wireUp: a.wireUp - b.wireUp,
    wireDown: a.wireDown - b.wireDown,
    bodyUp: a.bodyUp - b.bodyUp,
    bodyDown: a.bodyDown - b.bodyDown,
  };
}

const byteLength = (chunk: unknown): number =>
  typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0;

export class TrafficMeter {
  readonly #sockets = new Set<Socket>();
  #requests = 0;
  #bodyUp = 0;
  #bodyDown = 0;

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => this.#sockets.add(socket));
    // First in line, before the framework's own listener, so that every chunk passes through here
    // (and, with a compression middleware, after it: what is counted is what is sent).
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.#watch(req, res));
  }

  #watch(req: IncomingMessage, res: ServerResponse): void {
    this.#requests++;
    // Counted as the HTTP parser hands the body over; listening for 'data' would start the stream
    // flowing before the framework reads it, and lose the body.
    const push = req.push.bind(req);
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk instanceof Uint8Array) this.#bodyUp += chunk.length;
      return push(chunk, encoding);
    };
    const count = (chunk: unknown) => {
      this.#bodyDown += byteLength(chunk);
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      count(chunk);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      count(chunk);
      return end(chunk, ...rest);
    }) as typeof res.end;
  }

  /** Totals since the server started; subtract two readings (`minus`) for one phase. */
  read(): Traffic {
    let wireUp = 0;
    let wireDown = 0;
    // A closed socket keeps its counts, so connections that came and went are counted too.
    for (const socket of this.#sockets) {
      wireUp += socket.bytesRead;
      wireDown += socket.bytesWritten;
    }
    return { requests: this.#requests, wireUp, wireDown, bodyUp: this.#bodyUp, bodyDown: this.#bodyDown };
  }
}
