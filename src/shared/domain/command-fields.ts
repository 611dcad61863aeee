/**
 * The fields a status command carries (status-machine.ts `stamps` and `carries`). Apart from the
 * machines, which the home screen loads, because only writing and merging a command needs these.
 */
import type { StatusMachine } from './status-machine.ts';

/** Every field `command` may set besides the machine's own field. */
export function commandFields(machine: StatusMachine<string>, command: string): string[] {
  const carried = machine.carries?.[command];
  const stamp = machine.stamps?.[command];
  return [...(stamp ? [stamp] : []), ...(carried?.required ?? []), ...(carried?.optional ?? [])];
}

/** The first required field `command` lacks in `fields` (null: none missing). */
export function missingCommandField(
  machine: StatusMachine<string>,
  command: string,
  fields: Readonly<Record<string, unknown>>,
): string | null {
  const required = machine.carries?.[command]?.required ?? [];
  return required.find((f) => fields[f] === undefined || fields[f] === null || fields[f] === '') ?? null;
}
