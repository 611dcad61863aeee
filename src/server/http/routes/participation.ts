/**
 * Taking part without an account (shared/domain/participation.ts): joining a dialogue by its code,
 * and what a receipt code shows. Both are open to anyone: the code is the key, and both are
 * rate-limited per address.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import { JOIN_CODE_ALPHABET, RECEIPT_CODE_LENGTH } from '../../../shared/domain/join-code.ts';
import type { JoinResponse, ReceiptResponse } from '../../../shared/domain/participation.ts';
import { isParticipantToken, joinDialogue } from '../../participants/sessions.ts';
import { readReceipt } from '../../participants/receipts.ts';
import type { ParticipantLimiter } from '../../participants/limits.ts';
import type { Storage } from '../../storage/storage.ts';
import { ApiError } from '../api-error.ts';

const JoinBodySchema = v.object({ code: v.pipe(v.string(), v.maxLength(32)) });
const RECEIPT = new RegExp(`^[${JOIN_CODE_ALPHABET}]{${RECEIPT_CODE_LENGTH}}$`);

/** The participant token the phone already has, if it sent one. */
function participantToken(request: FastifyRequest): string | undefined {
  const token = /^Bearer ([\w-]{1,128})$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
  return token !== undefined && isParticipantToken(token) ? token : undefined;
}

export function participationRoutes(
  app: FastifyInstance,
  deps: { storage: Storage; limiter: ParticipantLimiter },
): void {
  const { storage, limiter } = deps;

  app.post('/join', async (request): Promise<JoinResponse> => {
    limiter.join(request.ip);
    const body = v.safeParse(JoinBodySchema, request.body);
    if (!body.success) throw new ApiError(400, 'invalid_code', 'Send the code as { "code": "…" }.');
    return joinDialogue(storage.db, body.output.code, participantToken(request));
  });

  app.get('/receipts/:receipt', async (request): Promise<ReceiptResponse> => {
    limiter.join(request.ip);
    const receipt = String((request.params as { receipt: string }).receipt).toUpperCase();
    const found = RECEIPT.test(receipt) ? await readReceipt(storage.db, receipt) : null;
    if (!found) {
      throw new ApiError(
        404,
        'unknown_receipt',
        'There is no receipt with this code: check the code and try again.',
      );
    }
    return found;
  });
}
