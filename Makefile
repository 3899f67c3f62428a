SHELL := /bin/bash
COMPOSE_FILE := docker-compose-dev.yaml
DATASET ?= .data/dataset.zip

default: build

# Packages bin/server/ and bin/client/ for the Docker host (scripts/build.sh).
build:
	bash scripts/build.sh
.PHONY: build

# Builds debian:bookworm-slim and busybox:1.36 locally when they are absent.
offline-images:
	bash scripts/offline-images.sh
.PHONY: offline-images

docker-image: build
	docker build -f ./Dockerfile.server -t "server:latest" .
	docker build -f ./Dockerfile.client -t "client:latest" .
.PHONY: docker-image

docker-compose-up: docker-image
	docker compose -f $(COMPOSE_FILE) up -d --build
.PHONY: docker-compose-up

docker-compose-down:
	docker compose -f $(COMPOSE_FILE) stop -t 1
	docker compose -f $(COMPOSE_FILE) down
.PHONY: docker-compose-down

docker-compose-logs:
	docker compose -f $(COMPOSE_FILE) logs -f
.PHONY: docker-compose-logs

test:
	deno task test
.PHONY: test

# Needs Docker and the images from offline-images.
test-e2e:
	deno task test:e2e
.PHONY: test-e2e

# Unpacks agency-1.csv..agency-N.csv into .data/ for the compose file's mounts:
# make dataset DATASET=path/to/dataset.zip
dataset:
	unzip -o -q "$(DATASET)" -d .data
.PHONY: dataset
