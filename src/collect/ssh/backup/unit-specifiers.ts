// Expands systemd's unit specifiers (%i, %I, %n, …) in a unit setting, as systemd does when it loads an instance; pure.

/** What a unit's specifiers stand for. */
export interface UnitNames {
  /** The unit's full name, `backup@daily.service`. */
  unit: string;
  /** The account a per-user unit runs as (`%u`); root for system units. */
  user?: string;
  /** That account's home (`%h`); /root for system units. */
  home?: string;
}

/** The instance of `name@instance.type`, or undefined for a unit that is no instance (a template's is ''). */
export function unitInstance(unit: string): string | undefined {
  const at = unit.indexOf('@');
  const dot = unit.lastIndexOf('.');
  if (at < 0 || dot < at) return undefined;
  return unit.slice(at + 1, dot);
}

/** The template an instance is made from: `backup@daily.service` → `backup@.service`; undefined for a unit that is no instance. */
export function unitTemplate(unit: string): string | undefined {
  const instance = unitInstance(unit);
  if (instance === undefined || instance === '') return undefined;
  return `${unit.slice(0, unit.indexOf('@') + 1)}${unit.slice(unit.lastIndexOf('.'))}`;
}

/** systemd-escape's reverse: `-` is `/`, `\xHH` a byte. */
export function unescapeUnitName(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})|-/g, (m, hex: string | undefined) => (hex ? String.fromCharCode(Number.parseInt(hex, 16)) : '/'));
}

/**
 * `value` with the specifiers of systemd.unit(5) that need nothing but the names: %i %I %n %N %p %P
 * %j %J %f %u %h %%. Others (%H, %t, %U, …) are left as written.
 */
export function expandSpecifiers(value: string, names: UnitNames): string {
  if (!value.includes('%')) return value;
  const unit = names.unit;
  const withoutType = unit.includes('.') ? unit.slice(0, unit.lastIndexOf('.')) : unit;
  const instance = unitInstance(unit);
  const prefix = instance === undefined ? withoutType : withoutType.slice(0, withoutType.indexOf('@'));
  const last = prefix.includes('-') ? prefix.slice(prefix.lastIndexOf('-') + 1) : prefix;
  const table: Record<string, string> = {
    i: instance ?? '',
    I: unescapeUnitName(instance ?? ''),
    n: unit,
    N: withoutType,
    p: prefix,
    P: unescapeUnitName(prefix),
    j: last,
    J: unescapeUnitName(last),
    f: `/${unescapeUnitName(instance ? instance : prefix).replace(/^\/+/, '')}`,
    u: names.user ?? 'root',
    h: names.home ?? '/root',
    '%': '%',
  };
  return value.replace(/%(.)/g, (m, c: string) => table[c] ?? m);
}
