/**
 * The sync API (docs/sync-protocol.md): push, pull and the live channel, for any signed-in device.
 * What each role may read and write is decided per change by the shared entity table; the
 * municipality is always the session's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_CHANGES,
  PULL_PAGE_SIZE,
  PushRequestSchema,
  SCHEMA_HEADER,
  SYNC_SCHEMA_VERSION,
  type PullResponse,
  type PushRejectedBody,
  type PushResponse,
} from '../../../shared/sync/protocol.ts';
import type { Change } from '../../../shared/sync/change.ts';
import { ChangesRejected, pushChanges, type Actor } from '../../sync/change-log.ts';
import { pullChanges } from '../../sync/change-pull.ts';
import type { LiveHub } from '../../sync/live-hub.ts';
import type { Storage } from '../../storage/storage.ts';
import { ApiError } from '../api-error.ts';
import { authOf, type AuthGuards } from '../auth-guards.ts';
import { inflatePushBody } from '../push-body.ts';
import type { ParticipantLimiter } from '../../participants/limits.ts';

const HEARTBEAT_MS = 25_000;

/** Who pushes or pulls: a signed-in device, or a participant's phone. */
function actorOf(request: FastifyRequest): Actor {
  const participant = request.participant;
  if (participant) {
    return {
      municipalityId: participant.municipalityId,
      userId: null,
      role: 'participant',
      dialogueIds: participant.dialogueIds,
    };
  }
  const auth = authOf(request);
  return { municipalityId: auth.municipalityId, userId: auth.user.id, role: auth.role };
}

/** Every sync request says which shape of data it speaks; an older app is asked to update. */
async function checkSchema(request: FastifyRequest): Promise<void> {
  const raw = request.headers[SCHEMA_HEADER];
  const version = Number(Array.isArray(raw) ? raw[0] : raw);
  if (!Number.isInteger(version) || version < SYNC_SCHEMA_VERSION) {
    throw new ApiError(
      426,
      'client_outdated',
      'This version of the app is too old to sync with this server: update the app.',
    );
  }
  if (version > SYNC_SCHEMA_VERSION) {
    throw new ApiError(
      409,
      'server_outdated',
      'This server runs an older version than the app: ask the administrator to update it.',
    );
  }
}

/** A 400 that names the change that is wrong, so a bad device can be found. */
function describeBadBatch(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  const path = issue?.path?.map((p) => p.key) ?? [];
  if (path[0] === 'changes' && typeof path[1] === 'number') {
    const field = path.slice(2).join('.') || 'the change';
    return `Change ${path[1]} of the batch is malformed: ${field} ${issue?.message ?? 'is invalid'}.`;
  }
  return `The batch is malformed: ${issue?.message ?? 'expected { changes: [...] }'}.`;
}

/** A push's cursor in its address (`?after=`); older apps send it in the body. */
const PushQuerySchema = v.object({
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
});

const PullQuerySchema = v.object({
  after: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/), v.transform(Number)), String(PULL_PAGE_SIZE)),
});

export function syncRoutes(
  app: FastifyInstance,
  deps: { storage: Storage; guards: AuthGuards; hub: LiveHub; participantLimiter: ParticipantLimiter },
): void {
  const { storage, guards, hub, participantLimiter } = deps;
  const guarded = { onRequest: [guards.signedInOrParticipant, checkSchema] };
  const open = new Set<FastifyReply>();

  app.post(
    '/sync/push',
    // JSON of MAX_PUSH_BYTES characters can take three bytes a character in UTF-8. The same cap
    // holds for a gzip body once inflated (push-body.ts).
    { ...guarded, bodyLimit: MAX_PUSH_BYTES * 3, preParsing: inflatePushBody(MAX_PUSH_BYTES * 3) },
    async (request, reply): Promise<PushResponse | PushRejectedBody> => {
      const body = request.body as { changes?: unknown } | undefined;
      if (Array.isArray(body?.changes) && body.changes.length > MAX_PUSH_CHANGES) {
        throw new ApiError(
          413,
          'batch_too_large',
          `A push may carry at most ${MAX_PUSH_CHANGES} changes: split the batch.`,
        );
      }
      const parsed = v.safeParse(PushRequestSchema, body);
      if (!parsed.success) throw new ApiError(400, 'invalid_batch', describeBadBatch(parsed.issues));
      const query = v.safeParse(PushQuerySchema, request.query);
      if (!query.success) throw new ApiError(400, 'invalid_query', 'after must be a whole number.');
      const actor = actorOf(request);
      try {
        // The schema lets any entity name through; pushChanges refuses unknown ones per change (422).
        const result = await pushChanges(
          storage,
          actor,
          parsed.output.changes as readonly Change[],
          (fresh) => {
            if (request.participant) participantLimiter.admit(request.participant, fresh);
          },
          query.output.after ?? parsed.output.after,
        );
        const last = Math.max(0, ...result.acknowledged.map((a) => a.seq));
        if (last > 0) hub.notify(actor.municipalityId, last);
        return result;
      } catch (error) {
        if (!(error instanceof ChangesRejected)) throw error;
        reply.code(422);
        return {
          code: 'changes_rejected',
          message: `${error.rejected.length} change(s) of the batch were refused; nothing of it was applied.`,
          rejected: error.rejected,
        };
      }
    },
  );

  app.get('/sync/pull', guarded, async (request): Promise<PullResponse> => {
    const query = v.safeParse(PullQuerySchema, request.query);
    if (!query.success) throw new ApiError(400, 'invalid_query', 'after and limit must be whole numbers.');
    const limit = Math.min(Math.max(query.output.limit, 1), PULL_PAGE_SIZE);
    return pullChanges(storage, actorOf(request), query.output.after, limit);
  });

  app.get('/sync/events', guarded, async (request, reply) => {
    const actor = actorOf(request);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      // Proxies (nginx) must pass events on at once instead of buffering them.
      'x-accel-buffering': 'no',
    });
    raw.write(': connected\n\n');
    open.add(reply);
    const unsubscribe = hub.subscribe(actor.municipalityId, (cursor) => {
      raw.write(`event: changes\ndata: ${JSON.stringify({ cursor })}\n\n`);
    });
    const heartbeat = setInterval(() => raw.write(': ping\n\n'), HEARTBEAT_MS);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(reply);
    });
  });

  // Open event streams never end by themselves: end them, or shutting down would wait forever.
  app.addHook('preClose', async () => {
    for (const reply of open) reply.raw.end();
    open.clear();
  });
}
