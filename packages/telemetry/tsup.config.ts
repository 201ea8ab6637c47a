import { palTsup } from '@pal/tooling/tsup';
import { defineConfig } from 'tsup';

// one entry per sink, so an application that uses one sink never loads the other sinks' libraries
export default defineConfig(
  palTsup({ entry: ['src/index.ts', 'src/otel.ts', 'src/prometheus.ts', 'src/log.ts'] }),
);
