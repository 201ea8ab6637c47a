import { palVitest } from '@pal/tooling/vitest';
import { defineConfig } from 'vitest/config';

export default defineConfig(palVitest());
