// Builds dist/ once before the tests, so that tests of the installed command run current code.
const { execFileSync } = require('child_process');
const path = require('path');
module.exports = async () => {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: path.join(__dirname, '..'),
    stdio: 'inherit',
  });
};
