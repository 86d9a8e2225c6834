/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and the Postgres driver are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Forms here carry a few hundred bytes; anything near this is not a form of ours.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  typedRoutes: false,
  // `next dev` serves its scripts to localhost only; 127.0.0.1 is the same machine (and what the
  // Playwright kit's guide uses), so let pages opened there hydrate too.
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
