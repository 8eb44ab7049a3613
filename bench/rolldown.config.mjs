// The native-probe harness bundled as the command line is (../rolldown.config.mjs), so that its row
// times the probes as fleetcheck ships them: one module, not itself and the 25 of dist/src it imports.
import { bundleOptions } from '../rolldown.config.mjs';

export default {
  ...bundleOptions,
  input: 'dist/bench/native-audit.js',
  output: { file: 'dist/bench/native-audit.mjs', format: 'esm', sourcemap: true },
};
