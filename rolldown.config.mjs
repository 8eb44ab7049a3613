// The command line as one ES module, dist/fleetcheck.mjs, bundled from tsc's output in dist/src.
// Node 20 loads each ES module on its own: the command line's some 530 modules (271 of ours, the
// rest zod's, yaml's, execa's, commander's, secretlint's) cost 0.7 s of CPU before the first check;
// one bundle costs 0.3 s. Every run pays it, and an offboarding script runs fleetcheck per server.
//
// ssh2 stays outside: it loads its optional native bindings by paths relative to its own files.
// undici and xmlbuilder2 stay outside too, and lazy (src/lazy-module.ts): a run without a Redfish BMC
// or JUnit output never loads them. src/package-root.ts finds package.json by walking up from the
// bundle, as it does from dist/src.

/** What every bundle of ours shares: Node's built-ins and ssh2 outside, everything else inside. */
export const bundleOptions = {
  platform: 'node',
  external: [/^ssh2(\/|$)/],
};

export default {
  ...bundleOptions,
  input: 'dist/src/cli/main.js',
  output: { file: 'dist/fleetcheck.mjs', format: 'esm', sourcemap: true },
};
