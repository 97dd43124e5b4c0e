# Signoff production image: the admin is built at image build time.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npx next build
EXPOSE 3000
CMD ["npm", "start"]
