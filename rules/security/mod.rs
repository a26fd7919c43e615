//! The `security` family: is the security architecture (`security_layers:`, seed 004) complete,
//! current, and in agreement with the requirements and the APIs?

mod compliance_mismatch;
mod insecure_server_url;
mod missing_encryption;
mod weak_tls;

pub use compliance_mismatch::ComplianceMismatch;
pub use insecure_server_url::InsecureServerUrl;
pub use missing_encryption::MissingEncryption;
pub use weak_tls::WeakTls;
