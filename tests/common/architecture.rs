//! A generated architecture for scale tests and the benchmark: 10,000 services with random
//! dependencies, deterministic (a fixed seed, no dependency). Shared by `tests/scale.rs` and
//! `benches/graph.rs`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const SERVICES: usize = 10_000;
const SEED: u64 = 0x5eed_a4c4_1107_2024;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// What the generator wrote.
pub struct Generated {
    /// Dependency items, all to distinct defined services, none to the service itself.
    pub dependencies: usize,
    /// Those of them that are synchronous (not `via: event`).
    pub sync: usize,
}

pub fn service_name(index: usize) -> String {
    format!("svc-{index:05}")
}

/// Writes `SERVICES` services in shape A over `files` YAML files under `folder`: each depends on
/// 1 to 5 (3 on average) other services, as a plain name, `{service, timeout}` or
/// `{service, via: event}`.
pub fn generate(folder: &Path, files: usize) -> Generated {
    fs::create_dir_all(folder).unwrap();
    let mut rng = Rng(SEED);
    let mut generated = Generated {
        dependencies: 0,
        sync: 0,
    };
    let per_file = SERVICES.div_ceil(files);
    for file in 0..files {
        let mut text = String::from("services:\n");
        for index in file * per_file..((file + 1) * per_file).min(SERVICES) {
            let count = 1 + rng.below(5);
            let mut targets = Vec::with_capacity(count);
            while targets.len() < count {
                let target = rng.below(SERVICES);
                if target != index && !targets.contains(&target) {
                    targets.push(target);
                }
            }
            let items: Vec<String> = targets
                .iter()
                .map(|&target| {
                    let target = service_name(target);
                    match rng.below(6) {
                        0 => format!("{{service: {target}, timeout: 1s}}"),
                        1 => format!("{{service: {target}, via: event}}"),
                        _ => target,
                    }
                })
                .collect();
            generated.dependencies += items.len();
            generated.sync += items
                .iter()
                .filter(|item| !item.contains("via: event"))
                .count();
            write!(
                text,
                "  {}:\n    responsibility: \"Handles share {index} of the work\"\n    \
                 depends_on: [{}]\n    sla: {{availability: \"99.9%\", latency_p95: \"100ms\"}}\n",
                service_name(index),
                items.join(", ")
            )
            .unwrap();
        }
        fs::write(folder.join(format!("services-{file:02}.yaml")), text).unwrap();
    }
    generated
}
