/**
 * web/: the pages served at / by the API (a Fastify plugin; the browser modules in web/public have
 * no build step). The API registers `webPages`; nothing else of web/ is used outside it.
 * @module
 */
export { webPages } from './plugin.js';
