# Tally's production image: the Next.js standalone server (`output: 'standalone'`) and only
# the node_modules it uses, run as a non-root user. On start it applies the pending
# migrations and the ledger's SQL (TALLY_MIGRATE_ON_START, src/instrumentation.ts), then
# serves on PORT. It needs DATABASE_URI (an external PostgreSQL) and PAYLOAD_SECRET.
#   docker build -t tally .
#   docker run -e DATABASE_URI=postgres://… -e PAYLOAD_SECRET=… -p 3000:3000 tally
# docker-compose.yml builds it and runs it with PostgreSQL.

# The Node.js the repository is tested on (package.json engines; CI).
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. dependencies, from the lockfile only (cached until it changes)
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. the production build: .next/standalone with the static files copied in (src/cli/build.ts)
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

# 3. what runs: the standalone output only — no sources, no dev dependencies, no npm scripts
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    TALLY_MIGRATE_ON_START=true
RUN groupadd --system --gid 1001 tally \
    && useradd --system --uid 1001 --gid tally --home-dir /app --shell /usr/sbin/nologin tally
COPY --from=build --chown=tally:tally /app/.next/standalone ./
USER tally
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
