import { html, joinHtml, raw } from '../html.js';

type Doc = { info: { title: string; description?: string }; paths?: Record<string, Record<string, Operation>> };
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
};

/** A plain, dependency-free API reference rendered from the OpenAPI document. */
const STYLE = raw('body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}section{border-top:1px solid #ccc}pre{background:#f5f5f5;padding:.5rem;overflow:auto;max-height:30rem}.m{color:#05a}');

/** A plain, dependency-free API reference rendered from the OpenAPI document. */
export function renderApiReference(document: object): string {
  const doc = document as Doc;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => html`<li><code>${p.name}</code> (${p.in}${p.required ? ', required' : ''})</li>`);
      const body = op.requestBody ? html`<details><summary>Request body</summary><pre>${JSON.stringify(Object.values(op.requestBody.content)[0]?.schema, null, 2)}</pre></details>` : '';
      const responses = Object.entries(op.responses).map(([status, r]) => html`<li><b>${status}</b> ${r.description}</li>`);
      return html`<section><h2><span class="m">${method.toUpperCase()}</span> <code>${path}</code></h2>
<p>${op.summary ?? ''} ${op.description ?? ''}</p>${params.length ? html`<h3>Parameters</h3><ul>${params}</ul>` : ''}${body}<h3>Responses</h3><ul>${responses}</ul></section>`;
    }),
  );
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} API reference</title>
<style>${STYLE}</style></head>
<body><h1>${doc.info.title} API reference</h1><p>${doc.info.description ?? ''}</p><p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a></p>${joinHtml(operations, '\n')}</body></html>`.toString();
}
