/**
 * Taking part without an account: a phone joins a dialogue by its code and gets an anonymous
 * participant session (no name, nothing that identifies the person), which may read that dialogue's
 * question and add contributions while it is open. The shapes both sides of /api/join and
 * /api/receipts use.
 */
import type { DialogueStatus } from './dialogue.ts';

/** Participant tokens start with this, so a server tells them from device sessions at a glance. */
export const PARTICIPANT_TOKEN_PREFIX = 'p_';

/** POST /api/join { code }: with the phone's participant token in Authorization when it has one. */
export interface JoinRequest {
  readonly code: string;
}

/** 200 to a join: the session to sync with, and the receipt for this dialogue. */
export interface JoinResponse {
  /** The phone's participant token: the same one again when it already had a valid one. */
  readonly token: string;
  readonly municipalityId: string;
  readonly municipalityName: string;
  readonly dialogueId: string;
  readonly code: string;
  /** Kept by the participant to see the feedback later: /r/<receipt>. The same on every join. */
  readonly receipt: string;
}

/** GET /api/receipts/:receipt: what a receipt code shows, without any session. */
export interface ReceiptResponse {
  readonly dialogueId: string;
  readonly municipalityName: string;
  readonly title: string;
  readonly question: string;
  readonly status: DialogueStatus;
  /** The newest translation of the question per language. */
  readonly questionTranslations: readonly { readonly lang: string; readonly text: string }[];
  /** What was decided, oldest first, each with the newest translation of its text per language. */
  readonly feedback: readonly {
    readonly id: string;
    readonly committeeName: string;
    readonly decidedOn: string;
    readonly text: string;
    readonly translations: readonly { readonly lang: string; readonly text: string }[];
  }[];
}

/** Default limits; a deployment sets them with environment variables (docs/server.md). */
export const DEFAULT_PARTICIPANT_LIMITS = {
  /** Joins per network address per 10 minutes: a whole school shares one address. */
  joinsPerIp: 300,
  /** Contributions per participant session per 10 minutes. */
  perDevice: 30,
  /** Contributions per dialogue (per code) per 10 minutes, from all participants together. */
  perCode: 3000,
} as const;
export type ParticipantLimits = { readonly [K in keyof typeof DEFAULT_PARTICIPANT_LIMITS]: number };
