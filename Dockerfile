# One image for the API and the worker (the command differs).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/package.json ./
USER node
EXPOSE 3000
# The API's memory settings, as the bench runs it (bench/src/server.ts explains them; server.spec.ts
# checks this file agrees): glibc malloc arenas bounded, 16 MiB semi-spaces, old generation 192 MiB.
ENV MALLOC_ARENA_MAX=2
CMD ["node", "--enable-source-maps", "--max-semi-space-size=16", "--max-old-space-size=192", "dist/apps/api/src/main.js"]
