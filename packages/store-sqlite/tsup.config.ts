import { palTsup } from '@pal/tooling/tsup';
import { defineConfig } from 'tsup';

export default defineConfig(palTsup());
