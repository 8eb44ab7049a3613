// Printing and ordering inventory issues.
import { safePath, safeText } from './safe-text.js';
import type { InventoryIssue } from './types.js';

/** One issue as the operator sees it: `inventory/fleet.yaml:14 racks.A3.hosts.a3-02.bmc.address: expected …`. */
export function formatInventoryIssue(issue: InventoryIssue): string {
  let where = safePath(issue.file, 200);
  if (issue.line !== undefined) {
    where += `:${issue.line}`;
    if (issue.column !== undefined) where += `:${issue.column}`;
  }
  const message = safeText(issue.message, 400);
  return issue.path === '' ? `${where}: ${message}` : `${where} ${safeText(issue.path, 160)}: ${message}`;
}

/** Issues in reading order (file position), stable for issues on the same line; drops exact repeats. */
export function sortInventoryIssues(issues: readonly InventoryIssue[]): InventoryIssue[] {
  const seen = new Set<string>();
  const unique = issues.filter((issue) => {
    const key = `${issue.line ?? 0}:${issue.column ?? 0}:${issue.path}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => (a.issue.line ?? 0) - (b.issue.line ?? 0) || (a.issue.column ?? 0) - (b.issue.column ?? 0) || a.index - b.index)
    .map(({ issue }) => issue);
}
