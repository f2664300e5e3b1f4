# Production image: Node 22, production dependencies, a Remix build, migrations at start.
FROM node:22-bookworm-slim AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx remix vite:build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 PORT=3000
COPY --from=build /app /app
EXPOSE 3000
# DATABASE_URL selects SQLite (file:/data/replyreel.sqlite, mount /data) or PostgreSQL (postgres://…).
CMD ["sh", "-c", "node scripts/db.ts migrate && node server.ts"]
