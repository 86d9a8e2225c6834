/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and the Postgres driver are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@node-rs/argon2"],
  poweredByHeader: false,
  // Forms here carry a few hundred bytes; anything near this is not a form of ours.
  experimental: { serverActions: { bodySizeLimit: "64kb" } },
  typedRoutes: false,
};

export default nextConfig;
