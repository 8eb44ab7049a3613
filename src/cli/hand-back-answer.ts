// The offboard command's yes/no, read from its exit code so the two can never disagree.
import { ExitCode } from './exit-codes.js';

/** What `fleetcheck offboard` answers to "may this host be handed back?". */
export type HandBackAnswer = 'yes' | 'no' | 'unproven';

/** 0 (compliant) is yes, 1 (violation) is no; anything else (2, 78, 130, …) proved nothing either way. */
export function handBackAnswer(code: ExitCode): HandBackAnswer {
  if (code === ExitCode.Compliant) return 'yes';
  if (code === ExitCode.Violation) return 'no';
  return 'unproven';
}
