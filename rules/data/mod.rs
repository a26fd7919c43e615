//! The `data` family: does the data architecture (`data_stores:`, seed 004) agree with the
//! services' own specs?

mod cache_without_ttl;
mod datastore_mismatch;

pub use cache_without_ttl::CacheWithoutTtl;
pub use datastore_mismatch::DatastoreMismatch;
