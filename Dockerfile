# One image for every role: api, poller, notifier (the command picks the role).
FROM node:20-bookworm-slim
RUN npm install -g pnpm@12.4.2
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @radar/web build
ENV NODE_ENV=production PORT=8080
EXPOSE 8080
CMD ["pnpm", "radar", "serve"]
