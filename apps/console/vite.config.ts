import { defineConfig } from 'vite';

// `pnpm dev` against a running gateway: PAL_GATEWAY_URL=http://127.0.0.1:8787 pnpm --filter @pal/console dev
const gateway = process.env.PAL_GATEWAY_URL;

export default defineConfig({
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, sourcemap: false },
  ...(gateway && { server: { proxy: { '/api': gateway, '/v1': gateway } } }),
});
