//! The `graph` family: the architecture as a whole: dependencies, cycles, events, data stores,
//! layers and the budgets that service-level promises imply.

mod availability_budget;
mod dependency_cycle;
mod event_without_schema;
mod latency_budget;
mod layer_violation;
mod missing_failure_handling;
mod missing_responsibility;
mod shared_datastore;
mod sync_chain_depth;
mod unconsumed_event;
mod unknown_service;
mod unpublished_event;

pub use availability_budget::AvailabilityBudget;
pub use dependency_cycle::DependencyCycle;
pub use event_without_schema::EventWithoutSchema;
pub use latency_budget::LatencyBudget;
pub use layer_violation::LayerViolation;
pub use missing_failure_handling::MissingFailureHandling;
pub use missing_responsibility::MissingResponsibility;
pub use shared_datastore::SharedDatastore;
pub use sync_chain_depth::SyncChainDepth;
pub use unconsumed_event::UnconsumedEvent;
pub use unknown_service::UnknownService;
pub use unpublished_event::UnpublishedEvent;

use crate::model::{Model, ServiceId};

/// A service's name for messages, in backticks.
fn name(model: &Model, id: ServiceId) -> String {
    format!("`{}`", model.service(id).name.value)
}
