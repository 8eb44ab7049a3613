// The result vocabulary shared by checks, the runner and every reporter.

/** What one check concluded about one host. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

/** Where a finding came from: a file and line, a unit, a BMC command. Never holds a secret. */
export interface Evidence {
  /** e.g. "/root/.ssh/authorized_keys:3" or "ipmitool session (user ADMIN)" */
  source: string;
  /** A short, already-masked description. */
  detail: string;
}

/** A waiver that matched a finding, as shown in reports. */
export interface AppliedWaiver {
  reason: string;
  expires: string;
  /** An expired waiver is reported but no longer changes the outcome. */
  expired: boolean;
}

/** One check's verdict for one host. */
export interface Finding {
  id: string;
  status: CheckStatus;
  /** One line, no secrets, no control characters. */
  message: string;
  evidence: Evidence[];
  waiver?: AppliedWaiver;
  /** Logins the check's probes made that the BMC refused (each counts against its lockout); set by the BMC login checks. */
  bmcFailedLogins?: number;
}
