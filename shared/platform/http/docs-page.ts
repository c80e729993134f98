import { escapeHtml as e } from '../html.js';

type Doc = { info: { title: string; description?: string }; paths?: Record<string, Record<string, Operation>> };
type Operation = {
  summary?: string;
  description?: string;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { description: string }>;
};

/** A plain, dependency-free API reference rendered from the OpenAPI document. */
export function renderApiReference(document: object): string {
  const doc = document as Doc;
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const params = (op.parameters ?? []).map((p) => `<li><code>${e(p.name)}</code> (${e(p.in)}${p.required ? ', required' : ''})</li>`).join('');
      const body = op.requestBody ? `<details><summary>Request body</summary><pre>${e(JSON.stringify(Object.values(op.requestBody.content)[0]?.schema, null, 2))}</pre></details>` : '';
      const responses = Object.entries(op.responses).map(([status, r]) => `<li><b>${e(status)}</b> ${e(r.description)}</li>`).join('');
      return `<section><h2><span class="m">${e(method.toUpperCase())}</span> <code>${e(path)}</code></h2>
<p>${e(op.summary ?? '')} ${e(op.description ?? '')}</p>${params ? `<h3>Parameters</h3><ul>${params}</ul>` : ''}${body}<h3>Responses</h3><ul>${responses}</ul></section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.info.title)} API reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}section{border-top:1px solid #ccc}pre{background:#f5f5f5;padding:.5rem;overflow:auto;max-height:30rem}.m{color:#05a}</style></head>
<body><h1>${e(doc.info.title)} API reference</h1><p>${e(doc.info.description ?? '')}</p><p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a></p>${operations.join('\n')}</body></html>`;
}
