import { defineConfig } from "vite";

export default defineConfig({
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The Firebase SDK in a chunk of its own: with the app it passed Vite's
        // 500 kB warning, and it changes far less often than the app (cached
        // across deploys). Same-origin module scripts, so the CSP's script-src
        // 'self' covers it.
        codeSplitting: { groups: [{ name: "firebase", test: /[\\/]node_modules[\\/](@firebase|firebase)[\\/]/ }] },
      },
    },
  },
});
