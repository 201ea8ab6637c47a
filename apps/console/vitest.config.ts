import { palVitest } from '@pal/tooling/vitest';
import { defineConfig } from 'vitest/config';

// the browser walk-through starts a gateway, its emulators and Chromium: give it room
export default defineConfig(palVitest({ testTimeout: 120_000, hookTimeout: 120_000 }));
