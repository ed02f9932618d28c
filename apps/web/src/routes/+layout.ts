// A single-page app: the API serves the built files and falls back to index.html.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
