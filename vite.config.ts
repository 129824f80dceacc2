import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/** Staff console: `src/web` is the app root; pages may come from `src/modules/<name>/ui`. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:3000',
        // The console's own sources live in src/web/api/ (served as /api/client.ts in dev): serve those
        // from disk, proxy everything else under /api to the server.
        bypass: (req) => {
          const url = (req.url ?? '').split('?')[0] ?? '';
          return /\.(ts|tsx|js|json)$/.test(url) && existsSync(path.join(root, url)) ? req.url : undefined;
        },
      },
    },
    fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] },
  },
  build: {
    outDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React, its DOM renderer and the router change rarely: one long-cached chunk.
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/,
              priority: 40,
            },
            // ECharts only ever loads with a page that draws a chart.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 30 },
            // The part of antd the shell needs at start; components used only by one page stay in its chunk.
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs|classnames|clsx|@babel[\\/]runtime)[\\/]/,
              tags: ['$initial'],
              priority: 20,
            },
            { name: 'vendor', test: /node_modules[\\/]/, tags: ['$initial'], priority: 10 },
          ],
        },
      },
    },
  },
});
