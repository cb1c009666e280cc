import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// During `npm run dev`, API calls go to a running tsunagu server so the
// session cookie stays same-origin, exactly as in production.
const apiTarget = process.env.TSUNAGU_API ?? 'http://127.0.0.1:18080'

export default defineConfig({
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts and styles, and government
    // networks may have no CDN: every asset becomes a file under dist/assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
    },
  },
})
