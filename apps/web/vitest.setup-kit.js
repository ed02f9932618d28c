import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Writes .svelte-kit/ (tsconfig and types) when it is missing, as `svelte-kit sync` does. */
export default function setup() {
  const web = import.meta.dirname;
  if (existsSync(join(web, '.svelte-kit', 'tsconfig.json'))) return;
  const kitBin = join(web, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js');
  execFileSync(process.execPath, [kitBin, 'sync'], { cwd: web, stdio: 'inherit' });
}
