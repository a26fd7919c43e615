# A small image holding only the static archlint binary (musl), to run in any CI:
#
#   docker build -t archlint .
#   docker run --rm -v "$PWD:/work" archlint check .
#
# The build stage compiles with Cargo.lock as committed; the image is `scratch` plus the binary.
FROM rust:1-alpine AS build
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY . .
RUN cargo build --release --locked && cp target/release/archlint /archlint

FROM scratch
COPY --from=build /archlint /archlint
WORKDIR /work
ENTRYPOINT ["/archlint"]
CMD ["check", "."]
