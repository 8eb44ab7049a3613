// What a BMC check says when the customer's own changes are not judged until the contract ends.
import type { CheckContext, CheckOutcome } from '../check.js';
import type { Evidence } from '../../model/finding.js';

/**
 * During the contract the customer may change the BMC's credentials and accounts: the finding is
 * a `skip` that says what was seen and when it will count. At contract end it is `fail`.
 */
export function customerChange(context: CheckContext, failMessage: string, seen: string, evidence: Evidence[]): CheckOutcome {
  if (context.mode === 'contract-end') return { status: 'fail', message: `${failMessage} (${context.modeReason})`, evidence };
  return { status: 'skip', message: `${seen}: the customer's right during the contract; judged at contract end (${context.modeReason})`, evidence };
}

/** The source line shown for a probe: which session was tried, never with what password. */
export function sessionSource(cipherSuite: number, user: string, privilege: string, what = 'session'): string {
  return `RMCP+ cipher suite ${cipherSuite} ${what} as ${user === '' ? '(null user)' : user} (${privilege})`;
}

/** The source line shown for a Redfish login of a stored account, never with what password. */
export function redfishSessionSource(user: string, privilege: string): string {
  return `redfish session as ${user} (${privilege})`;
}
