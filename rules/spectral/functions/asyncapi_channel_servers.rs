//! `asyncApi2ChannelServers`: each server an AsyncAPI 2 channel names in its `servers` is one of
//! the document's `servers`.

use super::asyncapi_specs::no_options;
use crate::spectral::functions::{Apply, Failure, FunctionContext, OptionError, print};
use crate::value::Value;

pub fn compile(options: Option<&Value>) -> Result<Box<dyn Apply>, Vec<OptionError>> {
    no_options("asyncApi2ChannelServers", options)?;
    Ok(Box::new(ChannelServers))
}

#[derive(Debug)]
struct ChannelServers;

impl Apply for ChannelServers {
    fn apply(&self, target: Option<&Value>, context: &FunctionContext<'_>) -> Vec<Failure> {
        let Some(Value::Object(document)) = target else {
            return Vec::new();
        };
        let Some(Value::Object(channels)) = document.get("channels") else {
            return Vec::new();
        };
        // Spectral's input schema: a `servers` that is not a mapping, or a channel's `servers`
        // that is not a list of names, and the function says nothing.
        let servers = match document.get("servers") {
            Some(Value::Object(servers)) => Some(servers),
            None => None,
            Some(_) => return Vec::new(),
        };
        // Spectral judges the document with its references followed: a channel may be a local
        // reference (reported at the reference).
        let channel_at = |channel| super::resolve(context.document, channel).unwrap_or(channel);
        let well_formed = channels.values().all(|channel| match channel_at(channel) {
            Value::Object(channel) => match channel.get("servers") {
                None => true,
                Some(Value::Array(names)) => names.iter().all(Value::is_string),
                Some(_) => false,
            },
            _ => false,
        });
        if !well_formed {
            return Vec::new();
        }
        let mut failures = Vec::new();
        for (address, channel) in channels {
            let Some(Value::Array(names)) = channel_at(channel).get("servers") else {
                continue;
            };
            for (index, name) in names.iter().enumerate() {
                let defined = name
                    .as_str()
                    .is_some_and(|name| servers.is_some_and(|servers| servers.contains_key(name)));
                if !defined {
                    let channel = print::join_pointer("/channels", address);
                    failures.push(Failure {
                        message: "Channel contains server that are not defined on the \"servers\" object.".to_string(),
                        pointer: format!("{channel}/servers/{index}"),
                    });
                }
            }
        }
        failures
    }
}
