/** The shape of a dot vote as a device sends it (vote.ts), checked on the device and the server. */
import * as v from 'valibot';

export const VoteInputSchema = v.object({
  dialogueId: v.pipe(v.string('invalid'), v.uuid('invalid')),
  participantKey: v.pipe(v.string('invalid'), v.uuid('invalid')),
  dots: v.pipe(
    v.record(
      v.pipe(v.string('invalid'), v.uuid('invalid')),
      v.pipe(v.number('invalid'), v.integer('invalid'), v.minValue(1, 'invalid')),
      'invalid',
    ),
    v.check((dots) => Object.keys(dots).length > 0, 'required'),
  ),
  channel: v.optional(v.picklist(['phone', 'kiosk', 'staff'], 'invalid'), 'staff'),
});
