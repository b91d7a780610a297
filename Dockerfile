# syntax=docker/dockerfile:1
# Reverse Mentoring Bot. The build stage compiles TypeScript into dist/; the runtime stage holds dist/, the
# migrations and the runtime dependencies only: no compiler, no Prisma CLI, no tsx, no emulator.
# Untested: no image can be pulled on the machine this project is built and tested on. The npm and node
# commands below are the README's "Production" steps; tests/unit/dockerfile.test.ts keeps the two equal.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/generate-prisma.mjs scripts/
COPY prisma/ prisma/
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/generate-prisma.mjs scripts/
# Without devDependencies in package.json: npm installs a devDependency that is also an optional peer of a
# runtime dependency (prisma and typescript, peers of @prisma/client) even with --omit=dev (npm/cli#7772).
RUN npm pkg delete devDependencies && npm ci --omit=dev && npm cache clean --force
COPY prisma/ prisma/
COPY --from=build /app/dist/ dist/
# `rm-bot migrate`, `rm-bot tick`, ... on the PATH; a folder the bot's user may write for the SQLite default.
RUN chmod +x dist/cli.js && ln -s /app/dist/cli.js /usr/local/bin/rm-bot && mkdir -p data && chown node:node data
USER node
ENV PORT=3000 DATABASE_URL=file:/app/data/rm.db
EXPOSE 3000
VOLUME ["/app/data"]
# Liveness: the process answers. Readiness (database reachable, migrations applied, not draining) is /readyz,
# for the orchestrator or proxy that routes traffic.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
