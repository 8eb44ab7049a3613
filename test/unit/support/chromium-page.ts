// Debian's chromium (apt `chromium`), headless, driven by playwright-core over CDP: the browser the
// system has, never one downloaded. Each page gets a fresh profile directory, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Flags for a quiet, offline, throwaway browser: no sandbox (root), no GPU, nothing fetched in the background. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A headless chromium page and how to end it. */
export interface ChromiumPage {
  page: Page;
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts /usr/bin/chromium with a fresh --user-data-dir and returns its first page. */
export async function openChromium(): Promise<ChromiumPage> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'fleetcheck-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1100, height: 900 },
    timeout: 60_000,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
