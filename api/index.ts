export { type ApiDeps, buildApi } from './app.js';
export { SearchQuery } from './schemas.js';
