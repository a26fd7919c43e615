//! The `deployment` family: does the deployment architecture (`environments:`, seed 004) have
//! the environments and the recovery plan the requirements need?

mod missing_disaster_recovery;
mod missing_environment;
mod nfr_deployment_conflict;

pub use missing_disaster_recovery::MissingDisasterRecovery;
pub use missing_environment::MissingEnvironment;
pub use nfr_deployment_conflict::NfrDeploymentConflict;

use crate::model::normalize;

/// An environment name as compared: like a service name, with `dev`, `stage` and `prod`
/// standing for `development`, `staging` and `production`.
pub(crate) fn environment(name: &str) -> String {
    let name = normalize(name);
    match name.as_str() {
        "dev" => "development".to_string(),
        "stage" | "stg" => "staging".to_string(),
        "prod" | "prd" => "production".to_string(),
        _ => name,
    }
}
