/**
 * Who may call a route, as Fastify onRequest hooks. A route names its guard, and its handler asks
 * `authOf(request)` who is signed in:
 *
 *     app.get('/users', { onRequest: guards.role('admin') }, async (request) => {
 *       const { municipalityId } = authOf(request);   // scope every query by this
 *       …
 *     });
 *
 * onRequest runs before the body is read, so an anonymous caller learns nothing from validation.
 * Answers: no Authorization header → 401 not_signed_in; a token that names no good session
 * (unknown, revoked, expired, user disabled) → 401 session_invalid; a role not listed → 403 forbidden.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain/account.ts';
import { authenticate, type AuthContext } from '../auth/sessions.ts';
import {
  authenticateParticipant,
  isParticipantToken,
  type ParticipantContext,
} from '../participants/sessions.ts';
import type { Db } from '../storage/storage.ts';
import { ApiError } from './api-error.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the signedIn guard; null on routes without one. Read it with authOf(request). */
    auth: AuthContext | null;
    /** Set by the signedInOrParticipant guard for a participant's phone; null otherwise. */
    participant: ParticipantContext | null;
  }
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface AuthGuards {
  /** Any valid device session, whatever the role. */
  readonly signedIn: Guard;
  /** A valid device session acting in one of `roles`. */
  role(...roles: readonly Role[]): Guard[];
  /**
   * A device session, or a participant's anonymous session (routes/sync.ts): sets `auth` or
   * `participant`. Participants' tokens are refused by every other guard.
   */
  readonly signedInOrParticipant: Guard;
}

// A token is 43 base64url characters; the bound only keeps junk from reaching the database.
const BEARER = /^Bearer ([\w-]{1,128})$/i;

/** Decorates requests with `auth` (on the root instance, so every scope sees it) and makes the guards. */
export function registerAuth(app: FastifyInstance, db: Db): AuthGuards {
  app.decorateRequest('auth', null);
  app.decorateRequest('participant', null);

  const signedIn: Guard = async (request) => {
    const token = bearerOf(request);
    const auth = token === undefined || isParticipantToken(token) ? null : await authenticate(db, token);
    if (!auth) {
      throw new ApiError(
        401,
        'session_invalid',
        'This device is no longer signed in (signed out, revoked or expired): sign in again.',
      );
    }
    request.auth = auth;
  };

  const signedInOrParticipant: Guard = async (request, reply) => {
    const token = bearerOf(request);
    if (token === undefined || !isParticipantToken(token)) return signedIn(request, reply);
    const participant = await authenticateParticipant(db, token);
    if (!participant) {
      throw new ApiError(
        401,
        'session_invalid',
        'This phone is no longer part of the dialogue: open the dialogue link or code again.',
      );
    }
    request.participant = participant;
  };

  return {
    signedIn,
    signedInOrParticipant,
    role: (...roles) => [
      signedIn,
      async (request) => {
        if (!roles.includes(authOf(request).role)) {
          throw new ApiError(403, 'forbidden', 'Your role may not do this.');
        }
      },
    ],
  };
}

/**
 * The bearer token of the request; undefined when it has none that could be one. No Authorization
 * header at all is 401 not_signed_in.
 */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined || header.trim() === '') {
    throw new ApiError(401, 'not_signed_in', 'Sign in to do this.');
  }
  return BEARER.exec(header.trim())?.[1];
}

/** The signed-in caller of a guarded route. Throws on a route without a guard: that is a bug. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new Error(`${request.method} ${request.routeOptions.url} has no auth guard`);
  return request.auth;
}
