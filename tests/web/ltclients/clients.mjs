// LanguageTool's npm clients against a Reply Coach server, for tests/web/test_ltapi_clients.py.
//
//   node clients.mjs html BASE HTML      annotatedtext-rehype turns the HTML into LanguageTool's annotated
//                                        text; it is checked as `data`; prints each match's rule and the
//                                        HTML's own characters at its offset and length
//   node clients.mjs lt-api BASE TEXT    languagetool-api's check, showMistakes and bestSuggestion
//
// BASE is the server's LanguageTool address without /v2, e.g. http://127.0.0.1:8080/lt/<key>.
import { createRequire } from "node:module";
import { build } from "annotatedtext-rehype";

const [mode, base, input] = process.argv.slice(2);

async function html() {
  const annotated = build(input);
  const body = new URLSearchParams({ language: "en-US", data: JSON.stringify(annotated) });
  const response = await fetch(`${base}/v2/check`, { method: "POST", body });
  const answer = await response.json();
  const found = answer.matches.map((m) => ({ rule: m.rule.id, text: input.slice(m.offset, m.offset + m.length) }));
  console.log(JSON.stringify(found));
}

function ltApi() {
  // languagetool-api calls languagetool.org, written into it; its HTTP goes through the `request` package,
  // which is wrapped here to send the same request to BASE instead.
  const require = createRequire(import.meta.url);
  const requestPath = require.resolve("request", { paths: [require.resolve("languagetool-api")] });
  const request = require(requestPath);
  const redirected = (url, callback) => request(url.replace("https://languagetool.org/api", base), callback);
  require.cache[requestPath].exports = redirected;
  const api = require("languagetool-api");
  api.check({ language: "en-US", text: input }, (error, answer) => {
    if (error) throw error;
    api.showMistakes(answer, (mistakes) => {
      api.bestSuggestion(answer, (suggestions) => {
        console.log(JSON.stringify({ mistakes, suggestions }));
      });
    });
  });
}

if (mode === "html") await html();
else if (mode === "lt-api") ltApi();
else throw new Error(`unknown mode ${mode}`);
