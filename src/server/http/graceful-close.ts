import type { FastifyInstance } from 'fastify';

/**
 * app.close() stops new connections and drops idle keep-alive sockets once, at its start. A socket
 * busy with a request at that moment would then stay open for keep-alive after its answer, and
 * close() would wait for it (up to keepAliveTimeout, 72 s), past the stop timeout. Answering
 * "Connection: close" while closing ends each such socket right after its last response.
 */
export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
}
