/**
 * How much participants may send: per phone (participant session) and per dialogue (code), in a
 * sliding window, in this process's memory (auth/rate-limit.ts). A class of 30 writing at once is
 * far below; a script flooding a dialogue from one phone is not. The limits are configurable
 * (PARTICIPANT_LIMIT_PER_DEVICE, PARTICIPANT_LIMIT_PER_CODE, JOIN_LIMIT_PER_IP).
 */
import { DEFAULT_PARTICIPANT_LIMITS, type ParticipantLimits } from '../../shared/domain/participation.ts';
import type { Change } from '../../shared/sync/change.ts';
import { SlidingWindowLimiter, type Attempt } from '../auth/rate-limit.ts';
import { ApiError } from '../http/api-error.ts';
import type { ParticipantContext } from './sessions.ts';

const TEN_MINUTES = 10 * 60_000;

export class ParticipantLimiter {
  readonly #perDevice: SlidingWindowLimiter;
  readonly #perCode: SlidingWindowLimiter;
  readonly #joins: SlidingWindowLimiter;

  constructor(limits: ParticipantLimits = DEFAULT_PARTICIPANT_LIMITS, now: () => number = Date.now) {
    this.#perDevice = new SlidingWindowLimiter(limits.perDevice, TEN_MINUTES, now);
    this.#perCode = new SlidingWindowLimiter(limits.perCode, TEN_MINUTES, now);
    this.#joins = new SlidingWindowLimiter(limits.joinsPerIp, TEN_MINUTES, now);
  }

  /** Throws 429 when this phone or this dialogue has sent too many contributions lately. */
  admit(participant: ParticipantContext, fresh: readonly Change[]): void {
    const taken: Attempt[] = [];
    for (const change of fresh) {
      const dialogueId = typeof change.fields.dialogueId === 'string' ? change.fields.dialogueId : '';
      const byDevice = this.#perDevice.take(participant.sessionId);
      if ('retryAfterMs' in byDevice) this.#refuse(taken, byDevice.retryAfterMs, 'device');
      else taken.push(byDevice.attempt);
      const byCode = this.#perCode.take(dialogueId);
      if ('retryAfterMs' in byCode) this.#refuse(taken, byCode.retryAfterMs, 'code');
      else taken.push(byCode.attempt);
    }
  }

  /** Throws 429 when this address has joined too often lately. */
  join(ip: string): void {
    const taken = this.#joins.take(ip);
    if ('retryAfterMs' in taken) this.#refuse([], taken.retryAfterMs, 'join');
  }

  /** Gives back what this batch took (nothing of it is stored) and throws. */
  #refuse(taken: readonly Attempt[], retryAfterMs: number, which: 'device' | 'code' | 'join'): never {
    for (const attempt of taken) attempt.succeeded();
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    const what = {
      device: 'This phone has sent many contributions in a short time',
      code: 'This dialogue is receiving very many contributions right now',
      join: 'Too many phones joined from this network in a short time',
    }[which];
    throw new ApiError(
      429,
      which === 'join' ? 'too_many_attempts' : 'too_many_contributions',
      `${what}: wait ${retryAfterSeconds} seconds. Nothing is lost: the phone sends them later.`,
      undefined,
      { retryAfterSeconds },
    );
  }
}
