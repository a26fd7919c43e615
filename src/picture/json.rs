//! The picture as JSON: `nodes` (`id`, `label`, `kind`, `group`) and `edges` (`from`, `to`,
//! `line`, `highlighted`).

use super::Picture;
use std::io::{self, Write};

pub fn write(picture: &Picture, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, picture).map_err(io::Error::from)?;
    writeln!(out)
}
