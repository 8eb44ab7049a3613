// The ssh.backup-schedules fact: every crontab entry and timer-started service command, and what their scripts run.

/** One environment assignment in effect for a command, with where it is written. */
export interface EnvironmentAssignment {
  /** `file:line` of the assignment (a crontab variable, a unit's `Environment=`, a line of an `EnvironmentFile=` or a script). */
  origin: string;
  /** The assignment as written (`BORG_REPO=ssh://…`, `Environment=A=1 B=2`, `export X=1`); may hold secrets. */
  text: string;
}

/** A command a schedule runs, with the file and line it is written on. */
export interface ScheduledCommand {
  /**
   * `file:line` for cron; `timer → file:line` for systemd; a command of a script the job runs adds
   * ` → script:line` per script followed (`/etc/cron.d/bk:3 → /opt/bk/run:7`).
   */
  source: string;
  /** When it runs, as written (`15 3 * * *`, `@daily`, `OnCalendar=…`, `daily`). */
  when: string;
  /** The account it runs as, when the format says. */
  user?: string;
  /** The command line as written (may hold secrets). */
  command: string;
  /** Environment assignments in effect for it (cron variables, `Environment=`, `EnvironmentFile=` lines, assignments earlier in its scripts). */
  environment: EnvironmentAssignment[];
  /** The `id` of the timer whose service runs it; undefined for cron. */
  timer?: string;
}

/** A systemd timer (a unit file, or an instance of a template timer) and the service it starts. */
export interface TimerInfo {
  /** How evidence names the timer: `backup.timer`, `backup@daily.timer`, `backup.timer (user alice)`. */
  id: string;
  /** The timer's unit name (`backup@daily.timer` for an instance). */
  timer: string;
  /** The timer file's path (the template's, `…/backup@.timer`, for an instance). */
  path: string;
  /** The service's unit name, specifiers expanded (`backup@daily.service`). */
  service: string;
  /** The service file's path (the template's for an instance), or undefined when the timer points at a service that does not exist. */
  servicePath?: string;
  /** The instance (`daily` of `backup@daily.timer`), when the timer or its service is an instance of a template. */
  instance?: string;
  /** True for a template (`backup@.timer`) of which no instance is enabled: nothing runs it as it is. */
  template: boolean;
  enabled: boolean;
  /** The `.wants/` link that enables it, when one does. */
  enabledBy?: string;
  /** `system`, or a per-user timer: of one account (`~/.config/systemd/user`), or of every account (`/etc/systemd/user`). */
  scope: 'system' | 'user' | 'every-user';
  /** The account a per-user timer runs as. */
  account?: string;
  /** For a per-user timer of one account: whether the account lingers (its timers run without a login). */
  lingering?: boolean;
}

/** A script (or sourced file) a job runs that was not followed, and why. */
export interface ScriptNotFollowed {
  /** The chain up to the command that names it (`/etc/cron.d/bk:3 → /opt/bk/run:7`). */
  source: string;
  path: string;
  /** `deeper than 4 scripts`, `more than 100 scripts on the host`. */
  reason: string;
}

/** Everything scheduled on a host: commands from crontabs, timer-started services and the scripts they run. */
export interface BackupSchedulesFact {
  commands: ScheduledCommand[];
  timers: TimerInfo[];
  /** Crontab, unit, environment or script files a job uses that exist but could not be read. */
  unreadable: string[];
  /** Files only partly read because they were too large. */
  truncated: string[];
  /** Executables other than scripts that the jobs and their scripts name by path (`/opt/restic/bin/restic`). */
  programs: string[];
  /** Scripts a job runs that a limit (depth, count) kept from being read. */
  notFollowed: ScriptNotFollowed[];
}
