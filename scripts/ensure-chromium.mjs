#!/usr/bin/env node
/**
 * Makes sure a Chromium for the browser tests and benchmarks exists. Test tools cannot
 * download their own browser here, so we use Debian's `chromium` package:
 *   - CHROMIUM_PATH, when set, must point at an executable;
 *   - else /usr/bin/chromium (or chromium-browser) is used when present;
 *   - else, running as root, `apt-get install chromium` installs it;
 *   - else we stop and say what to install.
 * Prints the path it settled on.
 */
import { accessSync, constants } from 'node:fs';
import { spawnSync } from 'node:child_process';

export const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium() {
  if (process.env.CHROMIUM_PATH) return executable(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : null;
  return CANDIDATES.find(executable) ?? null;
}

function fail(message) {
  console.error(`\n✗ ${message}\n`);
  process.exit(1);
}

function run(command, args) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

function main() {
  if (process.env.CHROMIUM_PATH && !executable(process.env.CHROMIUM_PATH)) {
    fail(`CHROMIUM_PATH is set to "${process.env.CHROMIUM_PATH}", which is not an executable file.`);
  }
  let path = findChromium();
  if (path) {
    console.log(`Chromium: ${path}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    fail(
      'No Chromium found for the browser tests. Install Debian\'s package with\n' +
        '    sudo apt-get update && sudo apt-get install -y chromium\n' +
        'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
    );
  }
  console.log('No Chromium found; installing Debian\'s chromium package (running as root)…');
  if (!run('apt-get', ['update']) || !run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])) {
    fail('apt-get could not install chromium. Install it by hand (apt-get install chromium) or set CHROMIUM_PATH.');
  }
  path = findChromium();
  if (!path) fail('chromium was installed but no executable was found at ' + CANDIDATES.join(' or ') + '.');
  console.log(`Chromium: ${path}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
