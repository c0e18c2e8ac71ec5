// Bundles the editors that ship as ES modules for the test pages (into dist/, gitignored).
import { build } from "esbuild";

await build({
  entryPoints: {
    ckeditor5: "src/ckeditor5.js",
    prosemirror: "src/prosemirror.js",
    draft: "src/draft.jsx",
    slate: "src/slate.jsx",
    lexical: "src/lexical.js",
    tiptap: "src/tiptap.js",
    toastui: "src/toastui.js",
  },
  bundle: true,
  outdir: "dist",
  format: "iife",
  minify: true,
  logLevel: "warning",
  loader: { ".js": "jsx" },
  define: { "process.env.NODE_ENV": '"production"', global: "window" },
});
