/** Wrangler bundles `.md` files as text (wrangler.toml `[[rules]]`): the template on Workers. */
declare module '*.md' {
  const text: string;
  export default text;
}
