# The API as a container image (used by docker-compose.yml).
FROM node:24-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci runs the `prepare` script (build-if-changed), which has nothing to build before the sources come.
COPY scripts ./scripts
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# npm start and token:admin run scripts/build-if-changed.mjs first; with no sources here it does nothing.
COPY scripts ./scripts
# The data volume (read models, generated secrets) belongs to the unprivileged user the API runs as;
# a new named volume mounted on /data takes this ownership.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# `docker compose exec api npm run -s token:admin -- --name NAME` runs dist/apps/api/src/cli/issue-admin-token.js here.
CMD ["node", "dist/apps/api/src/main.js"]
