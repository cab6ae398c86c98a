import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRODUCTION_ENV, PRODUCTION_NODE_ARGS } from './server';

const root = join(__dirname, '..', '..');
const API_ENTRY = 'dist/apps/api/src/main.js';
const env = Object.entries(PRODUCTION_ENV).map(([name, value]) => `${name}=${value}`);

// The bench measures the server as production runs it: the same node options and environment.
describe('the production node options', () => {
  it('are what `npm start` runs the API with', () => {
    const start = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.start as string;
    expect(start).toContain(`&& ${[...env, 'node', ...PRODUCTION_NODE_ARGS, API_ENTRY].join(' ')}`);
  });

  it("are what the Dockerfile's command runs the API with, in its environment", () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd && JSON.parse(cmd[1])).toEqual(['node', ...PRODUCTION_NODE_ARGS, API_ENTRY]);
    for (const line of env) expect(dockerfile).toMatch(new RegExp(`^ENV ${line}$`, 'm'));
  });
});
