import { defineConfig } from 'tsup';

export default defineConfig({
  // index: the library (createGateway, buildServer, listen); cli: the `pal` bin (package.json's bin)
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm'],
  target: 'node20',
  dts: { entry: 'src/index.ts' },
  sourcemap: true,
  clean: true,
});
