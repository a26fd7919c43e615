//! Synthetic architecture repositories for scale tests: `scripts/bench-scale.sh` generates its
//! rows with it.
//!
//! ```text
//! cargo run --release --example gen_repo -- OUT_DIR --services N [--per-file K] [--seed S]
//!     [--no-openapi] [--no-asyncapi] [--no-adr] [--no-registry]
//! ```
//!
//! N services named svc-000000 ... are written K to a spec file (specs/part-NNNNN.yaml, a
//! `services:` map; default K=100; K=N puts them all in one file, specs/architecture.yaml; K=1
//! one file per service). Each service has:
//!
//! * ~3 synchronous dependencies on nearby services (forward, so acyclic), plus a back edge on
//!   every 100th service closing a dependency cycle, and an unknown dependency on every 1000th;
//! * some dependencies as `{service, timeout, failure_handling}` objects, the rest plain names;
//! * `events.publishes` (2 events of its own) and `events.subscribes` (2 events of others; every
//!   500th subscribes to an event nobody publishes);
//! * 3 `api_endpoints` and an `openapi:` field naming api/<svc>.yaml (unless --no-openapi), an
//!   OpenAPI 3.0 document whose operations `$ref` schemas and responses in the shared
//!   api/common.yaml (every 7th service's POST documents no 4xx; every 50th declares an endpoint
//!   its document lacks: api-drift);
//! * sla availability/latency, a data store (every 200th also a shared one), a domain, a
//!   responsibility.
//!
//! Event schemas: an `event_schemas:` registry per 100 services (events/registry-NNNNN.json,
//! every 20th event left out: event-without-schema). AsyncAPI 3.0: one document per 10 services
//! (asyncapi/group-NNNNN.yaml, `x-service` = the group's first service), sending its events and
//! receiving one; the messages' payloads `$ref` the shared asyncapi/common.yaml. ADRs: one per 5
//! services under docs/adr/ (MADR-ish, every 10th lacks `Consequences`, every 25th is superseded
//! by the next). One requirements file (requirements/nfr.yaml).
//!
//! Prints the number of files and bytes written. Deterministic for a given seed: the seed only
//! picks the forward dependencies (splitmix64, no dependency), everything else is fixed by the
//! service's index, so the flaws fall on the same services whatever the seed.

use clap::Parser;
use serde_json::{Map, Value, json};
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Writes a synthetic architecture repository for archlint's scale tests")]
struct Args {
    /// The folder to write into (created if missing).
    out: PathBuf,
    /// How many services.
    #[arg(long)]
    services: usize,
    /// Services per spec file: 1 writes a file per service, N all of them in one file.
    #[arg(long, default_value_t = 100)]
    per_file: usize,
    /// Seed of the random forward dependencies.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// No OpenAPI documents (and no `openapi:` field on the services).
    #[arg(long)]
    no_openapi: bool,
    /// No AsyncAPI documents.
    #[arg(long)]
    no_asyncapi: bool,
    /// No ADRs.
    #[arg(long)]
    no_adr: bool,
    /// No event schema registries.
    #[arg(long)]
    no_registry: bool,
}

/// splitmix64: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-shift; the bias is below 2^-58 for the small `n` used here).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

fn name(i: usize) -> String {
    format!("svc-{i:06}")
}

/// `(i - back) mod n`, never negative (Python's `%`).
fn back(i: usize, back: usize, n: usize) -> usize {
    (i as i64 - back as i64).rem_euclid(n as i64) as usize
}

const TECHNOLOGIES: [&str; 4] = ["Go", "Java/Spring", "Python/FastAPI", "Node.js"];

/// One service's entry in a `services:` map.
fn spec_entry(out: &mut String, i: usize, n: usize, rng: &mut Rng, openapi: bool) {
    let s = name(i);
    let _ = writeln!(out, "  {s}:");
    let _ = writeln!(out, "    domain: d{}", i % 37);
    let _ = writeln!(
        out,
        "    responsibility: \"Owns the {s} items and their lifecycle\""
    );
    let _ = writeln!(out, "    technology: \"{}\"", TECHNOLOGIES[i % 4]);
    if openapi {
        let _ = writeln!(out, "    openapi: ../api/{s}.yaml");
    }
    out.push_str("    api_endpoints:\n");
    let _ = writeln!(out, "      - \"GET /v1/{s}/items\"");
    let _ = writeln!(out, "      - \"POST /v1/{s}/items\"");
    let _ = writeln!(out, "      - \"GET /v1/{s}/items/:id\"");
    if i.is_multiple_of(50) {
        // Not in its OpenAPI document: api-drift.
        let _ = writeln!(out, "      - \"DELETE /v1/{s}/items/:id\"");
    }
    out.push_str("    data_stores:\n      - postgresql\n");
    if i.is_multiple_of(200) {
        let _ = writeln!(
            out,
            "      - {{name: shared-db-{}, type: postgresql}}",
            i / 1000
        );
    }
    let mut deps = BTreeSet::new();
    for _ in 0..3 {
        let j = i + 1 + rng.below(50);
        if j < n {
            deps.insert(j);
        }
    }
    if i % 100 == 45 && i + 5 < n {
        deps.insert(i + 5);
    }
    if i % 100 == 50 && i >= 5 {
        // A back edge: with the edge above, i-5 -> i -> i-5 is a cycle.
        deps.insert(i - 5);
    }
    if !deps.is_empty() || i % 1000 == 999 {
        out.push_str("    dependencies:\n");
        for (k, j) in deps.iter().enumerate() {
            if k.is_multiple_of(2) {
                let _ = writeln!(out, "      - {}", name(*j));
            } else {
                let _ = writeln!(out, "      - service: {}", name(*j));
                out.push_str("        timeout: 2s\n");
                out.push_str("        failure_handling: \"retry 3x, then circuit breaker\"\n");
            }
        }
        if i % 1000 == 999 {
            let _ = writeln!(out, "      - Missing Service {i}");
        }
    }
    out.push_str("    events:\n");
    let _ = writeln!(out, "      publishes: [{s}.created, {s}.updated]");
    let _ = write!(
        out,
        "      subscribes: [{}.created, {}.updated",
        name(back(i, 1, n)),
        name(back(i, 7, n))
    );
    if i.is_multiple_of(500) {
        let _ = write!(out, ", nobody.publishes.{i}");
    }
    out.push_str("]\n");
    out.push_str("    sla:\n");
    let availability = if i.is_multiple_of(3) {
        "99.5%"
    } else {
        "99.9%"
    };
    let _ = writeln!(out, "      availability: \"{availability}\"");
    let _ = writeln!(out, "      latency_p95: \"{}ms\"", 100 + (i % 5) * 50);
}

fn openapi_doc(i: usize) -> String {
    let s = name(i);
    let post_4xx = if i.is_multiple_of(7) {
        ""
    } else {
        "        '400':\n          $ref: 'common.yaml#/components/responses/BadRequest'\n"
    };
    format!(
        "openapi: 3.0.3
info:
  title: {s} API
  version: 1.0.0
  x-service: {s}
servers:
  - url: https://api.example.com
security:
  - bearer: []
paths:
  /v1/{s}/items:
    get:
      operationId: list_{i}
      parameters:
        - $ref: 'common.yaml#/components/parameters/Limit'
      responses:
        '200':
          description: the items
          content:
            application/json:
              schema:
                type: array
                items:
                  $ref: '#/components/schemas/Item'
        '400':
          $ref: 'common.yaml#/components/responses/BadRequest'
    post:
      operationId: create_{i}
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Item'
      responses:
        '201':
          description: created
{post_4xx}  /v1/{s}/items/{{id}}:
    get:
      operationId: get_{i}
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        '200':
          description: one item
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Item'
        '404':
          $ref: 'common.yaml#/components/responses/NotFound'
components:
  securitySchemes:
    bearer:
      type: http
      scheme: bearer
  schemas:
    Item:
      type: object
      required: [id]
      properties:
        id:
          type: string
        owner:
          $ref: 'common.yaml#/components/schemas/Owner'
        error:
          $ref: 'common.yaml#/components/schemas/Error'
"
    )
}

const COMMON_OPENAPI: &str =
    "# Shared components, referenced from every service's OpenAPI document.
components:
  parameters:
    Limit:
      name: limit
      in: query
      schema:
        type: integer
        minimum: 1
        maximum: 100
  schemas:
    Error:
      type: object
      required: [code, message]
      properties:
        code:
          type: string
        message:
          type: string
    Owner:
      type: object
      properties:
        id:
          type: string
        name:
          type: string
  responses:
    BadRequest:
      description: bad request
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Error'
    NotFound:
      description: not found
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Error'
";

const COMMON_ASYNCAPI: &str = "# Shared AsyncAPI components: the envelope every event payload uses.
components:
  schemas:
    Envelope:
      type: object
      required: [event_id, event_type, timestamp, data]
      properties:
        event_id:
          type: string
          format: uuid
        event_type:
          type: string
        timestamp:
          type: string
          format: date-time
        data:
          type: object
";

const NFR: &str = "non_functional_requirements:
  performance:
    - API response time: \"< 200ms p95\"
    - Throughput: \"10,000 requests/second\"
  availability:
    - Uptime: \"99.9%\"
  security:
    - \"OWASP Top 10 addressed\"
    - Encryption: \"TLS 1.3 everywhere\"
  scalability:
    - Handle growth gracefully
";

fn event_schema(event: &str) -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("https://example.com/events/{event}/v1"),
        "type": "object",
        "required": ["event_id", "event_type", "timestamp", "data"],
        "properties": {
            "event_id": {"type": "string", "format": "uuid"},
            "event_type": {"type": "string", "const": event},
            "timestamp": {"type": "string", "format": "date-time"},
            "data": {"type": "object", "required": ["id"],
                     "properties": {"id": {"type": "string"}, "count": {"type": "integer", "minimum": 0}}},
        },
        "examples": [{"event_id": "0b6f5a52-1f7e-4a0a-9c1e-2b1c9f7a1a11", "event_type": event,
                      "timestamp": "2024-01-01T00:00:00Z", "data": {"id": "x", "count": 1}}],
    })
}

/// The `event_schemas:` registry of services `start..end`, every 20th event left out.
fn registry(start: usize, end: usize) -> String {
    let mut schemas = Map::new();
    for i in start..end {
        for (updated, kind) in [(0, "created"), (1, "updated")] {
            if (i * 2 + updated) % 20 != 19 {
                let event = format!("{}.{kind}", name(i));
                let schema = event_schema(&event);
                schemas.insert(event, schema);
            }
        }
    }
    let registry = json!({ "event_schemas": schemas });
    serde_json::to_string_pretty(&registry).expect("a JSON value serializes")
}

/// The AsyncAPI document of group `g` (services `10g..10g+9`), led by its first service.
fn asyncapi_doc(g: usize, n: usize) -> String {
    let lead = g * 10;
    let s = name(lead);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "asyncapi: 3.0.0\ninfo:\n  title: {s} events\n  version: 1.0.0"
    );
    let _ = writeln!(out, "  x-service: {s}\nchannels:");
    let events = [
        format!("{s}.created"),
        format!("{s}.updated"),
        format!("{}.created", name(back(lead, 3, n))),
    ];
    for (k, event) in events.iter().enumerate() {
        let _ = writeln!(
            out,
            "  ch{k}:\n    address: {event}\n    messages:\n      m{k}:\n        name: {event}\n        payload:\n          $ref: 'common.yaml#/components/schemas/Envelope'"
        );
    }
    out.push_str("operations:\n");
    for k in 0..2 {
        let _ = writeln!(
            out,
            "  send{k}:\n    action: send\n    channel:\n      $ref: '#/channels/ch{k}'\n    messages:\n      - $ref: '#/channels/ch{k}/messages/m{k}'"
        );
    }
    out.push_str(
        "  recv:\n    action: receive\n    channel:\n      $ref: '#/channels/ch2'\n    messages:\n      - $ref: '#/channels/ch2/messages/m2'\n",
    );
    out
}

/// ADR `k` of `total`: every 10th lacks `Consequences`, every 25th is superseded by the next.
fn adr(k: usize, total: usize) -> String {
    let (first, last) = (name(k * 5), name(k * 5 + 4));
    let mut out = format!("# ADR {k:04}: Decision number {k} for services {first} to {last}\n\n");
    out.push_str("## Status\n\n");
    if k.is_multiple_of(25) && k + 1 < total {
        let _ = writeln!(out, "Superseded by ADR-{:04}", k + 1);
    } else {
        out.push_str("Accepted\n");
    }
    out.push_str("\n## Context\n\n");
    let _ = writeln!(
        out,
        "The services {first} .. {last} need a shared approach to retries.\n"
    );
    out.push_str("## Decision\n\nWe use exponential backoff with jitter, three attempts.\n\n");
    if !k.is_multiple_of(10) {
        out.push_str(
            "## Consequences\n\n- Fewer cascading failures\n- Slower failure detection\n\n",
        );
    }
    out.push_str("## Alternatives Considered\n\n- No retries\n");
    out
}

/// Writes files under one folder, creating their parents once, and counts what it wrote.
struct Writer {
    root: PathBuf,
    made: HashSet<PathBuf>,
    files: usize,
    bytes: usize,
}

impl Writer {
    fn write(&mut self, relative: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent()
            && !self.made.contains(parent)
        {
            fs::create_dir_all(parent)?;
            self.made.insert(parent.to_path_buf());
        }
        fs::write(&path, text)?;
        self.files += 1;
        self.bytes += text.len();
        Ok(())
    }
}

fn generate(args: &Args) -> io::Result<Writer> {
    let n = args.services;
    let per_file = args.per_file.max(1);
    let mut rng = Rng(args.seed);
    let mut writer = Writer {
        root: args.out.clone(),
        made: HashSet::new(),
        files: 0,
        bytes: 0,
    };
    let width = n.to_string().len().max(5);

    for start in (0..n).step_by(per_file) {
        let mut body = String::from("services:\n");
        for i in start..n.min(start + per_file) {
            spec_entry(&mut body, i, n, &mut rng, !args.no_openapi);
        }
        let file = if per_file < n {
            format!("specs/part-{:0width$}.yaml", start / per_file)
        } else {
            "specs/architecture.yaml".to_owned()
        };
        writer.write(&file, &body)?;
    }
    if !args.no_openapi {
        writer.write("api/common.yaml", COMMON_OPENAPI)?;
        for i in 0..n {
            writer.write(&format!("api/{}.yaml", name(i)), &openapi_doc(i))?;
        }
    }
    if !args.no_registry {
        for start in (0..n).step_by(100) {
            let text = registry(start, n.min(start + 100));
            writer.write(
                &format!("events/registry-{:0width$}.json", start / 100),
                &text,
            )?;
        }
    }
    if !args.no_asyncapi {
        writer.write("asyncapi/common.yaml", COMMON_ASYNCAPI)?;
        for g in 0..n.div_ceil(10) {
            writer.write(
                &format!("asyncapi/group-{g:0width$}.yaml"),
                &asyncapi_doc(g, n),
            )?;
        }
    }
    if !args.no_adr {
        let total = n.div_ceil(5);
        for k in 0..total {
            writer.write(&format!("docs/adr/{k:04}-decision-{k}.md"), &adr(k, total))?;
        }
    }
    writer.write("requirements/nfr.yaml", NFR)?;
    Ok(writer)
}

fn main() -> ExitCode {
    let args = Args::parse();
    match generate(&args) {
        Ok(writer) => {
            println!(
                "{}: {} services, {} files, {:.1} MB",
                args.out.display(),
                args.services,
                writer.files,
                writer.bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen_repo: cannot write {}: {error}", args.out.display());
            ExitCode::FAILURE
        }
    }
}
