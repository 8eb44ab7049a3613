// The ssh.backup-schedules fact: every crontab entry and timer-started service command.

/** A command a schedule runs, with the file and line it is written on. */
export interface ScheduledCommand {
  /** `file:line` for cron; `unit (file:line)` for systemd. */
  source: string;
  /** When it runs, as written (`15 3 * * *`, `@daily`, `OnCalendar=…`, `daily`). */
  when: string;
  /** The account it runs as, when the format says. */
  user?: string;
  /** The command line as written (may hold secrets). */
  command: string;
  /** Environment assignments in effect for it (cron variables, `Environment=`), as written. */
  environment: string[];
}

/** A systemd timer and the service it starts. */
export interface TimerInfo {
  timer: string;
  /** The timer file's path. */
  path: string;
  service: string;
  /** The service file's path, or undefined when the timer points at a service that does not exist. */
  servicePath?: string;
  enabled: boolean;
}

/** Everything scheduled on a host: commands from crontabs and from timer-started services. */
export interface BackupSchedulesFact {
  commands: ScheduledCommand[];
  timers: TimerInfo[];
  /** Crontab or unit files that exist but could not be read. */
  unreadable: string[];
  /** Files only partly read because they were too large. */
  truncated: string[];
}
