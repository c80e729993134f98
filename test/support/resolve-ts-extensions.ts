// jest's moduleNameMapper does not apply to globalSetup/globalTeardown, which node's own require
// loads. Our sources import siblings as `./x.js` (nodenext style); map those to the .ts files.
import Module from 'node:module';

type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
const original = moduleWithResolver._resolveFilename;
moduleWithResolver._resolveFilename = function (request: string, ...rest: unknown[]) {
  try {
    return original.call(this, request, ...rest);
  } catch (error) {
    if (/^\.{1,2}\/.*\.js$/.test(request)) return original.call(this, request.replace(/\.js$/, '.ts'), ...rest);
    throw error;
  }
};
