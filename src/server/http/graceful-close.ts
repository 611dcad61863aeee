import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

/**
 * Stopping must finish the requests in flight and nothing else may hold it open.
 *
 * - app.close() drops idle keep-alive sockets once, at its start. A socket busy with a request at
 *   that moment would then stay open for keep-alive after its answer, and close() would wait for it
 *   (up to keepAliveTimeout, 72 s). Answering "Connection: close" while closing ends each such
 *   socket right after its last response.
 * - A socket that connected but never sent a request is not "idle" to Node 20's
 *   closeIdleConnections(), so close() would wait for it forever. Browsers open such spare
 *   connections ahead of time (Chromium does), so every stop could hang: those sockets are destroyed
 *   when closing begins; they carry no request, so nothing is lost.
 */
export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  const unused = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    unused.add(socket);
    socket.once('close', () => unused.delete(socket));
  });
  app.server.on('request', (request: { socket: Socket }) => {
    unused.delete(request.socket);
  });
  app.addHook('preClose', async () => {
    closing = true;
    for (const socket of unused) socket.destroy();
    unused.clear();
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
